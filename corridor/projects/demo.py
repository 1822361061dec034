"""Demo projects: the Zhongguancun special-robot alliance's Dongli case from the seeds (visits, the
preliminary agreement, the four cooperation points) as a project history; the Wuhu and Jinhua enclave
centres in Songjiang as R&D sites of projects producing in Wuhu and Jinhua; and a synthetic pipeline per
G60 city (flagged synthetic). Idempotent: run again, it adds nothing. Everything goes through the services,
so landed projects reach the chain figures as a real one would."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from corridor.core.access import Actor
from corridor.projects import services
from corridor.projects.models import Project

SOURCE = "projects-demo"
SEED_ZGC_DONGLI = "004_4f50476fdb5ef0df.txt"
SEED_G60_2023 = "g60-enclave-centres"
G60 = ("310117", "330400", "330100", "330700", "320500", "330500", "341800", "340200", "340100")
# (chain, segment) pairs the synthetic leads look for, by what the corridor's alliances work on.
TARGETS = (("industrial-robots", "reducers"), ("industrial-robots", "servo"), ("industrial-robots", "controllers"),
           ("industrial-robots", "sensors-vision"), ("new-materials", "carbon-fibre"), ("new-materials", "composites"),
           ("integrated-circuits", "power-semiconductors"), ("integrated-circuits", "packaging-testing"),
           ("biomedicine", "devices"), ("new-energy-vehicles", "power-batteries"), ("new-energy-vehicles", "electric-drive"),
           ("artificial-intelligence", "computer-vision"))
STEPS = ("contact", "visit", "negotiate", "sign", "start", "produce", "operate")


def _segment(chain: str, key: str) -> Any:
    from corridor.chains.models import Segment

    return Segment.objects.filter(chain__slug=chain, key=key, active=True).first()


def _org(name_zh: str) -> Any:
    from corridor.orgs.models import Organisation

    return Organisation.objects.filter(name_zh=name_zh).first()


def _local(code: str, rng: random.Random, exclude: Any = None) -> Any:
    """An organisation already registered in the region: the local entity a producing site names, so the
    demo's landings add tags to the registry, not organisations (the population stays the generated one)."""
    from corridor.orgs.models import ORGANISATION_REGION_COLUMNS, Organisation
    from corridor.regions.models import within_q

    found = [pk for pk in Organisation.objects.filter(within_q("region", code, ancestors=ORGANISATION_REGION_COLUMNS),
                                                      kind="enterprise").order_by("pk").values_list("pk", flat=True)[:21]
             if pk != getattr(exclude, "pk", None)][:20]
    return Organisation.objects.get(pk=rng.choice(found)) if found else None


def _walk(actor: Actor, project: Project, steps: list[tuple[str, datetime.date]], **sign: Any) -> Project:
    for step, day in steps:
        values = sign if step == "sign" else {}
        project = services.advance(actor, project, step, on=day, **values)
    return project


def _dongli(admin: Any) -> int:
    from corridor.alliances.models import Alliance
    from corridor.regions.models import Park

    investor = _org("北京海兰信数据科技股份有限公司")
    if investor is None:
        return 0
    alliance = Alliance.objects.filter(slug="zgc-special-robot").first()
    park = Park.objects.filter(slug="dongli-lake").first()
    robots = [s for s in (_segment("industrial-robots", "special-robots"),) if s]
    project = services.create_project(admin, {
        "name_zh": "中关村融智特种机器人产业联盟落地东丽", "name_en": "Zhongguancun special-robot alliance lands in Dongli",
        "description_zh": "2016年11月2日东丽区领导在北京与联盟成员单位座谈；11月15日联盟赴东丽考察，在“百家京企天津行”"
        "投资洽谈大会上签署初步战略合作协议。合作四点：建立联盟在东丽的办事处协助产业落地；定期举办大讲堂论坛和项目展示沙龙；"
        "研究院入驻东丽，聚焦产业技术教育；产业加速器，对接正和岛和战略联盟伙伴的产业落地。",
        "description_en": "On 2 November 2016 Dongli's leaders met the alliance's member units in Beijing; on 15 "
        "November the alliance visited Dongli and signed a preliminary strategic cooperation agreement at the "
        "\"Hundred Beijing Companies Visit Tianjin\" investment fair. Four points: an alliance office in Dongli to "
        "help industry land; regular lecture forums and project showcase salons; a research institute in Dongli "
        "focused on industrial technology education; an industry accelerator landing industry from Zhenghedao and "
        "strategic partners.",
        "investor": investor, "region": "120110", "park": park.pk if park else None,
        "alliance": alliance.pk if alliance else None, "kind": "new", "source": "event_meeting",
        "source_note": "百家京企天津行投资洽谈大会", "segments": [s.pk for s in robots], "activity": "headquarters",
    }, trusted=True, source_seed=SEED_ZGC_DONGLI, recorded_on=datetime.date(2016, 11, 2))
    services.add_site(admin, project, {"region": "120110", "activity": "rnd"})
    # Dongli's own rule: a preliminary (framework) agreement is signed without an investment figure.
    from corridor.regions.models import Region

    services.set_stage_rule(admin, Region.objects.get(code="120110"), ["signed_on", "agreement_parties"], {"signed": 365})
    _walk(admin, project, [("contact", datetime.date(2016, 11, 2)), ("visit", datetime.date(2016, 11, 15)),
                           ("negotiate", datetime.date(2016, 11, 15)), ("sign", datetime.date(2016, 11, 15))],
          signed_on=datetime.date(2016, 11, 15),
          agreement_parties="中关村融智特种机器人产业联盟、天津市东丽区人民政府",
          agreement_document="初步战略合作协议（2016-11-15）")
    return 1


def _enclaves(officer_wuhu: Any, admin: Any) -> int:
    """R&D in the Songjiang enclave centres, production in Wuhu and Jinhua."""
    from corridor.orgs.models import Organisation
    from corridor.regions.models import Park

    made = 0
    cases = (
        ("g60-wuhu-shanghai-innovation-center", "340200", "340207", officer_wuhu, ("industrial-robots", "reducers"),
         "精密减速器上海研发、芜湖生产项目", "Precision reducers: R&D in Shanghai, production in Wuhu", "produce"),
        ("g60-jinhua-shanghai-innovation-center", "330700", "330702", admin, ("new-materials", "composites"),
         "复合材料上海孵化、金华产业化项目", "Composites: incubated in Shanghai, industrialised in Jinhua", "start"),
    )
    for slug, city, district, actor, (chain, key), zh, en, last in cases:
        park = Park.objects.filter(slug=slug).first()
        segment = _segment(chain, key)
        investor = Organisation.objects.filter(city__code="310117", kind="enterprise").order_by("pk").first()
        if park is None or segment is None or investor is None:
            continue
        from corridor.regions.models import Region

        target = district if Region.objects.filter(code=district).exists() else city
        rng = random.Random(slug)
        project = services.create_project(actor, {
            "name_zh": zh, "name_en": en, "investor": investor, "region": target, "kind": "new", "source": "referral",
            "source_note": park.name_zh, "segments": [segment.pk], "investment": "320000000", "jobs": "260",
            "land_mu": "80", "activity": "manufacturing", "site_organisation": _local(city, rng, investor),
        }, trusted=True, is_synthetic=True, source_seed=SOURCE, recorded_on=datetime.date(2024, 3, 1))
        services.add_site(actor, project, {"region": "310117", "activity": "rnd", "park": park.pk,
                                           "organisation": investor})
        steps = [("contact", datetime.date(2024, 3, 20)), ("visit", datetime.date(2024, 4, 18)),
                 ("negotiate", datetime.date(2024, 5, 10)), ("sign", datetime.date(2024, 7, 1)),
                 ("start", datetime.date(2024, 10, 8))]
        if last == "produce":
            steps.append(("produce", datetime.date(2025, 9, 30)))
        project = _walk(actor, project, steps, signed_on=datetime.date(2024, 7, 1),
                        agreement_parties=f"{investor.name_zh}、{park.run_for.name_zh if park.run_for else ''}人民政府",
                        agreement_amount="320000000")
        services.record_arrival(actor, project, "120000000", datetime.date(2024, 12, 20), "首期到资")
        services.publish(actor, project)
        made += 1
    return made


def _pipeline(admin: Any, rng: random.Random, today: datetime.date) -> int:
    """A synthetic pipeline per G60 city: investors from the other corridor cities that have the segment."""
    from corridor.chains.models import SegmentTag
    from corridor.orgs.models import Organisation
    from corridor.regions.models import Region

    made = 0
    cities = {r.code: r for r in Region.objects.filter(code__in=G60)}
    for city_code in G60:
        city = cities.get(city_code)
        if city is None:
            continue
        for _n in range(6):
            chain, key = TARGETS[rng.randrange(len(TARGETS))]
            segment = _segment(chain, key)
            if segment is None:
                continue
            makers = (SegmentTag.objects.filter(segment=segment, role="produces").exclude(status="rejected")
                      .exclude(organisation__city=city).filter(organisation__listed=True)
                      .values_list("organisation_id", flat=True)[:20])
            ids = list(makers) or list(Organisation.objects.filter(listed=True, kind="enterprise")
                                       .exclude(city=city).values_list("pk", flat=True)[:50])
            if not ids:
                continue
            investor = Organisation.objects.get(pk=ids[rng.randrange(len(ids))])
            depth = rng.choice((0, 0, 1, 2, 3, 3, 4, 5, 6))
            start = today - datetime.timedelta(days=rng.randrange(120, 900))
            project = services.create_project(admin, {
                "name_zh": f"{investor.short_name or investor.name_zh}{segment.name_zh}项目（{city.name_zh}）",
                "name_en": f"{segment.name_en} project of {investor.name_en or investor.name_zh} in {city.name_en}",
                "investor": investor, "region": city.code, "kind": rng.choice(("new", "new", "expansion", "joint_venture")),
                "source": rng.choice(("chain_gap", "referral", "matchmaking", "investor")),
                "segments": [segment.pk], "investment": str(Decimal(rng.randrange(2, 150)) * 10_000_000),
                "jobs": str(rng.randrange(20, 800)), "activity": "manufacturing",
                "site_organisation": _local(city.code, rng, investor),
            }, trusted=True, is_synthetic=True, source_seed=SOURCE, recorded_on=start)
            day = start
            steps: list[tuple[str, datetime.date]] = []
            for step in STEPS[:depth]:
                day = min(today, day + datetime.timedelta(days=rng.randrange(10, 120)))
                steps.append((step, day))
            signed = next((d for s, d in steps if s == "sign"), None)
            project = _walk(admin, project, steps, signed_on=signed, agreement_parties=f"{investor.name_zh}、{city.name_zh}人民政府")
            if signed and rng.random() < 0.7:
                share = Decimal(rng.randrange(20, 100)) / 100
                services.record_arrival(admin, project, str((project.investment or Decimal(0)) * share),
                                        min(today, signed + datetime.timedelta(days=60)), "")
            if signed and rng.random() < 0.5:
                services.publish(admin, project)
            if depth == 0 and rng.random() < 0.3:
                services.advance(admin, project, "drop", reason="投资方调整战略布局", on=min(today, start + datetime.timedelta(days=45)))
            made += 1
    return made


@transaction.atomic
def load_demo(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    report = progress or (lambda stage, done, total: None)
    stage = _("Investment projects")
    report(stage, 0, 3)
    if Project.objects.filter(source_seed__in=(SOURCE, SEED_ZGC_DONGLI)).exists():
        report(stage, 3, 3)
        return {"projects": Project.objects.count()}
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    officer_wuhu = User.objects.filter(username="officer_wuhu").first() or admin
    made = _dongli(admin)
    report(stage, 1, 3)
    made += _enclaves(officer_wuhu, admin)
    report(stage, 2, 3)
    made += _pipeline(admin, random.Random(60), datetime.date.today())
    report(stage, 3, 3)
    return {"projects": made}
