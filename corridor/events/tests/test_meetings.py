"""1:1 meetings: requests and answers (with expiry), the schedule through the job, locking, publishing, the
database refusing double booking, agendas and their .ics."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from corridor.core.errors import Conflict
from corridor.core.testing import expect_matrix
from corridor.events import meetings, services
from corridor.events.jobs import start_schedule
from corridor.events.models import Meeting, MeetingRequest, MeetingSeat
from corridor.events.scheduling import schedule_problems
from corridor.events.tests.helpers import make_event, more_members, soon
from corridor.jobs import services as jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(world):
    """A brokerage day with 6 slots of 20 minutes, 2 tables, and five confirmed participants."""
    event = make_event(world, kind="brokerage", title_zh="机器人供需对接会", max_meetings=4)
    meetings.set_slots(world.users["secretariat"], event, soon(hour=9), soon(hour=11), 20, 0, 2)
    people = more_members(world, 3, prefix="p")
    users = [world.users["member"], world.users["owner"], *people]
    orgs = [world.member_org, world.owner_org] + [world.member_org] * 3
    registrations = [services.register(u, event, organisation=o) for u, o in zip(users, orgs, strict=True)]
    return event, users, registrations


def test_request_accept_schedule_publish(world, day):
    event, users, regs = day
    asked = meetings.request_meeting(users[0], event, regs[1], priority=3, message="减速器合作")
    assert asked.status == "requested"
    with pytest.raises(PermissionDenied):  # only the invited side answers
        meetings.answer(users[0], asked, accept=True)
    meetings.answer(users[1], asked, accept=True)
    second = meetings.request_meeting(users[2], event, regs[1], priority=1)
    meetings.answer(users[1], second, accept=True)
    with pytest.raises(Conflict):  # the pair has an open request (either direction)
        meetings.request_meeting(users[1], event, regs[0])
    result = meetings.schedule(world.users["secretariat"], event)
    assert result["placed"] == 2 and result["unscheduled"] == 0
    placed = list(Meeting.objects.filter(event=event))
    assert placed[0].slot_id != placed[1].slot_id or placed[0].table != placed[1].table
    # Both sides see the same time and table once published, not before.
    assert meetings.agenda(regs[0]) == []
    meetings.publish(world.users["secretariat"], event)
    mine, theirs = meetings.agenda(regs[0]), meetings.agenda(regs[1])
    assert len(mine) == 1 and len(theirs) == 2
    ours = next(row for row in theirs if row["other"].pk == regs[0].pk)
    assert (mine[0]["slot"], mine[0]["table"]) == (ours["slot"], ours["table"])


def test_published_and_locked_meetings_never_move(world, day):
    event, users, regs = day
    for i, j in ((0, 1), (2, 3), (0, 3)):
        r = meetings.request_meeting(users[i], event, regs[j])
        meetings.answer(users[j], r, accept=True)
    meetings.schedule(world.users["secretariat"], event)
    first = {m.request_id: (m.slot_id, m.table) for m in Meeting.objects.all()}
    meetings.publish(world.users["secretariat"], event)
    late = meetings.request_meeting(users[4], event, regs[1], priority=3)
    meetings.answer(users[1], late, accept=True)
    result = meetings.schedule(world.users["secretariat"], event)  # "schedule all": published ones stay
    assert result["kept"] == 3
    after = {m.request_id: (m.slot_id, m.table) for m in Meeting.objects.all()}
    assert all(after[k] == v for k, v in first.items())
    assert late.pk in after


def test_schedule_rest_keeps_unpublished_placed_meetings(world, day):
    event, users, regs = day
    r = meetings.request_meeting(users[0], event, regs[1])
    meetings.answer(users[1], r, accept=True)
    meetings.schedule(world.users["secretariat"], event)
    before = Meeting.objects.get(request=r)
    meetings.set_locked(world.users["secretariat"], before, True)
    meetings.schedule(world.users["secretariat"], event)
    after = Meeting.objects.get(request=r)
    assert (after.slot_id, after.table) == (before.slot_id, before.table)


def test_availability_and_caps_are_respected(world, day):
    event, users, regs = day
    slots = list(event.meeting_slots.all())
    # Participant 0 arrives late: only the last two slots; and takes at most one meeting.
    meetings.update_profile(users[0], regs[0], {"available_from": slots[-2].starts_at, "max_meetings": 1})
    for j in (1, 2, 3):
        r = meetings.request_meeting(users[0], event, regs[j], priority=j)
        meetings.answer(users[j], r, accept=True)
    result = meetings.schedule(world.users["secretariat"], event)
    assert result["placed"] == 1 and result["unscheduled"] == 2
    seat = MeetingSeat.objects.get(registration=regs[0])
    assert seat.slot_id in {slots[-1].pk, slots[-2].pk}
    assert seat.meeting.request.invitee_id == regs[3].pk  # the most wanted


def test_database_refuses_double_booking(world, day):
    event, users, regs = day
    a = meetings.request_meeting(users[0], event, regs[1])
    b = meetings.request_meeting(users[0], event, regs[2])
    c = meetings.request_meeting(users[3], event, regs[4])
    for r, u in ((a, users[1]), (b, users[2]), (c, users[4])):
        meetings.answer(u, r, accept=True)
    slot = event.meeting_slots.first()
    first = Meeting.objects.create(event=event, request=a, slot=slot, table=1)
    MeetingSeat.objects.create(meeting=first, slot=slot, registration=regs[0])
    with pytest.raises(IntegrityError), transaction.atomic():  # same table, same slot
        Meeting.objects.create(event=event, request=c, slot=slot, table=1)
    second = Meeting.objects.create(event=event, request=b, slot=slot, table=2)
    with pytest.raises(IntegrityError), transaction.atomic():  # participant 0 twice in one slot
        MeetingSeat.objects.create(meeting=second, slot=slot, registration=regs[0])


def test_unanswered_requests_expire(world, day):
    event, users, regs = day
    old = meetings.request_meeting(users[0], event, regs[1], now=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=10))
    assert meetings.expire_requests(event) == 1
    old.refresh_from_db()
    assert old.status == "expired"
    with pytest.raises(Conflict):
        meetings.answer(users[1], old, accept=True)
    # Expired, the pair may ask again.
    assert meetings.request_meeting(users[0], event, regs[1]).status == "requested"


def test_only_confirmed_participants_request(world, day):
    event, users, regs = day
    with pytest.raises(PermissionDenied):
        meetings.request_meeting(world.users["outsider"], event, regs[0])
    with pytest.raises(ValidationError):
        meetings.request_meeting(users[0], event, regs[0])
    services.cancel(users[4], regs[4])
    with pytest.raises(ValidationError):
        meetings.request_meeting(users[0], event, regs[4])


def test_scheduling_job_reports_and_validates(world, day):
    event, users, regs = day
    for i, j in ((0, 1), (1, 2), (2, 3), (3, 4), (4, 0), (0, 2)):
        r = meetings.request_meeting(users[i], event, regs[j], priority=1 + (i % 3))
        meetings.answer(users[j], r, accept=True)
    job = jobs.run(jobs.create("events-schedule-meetings", {"event": event.pk}, world.users["secretariat"]))
    assert job.status == "succeeded", job.error
    assert job.result["placed"] == 6
    problem, _facts = meetings.build_problem(event, keep_all=True)
    from corridor.events.scheduling.model import Meeting as Placed
    from corridor.events.scheduling.model import Schedule

    stored = Schedule([Placed(m.request_id, m.slot_id, m.table) for m in Meeting.objects.all()], [])
    assert schedule_problems(problem, stored) == []
    with pytest.raises(PermissionDenied):
        start_schedule(world.users["member"], event, keep_all=False)


def test_slots_rules(world, day):
    event, _users, _regs = day
    with pytest.raises(ValidationError) as exc:
        meetings.set_slots(world.users["secretariat"], event, soon(hour=11), soon(hour=9), 20, 0, 2)
    assert "ends_at" in exc.value.message_dict
    forum = make_event(world, title_zh="论坛")
    with pytest.raises(ValidationError):
        meetings.set_slots(world.users["secretariat"], forum, soon(hour=9), soon(hour=11), 20, 0, 2)
    with pytest.raises(PermissionDenied):
        meetings.set_slots(world.users["member"], event, soon(hour=9), soon(hour=11), 20, 0, 2)


def test_meeting_pages_matrix(world, day):
    event, _users, _regs = day
    expect_matrix(world, "get", f"/events/{event.pk}/meetings/", {
        "visitor": 302, "owner": 200, "member": 200, "outsider": 403, "secretariat": 200, "officer": 403, "admin": 200})
    expect_matrix(world, "get", f"/events/{event.pk}/meetings/manage/", {
        "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 200, "officer": 403, "admin": 200})


def test_request_through_pages_and_agenda_ics(world, day):
    event, _users, regs = day
    member, owner = world.client_for("member"), world.client_for("owner")
    response = member.post(f"/events/{event.pk}/meetings/request/", {"invitee": regs[1].pk, "priority": 3,
                                                                      "message": "hello"})
    assert response.status_code == 302
    asked = MeetingRequest.objects.get()
    assert world.client_for("outsider").post(f"/events/meeting-requests/{asked.pk}/accept/").status_code == 404
    assert owner.post(f"/events/meeting-requests/{asked.pk}/accept/").status_code == 302
    asked.refresh_from_db()
    assert asked.status == "accepted"
    secretariat = world.client_for("secretariat")
    meetings.schedule(world.users["secretariat"], event)
    assert secretariat.post(f"/events/{event.pk}/meetings/manage/publish/").status_code == 302
    page = member.get(f"/events/{event.pk}/meetings/").content.decode()
    assert 'data-testid="agenda-row"' in page
    ics = member.get(f"/events/{event.pk}/meetings/agenda.ics").content.decode()
    assert ics.count("BEGIN:VEVENT") == 1


def test_slots_skip_the_break(world):
    event = make_event(world, kind="brokerage", title_zh="午休对接会")
    slots = meetings.set_slots(world.users["secretariat"], event, soon(hour=9), soon(hour=15), 30, 0, 3,
                               break_from=soon(hour=12), break_until=soon(hour=13))
    starts = [s.starts_at.astimezone(soon().tzinfo).hour for s in slots]
    assert len(slots) == 10 and 12 not in starts and starts[6] == 13


def test_outcomes_after_the_meeting_and_the_event_report(world, day):
    from io import BytesIO

    from django.utils import timezone
    from openpyxl import load_workbook

    event, users, regs = day
    r = meetings.request_meeting(users[0], event, regs[1], priority=3)
    meetings.answer(users[1], r, accept=True)
    meetings.schedule(world.users["secretariat"], event)
    seat = MeetingSeat.objects.get(registration=regs[0])
    with pytest.raises(ValidationError):  # not published
        meetings.record_outcome(users[0], seat, held=True, outcome="interest")
    meetings.publish(world.users["secretariat"], event)
    seat.refresh_from_db()
    with pytest.raises(ValidationError):  # not yet happened
        meetings.record_outcome(users[0], seat, held=True, outcome="interest")
    from corridor.events.models import MeetingSlot

    MeetingSlot.objects.filter(pk=seat.slot_id).update(starts_at=timezone.now() - datetime.timedelta(hours=2),
                                                        ends_at=timezone.now() - datetime.timedelta(hours=1))
    seat = MeetingSeat.objects.select_related("slot", "meeting", "registration").get(pk=seat.pk)
    with pytest.raises(PermissionDenied):  # the other side records their own
        meetings.record_outcome(users[1], seat, held=True, outcome="agreement")
    with pytest.raises(ValidationError):
        meetings.record_outcome(users[0], seat, held=False, outcome="agreement")
    meetings.record_outcome(users[0], seat, held=True, outcome="agreement")
    other = MeetingSeat.objects.select_related("slot", "meeting", "registration").get(registration=regs[1])
    meetings.record_outcome(users[1], other, held=True, outcome="interest")
    response = world.client_for("secretariat").get(f"/events/{event.pk}/report.xlsx")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    figures = {row[0]: row[1] for row in book.worksheets[1].iter_rows(values_only=True)}
    assert figures.get("Held (both sides say so)", figures.get("已举行（双方确认）")) == 1
    assert world.client_for("member").get(f"/events/{event.pk}/report.xlsx").status_code == 403
