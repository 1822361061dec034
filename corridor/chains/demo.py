"""The demo corridor's chains: the shipped templates, what the named companies are known to make
(declared tags, from the seeds and common knowledge of these firms), and tags inferred from the
descriptions of everyone else. Idempotent: running it again adds nothing."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from corridor.chains import services
from corridor.chains.models import Segment, SegmentTag
from corridor.orgs.models import Organisation

Progress = Callable[[str, int, int], None]

P, U = SegmentTag.Role.PRODUCES, SegmentTag.Role.USES

# Organisation (the facts' key: Chinese name, else English) → (chain, segment, role) it declares.
DECLARED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "浙江硕和机器人科技有限公司": (("industrial-robots", "industrial-robot-bodies", P),),
    "维宏物联科技有限公司": (("industrial-robots", "controllers", P),),
    # Guozi: warehouse AGVs and power-substation inspection robots.
    "浙江国自机器人技术股份有限公司": (
        ("industrial-robots", "mobile-robots", P), ("industrial-robots", "special-robots", P),
    ),
    # Haier's smart washing-machine factory in Songjiang: an appliance maker that uses robots.
    "海尔": (("industrial-robots", "home-appliances", P), ("industrial-robots", "industrial-robot-bodies", U)),
    "超硅半导体": (("integrated-circuits", "silicon-wafers", P),),
    "修正药业": (("biomedicine", "innovative-drugs", P),),
    "豪威科技": (("integrated-circuits", "image-sensors", P), ("integrated-circuits", "wafer-fabrication", U)),
    "移远通信": (("integrated-circuits", "communication-modules", P), ("integrated-circuits", "chip-design", U)),
    "复星医药": (("biomedicine", "biologics", P), ("biomedicine", "innovative-drugs", P)),
    "昊海生物": (("biomedicine", "consumables-biomaterials", P),),
    "华道生物": (("biomedicine", "cell-gene-therapy", P),),
    "腾讯G60人工智能先进计算中心": (("artificial-intelligence", "computing-power", P),),
    "CSG": (("industrial-robots", "system-integration", P),),
    "库卡": (("industrial-robots", "industrial-robot-bodies", P), ("industrial-robots", "system-integration", P)),
    "吉利控股集团": (
        ("new-energy-vehicles", "vehicles", P), ("industrial-robots", "automotive", P),
        ("new-energy-vehicles", "power-batteries", U),
    ),
    "科大讯飞": (("artificial-intelligence", "speech-language", P), ("artificial-intelligence", "large-models", P)),
    "北京海兰信数据科技股份有限公司": (("industrial-robots", "special-robots", P),),
    "北京华鑫方舟科技有限公司": (("industrial-robots", "special-robots", P),),
    "触景无限科技(北京)有限公司": (("artificial-intelligence", "computer-vision", P),),
    "北京立德共创智能机器人科技有限公司": (("industrial-robots", "special-robots", P),),
}


def _noop(stage: str, done: int, total: int) -> None:
    return None


@transaction.atomic
def load_demo(progress: Progress | None = None) -> dict[str, int]:
    report = progress or _noop
    stage = _("Industry chains")
    report(stage, 0, 3)
    services.load_templates()
    report(stage, 1, 3)
    segments = {(c, k): s for s in Segment.objects.select_related("chain") for c, k in [(s.chain.slug, s.key)]}
    named = Organisation.objects.filter(is_synthetic=False).filter(
        Q(name_zh__in=list(DECLARED)) | Q(name_zh="", name_en__in=list(DECLARED))
    )
    for org in named:
        for chain, key, role in DECLARED.get(org.name_zh or org.name_en, ()):
            segment = segments[(chain, key)]
            SegmentTag.objects.get_or_create(organisation=org, segment=segment, role=role, defaults={
                "source": SegmentTag.Source.DECLARED, "status": SegmentTag.Status.CONFIRMED, "confidence": 1.0,
            })
    report(stage, 2, 3)
    orgs = Organisation.objects.only("pk", "name_zh", "name_en", "description_zh", "description_en").order_by("pk")
    total = orgs.count()
    added = services.infer_tags(orgs.iterator(chunk_size=2000), progress=progress, total=total, incremental=False)
    services.rebuild_counts()
    report(stage, 3, 3)
    return {"tags": SegmentTag.objects.count(), "inferred_now": added}
