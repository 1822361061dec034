"""Channel test fixtures on top of `build_world()` (used by the app's tests and the browser journey): a
Jiaxing office (staff `clerk`, supervisor `chief`), a Songjiang office (staff `clerk2`), routing rules
(anything in Jiaxing → Jiaxing; land in Songjiang → Songjiang), and a private policy request by `owner_org`
routed to Jiaxing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.test import Client

from corridor.accounts import services as accounts
from corridor.channel import services
from corridor.channel.models import EnterpriseRequest, Office, RoutingRule
from corridor.core.testing import PASSWORD, World


@dataclass
class Channel:
    world: World
    jiaxing: Office
    songjiang: Office
    clerk: Any  # staff of the Jiaxing office
    clerk2: Any  # staff of the Songjiang office
    chief: Any  # supervisor of the Jiaxing office
    request: EnterpriseRequest

    def client_for(self, role: str) -> Client:
        client = Client()
        user = {"clerk": self.clerk, "clerk2": self.clerk2, "chief": self.chief}.get(role) or self.world.users.get(role)
        if user is not None:
            client.force_login(user)
        return client


def make_channel(world: World) -> Channel:
    regions = world.regions
    clerk = accounts.create_user("clerk", PASSWORD, email="clerk@example.com")
    clerk2 = accounts.create_user("clerk2", PASSWORD, email="clerk2@example.com")
    chief = accounts.create_user("chief", PASSWORD, email="chief@example.com")
    jiaxing = Office.objects.create(region=regions["330400"], name_zh="嘉兴市营商环境服务中心", name_en="Jiaxing Business Service Centre",
                                    supervisor=chief, reply_template_zh="您好，关于您的诉求：")
    jiaxing.staff.add(clerk)
    songjiang = Office.objects.create(region=regions["310117"], name_zh="松江区企业服务中心", name_en="Songjiang Enterprise Service Centre")
    songjiang.staff.add(clerk2)
    RoutingRule.objects.create(type="", region=regions["330400"], office=jiaxing)
    RoutingRule.objects.create(type="land", region=regions["310117"], office=songjiang)
    req = services.file_request(world.users["owner"], world.owner_org, {
        "type": "policy", "region": "330402", "subject": "研发费用加计扣除政策咨询", "text": "请问2026年研发费用加计扣除比例？",
    })
    return Channel(world, jiaxing, songjiang, clerk, clerk2, chief, req)


def channel_ids(world: World) -> dict[str, str]:
    """Path parameters of existing channel objects, for the OpenAPI test's walk over every operation."""
    channel = make_channel(world)
    return {"request_id": str(channel.request.pk), "office_id": str(channel.jiaxing.pk), "step": "accept"}
