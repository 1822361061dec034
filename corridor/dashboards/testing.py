"""A small hand-countable world for the dashboards, on top of `build_world()` and the equipment fixtures.

Corridor g60 3.0 = Songjiang (310117), Hangzhou (330100), Jiaxing (330400), Wuhu (340200).
- organisations: owner_org (Hangzhou, robot alliance), member_org (Wuhu, head enterprise, robot chair),
  outsider_org (Jiaxing), unlisted_org (Jiaxing, unlisted: seen by Jiaxing's officer and admins only);
- listings: a public offer of outsider_org (Jiaxing); a secretariat-only need of owner_org (Hangzhou);
- an interest of member_org in the public offer, accepted and met;
- owner_org's test bench (Hangzhou), booked by member_org and completed (2 h), paid 500 CNY by a Wuhu
  voucher held by member_org (vouchers out of Wuhu, into Hangzhou);
- chains: the shipped templates; owner_org declared in one segment of the robot chain, unlisted_org in another.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from corridor.core.testing import World, build_world
from corridor.regions.models import Corridor, CorridorVersion


@dataclass
class DashWorld:
    world: World
    corridor: Corridor
    public_listing: Any
    private_listing: Any
    interest: Any
    booking: Any
    redemption: Any
    wuhu_officer: Any
    chain: Any
    owner_segment: Any
    hidden_segment: Any

    def city(self, code: str) -> int:
        return self.world.regions[code].pk


CITY_CODES = ("310117", "330100", "330400", "340200")


def make_corridor(world: World) -> Corridor:
    corridor = Corridor.objects.create(slug="g60", name_zh="G60科创走廊", name_en="G60 Science and Technology Innovation Corridor")
    version = CorridorVersion.objects.create(corridor=corridor, version="3.0", started_on=datetime.date(2018, 6, 1),
                                             label_zh="九城", label_en="Nine cities")
    version.regions.set([world.regions[c] for c in CITY_CODES])
    return corridor


def build_dash_world() -> DashWorld:
    from corridor.chains import services as chains
    from corridor.chains.models import Chain
    from corridor.equipment import vouchers
    from corridor.equipment.testing import build_equip_world, completed_booking
    from corridor.matching import services as matching

    world = build_world()
    corridor = make_corridor(world)
    users = world.users
    public = matching.create_listing(users["outsider"], {
        "side": "offer", "category": "testing", "title_zh": "精密测量服务", "title_en": "Precision measurement",
        "text": "三坐标测量", "visibility": "public"})
    private = matching.create_listing(users["owner"], {
        "side": "need", "category": "product", "title_zh": "谐波减速器采购", "title_en": "Harmonic reducers wanted",
        "text": "年需求2000台", "visibility": "secretariat"})
    interest = matching.express_interest(users["member"], public, "我们有兴趣")
    interest = matching.advance(users["outsider"], interest, "accepted")
    interest = matching.advance(users["outsider"], interest, "meeting")
    ew = build_equip_world(world)
    booking = completed_booking(ew, hours=2)
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "1000")
    redemption = vouchers.redeem(users["member"], voucher, booking, "500", contract_ref="HT-1", receipt_ref="FP-1")
    chains.load_templates()
    chain = Chain.objects.get(slug="industrial-robots")
    segments = list(chain.segments.filter(active=True).order_by("position", "id"))
    owner_segment, hidden_segment = segments[0], segments[1]
    chains.declare_tag(users["admin"], world.owner_org, owner_segment)
    chains.declare_tag(users["admin"], world.unlisted_org, hidden_segment)
    return DashWorld(world, corridor, public, private, interest, booking, redemption, ew.wuhu_officer, chain,
                     owner_segment, hidden_segment)
