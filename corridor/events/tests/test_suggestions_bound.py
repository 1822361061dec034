"""Whom to meet (from the profiles, with the reason), and why accepted requests stay unplaced with an upper
bound of the day."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from corridor.core.testing import PASSWORD
from corridor.events import meetings, services
from corridor.events.models import Registration
from corridor.events.scheduling import diagnose
from corridor.events.scheduling.model import Event, Meeting, Participant, Request, Slot
from corridor.events.tests.helpers import make_event, more_members, soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(world):
    event = make_event(world, kind="brokerage", title_zh="机器人供需对接会", max_meetings=4)
    meetings.set_slots(world.users["secretariat"], event, soon(hour=9), soon(hour=10), 20, 0, 1)
    people = more_members(world, 3, prefix="p")
    users = [world.users["member"], world.users["owner"], *people]
    orgs = [world.member_org, world.owner_org] + [world.member_org] * 3
    regs = [services.register(u, event, organisation=o) for u, o in zip(users, orgs, strict=True)]
    return event, users, regs


def test_suggestions_from_profiles_across_languages(world, day):
    event, users, regs = day
    profiles = [
        {"profile_zh": "我们需要谐波减速器和伺服电机，用于工业机器人关节。"},
        {"profile_en": "We make harmonic reducers and servo motors for industrial robot joints."},
        {"profile_zh": "提供食品冷链物流和仓储服务。"},
        {"profile_en": "Accounting and tax advice for small firms."},
        {},
    ]
    for user, reg, data in zip(users, regs, profiles, strict=True):
        meetings.update_profile(user, reg, data)
    mine = Registration.objects.get(pk=regs[0].pk)
    with translation.override("zh-hans"):
        found = meetings.suggestions(mine)
    assert found and found[0]["registration"].pk == regs[1].pk
    assert "减速器" in found[0]["reason"]
    assert regs[4].pk not in {s["registration"].pk for s in found}  # no profile, nothing to go on
    # Once asked, no longer suggested.
    meetings.request_meeting(users[0], event, regs[1])
    assert regs[1].pk not in {s["registration"].pk for s in meetings.suggestions(mine)}


def test_suggestions_on_the_participants_page(world, day, client):
    event, users, regs = day
    meetings.update_profile(users[0], regs[0], {"profile_zh": "寻找谐波减速器供应商"})
    meetings.update_profile(users[1], regs[1], {"profile_en": "Harmonic reducer maker"})
    client.login(username="member", password=PASSWORD)
    html = client.get(reverse("events:meetings", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="suggestion"' in html and "reducer" in html.lower()


def _plain(caps, available, requests, slots=3, tables=1):
    slot_list = [Slot(f"s{i}") for i in range(slots)]
    people = [Participant(p, frozenset(available[p]), caps[p]) for p in caps]
    return Event(slot_list, tables, people, [Request(i, a, b, 1) for i, (a, b) in enumerate(requests)])


def test_why_unplaced_names_availability_cap_and_busy():
    event = _plain({"a": 1, "b": 3, "c": 3, "d": 3, "e": 3},
                   {"a": ["s0", "s1", "s2"], "b": ["s0", "s1", "s2"], "c": ["s0", "s1", "s2"], "d": ["s2"], "e": ["s0"]},
                   [("a", "b"), ("a", "c"), ("d", "e"), ("b", "c")], slots=3, tables=1)
    placed = [Meeting(0, "s0", 1)]
    found = {u.request: u for u in diagnose.why_unplaced(event, placed)}
    assert found[1].reason == diagnose.CAP and found[1].who == "a"
    assert found[2].reason == diagnose.AVAILABILITY
    assert found[3].reason == diagnose.BUSY or found[3].reason == diagnose.CAP
    bound = diagnose.upper_bound(event)
    # a meets once; d and e never; b-c can meet: at most 2 meetings, whatever the schedule.
    assert bound.meetings == 2 and bound.with_common_slot == 3


def test_upper_bound_counts_tables_and_windows():
    # Four disjoint pairs all free only in s0; one table: only one meeting can happen.
    people = {p: 3 for p in "abcdefgh"}
    event = _plain(people, {p: ["s0"] for p in people}, [("a", "b"), ("c", "d"), ("e", "f"), ("g", "h")],
                   slots=3, tables=1)
    assert diagnose.upper_bound(event).meetings == 1


def test_schedule_page_reports_unplaced_and_bound(world, day, client):
    event, users, regs = day
    # Three slots, one table; the owner leaves after the first slot.
    meetings.update_profile(users[1], regs[1], {"available_until": soon(hour=9) + datetime.timedelta(minutes=20)})
    pairs = [(0, 1), (2, 1), (3, 4), (0, 2), (0, 3), (2, 4)]
    for a, b in pairs:
        asked = meetings.request_meeting(users[a], event, regs[b])
        meetings.answer(users[b], asked, accept=True)
    meetings.schedule(world.users["secretariat"], event)
    report = meetings.schedule_report(event)
    assert report["accepted"] == 6 and report["placed"] == 3  # 3 slots × 1 table
    assert report["bound"].meetings == 3
    assert sum(report["by_reason"].values()) == 3
    client.login(username="secretariat", password=PASSWORD)
    html = client.get(reverse("events:meetings_manage", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="upper-bound"' in html and "no schedule of this day can place more than 3" in html
    assert html.count('data-testid="unplaced-row"') == 3
