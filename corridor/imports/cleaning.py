"""One imported row → the organisation fields it sets, or the reasons it cannot be imported.

Values are read the way secretariats write them: 是/否 and yes/no, 2018 or 2018-05-01 or 2018年5月,
industries by slug or name in either language separated by 、;, kinds and sizes by code or by label in
either language, a website without https://. An empty cell sets nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_noop

from corridor.core.texts import Text
from corridor.imports.headers import fold_header
from corridor.orgs import uscc
from corridor.orgs.models import Industry, Organisation
from corridor.orgs.validators import uscc_problem
from corridor.regions.models import Region

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LIST_SPLIT = re.compile(r"[;,，、|；/]+")
_ALIAS_SPLIT = re.compile(r"[;|；]+")
_TRUE = {"1", "true", "yes", "y", "t", "是", "对", "√", "✓", "有"}
_FALSE = {"0", "false", "no", "n", "f", "否", "不", "×", "✗", "无", ""}
_KIND_WORDS = {
    "enterprise": ("企业", "公司", "company"),
    "institute": ("科研院所", "研究院", "研究所", "科研机构", "researchinstitute", "institute"),
    "university": ("高校", "大学", "院校", "高等院校", "college"),
    "government": ("政府", "政府机构", "政府部门", "机关", "government", "governmentbody"),
    "association": ("协会", "社会组织", "社团", "行业协会", "商会"),
    "investor": ("投资机构", "投资", "基金", "创投"),
}
_SIZE_WORDS = {"micro": ("微型", "微"), "small": ("小型", "小"), "medium": ("中型", "中"), "large": ("大型", "大")}
TEXT_FIELDS = ("name_zh", "name_en", "short_name", "address", "description_zh", "description_en", "contact_name",
               "contact_phone")


@dataclass
class Lookups:
    """What cleaning needs from the database, read once per import."""

    regions: dict[str, tuple[int, int | None, int | None]]  # code → (region, city, province) ids
    region_names: dict[str, str]  # folded city/district/province name (zh short, zh, en) → code
    industries: dict[str, int]  # folded slug / zh name / en name → industry id
    industry_slugs: dict[int, str]
    kinds: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, str] = field(default_factory=dict)
    max_lengths: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Lookups:
        from corridor.regions.services import hierarchy

        regions: dict[str, tuple[int, int | None, int | None]] = {}
        names: dict[str, str] = {}
        for region in Region.objects.select_related("parent__parent"):
            city, province = hierarchy(region)
            regions[region.code] = (region.pk, city.pk if city else None, province.pk if province else None)
            short = region.name_zh
            for suffix in ("省", "市", "区", "县"):
                if short.endswith(suffix) and len(short) > 2:
                    short = short[: -len(suffix)]
                    break
            for name in (region.name_zh, short, region.name_en, region.name_en.replace(" District", "")):
                # A city wins over a district of the same name: 市 before 区.
                key = fold_header(name)
                if key and (key not in names or region.level == Region.Level.CITY):
                    names[key] = region.code
        industries: dict[str, int] = {}
        slugs: dict[int, str] = {}
        for industry in Industry.objects.all():
            slugs[industry.pk] = industry.slug
            for name in (industry.slug, industry.name_zh, industry.name_en):
                industries[fold_header(name)] = industry.pk
        kinds = {fold_header(k): k for k in Organisation.Kind.values}
        sizes = {fold_header(s): s for s in Organisation.SizeBand.values}
        for language in ("en", "zh-hans"):
            with translation.override(language):
                kinds.update({fold_header(str(label)): value for value, label in Organisation.Kind.choices})
                sizes.update({fold_header(str(label)): value for value, label in Organisation.SizeBand.choices})
        for value, words in _KIND_WORDS.items():
            kinds.update({fold_header(w): value for w in words})
        for value, words in _SIZE_WORDS.items():
            sizes.update({fold_header(w): value for w in words})
        lengths = {}
        for name in (*TEXT_FIELDS, "website", "contact_email"):
            limit = getattr(Organisation._meta.get_field(name), "max_length", None)
            if limit:  # descriptions are text without a limit
                lengths[name] = limit
        return cls(regions, names, industries, slugs, kinds, sizes, lengths)


@dataclass
class Problem:
    field: str
    reason: str


_email = EmailValidator()
_url = URLValidator(schemes=["http", "https"])
# Plain addresses, the great majority, are accepted by these without Django's validators (a quarter of the
# cleaning time). Each pattern accepts only what the validator accepts; anything else goes to the validator.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PLAIN_URL = re.compile(rf"https?://(?:{_LABEL}\.)+[a-z]{{2,63}}(?:[/?#][^\s]*)?", re.IGNORECASE | re.ASCII)
_PLAIN_EMAIL = re.compile(rf"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:{_LABEL}\.)+[a-z]{{2,63}}", re.IGNORECASE | re.ASCII)
_UNKNOWN_KIND = gettext_noop("Unknown kind of organisation: %(value)s")
_UNKNOWN_SIZE = gettext_noop("Unknown size: %(value)s")


_folded: dict[str, str] = {}


def _fold(text: str) -> str:
    """fold_header, remembered: kinds, sizes, yes/no, industries and cities repeat down a file's columns."""
    folded = _folded.get(text)
    if folded is None:
        folded = fold_header(text)
        if len(_folded) < 50_000:
            _folded[text] = folded
    return folded


def _valid_url(site: str) -> bool:
    if len(site) <= 2048 and _PLAIN_URL.fullmatch(site):
        return True
    try:
        _url(site)
    except ValidationError:
        return False
    return True


def _valid_email(address: str) -> bool:
    if len(address) <= 320 and _PLAIN_EMAIL.fullmatch(address):
        return True
    try:
        _email(address)
    except ValidationError:
        return False
    return True


def clean_row(raw: dict[str, str], lookups: Lookups) -> tuple[dict[str, Any], list[Problem]]:
    """`raw`: field → cell text (mapped columns only). Returns the values to set and the problems found."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    cells = {k: (v or "").strip() for k, v in raw.items()}
    name = cells.pop("name", "")
    if name:
        target = "name_zh" if _HAN.search(name) else "name_en"
        if not cells.get(target):
            cells[target] = name
        elif not cells.get("name_en" if target == "name_zh" else "name_zh"):
            cells["name_en" if target == "name_zh" else "name_zh"] = name
    for fname in TEXT_FIELDS:
        if cells.get(fname):
            values[fname] = cells[fname]
    if not values.get("name_zh") and not values.get("name_en"):
        problems.append(Problem("name_zh", Text(gettext_noop("The organisation has no name (Chinese or English)."))))
    if cells.get("uscc"):
        try:
            values["uscc"] = uscc.validate(cells["uscc"])
        except uscc.USCCError:
            try:
                uscc.validate(cells["uscc"])
            except uscc.USCCError as exc:  # the validator's message, kept as ids: said in the reader's language
                problems.append(Problem("uscc", uscc_problem(exc)))
    if cells.get("aliases"):
        values["aliases"] = [a.strip() for a in _ALIAS_SPLIT.split(cells["aliases"]) if a.strip()]
    _choice(cells, "kind", lookups.kinds, values, problems, _UNKNOWN_KIND)
    _choice(cells, "size_band", lookups.sizes, values, problems, _UNKNOWN_SIZE)
    for fname in ("is_head_enterprise", "listed"):
        if fname in cells and cells[fname] != "":
            flag = _fold(cells[fname])
            if flag in _TRUE:
                values[fname] = True
            elif flag in _FALSE:
                values[fname] = False
            else:
                problems.append(Problem(fname, Text(gettext_noop("Write yes or no (是/否), not %(value)s"), value=cells[fname])))
    if cells.get("founded_year"):
        year = _year(cells["founded_year"])
        if year is None:
            problems.append(Problem("founded_year", Text(gettext_noop("Not a year: %(value)s"), value=cells["founded_year"])))
        else:
            values["founded_year"] = year
    if cells.get("website"):
        site = cells["website"]
        if "://" not in site:
            site = "https://" + site
        if _valid_url(site):
            values["website"] = site
        else:
            problems.append(Problem("website", Text(gettext_noop("Not a web address: %(value)s"), value=cells["website"])))
    if cells.get("contact_email"):
        if _valid_email(cells["contact_email"]):
            values["contact_email"] = cells["contact_email"]
        else:
            problems.append(Problem("contact_email", Text(gettext_noop("Not an e-mail address: %(value)s"), value=cells["contact_email"])))
    if cells.get("industries"):
        ids = []
        for part in _LIST_SPLIT.split(cells["industries"]):
            if not part.strip():
                continue
            found = lookups.industries.get(_fold(part))
            if found is None:
                problems.append(Problem("industries", Text(gettext_noop("Unknown industry: %(slug)s"), slug=part.strip())))
            else:
                ids.append(found)
        values["industries"] = sorted(set(ids))
    if cells.get("region"):
        code = cells["region"]
        if code not in lookups.regions:
            problems.append(Problem("region", Text(gettext_noop("Unknown administrative code: %(value)s"), value=code)))
        else:
            values["region_code"] = code
    elif cells.get("city"):
        city_code = lookups.region_names.get(_fold(cells["city"]))
        if city_code is None:
            problems.append(Problem("city", Text(gettext_noop("Unknown city: %(value)s"), value=cells["city"])))
        else:
            values["city_code"] = city_code
    for fname, limit in lookups.max_lengths.items():
        value = values.get(fname)
        if isinstance(value, str) and len(value) > limit:
            problems.append(Problem(fname, Text(gettext_noop("Too long: at most %(limit)s characters, this has %(n)s."),
                                                limit=limit, n=len(value))))
    return values, problems


def _choice(cells: dict[str, str], fname: str, table: dict[str, str], values: dict[str, Any],
            problems: list[Problem], message: str | Promise) -> None:
    if cells.get(fname):
        found: str | None = table.get(_fold(cells[fname]))
        if found is None:
            problems.append(Problem(fname, Text(str(message), value=cells[fname])))
        else:
            values[fname] = found


def _year(text: str) -> int | None:
    if len(text) == 4 and text.isascii() and text.isdigit():  # most cells: the year alone
        year = int(text)
        return year if 1800 <= year <= date.today().year else None
    match = re.search(r"(1[89]\d\d|20\d\d)", text)
    if not match or (len(text) > 4 and not re.fullmatch(r"\s*(1[89]\d\d|20\d\d)\s*(年.*|[-/.].*|\.0)?\s*", text)):
        return None
    year = int(match.group(1))
    return year if 1800 <= year <= date.today().year else None
