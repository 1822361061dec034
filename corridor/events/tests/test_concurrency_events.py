"""Many registrations for the last places at once, each on its own connection: the caps hold."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connections

from corridor.events import services
from corridor.events.models import Event, Registration
from corridor.events.tests.helpers import make_event, more_members
from corridor.jobs import services as jobs


@pytest.fixture(autouse=True)
def _confirmations_sent_before_teardown():
    """Confirmed registrations e-mail in background jobs: let them end before the database is flushed."""
    yield
    jobs.wait_all(60)

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 8


def race(users, event, **kwargs) -> Counter[str]:
    barrier = threading.Barrier(len(users))
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def run(user) -> None:
        try:
            barrier.wait()
            outcome = services.register(user, Event.objects.get(pk=event.pk), **kwargs).status
        except Exception as exc:
            outcome = type(exc).__name__
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_concurrent_registrations_never_exceed_the_capacity(world):
    event = make_event(world, capacity=3)
    users = more_members(world, THREADS)
    outcomes = race(users, event, organisation=world.member_org)
    holding = Registration.objects.filter(event=event, status__in=Registration.HOLDING).count()
    event.refresh_from_db()
    assert holding == 3 == event.taken, outcomes
    assert outcomes["approved"] == 3
    assert outcomes["approved"] + outcomes["waitlisted"] + sum(
        v for k, v in outcomes.items() if k not in ("approved", "waitlisted")) == THREADS
    assert Registration.objects.filter(event=event, status="waitlisted").count() == outcomes["waitlisted"]


def test_concurrent_registrations_never_exceed_a_type_cap(world):
    event = make_event(world, capacity=100, waiting_list=False, types=[{"name_en": "Investors", "capacity": 2}])
    kind = event.registration_types.get()
    users = more_members(world, THREADS, prefix="inv")
    race(users, event, organisation=world.member_org, type=kind)
    kind.refresh_from_db()
    event.refresh_from_db()
    assert Registration.objects.filter(event=event, type=kind, status="approved").count() == 2 == kind.taken
    assert event.taken == 2
