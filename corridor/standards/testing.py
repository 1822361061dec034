"""Test fixtures on top of `core.testing.build_world()`: the robot alliance's standards committee.

Seats: `member` (member_org, chair), `expert1` and `expert2` (two more member organisations), `owner`
(owner_org). The owner's organisation proposes and leads drafting in `propose_one`, so on the technical
review its seat does not vote.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from corridor.accounts import services as accounts
from corridor.alliances.models import AllianceMembership
from corridor.core.testing import PASSWORD, World
from corridor.orgs.services import create_organisation
from corridor.standards import services
from corridor.standards.models import Committee, CommitteeSeat, Standard

CLAUSES_V1 = """前言
本文件按照GB/T 1.1—2020的规定起草。
1 范围
本文件规定了协作机器人关节模组的术语、技术要求和试验方法。
2 规范性引用文件
GB/T 12642 工业机器人 性能规范及其试验方法
4 技术要求
4.1 额定扭矩应不低于标称值。
4.2 重复定位精度应不大于±0.02 mm。
5 试验方法
5.1 按GB/T 12642进行。
"""

CLAUSES_V2 = """前言
本文件按照GB/T 1.1—2020的规定起草。
1 范围
本文件规定了协作机器人关节模组的术语、技术要求、试验方法和检验规则。
2 规范性引用文件
GB/T 12642 工业机器人 性能规范及其试验方法
4 技术要求
4.1 额定扭矩应不低于标称值。
4.2 重复定位精度应不大于±0.01 mm。
4.3 防护等级应不低于IP54。
6 检验规则
6.1 出厂检验逐台进行。
"""


@dataclass
class StdWorld:
    world: World
    committee: Committee
    users: dict[str, Any]
    orgs: dict[str, Any]


def build_std_world(world: World, code: str = "G60JQR") -> StdWorld:
    committee = services.set_up_committee(world.users["secretariat"], world.alliance, {
        "code": code, "name_zh": "机器人联盟标准化工作委员会", "name_en": "Robot Alliance Standards Committee"})
    users = dict(world.users)
    orgs = {"owner": world.owner_org, "member": world.member_org}
    for key, zh, en, region in (("expert1", "上海松江机器人检测有限公司", "Songjiang Robot Testing Co., Ltd.", "310117"),
                                ("expert2", "嘉兴智能装备研究院", "Jiaxing Intelligent Equipment Institute", "330402")):
        org = create_organisation(None, {"name_zh": zh, "name_en": en, "region": region, "industries": ["robots"]})
        AllianceMembership.objects.create(alliance=world.alliance, organisation=org)
        user = accounts.create_user(key, PASSWORD, email=f"{key}@example.com")
        accounts.grant_role(user, "member", organisation=org)
        users[key], orgs[key] = user, org
    secretariat = world.users["secretariat"]
    services.add_seat(secretariat, committee, world.member_org, role=CommitteeSeat.Role.CHAIR)
    services.add_seat(secretariat, committee, world.owner_org)
    services.add_seat(secretariat, committee, orgs["expert1"])
    services.add_seat(secretariat, committee, orgs["expert2"])
    return StdWorld(world, committee, users, orgs)


def propose_one(sw: StdWorld, **extra: Any) -> Standard:
    w = sw.world
    data = {"title_zh": "协作机器人关节模组通用技术条件", "title_en": "General specification for cobot joint modules",
            "scope_zh": "协作机器人关节模组", "rationale_zh": "统一接口与测试方法", **extra}
    return services.propose(w.users["owner"], w.alliance, w.owner_org, data)


def to_state(sw: StdWorld, target: str) -> Standard:
    """A standard walked through the services to `target` (initiated, drafting, comment, comment_closed, review,
    approved, published)."""
    u = sw.users
    standard = propose_one(sw)
    services.submit(u["secretariat"], standard)
    for key in ("member", "expert1", "expert2"):
        services.cast(u[key], standard, "yes")
    services.close_ballot(u["secretariat"], standard)
    if target == "initiated":
        return refresh(standard)
    services.upload_draft(u["owner"], standard, CLAUSES_V1)
    if target == "drafting":
        return refresh(standard)
    services.upload_draft(u["owner"], refresh(standard), CLAUSES_V2, "精度收紧，新增检验规则")
    standard = services.open_comment(u["secretariat"], refresh(standard))
    if target == "comment":
        return standard
    close_window(standard)
    if target == "comment_closed":
        return refresh(standard)
    services.start_review(u["secretariat"], refresh(standard))
    if target == "review":
        return refresh(standard)
    for key in ("member", "expert1", "expert2"):
        services.cast(u[key], refresh(standard), "yes")
    services.close_ballot(u["secretariat"], refresh(standard))
    if target == "approved":
        return refresh(standard)
    return services.publish(u["secretariat"], refresh(standard))


def refresh(standard: Standard) -> Standard:
    return Standard.objects.get(pk=standard.pk)


def close_window(standard: Standard) -> None:
    """Move the comment window into the past (as if 30 days went by)."""
    now = timezone.now()
    Standard.objects.filter(pk=standard.pk).update(comment_opens_at=now - datetime.timedelta(days=31),
                                                   comment_closes_at=now - datetime.timedelta(minutes=1))


def standards_ids(world: World) -> dict[str, str]:
    """Path parameters of the standards API for the kernel's OpenAPI smoke test: a standard out for comment with one comment."""
    sw = build_std_world(world, code="G60SMOKE")
    standard = to_state(sw, "comment")
    comment = services.add_comment(sw.users["expert1"], standard, "4.2", "意见")
    return {"standard_id": str(standard.pk), "comment_id": str(comment.pk), "number": "2", "name": "submit"}


STANDARDS_MISSING_IDS = {"standard_id": "999999", "comment_id": "999999", "number": "999", "name": "submit"}
