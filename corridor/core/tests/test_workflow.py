"""Workflows as data: one conditional UPDATE per transition, so of two simultaneous transitions exactly
one wins (SQLite and PostgreSQL alike); the winner leaves a history record and tells the parties."""

from __future__ import annotations

from collections import Counter

import pytest

from corridor.audit.services import history_of
from corridor.core.workflow import apply_transition, available_transitions, transition_applied
from corridor.equipment import services as equipment
from corridor.equipment.models import Booking
from corridor.equipment.testing import at, build_equip_world
from corridor.equipment.tests.test_concurrency import race
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.matching import services as matching
from corridor.matching.models import Interest
from corridor.matching.testing import make_listings
from corridor.notifications.models import Notification


def _drain_email_jobs() -> None:
    for job in Job.objects.filter(kind="notifications-email"):
        jobs.wait(job)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_decisions_on_a_booking_have_one_winner(world) -> None:
    ew = build_equip_world(world)
    booking = equipment.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 11))
    owner, admin = world.users["owner"], world.users["admin"]
    # Every attempt leaves "requested": once one has, none of the others may follow it.
    attempts = [
        lambda: equipment.approve_booking(owner, Booking.objects.get(pk=booking.pk)),
        lambda: equipment.reject_booking(owner, Booking.objects.get(pk=booking.pk), "closed that week"),
        lambda: equipment.approve_booking(admin, Booking.objects.get(pk=booking.pk)),
        lambda: equipment.reject_booking(admin, Booking.objects.get(pk=booking.pk), "maintenance"),
    ]
    outcomes = race(len(attempts), lambda i: attempts[i]())
    assert outcomes == Counter({"ok": 1, "Conflict": len(attempts) - 1}), outcomes
    booking.refresh_from_db()
    assert booking.status in ("approved", "rejected")
    changes = [r for r in history_of(booking) if r.action == "update"]
    assert len(changes) == 1 and changes[0].after["status"] == booking.status  # bookings are audited now


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_answers_to_an_interest_have_one_winner(world) -> None:
    listings = make_listings(world)
    interest = matching.express_interest(world.users["member"], listings.need_zh, "8 weeks")
    owner, secretariat = world.users["owner"], world.users["secretariat"]
    answers = [(owner, "accepted"), (secretariat, "declined"), (owner, "declined"), (secretariat, "accepted")]
    outcomes = race(len(answers), lambda i: matching.advance(answers[i][0], Interest.objects.get(pk=interest.pk), answers[i][1]))
    _drain_email_jobs()
    assert outcomes["ok"] == 1, outcomes
    # A loser either lost the UPDATE (Conflict) or came after it and was told the step cannot follow.
    assert outcomes["Conflict"] + outcomes["ValidationError"] == len(answers) - 1, outcomes
    interest.refresh_from_db()
    assert interest.stage in ("accepted", "declined") and interest.responded_at is not None
    told = Notification.objects.filter(user=world.users["member"], message__contains="%(stage)s")
    assert told.count() == 1  # the interested party hears of the one answer that was given


@pytest.mark.django_db
def test_declared_transitions_drive_the_buttons_and_the_checks(world) -> None:
    ew = build_equip_world(world)
    booking = equipment.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 11))
    assert available_transitions(world.users["owner"], booking) == ["approve", "reject", "cancel"]
    assert available_transitions(world.users["member"], booking) == ["cancel"]
    assert available_transitions(world.users["outsider"], booking) == []
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        apply_transition(world.users["member"], booking, "approve")
    with pytest.raises(ValidationError) as err:
        apply_transition(world.users["owner"], booking, "reject", reason="  ")
    assert "reason" in err.value.message_dict
    heard = []

    def receiver(sender, instance, name, actor, **kwargs):
        heard.append((sender, instance.pk, name))

    transition_applied.connect(receiver)
    try:
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            apply_transition(world.users["owner"], booking, "reject", reason="closed that week")
    finally:
        transition_applied.disconnect(receiver)
    assert heard == [(Booking, booking.pk, "reject")]
    assert booking.status == "rejected" and booking.reason == "closed that week" and booking.decided_by == world.users["owner"]
