"""Deadlines in working days on the official calendar; the clock stops while waiting; reminders, escalation;
the three rates on a hand-worked set."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from corridor.channel import services, workdays
from corridor.channel.models import EnterpriseRequest
from corridor.notifications.models import Notification

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def test_a_request_filed_the_day_before_national_day():
    # 2025: 1–8 October off, Sunday 28 September and Saturday 11 October are make-up working days.
    due = services.deadlines(at(2025, 9, 30, 10, 0), "policy", "normal")
    assert due.contact == at(2025, 9, 30, 11, 0)
    assert due.progress == at(2025, 10, 11, 10, 0)  # 9, 10, 11 (Saturday, worked)
    assert due.answer == at(2025, 10, 14, 10, 0)  # 13, 14
    assert due.note == ""
    # Filed at 16:30: the working hour ends the next working day — after the holiday.
    late = services.deadlines(at(2025, 9, 30, 16, 30), "policy", "normal")
    assert late.contact == at(2025, 10, 9, 9, 30)


def test_type_and_priority_change_the_deadlines():
    land = services.deadlines(at(2025, 3, 3, 10, 0), "land", "normal")
    urgent = services.deadlines(at(2025, 3, 3, 10, 0), "policy", "urgent")
    assert land.answer == at(2025, 3, 17, 10, 0)  # 10 working days
    assert urgent.answer == at(2025, 3, 5, 10, 0)


def test_filed_on_a_day_off_counts_from_the_next_working_morning():
    due = services.deadlines(at(2025, 3, 2, 20, 0), "policy", "normal")  # a Sunday
    assert due.contact == at(2025, 3, 3, 10, 0)
    assert due.progress == at(2025, 3, 6, 9, 0)


def test_outside_the_calendar_is_refused_plainly_or_counted_on_weekdays():
    first, last = workdays.covered_years()
    outside = datetime.date(last + 1, 1, 5)
    with pytest.raises(workdays.OutsideCalendar) as caught:
        workdays.is_working_day(outside)
    assert f"{first}–{last}" in str(caught.value)
    due = services.deadlines(datetime.datetime.combine(outside, datetime.time(10), SHANGHAI), "policy", "normal")
    assert due.note == f"{first}–{last}" and due.answer.weekday() < 5


def test_working_days_between():
    assert workdays.working_days_between(datetime.date(2025, 9, 30), datetime.date(2025, 10, 11)) == 3
    assert workdays.working_days_between(datetime.date(2025, 10, 11), datetime.date(2025, 10, 11)) == 0


@pytest.mark.django_db
def test_waiting_for_the_requester_stops_the_clock(channel):
    w, req = channel.world, channel.request
    services.accept(channel.clerk, req)
    services.ask(channel.clerk, req, "请补充营业执照")
    assert req.status == "waiting"
    before = req.answer_due
    # Waited since three working days ago.
    since = timezone.now() - datetime.timedelta(days=7)
    paused = workdays.working_days_between(timezone.localtime(since).date(), timezone.localdate())
    EnterpriseRequest.objects.filter(pk=req.pk).update(paused_at=since)
    req.refresh_from_db()
    # Waiting requests are never overdue nor escalated.
    EnterpriseRequest.objects.filter(pk=req.pk).update(answer_due=timezone.now() - datetime.timedelta(hours=1))
    assert services.check_overdue() == {"reminded": 0, "escalated": 0}
    EnterpriseRequest.objects.filter(pk=req.pk).update(answer_due=before)
    req.refresh_from_db()
    with pytest.raises(PermissionDenied):  # the office cannot reply in the requester's place
        services.resume(channel.clerk, req, "x")
    services.resume(w.users["owner"], req, "已上传")
    assert req.status == "in_progress" and req.paused_at is None
    assert timezone.localtime(req.answer_due).date() == workdays.add_working_days(timezone.localtime(before), paused).date()
    assert req.answer_due > before


@pytest.mark.django_db
def test_overdue_requests_are_escalated_once_to_the_supervisor(channel):
    req = channel.request
    EnterpriseRequest.objects.filter(pk=req.pk).update(answer_due=timezone.now() - datetime.timedelta(hours=2))
    out = StringIO()
    call_command("channel", "overdue", stdout=out)
    assert "1" in out.getvalue()
    req.refresh_from_db()
    assert req.escalated_at is not None
    assert Notification.objects.filter(user=channel.chief, link=f"/channel/requests/{req.pk}/").count() == 1
    assert services.check_overdue() == {"reminded": 0, "escalated": 0}
    assert Notification.objects.filter(user=channel.chief).count() == 1
    # The overdue list shows it to the office.
    page = channel.client_for("clerk").get(f"/channel/offices/{channel.jiaxing.pk}/")
    assert req.number in page.content.decode()


@pytest.mark.django_db
def test_a_reminder_before_the_deadline(channel):
    req = channel.request
    EnterpriseRequest.objects.filter(pk=req.pk).update(answer_due=timezone.now() + datetime.timedelta(hours=3))
    assert services.check_overdue() == {"reminded": 1, "escalated": 0}
    assert Notification.objects.filter(user=channel.clerk, message__contains="due within").exists()
    assert services.check_overdue() == {"reminded": 0, "escalated": 0}


@pytest.mark.django_db
def test_the_three_rates_on_a_hand_worked_set(channel):
    w = channel.world
    owner = w.users["owner"]

    def filed(subject: str) -> EnterpriseRequest:
        return services.file_request(owner, w.owner_org, {"type": "policy", "region": "330400", "subject": subject, "text": "t"})

    a, b, c, d = channel.request, filed("b"), filed("c"), filed("d")
    # a: contacted on time, answered, satisfied & resolved.
    services.accept(channel.clerk, a)
    services.answer(channel.clerk, a, "ok")
    services.rate(owner, a, "satisfied", True)
    # b: contacted late, answered, basically satisfied but not resolved.
    services.accept(channel.clerk, b)
    EnterpriseRequest.objects.filter(pk=b.pk).update(contacted_at=F("contact_due") + datetime.timedelta(hours=1))
    b.refresh_from_db()
    services.answer(channel.clerk, b, "ok")
    services.rate(owner, b, "basically", False)
    # c: answered on time, dissatisfied though resolved.
    services.answer(channel.clerk, c, "ok")
    services.rate(owner, c, "dissatisfied", True)
    # d: never contacted, and late.
    EnterpriseRequest.objects.filter(pk=d.pk).update(contact_due=timezone.now() - datetime.timedelta(days=6),
                                                     answer_due=timezone.now() - datetime.timedelta(days=1))
    # A merged duplicate counts nowhere.
    services.merge(channel.clerk, filed("dup"), a)
    # e: just filed, its hour to make contact not over: not judged yet.
    filed("e")
    figures = services.rates(EnterpriseRequest.objects.filter(office=channel.jiaxing).exclude(subject="e"))
    with_pending = services.rates(EnterpriseRequest.objects.filter(office=channel.jiaxing))
    assert (with_pending.requests, with_pending.due_for_response, with_pending.response_rate) == (5, 4, 0.5)
    assert (figures.requests, figures.responded_on_time, figures.rated, figures.resolved, figures.satisfied, figures.overdue) == (4, 2, 3, 2, 2, 1)
    assert (figures.response_rate, figures.resolution_rate, figures.satisfaction_rate) == (0.5, 0.6667, 0.6667)
    # The office page shows them; the API gives the same figures.
    page = channel.client_for("clerk").get(f"/channel/offices/{channel.jiaxing.pk}/").content.decode()
    assert 'data-testid="rate-response">50%' in page
    api = w.client_for("officer").get(f"/api/channel/offices/{channel.jiaxing.pk}/rates").json()
    assert (api["response_rate"], api["overdue"]) == (0.5, 1)


@pytest.mark.django_db
def test_reopening_is_limited_to_the_period(channel):
    w, req = channel.world, channel.request
    services.answer(channel.clerk, req, "ok")
    services.rate(w.users["owner"], req, "dissatisfied", False)
    EnterpriseRequest.objects.filter(pk=req.pk).update(closed_at=timezone.now() - datetime.timedelta(days=services.REOPEN_DAYS + 1))
    req.refresh_from_db()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        services.reopen(w.users["owner"], req, "still broken")
    assert "reason" in caught.value.message_dict
    req.refresh_from_db()
    assert req.status == "closed"
