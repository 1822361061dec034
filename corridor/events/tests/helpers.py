"""Events on top of `core.testing.build_world()`: a coming forum of the robot alliance and more users."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from corridor.accounts import services as accounts
from corridor.core.testing import PASSWORD, World
from corridor.events import services
from corridor.events.models import Event


def soon(days: int = 10, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def make_event(world: World, **overrides: Any) -> Event:
    data: dict[str, Any] = {
        "kind": "forum", "title_zh": "机器人产业论坛", "title_en": "Robot industry forum",
        "alliance": world.alliance, "address": "芜湖市镜湖区", "starts_at": soon(), "ends_at": soon(hour=17),
        "capacity": 50,
    }
    data.update(overrides)
    types = data.pop("types", None)
    sessions = data.pop("sessions", None)
    return services.create_event(world.users["secretariat"], data, types=types, sessions=sessions)


def more_members(world: World, n: int, prefix: str = "guest") -> list[Any]:
    """n users, each acting for the member organisation (so any of them may register for members' events)."""
    made = []
    for i in range(n):
        user = accounts.create_user(f"{prefix}{i}", PASSWORD, email=f"{prefix}{i}@example.com")
        accounts.grant_role(user, "member", organisation=world.member_org)
        made.append(user)
    return made
