"""Demo group standards of the robot alliance, in several states, and its key brands (all synthetic and flagged).

The alliance's standards committee (code G60JQR) seats the named founding members and a few synthetic
members; the demo `member` (浙江国自) holds a seat and leads the drafting of one standard, so signing in
as `member` shows a vote to cast, a draft to revise and a comment window to use; `secretariat` has
proposals to put to the vote, ballots to close and comments to move on. Idempotent: a second run adds nothing.
Written through the services; only the passing of time (a closed comment window, votes received) is set directly.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.alliances.models import Alliance
from corridor.orgs.models import Organisation
from corridor.standards import brands, services
from corridor.standards.models import Ballot, Brand, Comment, CommitteeSeat, Position, Standard

ALLIANCE = "g60-robot"
NAMED = ["浙江国自机器人技术股份有限公司", "浙江硕和机器人科技有限公司", "维宏物联科技有限公司"]

DEMO_HINTS = {
    "member": gettext_lazy("Standards: vote on a proposal, revise the joint-module draft, comment on the AMR safety draft "
                           "(/standards/needs/)"),
}

RV_TEXT = """前言
本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。
1 范围
本文件规定了工业机器人用RV减速器的型号、技术要求、试验方法和检验规则。
2 规范性引用文件
GB/T 10095.1 圆柱齿轮 精度制
GB/T 12642 工业机器人 性能规范及其试验方法
3 术语和定义
3.1 传动误差 输入轴单向回转时，输出轴实际转角与理论转角之差。
4 技术要求
4.1 额定输出扭矩应不低于标称值。
4.2 传动误差应不大于1 arcmin。
4.3 回差应不大于1 arcmin。
4.4 额定寿命应不低于6000 h。
5 试验方法
5.1 传动误差按附录A规定的方法测量。
5.2 寿命试验在额定扭矩、额定转速下连续进行。
6 检验规则
6.1 出厂检验逐台进行，项目为4.2和4.3。
"""

JOINT_V1 = """前言
本文件按照GB/T 1.1—2020的规定起草。
1 范围
本文件规定了协作机器人关节模组的术语、技术要求和试验方法。
2 规范性引用文件
GB/T 12642 工业机器人 性能规范及其试验方法
GB 11291.1 工业环境用机器人 安全要求
4 技术要求
4.1 额定扭矩应不低于标称值。
4.2 重复定位精度应不大于±0.02 mm。
4.3 关节应具备力矩检测功能。
5 试验方法
5.1 按GB/T 12642进行。
"""

JOINT_V2 = """前言
本文件按照GB/T 1.1—2020的规定起草。
1 范围
本文件规定了协作机器人关节模组的术语、技术要求、试验方法和检验规则。
2 规范性引用文件
GB/T 12642 工业机器人 性能规范及其试验方法
GB 11291.1 工业环境用机器人 安全要求
4 技术要求
4.1 额定扭矩应不低于标称值，峰值扭矩应不低于额定扭矩的2.5倍。
4.2 重复定位精度应不大于±0.01 mm。
4.3 关节应具备力矩检测功能，检测分辨率不大于0.1 N·m。
4.4 防护等级应不低于IP54。
5 试验方法
5.1 按GB/T 12642进行。
6 检验规则
6.1 出厂检验逐台进行。
"""

AMR_TEXT = """前言
本文件按照GB/T 1.1—2020的规定起草。
1 范围
本文件规定了工厂内使用的自主移动机器人（AMR）的安全要求及验证方法。
2 规范性引用文件
GB/T 30029 自动导引车（AGV）设计通则
4 安全要求
4.1 AMR应设置急停装置，急停后应在0.5 s内停止驱动。
4.2 行人检测距离应不小于1.5 m，检测到行人时应减速至0.3 m/s以下。
4.3 最大运行速度应不超过2 m/s。
5 验证方法
5.1 急停响应时间用高速摄像法测量。
5.2 行人检测用标准人体模型验证。
"""


def _orgs(alliance: Alliance) -> list[Organisation]:
    named = list(Organisation.objects.filter(name_zh__in=NAMED, memberships__alliance=alliance))
    named.sort(key=lambda o: NAMED.index(o.name_zh))
    extra = Organisation.objects.filter(memberships__alliance=alliance).exclude(pk__in=[o.pk for o in named]) \
        .order_by("-is_head_enterprise", "uscc", "pk")[:5]
    return named + list(extra)


def _votes(standard: Standard, values: dict[int, tuple[str, str]]) -> None:
    """Positions received from seats (votes that arrived before the demo's "now")."""
    ballot = services.open_ballot(standard)
    assert ballot is not None
    for seat_id, (value, comment) in values.items():
        Position.objects.update_or_create(ballot=ballot, seat_id=seat_id, defaults={"value": value, "comment": comment})


def _initiated(secretariat: Any, standard: Standard, seats: list[CommitteeSeat]) -> Standard:
    services.submit(secretariat, standard)
    _votes(standard, {s.pk: ("yes", "") for s in seats})
    services.close_ballot(secretariat, standard)
    return Standard.objects.get(pk=standard.pk)


def _past_window(standard: Standard, days_ago: int = 10) -> None:
    now = timezone.now()
    Standard.objects.filter(pk=standard.pk).update(comment_opens_at=now - datetime.timedelta(days=30 + days_ago),
                                                   comment_closes_at=now - datetime.timedelta(days=days_ago))


def load_demo(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    report = progress or (lambda stage, done, total: None)
    stage = _("Group standards and key brands")
    report(stage, 0, 1)
    alliance = Alliance.objects.filter(slug=ALLIANCE).first()
    User = get_user_model()
    admin, secretariat = User.objects.filter(username="admin").first(), User.objects.filter(username="secretariat").first()
    if alliance is None or admin is None or secretariat is None or Standard.objects.filter(alliance=alliance).exists():
        report(stage, 1, 1)
        return counts()
    with transaction.atomic():
        _load(alliance, admin, secretariat)
    report(stage, 1, 1)
    return counts()


def _load(alliance: Alliance, admin: Any, secretariat: Any) -> None:
    orgs = _orgs(alliance)
    if len(orgs) < 4:
        return
    committee = services.set_up_committee(secretariat, alliance, {
        "code": "G60JQR", "name_zh": "G60科创走廊机器人产业联盟标准化工作委员会",
        "name_en": "G60 Robot Industry Alliance Standards Committee"})
    seats = [services.add_seat(secretariat, committee, org, role="chair" if i == 0 else "member") for i, org in enumerate(orgs)]
    guozi, shuohe, weihong, *others = orgs

    def propose(lead: Organisation, partners: list[Organisation], zh: str, en: str, scope: str, why: str, **extra: Any) -> Standard:
        standard = services.propose(admin, alliance, lead, {
            "title_zh": zh, "title_en": en, "scope_zh": scope, "rationale_zh": why,
            "drafting_orgs": [p.pk for p in partners], **extra})
        Standard.objects.filter(pk=standard.pk).update(is_synthetic=True)
        return Standard.objects.get(pk=standard.pk)

    # 1. Published: RV reducers, drafted by 硕和 with 维宏; one comment, disposed of; technical ballot passed.
    rv = propose(shuohe, [weihong], "工业机器人用RV减速器 通用技术条件", "General specification of RV reducers for industrial robots",
                 "工业机器人关节用RV减速器的型号、技术要求、试验方法和检验规则。",
                 "长三角多家减速器企业产品指标口径不一，整机企业选型和进口替代缺少统一依据。",
                 related_projects="高精度RV减速器寿命提升联合攻关")
    rv = _initiated(secretariat, rv, seats)
    services.upload_draft(admin, rv, RV_TEXT)
    rv = services.open_comment(secretariat, Standard.objects.get(pk=rv.pk))
    rv_draft = services.comment_draft(rv)
    assert rv_draft is not None
    Comment.objects.create(standard=rv, draft=rv_draft, clause="4.4", text="额定寿命建议提高到8000 h。",
                           proposal="4.4 额定寿命应不低于8000 h。", organisation=others[0] if others else guozi)
    _past_window(rv, 40)
    services.dispose(admin, Comment.objects.get(standard=rv), "partly", "6000 h为现阶段国产产品普遍水平；增加8000 h高等级要求作为推荐性指标。")
    services.start_review(secretariat, Standard.objects.get(pk=rv.pk))
    rv = Standard.objects.get(pk=rv.pk)
    _votes(rv, {s.pk: ("yes", "") for s in seats if s.organisation_id not in (shuohe.pk, weihong.pk)})
    services.close_ballot(secretariat, rv)
    rv = services.publish(secretariat, Standard.objects.get(pk=rv.pk))
    services.declare_patent(admin, rv, shuohe, {"patent_number": "ZL201910000001.X", "title": "一种RV减速器摆线轮修形方法",
                                                "clause": "4.2", "licensing": "frand"})

    # 2. Drafting: cobot joint modules, led by 国自 (the demo member), drafts v1 and v2.
    joint = propose(guozi, [others[1]] if len(others) > 1 else [], "协作机器人关节模组通用技术条件",
                    "General specification of joint modules for collaborative robots", "协作机器人一体化关节模组。",
                    "关节模组接口、精度和安全指标缺少统一要求，整机企业需重复验证。")
    joint = _initiated(secretariat, joint, seats)
    services.upload_draft(admin, joint, JOINT_V1)
    services.upload_draft(admin, Standard.objects.get(pk=joint.pk), JOINT_V2,
                          "收紧重复定位精度；增加峰值扭矩、力矩检测分辨率、防护等级；新增检验规则。")

    # 3. Public comment open: AMR safety, led by 维宏; two comments in.
    amr = propose(weihong, [shuohe], "自主移动机器人（AMR）安全要求", "Safety requirements for autonomous mobile robots (AMR)",
                  "工厂内使用的自主移动机器人的安全要求和验证方法。", "AMR在长三角工厂快速普及，人机混行场景的安全要求缺少团体标准。")
    amr = _initiated(secretariat, amr, seats)
    services.upload_draft(admin, amr, AMR_TEXT)
    amr = services.open_comment(secretariat, Standard.objects.get(pk=amr.pk), timezone.localdate() + datetime.timedelta(days=30))
    draft = services.comment_draft(amr)
    assert draft is not None
    Comment.objects.create(standard=amr, draft=draft, clause="4.2", text="1.5 m检测距离对窄通道场景过严，建议按速度分级。",
                           proposal="按运行速度给出检测距离分级要求。", organisation=others[0] if others else shuohe)
    Comment.objects.create(standard=amr, draft=draft, clause="5.1", text="Please allow a PLC event log as an alternative to high-speed video.",
                           language="en", organisation=others[2] if len(others) > 2 else shuohe)

    # 4. Committee vote open: supplier data exchange; the demo member's seat has not voted yet.
    data = propose(others[2] if len(others) > 2 else shuohe, [], "机器人产业链供应商数据交换格式",
                   "Data exchange format for robot supply-chain suppliers", "整机企业与零部件供应商之间的产品与交付数据交换。",
                   "联盟成员间对接时数据口径不一致。")
    services.submit(secretariat, data)
    _votes(Standard.objects.get(pk=data.pk), {s.pk: ("yes", "") for s in seats[1:3]})

    # 5. Proposed, waiting for the secretariat.
    propose(guozi, [], "焊接机器人离线编程接口规范", "Offline programming interface for welding robots",
            "焊接机器人离线编程软件与控制器之间的接口。", "各品牌离线编程接口不兼容，系统集成成本高。")

    # Key brands.
    today = timezone.localdate()
    for holder, zh, en, category, products, cert in (
        (guozi, "国自机器人", "Guozi Robotics", "product", "智能巡检机器人、AMR", "G60JQR-PP-2025-001"),
        (shuohe, "硕和", "Shuohe", "product", "RV减速器、谐波减速器", "G60JQR-PP-2025-002"),
        (weihong, "维宏", "Weihong", "technology", "运动控制系统", "G60JQR-TP-2025-003"),
    ):
        brands.recognise_brand(secretariat, alliance, holder, {
            "name_zh": zh, "name_en": en, "category": category, "products_zh": products, "certificate": cert,
            "valid_from": today - datetime.timedelta(days=300), "valid_until": today + datetime.timedelta(days=3 * 365 - 300),
            "is_synthetic": True})


def counts() -> dict[str, int]:
    return {"standards": Standard.objects.count(), "ballots": Ballot.objects.count(), "brands": Brand.objects.count()}


