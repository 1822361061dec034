"""Booking rules, the database's overlap guard, recurring requests, quota and approval rights."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from corridor.core.errors import Conflict
from corridor.equipment import services
from corridor.equipment.models import Booking, Instrument
from corridor.equipment.overlap_guard import OVERLAPPING_PAIRS_SQL
from corridor.equipment.testing import at, build_equip_world, make_instrument


@pytest.fixture
def ew(world):
    return build_equip_world(world)


def _book(ew, start, end, **kwargs):
    return services.request_booking(ew.world.users["member"], ew.bench, ew.world.member_org, start, end, **kwargs)


def test_a_request_waits_for_approval_and_holds_the_slot(ew):
    booking = _book(ew, at(1, 9), at(1, 11))
    assert booking.status == "requested"
    with pytest.raises(Conflict) as caught:
        services.request_booking(ew.world.users["owner"], ew.bench, ew.world.owner_org, at(1, 10), at(1, 12))
    assert "already booked" in str(caught.value.message_dict["occurrences"])
    # Touching ends are not an overlap: [9, 11) and [11, 12).
    assert _book(ew, at(1, 11), at(1, 12)).pk


def test_automatic_approval_when_the_instrument_needs_none(ew):
    ew.bench.approval_required = False
    ew.bench.save()
    assert _book(ew, at(1, 9), at(1, 10)).status == "approved"


def test_naive_times_are_read_in_the_instruments_time_zone(ew):
    naive = at(1, 9).replace(tzinfo=None)
    booking = _book(ew, naive, naive + datetime.timedelta(hours=1))
    assert booking.starts_at == at(1, 9)
    assert booking.starts_at.utcoffset() is not None


@pytest.mark.parametrize(
    ("start", "end", "field_text"),
    [
        (at(1, 9), at(1, 9, 15), "between 30 and 600 minutes"),
        (at(1, 6), at(1, 9), "Outside opening hours"),
        (at(1, 19), at(1, 21), "Outside opening hours"),
    ],
)
def test_rules_are_enforced(ew, start, end, field_text):
    with transaction.atomic(), pytest.raises(ValidationError) as caught:
        _book(ew, start, end)
    assert field_text in str(caught.value.message_dict["occurrences"])
    assert not Booking.objects.exists()


def test_lead_time(ew):
    ew.bench.lead_hours = 48
    ew.bench.save()
    with pytest.raises(ValidationError, match="48 hours ahead"):
        _book(ew, at(1, 9), at(1, 10))
    assert _book(ew, at(3, 9), at(3, 10)).pk


def test_overlap_is_refused_by_the_database_when_python_checks_are_bypassed(ew):
    _book(ew, at(1, 9), at(1, 11))
    # A raw insert, as a buggy script or a second service would do it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(instrument=ew.bench, organisation=ew.world.owner_org, starts_at=at(1, 10), ends_at=at(1, 12))
    # Nor can an existing booking be moved or revived onto the taken slot.
    other = Booking.objects.create(
        instrument=ew.bench, organisation=ew.world.owner_org, starts_at=at(1, 12), ends_at=at(1, 13), status="cancelled"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=other.pk).update(starts_at=at(1, 10))
        Booking.objects.filter(pk=other.pk).update(status="approved")
    Booking.objects.filter(pk=other.pk).update(status="approved")  # its own slot is free
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPPING_PAIRS_SQL)
        assert cursor.fetchone()[0] == 0


def test_released_slots_can_be_booked_again(ew):
    first = _book(ew, at(1, 9), at(1, 11))
    services.reject_booking(ew.world.users["owner"], first, "维护中 / under maintenance")
    assert _book(ew, at(1, 9), at(1, 11)).status == "requested"


def test_other_instruments_are_independent(ew):
    other = make_instrument(ew.world.owner_org, ew.world.regions["330108"], name_zh="扫描电镜", name_en="SEM")
    _book(ew, at(1, 9), at(1, 11))
    assert services.request_booking(ew.world.users["member"], other, ew.world.member_org, at(1, 9), at(1, 11)).pk


def test_recurring_clashes_are_reported_per_occurrence_and_nothing_is_booked(ew):
    _book(ew, at(8, 10), at(8, 11))  # collides with the 2nd weekly occurrence
    _book(ew, at(22, 9, 30), at(22, 10, 30))  # and the 4th
    with pytest.raises(Conflict) as caught:
        _book(ew, at(1, 9), at(1, 11), repeat="weekly", count=5)
    clashes = caught.value.clashes  # type: ignore[attr-defined]
    assert [c.index for c in clashes] == [1, 3]
    messages = caught.value.message_dict["occurrences"]
    assert messages[0].startswith("Occurrence 2") and messages[1].startswith("Occurrence 4")
    assert Booking.objects.count() == 2


def test_recurring_partial_booking_only_when_asked(ew):
    _book(ew, at(8, 10), at(8, 11))
    result = services.request_series(
        ew.world.users["member"], ew.bench, ew.world.member_org, at(1, 9), at(1, 11), repeat="weekly", count=3,
        allow_partial=True,
    )
    assert [b.starts_at for b in result.booked] == [at(1, 9), at(15, 9)]
    assert [c.index for c in result.skipped] == [1]
    assert len({b.series for b in result.booked}) == 1


def test_quota_per_organisation_and_month(ew):
    ew.bench.monthly_quota_hours = 5
    ew.bench.save()
    # A month in the future, so that all three fall into one month whatever today is.
    base = at(40, 9).replace(day=3)
    day = datetime.timedelta(days=1)
    _book(ew, base, base + datetime.timedelta(hours=3))
    with pytest.raises(ValidationError, match="monthly quota of 5 hours"):
        _book(ew, base + day, base + day + datetime.timedelta(hours=3))
    assert _book(ew, base + day, base + day + datetime.timedelta(hours=2)).pk
    # Another organisation has its own quota.
    assert services.request_booking(
        ew.world.users["owner"], ew.bench, ew.world.owner_org, base + 2 * day, base + 2 * day + datetime.timedelta(hours=5)
    ).pk
    # Occurrences of one series count against the quota together.
    with pytest.raises(ValidationError) as caught:
        services.request_series(ew.world.users["owner"], ew.bench, ew.world.owner_org, base + 3 * day,
                                base + 3 * day + datetime.timedelta(hours=1), repeat="daily", count=2)
    assert "monthly quota" in str(caught.value.message_dict["occurrences"])


def test_only_members_of_the_organisation_book_for_it(ew):
    with pytest.raises(PermissionDenied):
        services.request_booking(ew.world.users["outsider"], ew.bench, ew.world.member_org, at(1, 9), at(1, 10))
    for role in ("secretariat", "officer"):
        with pytest.raises(PermissionDenied):
            services.request_booking(ew.world.users[role], ew.bench, ew.world.member_org, at(1, 9), at(1, 10))


def test_alliance_only_instruments(ew):
    ew.bench.bookable_by = Instrument.BookableBy.ALLIANCE_MEMBERS
    ew.bench.save()
    with pytest.raises(PermissionDenied):
        services.request_booking(ew.world.users["outsider"], ew.bench, ew.world.outsider_org, at(1, 9), at(1, 10))
    assert _book(ew, at(1, 9), at(1, 10)).pk  # member_org shares the robot alliance with the owner


@pytest.mark.parametrize("role", ["member", "outsider", "secretariat", "officer"])
def test_only_the_owners_staff_and_admins_decide(ew, role):
    booking = _book(ew, at(1, 9), at(1, 10))
    for action in (services.approve_booking, lambda u, b: services.reject_booking(u, b, "no")):
        with pytest.raises(PermissionDenied):
            action(ew.world.users[role], booking)
    booking.refresh_from_db()
    assert booking.status == "requested"


def test_owner_and_admin_decide_and_a_decision_is_final(ew):
    first = _book(ew, at(1, 9), at(1, 10))
    second = _book(ew, at(2, 9), at(2, 10))
    assert services.approve_booking(ew.world.users["owner"], first).status == "approved"
    assert services.approve_booking(ew.world.users["admin"], second).status == "approved"
    with pytest.raises(Conflict):
        services.reject_booking(ew.world.users["owner"], first, "too late")
    with pytest.raises(ValidationError):
        services.reject_booking(ew.world.users["owner"], _book(ew, at(3, 9), at(3, 10)), "  ")


def test_completion_records_usage_and_fee(ew):
    booking = _book(ew, at(1, 9), at(1, 11), samples=3)
    services.approve_booking(ew.world.users["owner"], booking)
    with pytest.raises(ValidationError, match="not begun"):
        services.complete_booking(ew.world.users["owner"], booking)
    later = at(1, 12)
    with pytest.raises(PermissionDenied):
        services.complete_booking(ew.world.users["member"], booking, now=later)
    usage = services.complete_booking(ew.world.users["owner"], booking, now=later)
    assert usage.hours == Decimal("2.00") and usage.samples == 3
    assert usage.fee == Decimal("2200.00")  # 2 h × 800 + 3 × 200
    booking.refresh_from_db()
    assert booking.status == "completed"


def test_cancel_and_no_show(ew):
    booking = _book(ew, at(1, 9), at(1, 10))
    with pytest.raises(PermissionDenied):
        services.cancel_booking(ew.world.users["outsider"], booking)
    assert services.cancel_booking(ew.world.users["member"], booking, "plans changed").status == "cancelled"
    other = _book(ew, at(1, 9), at(1, 10))
    services.approve_booking(ew.world.users["owner"], other)
    assert services.mark_no_show(ew.world.users["owner"], other, now=at(1, 11)).status == "no_show"


def test_calendar_shows_taken_and_free_slots(ew):
    _book(ew, at(1, 9), at(1, 11))
    days = services.week_calendar(ew.bench, at(1, 0).date(), days=2)
    states = {slot.starts_at.hour: slot.state for slot in days[0][1]}
    assert states[8] == "free" and states[9] == "taken" and states[10] == "taken" and states[11] == "free"
    assert all(slot.state == "free" for slot in days[1][1])
