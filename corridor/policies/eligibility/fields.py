"""The registry fields a condition may test, their types, and which operators each type accepts.

An organisation is a plain mapping from these field names to values (see `profile.load_org`). A field
that is absent or None is *unknown*: a condition on it answers "unknown" and names the field, which then
becomes a profile field the member can fill in. Labels are bilingual data, not gettext strings, because
this module runs without Django (the CLI, the benchmark); the app shows its own translated labels.
"""

from __future__ import annotations

from dataclasses import dataclass

# Field types. A "band" is an ordered choice (gte/lte compare ranks); "number" includes the derived age.
CHOICE, BAND, BOOL, NUMBER, REGION, SET, CERTIFICATES = "choice", "band", "bool", "number", "region", "set", "certificates"

OPERATORS: dict[str, frozenset[str]] = {
    CHOICE: frozenset({"eq", "ne", "in", "not_in", "exists"}),
    BAND: frozenset({"eq", "ne", "in", "not_in", "gte", "lte", "between", "exists"}),
    BOOL: frozenset({"eq", "ne", "exists"}),
    NUMBER: frozenset({"eq", "ne", "gt", "gte", "lt", "lte", "between", "exists"}),
    REGION: frozenset({"within_region", "exists"}),
    SET: frozenset({"has_any", "has_all", "has_none", "exists"}),
    CERTIFICATES: frozenset({"has_any", "valid_on", "exists"}),
}
ALL_OPERATORS = frozenset().union(*OPERATORS.values())

# Certificate kinds a policy may ask for (Chinese name, English name).
CERTIFICATE_KINDS: dict[str, tuple[str, str]] = {
    "hnte": ("高新技术企业", "High and new technology enterprise"),
    "srdi": ("专精特新中小企业", "Specialised, refined, distinctive and innovative SME"),
    "little_giant": ("专精特新“小巨人”企业", "SRDI “little giant”"),
    "tech_sme": ("科技型中小企业", "Technology-based SME"),
    "single_champion": ("制造业单项冠军", "Manufacturing single champion"),
    "enterprise_tech_center": ("企业技术中心", "Enterprise technology centre"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label_zh: str
    label_en: str
    choices: tuple[str, ...] = ()  # for choice/band (in rank order for a band); empty = open vocabulary
    profile_field: str = ""  # what the member fills in when the field is unknown (defaults to `name`)

    @property
    def fill_in(self) -> str:
        return self.profile_field or self.name


FIELDS: dict[str, Field] = {f.name: f for f in (
    Field("kind", CHOICE, "机构类型", "organisation kind",
          ("enterprise", "institute", "university", "government", "association", "investor")),
    Field("region", REGION, "所在地区", "region"),
    Field("size_band", BAND, "企业规模", "size band", ("micro", "small", "medium", "large")),
    Field("is_head_enterprise", BOOL, "链主/龙头企业", "head enterprise"),
    # Age in whole years on the evaluation date, from founded_on (or only founded_year: then it may be unknown).
    Field("age", NUMBER, "成立年限", "years since founding", profile_field="founded_on"),
    Field("industries", SET, "所属行业", "industries"),
    Field("chain_segments", SET, "产业链环节", "chain segments"),
    Field("alliances", SET, "所属联盟", "alliance membership"),
    Field("certificates", CERTIFICATES, "资质认定", "certificates"),
    Field("rnd_share", NUMBER, "研发费用占营业收入比例（%）", "R&D spending share of revenue (%)"),
    Field("revenue_band", BAND, "营业收入规模", "revenue band",
          ("under_10m", "10m_50m", "50m_200m", "200m_1b", "1b_plus")),
    Field("employees", NUMBER, "从业人员数", "employees"),
    Field("has_rnd_project", BOOL, "有在研项目", "has an R&D project"),
    Field("has_instrument", BOOL, "有共享仪器设备", "has a shared instrument"),
)}


# What an "unknown" answer asks the member to fill in (Field.fill_in), with its bilingual label.
PROFILE_FIELDS: dict[str, tuple[str, str]] = {
    spec.fill_in: (spec.label_zh, spec.label_en) for spec in FIELDS.values() if not spec.profile_field
} | {"founded_on": ("成立日期", "date founded")}


def region_prefix(code: str) -> str:
    """The significant digits of a GB 2260 code: 330000 → 33, 330100 → 3301, 330106 → 330106.

    Containment is prefix containment: a city's code covers its districts, a province's its cities.
    """
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code
