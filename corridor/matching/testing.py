"""Fixture listings on the test world: a Chinese need, an English offer that fits it, a
secretariat-only need, and an unrelated offer. Used by this app's tests and the browser journey."""

from __future__ import annotations

from dataclasses import dataclass

from corridor.core.testing import World
from corridor.matching import services
from corridor.matching.models import Listing


@dataclass
class Listings:
    need_zh: Listing
    offer_en: Listing
    secret_need: Listing
    other_offer: Listing


def make_listings(world: World) -> Listings:
    owner, member = world.users["owner"], world.users["member"]
    need_zh = services.create_listing(owner, {
        "side": "need", "category": "product", "title_zh": "采购六轴弧焊机器人",
        "text": "采购20台六轴弧焊机器人，负载10公斤以上，用于新能源汽车电池托盘焊接产线", "regions": ["330100"],
    })
    offer_en = services.create_listing(member, {
        "side": "offer", "category": "product", "title_en": "Six-axis arc welding robots",
        "text": "Six-axis arc welding robots, 12 kg payload, seam tracking, for EV battery tray welding lines",
        "regions": ["340200"],
    })
    secret_need = services.create_listing(member, {
        "side": "need", "category": "funding", "title_zh": "保密：焊接机器人扩产融资需求",
        "text": "焊接机器人扩产项目寻求B轮融资2亿元，暂不公开", "visibility": "secretariat",
    })
    other_offer = services.create_listing(world.users["outsider"], {
        "side": "offer", "category": "funding", "title_en": "Growth capital for robotics makers",
        "text": "Series B growth capital for robot manufacturers expanding welding robot production",
    })
    return Listings(need_zh, offer_en, secret_need, other_offer)
