"""The demo corridor's events: loaded once, the brokerage day schedulable without a clash."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from corridor.events import demo as events_demo
from corridor.events import meetings
from corridor.events.models import Event, Meeting, MeetingSeat, Registration
from corridor.events.scheduling.model import Meeting as Placed
from corridor.events.scheduling.validate import meeting_problems


@pytest.mark.django_db
def test_demo_events_load_once_and_the_brokerage_day_schedules(demo_corridor, db):
    before = events_demo.counts()
    assert events_demo.load_demo() == before
    founding = Event.objects.get(title_zh="G60科创走廊机器人产业联盟成立大会")
    assert founding.starts_at.date().isoformat() == "2018-12-21" and not founding.is_synthetic
    day = Event.objects.get(kind="brokerage", source="demo")
    assert day.is_synthetic
    assert Registration.objects.filter(event=day, status="approved").count() == events_demo.BROKERAGE_PARTICIPANTS
    assert Registration.objects.filter(event=day, user__username__in=("member", "lab")).count() == 2
    organiser = get_user_model().objects.get(username="secretariat")  # of the robot alliance
    assert meetings.may_manage(organiser, day)
    result = meetings.schedule(organiser, day, time_limit=5)
    assert result["placed"] > 50
    problem, _facts = meetings.build_problem(day, keep_all=True)
    stored = [Placed(m.request_id, m.slot_id, m.table) for m in Meeting.objects.filter(event=day)]
    assert meeting_problems(problem, stored) == []
    assert MeetingSeat.objects.filter(meeting__event=day).count() == 2 * result["placed"]
