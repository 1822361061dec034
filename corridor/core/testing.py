"""The test base: a small world with named users, shared by every app's tests.

Users: `owner` (member user of `owner_org`), `member` (member user of `member_org`, a fellow member
of the robot alliance), `outsider` (member user of `outsider_org`, in no alliance), `secretariat`
(of the robot alliance), `officer` (city officer of Jiaxing), `admin` (superuser), and the visitor
(no user). `ROLES` lists them in that order; `client_for(role)` gives a logged-in Django client.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.test import Client

from corridor.accounts import services as accounts
from corridor.alliances.models import Alliance, AllianceMembership, Commitment, Declaration
from corridor.orgs.models import Industry, Organisation
from corridor.orgs.services import create_organisation
from corridor.regions.models import Region

ROLES = ("visitor", "owner", "member", "outsider", "secretariat", "officer", "admin")
PASSWORD = "corridor-test-pass-1"

# (code, name_zh, name_en, level, parent code)
REGIONS = [
    ("310000", "上海市", "Shanghai", "province", None),
    ("310117", "松江区", "Songjiang District", "district", "310000"),
    ("330000", "浙江省", "Zhejiang", "province", None),
    ("330100", "杭州市", "Hangzhou", "city", "330000"),
    ("330108", "滨江区", "Binjiang District", "district", "330100"),
    ("330400", "嘉兴市", "Jiaxing", "city", "330000"),
    ("330402", "南湖区", "Nanhu District", "district", "330400"),
    ("340000", "安徽省", "Anhui", "province", None),
    ("340200", "芜湖市", "Wuhu", "city", "340000"),
    ("340202", "镜湖区", "Jinghu District", "district", "340200"),
]


@dataclass
class World:
    regions: dict[str, Region]
    robots: Industry
    alliance: Alliance
    other_alliance: Alliance
    owner_org: Organisation
    member_org: Organisation
    outsider_org: Organisation
    unlisted_org: Organisation
    declaration: Declaration
    users: dict[str, Any]

    def client_for(self, role: str) -> Client:
        client = Client()
        if role != "visitor":
            client.force_login(self.users[role])
        return client


def make_regions() -> dict[str, Region]:
    made: dict[str, Region] = {}
    for code, zh, en, level, parent in REGIONS:
        made[code] = Region.objects.create(
            code=code, name_zh=zh, name_en=en, level=level, parent=made.get(parent) if parent else None
        )
    return made


def build_world() -> World:
    regions = make_regions()
    robots = Industry.objects.create(slug="robots", name_zh="机器人", name_en="Robots")
    Industry.objects.create(slug="new-materials", name_zh="新材料", name_en="New materials")
    alliance = Alliance.objects.create(
        slug="g60-robot", name_zh="G60科创走廊机器人产业联盟", name_en="G60 Robot Industry Alliance",
        industry=robots, founded_on=datetime.date(2018, 12, 21), founded_in=regions["340200"], first_batch_count=138,
    )
    other = Alliance.objects.create(
        slug="g60-new-materials", name_zh="G60新材料产业技术创新联盟", name_en="G60 New Materials Alliance",
        founded_in=regions["330000"],
    )
    owner_org = create_organisation(None, {
        "name_zh": "浙江国自机器人技术股份有限公司", "name_en": "Zhejiang Guozi Robot Technology Co., Ltd.",
        "region": "330108", "industries": ["robots"], "contact_email": "owner@guozi.example",
        "contact_phone": "0571-0000-0001",
    })
    member_org = create_organisation(None, {
        "name_zh": "芜湖埃夫特智能装备股份有限公司", "name_en": "Efort Intelligent Equipment Co., Ltd.",
        "region": "340202", "industries": ["robots"], "is_head_enterprise": True,
        "contact_email": "member@efort.example",
    })
    outsider_org = create_organisation(None, {
        "name_zh": "嘉兴外联科技有限公司", "name_en": "Jiaxing Outsider Tech Co., Ltd.", "region": "330402",
        "contact_email": "outsider@example.com",
    })
    unlisted_org = create_organisation(None, {
        "name_zh": "嘉兴隐名材料有限公司", "name_en": "Jiaxing Quiet Materials Co., Ltd.", "region": "330402",
        "listed": False, "contact_email": "quiet@example.com",
    })
    for org, role in ((owner_org, "member"), (member_org, "chair")):
        AllianceMembership.objects.create(alliance=alliance, organisation=org, role=role, batch=1)
    declaration = Declaration.objects.create(
        alliance=alliance, title_zh="芜湖宣言", title_en="Wuhu Declaration", issued_on=datetime.date(2018, 12, 21)
    )
    Commitment.objects.create(declaration=declaration, position=1, title_zh="推动产业融合发展", title_en="Promote industrial integration")
    users: dict[str, Any] = {}
    for role in ROLES[1:]:
        users[role] = accounts.create_user(role, PASSWORD, email=f"{role}@example.com", is_admin=role == "admin")
    accounts.grant_role(users["owner"], "member", organisation=owner_org)
    accounts.grant_role(users["member"], "member", organisation=member_org)
    accounts.grant_role(users["outsider"], "member", organisation=outsider_org)
    accounts.grant_role(users["secretariat"], "secretariat", alliance=alliance)
    accounts.grant_role(users["officer"], "city_officer", region=regions["330400"])
    return World(regions, robots, alliance, other, owner_org, member_org, outsider_org, unlisted_org, declaration, users)


def expect_matrix(world: World, method: str, url: str, expected: dict[str, int], **kwargs: Any) -> None:
    """Call `url` as every role and compare the status codes with `expected` (role → status).

    Every role must be listed, so a new role cannot slip through unchecked.
    """
    missing = set(ROLES) - set(expected)
    assert not missing, f"expected statuses missing for roles: {sorted(missing)}"
    got = {}
    for role in ROLES:
        response = getattr(world.client_for(role), method.lower())(url, **kwargs)
        got[role] = response.status_code
    assert got == expected, f"{method} {url}: got {got}, expected {expected}"
