"""Test helpers other apps' tests use: existing event objects for the OpenAPI walk over every operation."""

from __future__ import annotations

import datetime

from django.utils import timezone

from corridor.core.testing import World


def events_ids(world: World) -> dict[str, str]:
    """Path parameters of an existing brokerage day, a registration and a meeting request."""
    from corridor.events import meetings, services

    day = timezone.localdate() + datetime.timedelta(days=10)
    tz = timezone.get_current_timezone()
    starts = datetime.datetime.combine(day, datetime.time(9), tzinfo=tz)
    event = services.create_event(world.users["secretariat"], {
        "kind": "brokerage", "title_zh": "对接会", "alliance": world.alliance, "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=3)})
    meetings.set_slots(world.users["secretariat"], event, starts, starts + datetime.timedelta(hours=1), 20, 0, 2)
    mine = services.register(world.users["member"], event, organisation=world.member_org)
    theirs = services.register(world.users["owner"], event, organisation=world.owner_org)
    request = meetings.request_meeting(world.users["member"], event, theirs)
    return {"event_id": str(event.pk), "registration_id": str(mine.pk), "request_id": str(request.pk)}
