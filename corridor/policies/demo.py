"""Demo policies: one seed-stated plan (Dongli's "122" plan, seed 004, expired) and a set of synthetic policies
per G60 city (R&D subsidies, high-tech awards, talent, vouchers), each flagged synthetic, with structured
conditions, so that "policies for us" shows all three answers and the comparison has figures to compare.

Idempotent: the policies carry `source_seed`; a second run adds nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.alliances.models import Alliance
from corridor.core.workflow import apply_transition
from corridor.demo import facts
from corridor.orgs.models import Industry, Organisation
from corridor.policies import services
from corridor.policies.models import EligibilityProfile, Policy
from corridor.regions.models import Region

SOURCE = "policies-demo"
SYNTHETIC = "policies-demo-synthetic"


def cond(field: str, op: str, value: Any, zh: str, en: str, clause: str) -> dict[str, Any]:
    return {"field": field, "op": op, "value": value, "label_zh": zh, "label_en": en, "clause": clause}


ENTERPRISE = cond("kind", "eq", "enterprise", "申报主体为企业", "The applicant is an enterprise", "第二条")
HNTE = cond("certificates", "valid_on", ["hnte"], "持有有效的高新技术企业证书", "Holds a valid high and new technology enterprise certificate", "第四条")
SRDI = cond("certificates", "valid_on", ["srdi", "little_giant"], "为专精特新中小企业或“小巨人”企业",
            "Is an SRDI SME or a “little giant”", "第五条")


def rnd_share(at_least: float, clause: str) -> dict[str, Any]:
    return cond("rnd_share", "gte", at_least, f"研发费用占营业收入比例不低于{at_least:g}%",
                f"R&D spending at least {at_least:g}% of revenue", clause)


# (city code, issuer zh, issuer en, document prefix, R&D rate %, R&D cap, HNTE award, talent award, voucher share %)
CITIES = [
    (facts.SONGJIANG, "上海市松江区科学技术委员会", "Songjiang District Science and Technology Commission", "松科", 10, 3_000_000, 300_000, 500_000, 50),
    (facts.JIAXING, "嘉兴市科学技术局", "Jiaxing Science and Technology Bureau", "嘉科", 8, 2_000_000, 200_000, 300_000, 40),
    (facts.HANGZHOU, "杭州市科学技术局", "Hangzhou Science and Technology Bureau", "杭科", 10, 5_000_000, 400_000, 800_000, 50),
    (facts.JINHUA, "金华市科学技术局", "Jinhua Science and Technology Bureau", "金科", 6, 1_000_000, 150_000, 200_000, 30),
    (facts.SUZHOU, "苏州市科学技术局", "Suzhou Science and Technology Bureau", "苏科", 10, 4_000_000, 300_000, 600_000, 50),
    (facts.HUZHOU, "湖州市科学技术局", "Huzhou Science and Technology Bureau", "湖科", 8, 1_500_000, 200_000, 250_000, 40),
    (facts.XUANCHENG, "宣城市科学技术局", "Xuancheng Science and Technology Bureau", "宣科", 5, 1_000_000, 100_000, 200_000, 30),
    (facts.WUHU, "芜湖市科学技术局", "Wuhu Science and Technology Bureau", "芜科", 10, 2_000_000, 200_000, 400_000, 50),
    (facts.HEFEI, "合肥市科学技术局", "Hefei Science and Technology Bureau", "合科", 8, 3_000_000, 300_000, 600_000, 40),
]


def load_demo(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    report = progress or (lambda stage, done, total: None)
    stage = _("Policies")
    report(stage, 0, 3)
    if Policy.objects.filter(source_seed__in=(SOURCE, SYNTHETIC)).exists():
        report(stage, 3, 3)
        return counts()
    regions = {r.code: r for r in Region.objects.filter(code__in=[*facts.G60_CITIES, facts.DONGLI, facts.TIANJIN])}
    today = timezone.localdate()
    start = datetime.date(today.year, 1, 1)
    with transaction.atomic():
        for code, issuer_zh, issuer_en, prefix, rate, cap, hnte, talent, share in CITIES:
            city = regions.get(code)
            if city is not None:
                _city_policies(city, issuer_zh, issuer_en, prefix, rate, cap, hnte, talent, share, start, today)
        report(stage, 1, 3)
        _voucher_recognition(regions, start, today)
        _dongli(regions)
        _profiles()
    report(stage, 2, 3)
    services.push_due(today, email=False)  # the demo members are told about what they are eligible for
    report(stage, 3, 3)
    return counts()


def _policy(data: dict[str, Any], items: list[dict[str, Any]], *, publish: bool = True) -> Policy:
    policy = services.create_policy(None, data)
    for item in items:
        services.save_item(None, policy, item)
    if publish:
        apply_transition(None, policy, "publish", check_access=False)
    return policy


def _city_policies(city: Region, issuer_zh: str, issuer_en: str, prefix: str, rate: int, cap: int, hnte: int, talent: int,
                   share: int, start: datetime.date, today: datetime.date) -> None:
    year = start.year
    common = {"issuer_zh": issuer_zh, "issuer_en": issuer_en, "level": "district" if city.level == "district" else "city",
              "home_region": city, "regions": [city], "issued_on": start - datetime.timedelta(days=20), "effective_from": start,
              "expires_on": datetime.date(year + 2, 12, 31), "is_synthetic": True, "source_seed": SYNTHETIC}
    name_zh, name_en = city.name_zh, city.name_en or city.name_zh
    _policy({**common, "document_number": f"{prefix}〔{year}〕{len(prefix) * 7 + 3}号",
             "title_zh": f"{name_zh}关于支持企业加大研发投入的若干政策（示例）",
             "title_en": f"{name_en}: measures supporting enterprise R&D spending (synthetic)",
             "summary_zh": f"对研发投入达到一定强度的企业按研发费用增量给予{rate}%补助，单个企业最高{cap // 10_000}万元；对新认定的高新技术企业给予一次性奖励。（演示用虚构政策）",
             "summary_en": f"A {rate}% subsidy on the growth of R&D spending for firms above a spending share, capped at "
                           f"{cap // 10_000}0,000 CNY a firm, and a one-off award for newly certified high-tech firms. (Synthetic, for the demo.)",
             "industries": list(Industry.objects.all())},
            [{"title_zh": "企业研发费用补助", "title_en": "R&D expense subsidy", "benefit": "subsidy", "rate": rate, "cap": cap,
              "target_zh": "研发投入强度达标的企业", "target_en": "Enterprises above the R&D spending share",
              "rule": {"all": [ENTERPRISE, rnd_share(3, "第三条（一）")]},
              "window_opens": datetime.date(year, 3, 1), "window_closes": datetime.date(year, 12, 15),
              "office_zh": f"{issuer_zh}政务服务窗口", "office_en": f"{issuer_en}, service window", "contact": "12345",
              "materials_zh": "上年度研发费用专项审计报告；企业所得税年度纳税申报表"},
             {"title_zh": "高新技术企业认定奖励", "title_en": "Award for high-tech enterprise certification", "benefit": "award",
              "amount": hnte, "target_zh": "新认定的高新技术企业", "target_en": "Newly certified high-tech enterprises",
              "rule": {"all": [ENTERPRISE, HNTE]}, "no_application": True,
              "office_zh": f"{issuer_zh}高新技术处", "office_en": f"{issuer_en}, high-tech division"}])
    _policy({**common, "document_number": f"{prefix}人〔{year}〕{len(prefix) * 5 + 1}号",
             "title_zh": f"{name_zh}产业创新人才引育办法（示例）", "title_en": f"{name_en}: attracting innovation talent (synthetic)",
             "summary_zh": "对专精特新企业引进的高层次人才给予安家补贴。（演示用虚构政策）",
             "summary_en": "Settling-in awards for high-level talent hired by SRDI firms. (Synthetic, for the demo.)"},
            [{"title_zh": "高层次人才安家补贴", "title_en": "Settling-in award for high-level talent", "benefit": "talent",
              "amount": talent, "target_zh": "专精特新企业引进的高层次人才", "target_en": "High-level talent hired by SRDI firms",
              "rule": {"all": [ENTERPRISE, SRDI, cond("employees", "gte", 20, "从业人员不少于20人", "At least 20 employees", "第六条")]},
              "window_opens": datetime.date(year, 4, 1), "window_closes": datetime.date(year, 10, 31),
              "office_zh": f"{name_zh}人才服务中心", "office_en": f"{name_en} talent service centre"}])
    _policy({**common, "document_number": f"{prefix}〔{year}〕{len(prefix) * 11}号",
             "title_zh": f"{name_zh}科技创新券实施细则（示例）", "title_en": f"{name_en}: innovation voucher rules (synthetic)",
             "summary_zh": f"中小企业购买检验检测、研发设计服务，可用创新券抵扣{share}%费用。（演示用虚构政策）",
             "summary_en": f"SMEs buying testing or R&D services pay {share}% of the fee with vouchers. (Synthetic, for the demo.)"},
            [{"title_zh": "科技创新券", "title_en": "Innovation voucher", "benefit": "voucher", "rate": share, "cap": 300_000,
              "target_zh": "科技型中小企业", "target_en": "Technology-based SMEs",
              "rule": {"all": [ENTERPRISE, cond("size_band", "lte", "medium", "中小微企业", "A micro, small or medium firm", "第二条（二）")]},
              "office_zh": f"{issuer_zh}", "office_en": f"{issuer_en}"}])


def _voucher_recognition(regions: dict[str, Region], start: datetime.date, today: datetime.date) -> None:
    """The nine cities' mutual recognition of innovation vouchers (named in the issue; terms synthetic)."""
    alliance = Alliance.objects.filter(slug="g60-robot").first()
    songjiang = regions.get(facts.SONGJIANG)
    if songjiang is None:
        return
    nine = [regions[c] for c in facts.G60_CITIES if c in regions]
    _policy({"issuer_zh": "长三角G60科创走廊联席会议办公室", "issuer_en": "Joint conference office of the YRD G60 Science and Technology Innovation Corridor",
             "document_number": f"G60办〔{start.year}〕2号", "level": "alliance" if alliance else "city", "alliance": alliance,
             "home_region": songjiang, "regions": nine,
             "title_zh": "G60科创走廊九城市科技创新券通用通兑办法", "title_en": "Mutual recognition of innovation vouchers in the nine G60 cities",
             "summary_zh": "九城市企业可持本市创新券向走廊内任一城市的服务机构购买检验检测、研发设计服务。金额与比例为演示数据。",
             "summary_en": "Firms of the nine cities may spend their own city's vouchers at service providers anywhere in the corridor. Amounts and shares are demo data.",
             "issued_on": start - datetime.timedelta(days=40), "effective_from": start, "is_synthetic": True, "source_seed": SOURCE},
            [{"title_zh": "跨城市创新券兑付", "title_en": "Vouchers redeemed in another G60 city", "benefit": "voucher", "rate": 50,
              "cap": 200_000, "target_zh": "九城市的中小企业", "target_en": "SMEs of the nine cities",
              "rule": {"all": [ENTERPRISE, cond("size_band", "lte", "medium", "中小微企业", "A micro, small or medium firm", "第三条")]}}])


def _dongli(regions: dict[str, Region]) -> None:
    """Dongli district's "122" plan (seed 004): 2012–2016, expired, so out of the default views."""
    dongli = regions.get(facts.DONGLI) or regions.get(facts.TIANJIN)
    if dongli is None:
        return
    policy = _policy({
        "issuer_zh": "天津市东丽区人民政府", "issuer_en": "Dongli District People's Government, Tianjin", "level": "district",
        "home_region": dongli, "regions": [dongli],
        "title_zh": "东丽区“122”科技招商计划（“百千万”工程）", "title_en": "Dongli “122” science and technology investment plan (“hundred-thousand-ten-thousand” project)",
        "summary_zh": "2012年初至2016年底引进100家市级以上科研院所及研发中心，培育1000家科技小巨人，形成10000家有自主创新能力的科技型中小企业。",
        "summary_en": "From early 2012 to the end of 2016: bring in 100 research institutes and R&D centres of city level or above, grow 1,000 "
                      "science and technology “little giants” and 10,000 innovative technology-based SMEs.",
        "effective_from": datetime.date(2012, 1, 1), "expires_on": datetime.date(2016, 12, 31), "source_seed": SOURCE,
    }, [{"title_zh": "引进市级以上科研院所及研发中心", "title_en": "Research institutes and R&D centres moving in", "benefit": "service",
         "target_zh": "科研院所、研发中心", "target_en": "Research institutes and R&D centres",
         "rule": {"any": [cond("kind", "in", ["institute", "university"], "科研院所或高校", "A research institute or university", "“1”"),
                          cond("is_head_enterprise", "eq", True, "龙头企业研发中心", "The R&D centre of a head enterprise", "“1”")]}},
        {"title_zh": "培育科技小巨人", "title_en": "Growing technology “little giants”", "benefit": "service",
         "rule": {"all": [ENTERPRISE, SRDI]}}])
    apply_transition(None, policy, "expire", check_access=False)


def _profiles() -> None:
    """The demo member's organisation states its data (eligible answers); member2's stays empty (unknown answers)."""
    from corridor.demo.services import MEMBER_ORG

    org = Organisation.objects.filter(name_zh=MEMBER_ORG).first()
    if org is None or EligibilityProfile.objects.filter(organisation=org).exists():
        return
    services.save_profile(None, org, {"rnd_share": "6.5", "employees": "850", "revenue_band": "200m_1b",
                                      "has_rnd_project": True, "certificates": {"hnte": datetime.date(2027, 12, 31)}})


def counts() -> dict[str, int]:
    return {"policies": Policy.objects.count()}
