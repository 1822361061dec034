"""Bookings and voucher redemptions hammered by 64 concurrent clients on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres bench_equip
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_equip \\
        flock /tmp/corridor-heavy.lock .venv/bin/python bench/booking_concurrency.py

Clients are processes × threads (default 8 × 8 = 64), each thread with its own connection, all
released at once. Four phases in the same run, on the same slot grid:

1. bookings through the service (Python checks + the exclusion constraint): attempts/s, then the
   overlapping active bookings counted by a SQL self-join (must be 0);
2. the naive baseline: the same check-then-insert in Python against a table without the constraint
   (what a booking system without a database guard does): its attempts/s and its overlaps (> 0 shows
   the race is real);
3. voucher redemptions through the service (conditional UPDATE) against one small balance:
   attempts/s and overdraft (sum paid beyond the balance, must be 0);
4. the naive baseline for vouchers: read the balance, check in Python, write balance - amount.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import random
import sys
import threading
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INSTRUMENTS = 4
BOOKERS = 8


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    import django

    django.setup()


# ---- the world the clients share ----------------------------------------------------------------

def prepare(holds: int) -> dict[str, Any]:
    """Regions, a lab with four instruments, eight booking organisations with a user each; fresh bookings."""
    from django.db import connection

    from corridor.accounts import services as accounts
    from corridor.accounts.models import RoleGrant
    from corridor.equipment import services, vouchers
    from corridor.equipment.models import Booking, Instrument, Redemption, UsageRecord, Voucher, VoucherProgramme
    from corridor.orgs.models import Organisation
    from corridor.orgs.services import create_organisation
    from corridor.regions.models import Region

    def region(code: str, zh: str, en: str, level: str, parent: Region | None = None) -> Region:
        return Region.objects.get_or_create(code=code, defaults={"name_zh": zh, "name_en": en, "level": level, "parent": parent})[0]

    shanghai = region("310000", "上海市", "Shanghai", "province")
    songjiang = region("310117", "松江区", "Songjiang District", "district", shanghai)
    anhui = region("340000", "安徽省", "Anhui", "province")
    wuhu = region("340200", "芜湖市", "Wuhu", "city", anhui)

    def org(name: str, where: Region) -> Organisation:
        return Organisation.objects.filter(name_zh=name).first() or create_organisation(None, {"name_zh": name, "region": where.code})

    lab = org("基准测试实验室（松江）", songjiang)
    bookers = [org(f"基准测试企业{i}（芜湖）", wuhu) for i in range(BOOKERS)]
    users = []
    for i, booker in enumerate(bookers):
        user = accounts.create_user(f"bench{i}", "x", check_password=False) if not _user_exists(f"bench{i}") else _get_user(f"bench{i}")
        if not RoleGrant.objects.filter(user=user, organisation=booker).exists():
            accounts.grant_role(user, "member", organisation=booker)
        users.append(user.pk)
    admin = _get_user("bench-admin") if _user_exists("bench-admin") else accounts.create_user("bench-admin", "x", is_admin=True, check_password=False)
    instruments = []
    for i in range(INSTRUMENTS):
        instrument = Instrument.objects.filter(owner=lab, model_number=f"BENCH-{i}").first() or services.save_instrument(None, Instrument(
            owner=lab, region=songjiang, name_zh=f"基准仪器{i}", model_number=f"BENCH-{i}", rate_per_hour=Decimal("100"),
            open_days="1234567", opens_at=datetime.time(8), closes_at=datetime.time(20), lead_hours=0, min_minutes=60, max_minutes=240,
        ))
        instruments.append(instrument.pk)
    Redemption.objects.all().delete()
    UsageRecord.objects.all().delete()
    Voucher.objects.all().delete()
    VoucherProgramme.objects.all().delete()
    Booking.objects.filter(instrument__owner=lab).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_naive_booking (id bigserial PRIMARY KEY, instrument_id bigint NOT NULL, "
            "organisation_id bigint NOT NULL, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, status varchar(10) NOT NULL)"
        )
        cursor.execute("CREATE INDEX IF NOT EXISTS bench_naive_booking_i ON bench_naive_booking (instrument_id, starts_at)")
        cursor.execute("TRUNCATE bench_naive_booking")
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_naive_voucher (id bigint PRIMARY KEY, balance numeric(14,2) NOT NULL)")
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_naive_redemption (id bigserial PRIMARY KEY, amount numeric(14,2) NOT NULL)")
        cursor.execute("TRUNCATE bench_naive_voucher, bench_naive_redemption")

    # Completed bookings to pay for: one per redemption attempt, in the past, through the services.
    programme = vouchers.create_programme(_get_user("bench-admin"), {
        "issuer": wuhu, "name_zh": "基准测试创新券", "budget": "1000000", "valid_from": datetime.date(2000, 1, 1),
        "valid_until": datetime.date(2100, 1, 1), "fee_share": "0.5", "holder_regions": [wuhu], "provider_regions": [shanghai],
    })
    holder = bookers[0]
    voucher = vouchers.grant_voucher(admin, programme, holder, "1000")
    paid_for = []
    base = datetime.datetime(2020, 1, 1, 1, tzinfo=datetime.UTC)  # 09:00 in Shanghai
    instrument = Instrument.objects.get(pk=instruments[0])
    for n in range(holds):
        start = base + datetime.timedelta(days=n)  # a day apart: distinct slots
        booking = services.request_booking(admin, instrument, holder, start, start + datetime.timedelta(hours=1), now=start)
        services.approve_booking(admin, booking)
        services.complete_booking(admin, booking, now=start + datetime.timedelta(hours=1))  # fee 100, a voucher may pay 50
        paid_for.append(booking.pk)
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_naive_voucher (id, balance) VALUES (1, 1000)")
    return {"instruments": instruments, "bookers": [b.pk for b in bookers], "users": users, "voucher": voucher.pk,
            "paid_for": paid_for, "holder_user": users[0]}


def _user_exists(name: str) -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=name).exists()


def _get_user(name: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


def slot_grid() -> list[tuple[datetime.datetime, datetime.datetime]]:
    """A small grid of overlapping candidate slots a week ahead: contention is the point."""
    from zoneinfo import ZoneInfo

    day = datetime.date.today() + datetime.timedelta(days=7)
    slots = []
    for d in range(3):
        for hour in range(8, 18):
            for length in (1, 2, 3):
                start = datetime.datetime.combine(day + datetime.timedelta(days=d), datetime.time(hour), tzinfo=ZoneInfo("Asia/Shanghai"))
                slots.append((start, start + datetime.timedelta(hours=length)))
    return slots


# ---- the clients ----------------------------------------------------------------------------------

def attempt_booking(world: dict[str, Any], client: int, rng: random.Random, objects: dict[str, Any]) -> str:
    from corridor.equipment import services

    start, end = rng.choice(objects["slots"])
    instrument = objects["instruments"][rng.randrange(INSTRUMENTS)]
    try:
        services.request_booking(objects["user"], instrument, objects["org"], start, end)
        return "booked"
    except services.BookingConflict:
        return "refused"


def attempt_naive_booking(world: dict[str, Any], client: int, rng: random.Random, objects: dict[str, Any]) -> str:
    """Check in Python, then insert: exactly what the service does, minus the database's guard."""
    from django.db import connection, transaction

    start, end = rng.choice(objects["slots"])
    instrument_id = world["instruments"][rng.randrange(INSTRUMENTS)]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT starts_at, ends_at FROM bench_naive_booking WHERE instrument_id = %s AND status IN ('requested', 'approved', 'completed') "
            "AND starts_at < %s AND ends_at > %s", [instrument_id, end, start])
        if cursor.fetchall():
            return "refused"
        cursor.execute("INSERT INTO bench_naive_booking (instrument_id, organisation_id, starts_at, ends_at, status) VALUES (%s, %s, %s, %s, 'requested')",
                       [instrument_id, objects["org"].pk, start, end])
    return "booked"


def attempt_redemption(world: dict[str, Any], client: int, rng: random.Random, objects: dict[str, Any]) -> str:
    from django.core.exceptions import ValidationError

    from corridor.equipment import vouchers
    from corridor.equipment.models import Booking

    booking = Booking.objects.select_related("instrument", "usage").get(pk=objects["next_booking"]())
    try:
        vouchers.redeem(objects["holder"], objects["voucher"], booking, "50", contract_ref="B", receipt_ref="B")
        return "paid"
    except ValidationError:  # Conflict (balance) is one too
        return "refused"


def attempt_naive_redemption(world: dict[str, Any], client: int, rng: random.Random, objects: dict[str, Any]) -> str:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT balance FROM bench_naive_voucher WHERE id = 1")
        balance = cursor.fetchone()[0]
        if balance < 50:
            return "refused"
        cursor.execute("UPDATE bench_naive_voucher SET balance = %s WHERE id = 1", [balance - 50])
        cursor.execute("INSERT INTO bench_naive_redemption (amount) VALUES (50)")
    return "paid"


PHASES = {
    "booking": attempt_booking, "naive_booking": attempt_naive_booking,
    "redemption": attempt_redemption, "naive_redemption": attempt_naive_redemption,
}


def run_process(phase: str, world: dict[str, Any], first_client: int, threads: int, attempts: int, barrier: Any, queue: Any) -> None:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connections

    from corridor.equipment.models import Instrument, Voucher
    from corridor.orgs.models import Organisation

    attempt = PHASES[phase]
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    paid_for = list(world["paid_for"])
    cursor = {"i": first_client * attempts}

    def next_booking() -> int:
        with lock:  # redemption attempts each pay for a different completed booking
            cursor["i"] += 1
            return paid_for[(cursor["i"] - 1) % len(paid_for)]

    def client(n: int, ready: threading.Barrier) -> None:
        rng = random.Random(n)
        User = get_user_model()
        slot = n % BOOKERS
        objects = {
            "slots": slot_grid(), "org": Organisation.objects.get(pk=world["bookers"][slot]),
            "user": User.objects.get(pk=world["users"][slot]),
            "instruments": list(Instrument.objects.filter(pk__in=world["instruments"]).order_by("pk")),
            "holder": User.objects.get(pk=world["holder_user"]), "voucher": Voucher.objects.get(pk=world["voucher"]),
            "next_booking": next_booking,
        }
        from corridor.accounts.scope import scope_of

        scope_of(objects["user"]), scope_of(objects["holder"])
        local: Counter[str] = Counter()
        ready.wait()
        for _ in range(attempts):
            try:
                local[attempt(world, n, rng, objects)] += 1
            except Exception as exc:
                local[f"error:{type(exc).__name__}"] += 1
        connections.close_all()
        with lock:
            outcomes.update(local)

    ready = threading.Barrier(threads + 1)
    workers = [threading.Thread(target=client, args=(first_client + i, ready)) for i in range(threads)]
    for worker in workers:
        worker.start()
    ready.wait()  # every thread has its connection and objects
    barrier.wait()  # every process too: go
    for worker in workers:
        worker.join()
    queue.put(dict(outcomes))


def run_phase(phase: str, world: dict[str, Any], processes: int, threads: int, attempts: int) -> tuple[Counter[str], float]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(processes + 1)
    queue = ctx.Queue()
    procs = [ctx.Process(target=run_process, args=(phase, world, p * threads, threads, attempts, barrier, queue)) for p in range(processes)]
    for proc in procs:
        proc.start()
    barrier.wait()
    started = time.perf_counter()
    total: Counter[str] = Counter()
    for _ in procs:
        total.update(queue.get())
    elapsed = time.perf_counter() - started
    for proc in procs:
        proc.join()
    return total, elapsed


def overlaps(table: str) -> int:
    from django.db import connection

    from corridor.equipment.overlap_guard import OVERLAPPING_PAIRS_SQL

    with connection.cursor() as cursor:
        cursor.execute(OVERLAPPING_PAIRS_SQL.replace("equipment_booking", table))
        return int(cursor.fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--threads", type=int, default=8, help="per process (clients = processes × threads)")
    parser.add_argument("--attempts", type=int, default=40, help="booking attempts per client")
    parser.add_argument("--redemptions", type=int, default=4, help="redemption attempts per client")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_equip (this benchmark is about PostgreSQL)")
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from rich.console import Console
    from rich.table import Table

    from corridor.equipment.models import Redemption, Voucher

    console = Console(width=170)
    call_command("migrate", verbosity=0)
    clients = args.processes * args.threads
    world = prepare(clients * args.redemptions)
    connection.close()
    console.print(f"{clients} clients ({args.processes} processes × {args.threads} threads), {os.cpu_count()} CPUs, "
                  f"PostgreSQL {connection.cursor().connection.info.server_version}")

    table = Table(title="Concurrent bookings and redemptions (same run)")
    for column in ("phase", "attempts", "attempts/s", "succeeded", "refused", "errors", "invariant broken"):
        table.add_column(column, justify="right" if column != "phase" else "left")

    def row(name: str, outcomes: Counter[str], elapsed: float, broken: str) -> None:
        attempts = sum(outcomes.values())
        errors = sum(v for k, v in outcomes.items() if k.startswith("error"))
        ok = outcomes.get("booked", 0) + outcomes.get("paid", 0)
        table.add_row(name, f"{attempts:,}", f"{attempts / elapsed:,.0f}", f"{ok:,}", f"{outcomes.get('refused', 0):,}", f"{errors:,}", broken)
        if errors:
            console.print(f"[red]{name}: {dict(outcomes)}[/red]")

    outcomes, elapsed = run_phase("booking", world, args.processes, args.threads, args.attempts)
    row("bookings: service + exclusion constraint", outcomes, elapsed, f"{overlaps('equipment_booking')} overlapping pairs")
    outcomes, elapsed = run_phase("naive_booking", world, args.processes, args.threads, args.attempts)
    row("baseline: Python check only, no constraint", outcomes, elapsed, f"{overlaps('bench_naive_booking')} overlapping pairs")

    voucher = Voucher.objects.get(pk=world["voucher"])
    outcomes, elapsed = run_phase("redemption", world, args.processes, args.threads, args.redemptions)
    voucher.refresh_from_db()
    paid = sum(r.amount for r in Redemption.objects.filter(voucher=voucher))
    overdraft = max(Decimal("0"), paid - voucher.amount)
    row(f"redemptions: conditional UPDATE (balance {voucher.amount})", outcomes, elapsed,
        f"overdraft {overdraft} (balance now {voucher.balance})")
    outcomes, elapsed = run_phase("naive_redemption", world, args.processes, args.threads, args.redemptions)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(SUM(amount), 0) FROM bench_naive_redemption")
        naive_paid = cursor.fetchone()[0]
        cursor.execute("SELECT balance FROM bench_naive_voucher WHERE id = 1")
        naive_balance = cursor.fetchone()[0]
    row("baseline: read, check in Python, write", outcomes, elapsed,
        f"overdraft {max(Decimal('0'), naive_paid - 1000)} (paid {naive_paid}, balance says {naive_balance})")
    console.print(table)


if __name__ == "__main__":
    main()
