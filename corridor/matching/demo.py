"""Demo offers and needs drawn from what the seed alliances say they need: robots and their parts,
integrated circuits, new materials, testing, funding, talent, joint R&D. Idempotent (matched on the
posting organisation and title); posted by members of the demo alliances."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from corridor.alliances.models import AllianceMembership
from corridor.matching.models import Listing

Progress = Callable[[str, int, int], None]
MEMBER_ORG = "浙江国自机器人技术股份有限公司"  # the demo `member` account's organisation

# (alliance slug or None for the demo member's org, side, category, title_zh, title_en, text, visibility,
#  chain segments "<chain slug>/<segment key>" separated by spaces)
LISTINGS: list[tuple[str | None, str, str, str, str, str, str, str]] = [
    (None, "need", "product", "采购RV减速器", "", "年需RV-40E型精密减速器500台，回差≤1弧分，用于20公斤级工业机器人关节，要求三个月内首批交付。", "public", "industrial-robots/reducers"),
    (None, "need", "testing", "AGV整车EMC检测", "", "潜伏式AGV控制器需要做电磁兼容检测（辐射发射、传导发射、抗扰度），依据IEC 61000-6，需CNAS报告。", "alliance", "industrial-robots/mobile-robots"),
    (None, "need", "funding", "扩产项目融资（保密）", "", "移动机器人扩产项目寻求B轮融资2亿元，用于嘉兴新工厂，暂不对外公开。", "secretariat", "industrial-robots/mobile-robots"),
    ("g60-robot", "offer", "product", "", "Precision RV reducers", "RV-40E and RV-80E cycloidal reducers for 10–50 kg industrial robot joints, backlash under 1 arcmin, 20,000 units a year.", "public", "industrial-robots/reducers"),
    ("g60-robot", "offer", "product", "谐波减速器", "Harmonic reducers", "谐波减速器（柔轮、刚轮、波发生器整套），减速比50–160，回差≤20弧秒，用于协作机器人和SCARA关节，年产3万台。", "public", "industrial-robots/reducers"),
    ("g60-robot", "offer", "testing", "", "EMC testing for robot controllers", "EMC testing for industrial robots and AGV controllers: radiated and conducted emissions, immunity to IEC 61000-6, 3 m anechoic chamber, CNAS accredited.", "public", "industrial-robots/controllers"),
    ("g60-robot", "offer", "product", "六轴弧焊机器人", "Six-axis arc welding robots", "六轴弧焊机器人，负载12公斤，臂展1.44米，带焊缝跟踪，适用于汽车零部件焊接。", "public", "industrial-robots/industrial-robot-bodies"),
    ("g60-robot", "need", "talent", "", "Motion-control engineers", "We are hiring 10 robot motion-control algorithm engineers (ROS, real-time control) for our Wuhu R&D centre.", "public", "industrial-robots/controllers"),
    ("g60-robot", "offer", "capacity", "机器人系统集成产能", "", "焊接工作站与码垛产线系统集成能力，年交付200套，覆盖工程机械与汽车零部件行业。", "public", "industrial-robots/system-integration"),
    ("g60-new-materials", "offer", "product", "", "Graphene thermal films", "Graphene thermal films, 1,600 W/m·K in-plane, 40 µm, for smartphones and battery packs.", "public", "new-materials/graphene-films"),
    ("g60-new-materials", "need", "testing", "碳纤维复合材料力学测试", "", "T700碳纤维复合材料拉伸、层间剪切测试，需CNAS认可报告。", "public", "new-materials/carbon-fibre"),
    ("g60-new-materials", "offer", "rnd", "", "Joint lab on low-platinum catalysts", "University lab seeks an industrial partner to co-found a joint laboratory on low-platinum fuel-cell catalysts.", "public", "new-materials/advanced-materials"),
    ("g60-new-materials", "need", "funding", "新材料种子轮融资", "", "可降解PBAT改性团队寻求种子轮投资200万元。", "public", "new-materials/polymers"),
    ("g60-robot", "offer", "funding", "", "Angel and seed funds for robotics", "Angel and seed investment of CNY 2–6 million for robotics and smart-manufacturing start-ups with a working prototype.", "public", ""),
    ("yrd-integrated-circuits", "offer", "testing", "晶圆CP测试", "12-inch wafer probe testing", "12英寸晶圆CP测试，支持28纳米逻辑芯片，月测试能力8000片。", "public", "integrated-circuits/packaging-testing"),
    ("yrd-integrated-circuits", "need", "product", "", "1200 V SiC MOSFET dies", "Looking for 1200 V SiC MOSFET dies, 40 mΩ, AEC-Q101, for EV traction inverters.", "public", "integrated-circuits/power-semiconductors new-energy-vehicles/electric-drive"),
    ("yrd-integrated-circuits", "offer", "talent", "芯片验证工程师人才输送", "", "芯片验证工程师人才推荐，熟悉UVM与SystemVerilog。", "public", "integrated-circuits/chip-design"),
]


def load_demo(progress: Progress | None = None) -> int:
    """Create the demo listings that are missing; returns how many were created."""
    from corridor.chains.services import load_templates
    from corridor.orgs.models import Organisation

    load_templates()  # idempotent: the listings name segments of the shipped chains
    created = 0
    with transaction.atomic():
        members: dict[str, list[int]] = {}
        for slug, member_id in AllianceMembership.objects.values_list("alliance__slug", "organisation_id").order_by("alliance_id", "pk"):
            members.setdefault(slug, []).append(member_id)
        demo_member = Organisation.objects.filter(name_zh=MEMBER_ORG).first()
        for position, (alliance_slug, side, category, title_zh, title_en, text, visibility, segs) in enumerate(LISTINGS):
            org_id: int | None
            if alliance_slug is None:
                org_id = demo_member.pk if demo_member else None
            else:
                candidates = members.get(alliance_slug) or members.get("g60-robot", [])
                pool = [o for o in candidates if not demo_member or o != demo_member.pk]
                org_id = pool[position % len(pool)] if pool else None
            if org_id is None:
                continue
            membership = AllianceMembership.objects.filter(organisation_id=org_id).order_by("pk").first()
            listing, made = Listing.objects.get_or_create(
                organisation_id=org_id, title_zh=title_zh, title_en=title_en,
                defaults={"side": side, "category": category, "text": text, "visibility": visibility,
                          "segments": segs.split(),
                          "alliance_id": membership.alliance_id if membership else None},
            )
            if not made and not listing.segments and segs:  # posted by an earlier demo without segments
                listing.segments = segs.split()
                listing.save(update_fields=["segments", "updated_at"])
            created += made
            if progress:
                progress(_("Offers and needs"), position + 1, len(LISTINGS))
    return created
