"""N simultaneous requests, each on its own connection (threads): the database lets exactly the right ones win.

Runs on SQLite (one writer at a time, the triggers decide) and PostgreSQL (concurrent writers, the
exclusion constraint and the conditional UPDATE decide) alike.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

from corridor.equipment import services, vouchers
from corridor.equipment.models import Booking, Redemption, Voucher
from corridor.equipment.overlap_guard import OVERLAPPING_PAIRS_SQL, is_deadlock
from corridor.equipment.testing import at, build_equip_world, completed_booking

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 8


def race(n: int, attempt: Callable[[int], Any]) -> Counter[str]:
    """Run `attempt(i)` in n threads released at once; count outcomes by exception class name."""
    barrier = threading.Barrier(n)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def run(i: int) -> None:
        try:
            barrier.wait()
            attempt(i)
            outcome = "ok"
        except Exception as exc:
            outcome = "Deadlock" if is_deadlock(exc) else type(exc).__name__
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def _overlapping_pairs() -> int:
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPPING_PAIRS_SQL)
        return cursor.fetchone()[0]


def test_exactly_one_of_n_simultaneous_requests_for_one_slot_wins(world):
    ew = build_equip_world(world)
    users = [world.users["member"], world.users["owner"]]
    orgs = [world.member_org, world.owner_org]

    def attempt(i: int) -> None:
        # Slightly different slots, all overlapping 10:00–10:30.
        services.request_booking(users[i % 2], ew.bench, orgs[i % 2], at(1, 9, (i % 4) * 5), at(1, 10, 30 + i % 3))

    outcomes = race(THREADS, attempt)
    assert outcomes["ok"] == 1, outcomes
    assert outcomes["BookingConflict"] == THREADS - 1, outcomes
    assert Booking.objects.count() == 1
    assert _overlapping_pairs() == 0


def test_python_checks_bypassed_still_one_winner(world):
    """Raw inserts from N threads: only the database stands between them."""
    ew = build_equip_world(world)

    def attempt(i: int) -> None:
        Booking.objects.create(instrument=ew.bench, organisation=world.member_org, starts_at=at(1, 9), ends_at=at(1, 10))

    outcomes = race(THREADS, attempt)
    assert outcomes["ok"] == 1, outcomes
    # PostgreSQL may break a deadlock between two waiting inserts by refusing one: refused all the same.
    assert outcomes["IntegrityError"] + outcomes["Deadlock"] == THREADS - 1, outcomes
    assert _overlapping_pairs() == 0


def test_voucher_is_never_overdrawn_under_concurrent_redemptions(world):
    ew = build_equip_world(world)
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "1000")
    bookings = []
    for day in range(THREADS):
        booking = services.request_booking(world.users["member"], ew.bench, world.member_org, at(2 + day, 9), at(2 + day, 10))
        services.approve_booking(world.users["owner"], booking)
        bookings.append(booking)
    for booking in bookings:
        Booking.objects.filter(pk=booking.pk).update(starts_at=booking.starts_at.replace(year=2024), ends_at=booking.ends_at.replace(year=2024))
        booking.refresh_from_db()
        services.complete_booking(world.users["owner"], booking)  # fee 800, a voucher may pay 400

    def attempt(i: int) -> None:
        vouchers.redeem(world.users["member"], voucher, bookings[i], "300", contract_ref=f"HT-{i}", receipt_ref=f"FP-{i}")

    outcomes = race(THREADS, attempt)
    voucher.refresh_from_db()
    assert outcomes["ok"] == 3, outcomes  # 3 × 300 ≤ 1000 < 4 × 300
    assert voucher.balance == Decimal("100.00")
    assert Redemption.objects.filter(voucher=voucher).count() == 3
    assert Voucher.objects.filter(balance__lt=0).count() == 0


def test_programme_budget_is_never_exceeded_under_concurrent_grants(world):
    ew = build_equip_world(world)  # budget 10,000

    def attempt(i: int) -> None:
        vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "3000")

    outcomes = race(THREADS, attempt)
    ew.programme.refresh_from_db()
    assert outcomes["ok"] == 3, outcomes
    assert ew.programme.unallocated == Decimal("1000.00")
    assert sum(v.amount for v in ew.programme.vouchers.all()) == Decimal("9000.00")


def test_a_booking_share_is_not_overpaid_by_two_vouchers_at_once(world):
    ew = build_equip_world(world)
    booking = completed_booking(ew)  # fee 2 × 800 + 200 = 1800, share 900
    pair = [vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "1000") for _ in range(2)]

    def attempt(i: int) -> None:
        vouchers.redeem(world.users["member"], pair[i], booking, "600", contract_ref="HT", receipt_ref="FP")

    outcomes = race(2, attempt)
    assert outcomes["ok"] == 1, outcomes
    assert sum(r.amount for r in Redemption.objects.filter(booking=booking)) == Decimal("600.00")
    with pytest.raises(ValidationError):
        vouchers.redeem(world.users["member"], pair[1], booking, "600", contract_ref="HT", receipt_ref="FP")


def test_monthly_quota_holds_under_concurrent_requests(world):
    """Quota is a sum over rows, which no constraint can check: the service serialises per instrument."""
    ew = build_equip_world(world)
    ew.bench.monthly_quota_hours = 2
    ew.bench.save()
    base = at(40, 9).replace(day=3)  # one month, whatever today is

    def attempt(i: int) -> None:
        start = base.replace(hour=8 + i)  # distinct, free slots: only the quota can refuse
        services.request_booking(world.users["member"], ew.bench, world.member_org, start, start.replace(hour=9 + i))

    outcomes = race(THREADS, attempt)
    assert outcomes["ok"] == 2, outcomes
    assert outcomes["BookingRefused"] == THREADS - 2, outcomes


def test_a_booking_request_aborted_by_a_deadlock_hears_already_booked(world):
    """Two transactions each wait for the other's overlapping row; PostgreSQL aborts the one that waited first.
    When that is a member's booking request, the member is told the slot is taken, not shown an error."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: two inserts never wait for each other")
    ew = build_equip_world(world)
    first_row_in = threading.Event()
    failure: list[BaseException] = []

    def other_transaction() -> None:
        try:
            with transaction.atomic():
                Booking.objects.create(instrument=ew.bench, organisation=world.member_org, starts_at=at(1, 9),
                                       ends_at=at(1, 10))
                first_row_in.set()
                _wait_until_another_backend_waits_for_a_lock()
                # Overlaps the request's row, which is waiting for ours: a cycle.
                Booking.objects.create(instrument=ew.bench, organisation=world.member_org, starts_at=at(1, 10),
                                       ends_at=at(1, 11))
        except BaseException as exc:  # reported by the assertion below
            failure.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_transaction)
    thread.start()
    assert first_row_in.wait(10)
    with pytest.raises(services.BookingConflict):
        services.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9, 30), at(1, 10, 30))
    thread.join(30)
    assert not failure, failure
    assert Booking.objects.filter(instrument=ew.bench).count() == 2  # the other transaction's two rows
    assert _overlapping_pairs() == 0


def _wait_until_another_backend_waits_for_a_lock(timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                           "AND datname = current_database() AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the booking request never waited for the other transaction's row")
