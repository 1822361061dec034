"""A synthetic docking market for the demo corridor: offers and needs in Chinese and English on every
segment of the six shipped chains, so that suggestions, the funnel and the chain links show what the
platform is for. Every listing is flagged synthetic and posted by a synthetic organisation when there is
one. Deterministic (a seed) and idempotent (matched on its titles).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

Progress = Callable[[str, int, int], None]
SEED = 60
APPLICATIONS_ZH = ["汽车零部件产线", "3C电子装配", "新能源电池工厂", "半导体封测", "医药生产车间", "物流仓储中心"]
APPLICATIONS_EN = ["automotive parts lines", "electronics assembly", "battery plants", "chip packaging lines",
                   "pharmaceutical plants", "logistics centres"]
CITIES_ZH = ["上海松江", "嘉兴", "杭州", "金华", "苏州", "湖州", "宣城", "芜湖", "合肥"]
CITIES_EN = ["Songjiang, Shanghai", "Jiaxing", "Hangzhou", "Jinhua", "Suzhou", "Huzhou", "Xuancheng", "Wuhu", "Hefei"]


@dataclass(frozen=True)
class Draft:
    side: str
    category: str
    title_zh: str
    title_en: str
    text: str
    segment: str  # "<chain slug>/<segment key>"


def _zh(kind: str, kw: str, name: str, r: random.Random) -> tuple[str, str]:
    city, app = r.choice(CITIES_ZH), r.choice(APPLICATIONS_ZH)
    n, months = r.choice([200, 500, 1000, 3000, 5000, 20000]), r.choice([2, 3, 6])
    return {
        "offer-product": (f"供应{kw}", f"{city}企业批量供应{kw}，年产能{n}件（套），已配套{app}，"
                                       f"可提供样品、检测报告与现场技术支持。"),
        "need-product": (f"采购{kw}", f"年需{kw}{n}件（套），用于{app}，要求{months}个月内首批交付，"
                                      f"优先长三角G60走廊内供应商。"),
        "need-technology": (f"寻求{kw}技术合作", f"我司计划升级{name}相关产品，寻求{kw}方面的技术许可或联合攻关，"
                                                   f"可共建中试线，预算{r.choice([300, 500, 800])}万元。"),
        "need-testing": (f"{kw}检测需求", f"需要对{kw}进行性能与可靠性检测，要求出具CNAS认可报告，"
                                         f"样品约{r.choice([20, 50, 100])}件，{months}周内完成。"),
        "need-rnd": (f"{kw}联合研发", f"围绕{kw}寻找高校或科研院所共建联合实验室，方向为{name}的国产化替代，"
                                     f"首期投入{r.choice([200, 500, 1000])}万元。"),
        "need-funding": (f"{name}项目融资", f"{city}{name}团队（主营{kw}）寻求A轮融资{r.choice([3000, 5000, 8000])}万元，"
                                            f"用于扩产与研发。"),
        "offer-talent": (f"{kw}工程师人才输送", f"面向{name}企业推荐{kw}方向工程师与技师，"
                                                   f"每年可输送{r.choice([30, 50, 100])}人，支持定向培养。"),
    }[kind]


def _en(kind: str, kw: str, name: str, r: random.Random) -> tuple[str, str]:
    city, app = r.choice(CITIES_EN), r.choice(APPLICATIONS_EN)
    n, weeks = r.choice([200, 500, 1000, 3000, 5000, 20000]), r.choice([4, 6, 8, 12])
    return {
        "offer-capacity": (f"Contract manufacturing of {kw}", f"Contract manufacturing of {kw} in {city}: "
                                                             f"{n} units a month, ISO 9001 and IATF 16949 lines, "
                                                             f"serving {app}."),
        "offer-technology": (f"{kw[:1].upper()}{kw[1:]} technology licensing", f"Licensing of our {kw} technology "
                             f"({r.choice([12, 20, 35])} granted patents) for {name} makers, with process "
                             f"transfer and engineering support."),
        "offer-testing": (f"Testing of {kw}", f"Performance, reliability and environmental testing of {kw}, "
                                              f"CNAS-accredited reports within {weeks} working days."),
        "need-product": (f"Sourcing {kw}", f"We need {n} {kw} units a year for {app}; first delivery within "
                                           f"{weeks} weeks, suppliers in the Yangtze River Delta preferred."),
        "offer-rnd": (f"Joint lab on {kw}", f"University lab seeks an industrial partner for a joint laboratory on "
                                            f"{kw} ({name}), shared pilot line in {city}."),
        "offer-funding": (f"Fund for {name} start-ups", f"Venture fund investing CNY 10–50 million in "
                                                                f"start-ups in {name} working on {kw}."),
        "need-talent": (f"Hiring {kw} engineers", f"Hiring {r.choice([5, 10, 20])} {kw} engineers for our R&D "
                                                  f"centre in {city}."),
    }[kind]


# Per segment, in turn: (language, side-category) — both languages, both sides, every category.
ROTATION = [
    [("zh", "offer-product"), ("en", "need-product"), ("en", "offer-capacity"), ("zh", "need-technology"),
     ("en", "offer-testing")],
    [("en", "offer-technology"), ("zh", "need-product"), ("zh", "need-testing"), ("en", "offer-rnd"),
     ("zh", "offer-talent")],
    [("zh", "offer-product"), ("en", "need-talent"), ("zh", "need-rnd"), ("en", "offer-funding"),
     ("zh", "need-funding")],
]


def drafts(seed: int = SEED) -> Iterator[Draft]:
    """Five listings for every segment that has keywords, across the shipped chains."""
    from corridor.chains import spec

    for chain in spec.shipped():
        for number, segment in enumerate(chain.segments):
            if not segment.keywords_zh or not segment.keywords_en:
                continue
            r = random.Random(f"{seed}:{chain.slug}:{segment.key}")
            for turn, (language, kind) in enumerate(ROTATION[number % len(ROTATION)]):
                if language == "zh":
                    kw = segment.keywords_zh[turn % len(segment.keywords_zh)]
                    title, text = _zh(kind, kw, segment.name_zh, r)
                    title_zh, title_en = title, ""
                else:
                    kw = segment.keywords_en[turn % len(segment.keywords_en)]
                    title, text = _en(kind, kw, segment.name_en, r)
                    title_zh, title_en = "", title
                side, category = kind.split("-")
                yield Draft(side, category, title_zh[:200], title_en[:200], text, f"{chain.slug}/{segment.key}")


def load_market(progress: Progress | None = None, seed: int = SEED) -> int:
    """Create the missing synthetic listings; returns how many were created."""
    from corridor.alliances.models import AllianceMembership
    from corridor.matching.models import Listing
    from corridor.orgs.models import Organisation

    all_drafts = list(drafts(seed))
    posters = list(Organisation.objects.filter(is_synthetic=True).order_by("pk").values_list("pk", flat=True)[:400])
    posters = posters or list(Organisation.objects.order_by("pk").values_list("pk", flat=True)[:50])
    if not posters:
        return 0
    alliance_of = dict(AllianceMembership.objects.filter(organisation_id__in=posters)
                       .order_by("-pk").values_list("organisation_id", "alliance_id"))
    existing = {(zh, en, tuple(segments)) for zh, en, segments
                in Listing.objects.filter(synthetic=True).values_list("title_zh", "title_en", "segments")}
    r = random.Random(seed)
    created = 0
    stage = _("Synthetic offers and needs")
    with transaction.atomic():
        for position, draft in enumerate(all_drafts):
            poster = posters[r.randrange(len(posters))]
            if (draft.title_zh, draft.title_en, (draft.segment,)) in existing:
                continue
            Listing.objects.create(
                organisation_id=poster, alliance_id=alliance_of.get(poster), side=draft.side, category=draft.category,
                title_zh=draft.title_zh, title_en=draft.title_en, text=draft.text, segments=[draft.segment],
                visibility=Listing.Visibility.PUBLIC, synthetic=True,
            )
            created += 1
            if progress and (position % 25 == 0 or position + 1 == len(all_drafts)):
                progress(stage, position + 1, len(all_drafts))
    return created
