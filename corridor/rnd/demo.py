"""Demo R&D: projects of members of the robot and new-materials alliances, written in Chinese or English
as such firms write them, with real overlaps (some across languages, one three-member cluster), hard
negatives on the same component, one secretariat-only project, and one formed joint team with work
packages, milestones (one overdue), an agreement and an output. All flagged synthetic; idempotent.

Everything goes through the services, so the overlaps are the engine's own findings, not typed in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.alliances.models import Alliance
from corridor.demo import facts
from corridor.orgs.models import Organisation
from corridor.rnd import services, teams
from corridor.rnd.models import JointTeam, Overlap, RDProject, Visibility

ROBOT, MATERIALS = "g60-robot", "g60-new-materials"
DEMO_MEMBER_ORG = "浙江国自机器人技术股份有限公司"

# (slot, language, visibility, trl, title, text, parameters, keywords, segment keys)
# Slots: "member" the demo member's organisation, "wuhu" a Wuhu robot member (or one of another city), r1..r4 other robot members,
# m1..m5 new-materials members.
PROJECTS: list[tuple[str, str, str, int, str, str, list[str], list[str], list[str]]] = [
    ("wuhu", "zh", "alliance", 4, "RV减速器加速寿命试验台研制",
     "目标：研制RV减速器加速寿命试验台，在额定扭矩下连续运行10000小时考核寿命，回差测量精度0.1弧分，形成国产减速器可靠性评价方法。",
     ["寿命 ≥ 10000 h", "回差测量精度 0.1 弧分"], ["RV减速器", "寿命试验", "可靠性"], ["reducers"]),
    ("member", "en", "public", 5, "Accelerated life test bench for RV reducers",
     "The project aims to build an accelerated life test bench for RV reducers that runs at rated torque for "
     "10,000 h and measures backlash to 0.1 arcmin, so that domestic reducers can be qualified for six-axis robots.",
     ["life ≥ 10,000 h", "backlash measured to 0.1 arcmin"], ["RV reducer", "life test"], ["reducers"]),
    ("r3", "en", "alliance", 4, "Reducer durability platform: 10,000-hour accelerated life testing of RV reducers",
     "Objective: a durability test platform that runs RV reducers at rated torque for 10,000 hours and records "
     "backlash drift (0.1 arcmin resolution) and temperature rise.",
     ["10,000 h at rated torque", "backlash resolution 0.1 arcmin"], ["reducer", "durability"], ["reducers"]),
    ("r1", "zh", "alliance", 3, "RV减速器摆线轮齿形修形设计",
     "旨在通过摆线轮齿廓修形与优化设计，将RV减速器回差降低到1弧分以内并提高传动效率至90%以上。",
     ["回差 ≤ 1 弧分", "传动效率 ≥ 90%"], ["摆线轮", "齿形修形"], ["reducers"]),
    ("member", "en", "public", 6, "Vision-guided seam tracking for robotic welding of thick plates",
     "We will develop a laser-vision seam tracking system for arc-welding robots on 20–60 mm steel plates, "
     "with tracking error within 0.3 mm at 1 m/min.",
     ["tracking error ≤ 0.3 mm", "welding speed 1 m/min"], ["seam tracking", "welding robot"], ["sensors-vision"]),
    ("r2", "zh", "secretariat", 5, "中厚板机器人焊接激光视觉焊缝跟踪系统",
     "本项目拟开发用于20-60毫米中厚板弧焊机器人的激光视觉焊缝跟踪系统，在1米/分钟焊速下跟踪误差不大于0.3毫米。",
     ["跟踪误差 ≤ 0.3 mm", "焊接速度 1 m/min"], ["焊缝跟踪", "焊接机器人"], ["sensors-vision"]),
    ("r3", "zh", "alliance", 5, "协作机器人力控打磨抛光工艺包",
     "目标是为协作机器人开发恒力打磨抛光工艺包，接触力控制精度±1牛，用于卫浴五金件表面处理。",
     ["接触力精度 ±1 N"], ["力控", "打磨抛光"], ["collaborative-robots"]),
    ("r4", "en", "alliance", 4, "Constant-force grinding and polishing for collaborative robots",
     "This project aims at a constant-force grinding and polishing package for cobots, holding contact force "
     "within ±1 N on faucet and hardware parts.",
     ["contact force ±1 N"], ["force control", "polishing"], ["collaborative-robots"]),
    ("wuhu", "zh", "public", 6, "汽车总装车间AMR集群调度系统",
     "研究汽车总装车间200台AMR的集群调度与交通管理算法，任务准时率达到99%。",
     ["200 台 AMR", "准时率 ≥ 99%"], ["AMR", "集群调度"], ["mobile-robots", "automotive"]),
    ("r1", "en", "alliance", 5, "High-resolution absolute encoder for servo motors",
     "Develop a 23-bit absolute optical encoder for robot joint servo motors with accuracy of ±20 arcsec.",
     ["23-bit", "accuracy ±20 arcsec"], ["encoder", "servo"], ["servo"]),
    ("m1", "zh", "alliance", 5, "6英寸导电型4H-碳化硅单晶衬底生长",
     "采用物理气相传输法生长6英寸导电型4H-SiC单晶，微管密度低于0.1个/平方厘米，实现衬底国产化。",
     ["6 英寸", "微管密度 < 0.1 cm⁻²"], ["碳化硅", "单晶生长"], ["inorganic-nonmetals"]),
    ("m2", "en", "alliance", 4, "6-inch conductive 4H-SiC substrate growth by PVT",
     "The objective is to grow 6-inch conductive 4H-SiC single crystals by physical vapour transport with a "
     "micropipe density below 0.1 per square centimetre.",
     ["6-inch", "micropipe density < 0.1 cm⁻²"], ["SiC", "crystal growth"], ["inorganic-nonmetals"]),
    ("m3", "zh", "alliance", 4, "碳化硅器件用高温银烧结封装材料",
     "开发用于碳化硅功率模块的纳米银烧结焊膏，剪切强度大于40MPa，可在250℃长期工作。",
     ["剪切强度 > 40 MPa", "250 ℃"], ["银烧结", "封装材料"], ["electronic-chemicals"]),
    ("m4", "en", "alliance", 5, "Wet spinning of T800-grade carbon fibre precursor",
     "Develop a wet-spinning process for polyacrylonitrile precursor that yields T800-grade carbon fibre with "
     "tensile strength of at least 5.5 GPa.",
     ["tensile strength ≥ 5.5 GPa"], ["carbon fibre", "PAN precursor"], ["carbon-fibre"]),
    ("m1", "zh", "alliance", 4, "T800级碳纤维聚丙烯腈原丝湿法纺丝工艺",
     "研究聚丙烯腈原丝湿法纺丝工艺，制备T800级碳纤维，拉伸强度不低于5.5GPa。",
     ["拉伸强度 ≥ 5.5 GPa"], ["碳纤维", "原丝"], ["carbon-fibre"]),
    ("m5", "zh", "public", 6, "高导热石墨烯散热膜量产工艺",
     "目标是实现面内导热系数不低于1500 W/m·K的石墨烯散热膜量产，用于智能手机散热。",
     ["导热系数 ≥ 1500 W/m·K"], ["石墨烯", "散热膜"], ["graphene-films"]),
    ("m3", "en", "alliance", 5, "Mass production of graphene heat-spreading film",
     "We aim to mass-produce graphene thermal films with in-plane thermal conductivity of at least 1500 W/m·K "
     "for smartphone heat spreading.",
     ["thermal conductivity ≥ 1500 W/m·K"], ["graphene", "thermal film"], ["graphene-films"]),
    ("m2", "zh", "alliance", 3, "废旧三元锂电池湿法冶金回收",
     "研究废旧三元锂电池的湿法冶金回收工艺，镍钴锰回收率达到98%。",
     ["回收率 ≥ 98%"], ["电池回收"], ["nev-use"]),
]


def _members(slug: str) -> list[Organisation]:
    return list(Organisation.objects.filter(memberships__alliance__slug=slug).order_by("is_synthetic", "pk").distinct())


def _slots() -> dict[str, Organisation] | None:
    robot, materials = _members(ROBOT), _members(MATERIALS)
    member = Organisation.objects.filter(name_zh=DEMO_MEMBER_ORG).first()
    # A Wuhu member when the alliance has one (it was founded there), else a member of another city.
    wuhu = next((o for o in robot if o.city and o.city.code == facts.WUHU and o != member), None) or next(
        (o for o in robot if o != member and o.city and member and o.city_id != member.city_id), None)
    if member is None or member not in robot or wuhu is None:
        return None
    others = [o for o in robot if o not in (member, wuhu)]
    mats = [o for o in materials if o not in (member, wuhu)]
    if len(others) < 4 or len(mats) < 5:
        return None
    slots = {"member": member, "wuhu": wuhu}
    slots.update({f"r{i + 1}": o for i, o in enumerate(others[:4])})
    slots.update({f"m{i + 1}": o for i, o in enumerate(mats[:5])})
    return slots


def counts() -> dict[str, int]:
    return {"rd_projects": RDProject.objects.count(), "rd_overlaps": Overlap.objects.count(),
            "rd_teams": JointTeam.objects.count()}


@transaction.atomic
def load_demo(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    report = progress or (lambda stage, done, total: None)
    stage = _("R&D projects and joint teams")
    report(stage, 0, 2)
    if RDProject.objects.filter(is_synthetic=True).exists():
        report(stage, 2, 2)
        return counts()
    slots = _slots()
    if slots is None:  # a demo without the alliances' members: nothing to register
        report(stage, 2, 2)
        return counts()
    from corridor.chains.models import Segment

    segments = {s.key: s for s in Segment.objects.filter(chain__slug__in=("industrial-robots", "new-materials"))}
    today = timezone.localdate()
    made: list[RDProject] = []
    for slot, lang, visibility, trl, title, text, parameters, keywords, keys in PROJECTS:
        made.append(services.create_project(None, slots[slot], {
            "title": title, "language": lang, "text": text, "parameters": parameters, "keywords": keywords, "trl": trl,
            "visibility": Visibility(visibility), "segments": [segments[k] for k in keys if k in segments],
            "starts_on": today - datetime.timedelta(days=120), "ends_on": today + datetime.timedelta(days=600),
            "budget_band": "1-5m", "team_size": 8 + trl, "is_synthetic": True,
        }))
    report(stage, 1, 2)
    _formed_team(made[0], made[1])
    report(stage, 2, 2)
    return counts()


def _formed_team(zh: RDProject, en: RDProject) -> None:
    """The RV reducer life-test overlap, proposed by the robot alliance's secretariat and accepted by both."""
    User = get_user_model()
    secretariat = User.objects.filter(username="secretariat").first()
    admin = User.objects.filter(username="admin").first()
    overlap = Overlap.objects.filter(project_a=min(zh, en, key=lambda p: p.pk),
                                     project_b=max(zh, en, key=lambda p: p.pk), relation=Overlap.Relation.OVERLAP).first()
    if secretariat is None or admin is None or overlap is None or not Alliance.objects.filter(slug=ROBOT).exists():
        return
    team = teams.propose_team(secretariat, [overlap], title_zh="RV减速器可靠性联合攻关组",
                                 title_en="Joint RV reducer reliability team", lead=zh.organisation,
                                 objective="共建一套RV减速器加速寿命试验方法与台架，互认试验数据。 / One accelerated life-test "
                                           "method and rig for RV reducers, with mutually recognised data.")
    JointTeam.objects.filter(pk=team.pk).update(is_synthetic=True)
    for member in team.members.all():
        teams.accept_invitation(admin, member)
    team.refresh_from_db()
    today = timezone.localdate()
    package = teams.add_work_package(secretariat, team, "试验方法与标准草案 / Test method and draft standard", zh.organisation)
    teams.add_milestone(secretariat, team, "试验台架联调完成 / Rig commissioned", zh.organisation,
                           today - datetime.timedelta(days=10), package)
    teams.add_milestone(secretariat, team, "首批1000小时数据互认 / First 1,000 h of shared data", en.organisation,
                           today + datetime.timedelta(days=75), package)
    teams.update_agreement(secretariat, team, {
        "ip_background": "各方既有专利归各方所有，项目内免费使用。 / Each party keeps its background patents; free use within the project.",
        "ip_foreground": "共同完成的成果共有，按投入比例分享收益。 / Joint results owned jointly, revenue shared by contribution.",
        "agreement_signed_on": today - datetime.timedelta(days=20), "agreement_document": "G60-RD-2026-001",
    })
    teams.add_output(secretariat, team, "standard", "工业机器人用RV减速器加速寿命试验方法（团体标准草案）",
                        "T/G60 0001-2026 (draft)")


def demo_summary() -> dict[str, Any]:
    return counts()
