"""Chain maps at scale: the region × segment matrix, location quotients and gaps over N organisations
with about 3 segment tags each (default 1M organisations, 3M tags).

    flock /tmp/corridor-heavy.lock .venv/bin/python bench/chains.py --size 1000000            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_chains \
        flock /tmp/corridor-heavy.lock .venv/bin/python bench/chains.py --size 1000000

The population is written straight into the real tables (one INSERT/COPY stream, not the demo's
per-row services, which would take an hour at this size): organisations over the nine G60 cities
weighted as the demo's synthetic population is, 3 % unlisted, 5.8 % head enterprises, and tags whose
segments lean differently per city so that location quotients spread. Kept under bench/out/ (SQLite)
or in the database, so a second run skips the load.

Measured in the same run, as a visitor (listed organisations only) and as a city officer (who also
sees their city's unlisted organisations):
- baseline: the plain ORM aggregation (GROUP BY segment, city over tags joined to visible organisations);
- ours: the matrix from the maintained per-(segment, city) counts plus the per-city totals;
- LQ + strong links (pure module) and the gaps of all nine cities with their leading organisations;
- a full recount of the maintained table (what a bulk load costs afterwards).
Wall time is the median of --repeat runs; peak memory is Python's (tracemalloc, one extra run) per operation, and
the process's maximum resident set at the end.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH = 50_000


def measure(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(median seconds, peak MiB of Python allocations, last result).

    Timed runs go without tracemalloc (it slows allocation-heavy code such as template rendering
    several-fold); one more run under tracemalloc gives the peak.
    """
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, result


def _copy_rows(table: str, columns: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def load_population(size: int, console: Any) -> None:
    from django.db import transaction

    from corridor.demo import synthetic, synthetic_data
    from corridor.demo.services import region_index
    from corridor.orgs.models import Organisation

    regions = region_index()
    places = synthetic.places()
    cities = list(places)
    weights = [synthetic_data.CITIES[c][0] for c in cities]
    rng = random.Random(2026)
    now = datetime.datetime.now(datetime.UTC)
    have = Organisation.objects.count()
    n = size - have
    console.print(f"loading {n:,} organisations …")

    def orgs() -> Iterator[tuple[Any, ...]]:
        for i in range(n):
            city = rng.choices(cities, weights)[0]
            place = places[city][int(rng.random() * len(places[city]))]
            region_id, city_id, province_id = regions[place.code]
            yield (f"基准{i}科技有限公司", f"Bench {i} Technology Co., Ltd.", "", "[]", "enterprise", "", "small",
                   rng.random() < 0.058, "", "", "", rng.random() >= 0.03, "", "", "", f"基准{i}", True, "bench",
                   now, now, region_id, city_id, province_id)

    columns = ["name_zh", "name_en", "short_name", "aliases", "kind", "address", "size_band", "is_head_enterprise",
               "description_zh", "description_en", "website", "listed", "contact_name", "contact_email",
               "contact_phone", "search_text", "is_synthetic", "source_seed", "created_at", "updated_at", "region_id",
               "city_id", "province_id"]
    started = time.perf_counter()
    with transaction.atomic():
        _copy_rows(Organisation._meta.db_table, columns, orgs())
    console.print(f"  organisations in {time.perf_counter() - started:.0f} s")


def load_tags(tags_per_org: float, console: Any) -> None:
    """About tags_per_org segment tags per bench organisation, leaning per city (see the module doc)."""
    from django.db import transaction

    from corridor.chains.models import Segment, SegmentTag
    from corridor.demo import synthetic
    from corridor.orgs.models import Organisation

    cities = list(synthetic.places())
    segments = list(Segment.objects.filter(active=True).values_list("pk", flat=True))
    rng = random.Random(2026)
    # Each city leans towards some segments: LQs spread as they do between real cities.
    lean = {c: list(_accumulate([rng.lognormvariate(0, 0.8) for _ in segments])) for c in cities}
    now = datetime.datetime.now(datetime.UTC)
    # Read before the COPY starts: the connection cannot fetch while it streams a COPY.
    orgs = list(Organisation.objects.filter(source_seed="bench").order_by("pk").values_list("pk", "city__code"))
    console.print(f"tagging the bench organisations (~{tags_per_org:g} tags each) …")

    def tags() -> Iterator[tuple[Any, ...]]:
        for org_id, city in orgs:
            cum = lean[city]
            k = int(tags_per_org) + (rng.random() < tags_per_org % 1)
            for index in {_bisect(cum, rng.random() * cum[-1]) for _ in range(k)}:
                role = "uses" if rng.random() < 0.1 else "produces"
                status = "rejected" if rng.random() < 0.02 else "proposed"
                yield (org_id, segments[index], role, "inferred", status, 0.75, "[]", now)

    started = time.perf_counter()
    with transaction.atomic():
        _copy_rows(SegmentTag._meta.db_table, ["organisation_id", "segment_id", "role", "source", "status",
                                                "confidence", "evidence", "updated_at"], tags())
    console.print(f"  tags in {time.perf_counter() - started:.0f} s")


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for v in values:
        total += v
        yield total


def _bisect(cum: list[float], x: float) -> int:
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="organisations to have loaded")
    parser.add_argument("--tags-per-org", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--chain", default="industrial-robots")
    args = parser.parse_args()

    os.environ.setdefault("CORRIDOR_DATA_DIR", str(ROOT / "bench" / "out" / "chains"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count, Q
    from django.test import Client
    from rich.console import Console
    from rich.table import Table

    from corridor.accounts import services as accounts
    from corridor.chains import analytics, reports, services
    from corridor.chains.models import Chain, SegmentCount, SegmentTag
    from corridor.demo import facts
    from corridor.demo import services as demo
    from corridor.orgs.models import Organisation
    from corridor.regions.models import Region

    console = Console()
    call_command("migrate", verbosity=0)
    if not Region.objects.exists():
        console.print("loading the demo corridor (regions, chains, a few named organisations) …")
        demo.load_demo(size=0)
    if not Chain.objects.exists():
        services.load_templates()
    if Organisation.objects.count() < args.size:
        load_population(args.size, console)
    if not SegmentTag.objects.filter(organisation__source_seed="bench").exists():
        load_tags(args.tags_per_org, console)
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rebuild_s, rebuild_mib, rows = measure(services.rebuild_counts, 1)
    orgs, tags = Organisation.objects.count(), SegmentTag.objects.count()
    chain = Chain.objects.get(slug=args.chain)
    officer = accounts.create_user("bench-officer", "bench-pass-123") if not _user_exists("bench-officer") else \
        _user("bench-officer")
    if not officer.grants.exists():
        accounts.grant_role(officer, "city_officer", region=Region.objects.get(code=facts.JIAXING))
    cities = reports.corridor_cities()

    def naive(user: Any) -> Callable[[], Any]:
        def run() -> dict[tuple[int, int], tuple[int, int]]:
            rows = (
                SegmentTag.objects.filter(segment__chain=chain, role="produces")
                .exclude(status="rejected")
                .filter(organisation__in=Organisation.objects.visible_to(user), organisation__city__in=cities)
                .values("segment_id", "organisation__city_id")
                .annotate(n=Count("id"), heads=Count("id", filter=Q(organisation__is_head_enterprise=True)))
                .order_by()
            )
            cells = {(r["segment_id"], r["organisation__city_id"]): (r["n"], r["heads"]) for r in rows}
            reports.region_totals(user, cities)
            return cells
        return run

    def ours_cold(user: Any) -> Callable[[], Any]:
        def run() -> Any:
            cache.clear()  # the per-city totals are counted again, as after any organisation change
            return reports.chain_map(user, chain)
        return run

    def ours(user: Any) -> Callable[[], Any]:
        return lambda: reports.chain_map(user, chain)

    def counts_only(user: Any) -> Callable[[], Any]:
        return lambda: reports._stored_cells(user, chain, cities, "city")

    def totals_only(user: Any) -> Callable[[], Any]:
        return lambda: reports.region_totals(user, cities)

    table = Table(title=f"Chain '{chain.slug}' over {orgs:,} organisations, {tags:,} tags on {connection.vendor} "
                        f"({os.cpu_count()} cores)")
    for column in ("operation", "as", "median s", "peak MiB (Python)"):
        table.add_column(column, justify="left" if column in ("operation", "as") else "right")
    results: dict[str, float] = {}
    for who, user in (("visitor", None), ("city officer", officer)):
        for name, make in (("baseline: ORM GROUP BY over tags ⋈ organisations + totals", naive),
                           ("ours: matrix, totals counted (cold cache)", ours_cold),
                           ("ours: matrix (stored counts + totals + LQ/levels)", ours),
                           ("  of which stored counts", counts_only),
                           ("  of which per-city totals (cached)", totals_only)):
            seconds, mib, _result = measure(make(user), args.repeat)
            results[f"{name}/{who}"] = seconds
            table.add_row(name, who, f"{seconds:.3f}", f"{mib:.1f}")
    cmap = reports.chain_map(None, chain)
    seconds, mib, _ = measure(lambda: analytics.levels(cmap.matrix), args.repeat)
    table.add_row("LQ + strong links (pure module)", "visitor", f"{seconds:.4f}", f"{mib:.2f}")

    def all_gaps() -> int:
        m = reports.chain_map(None, chain)
        return sum(len(reports.gaps_for(None, chain, city, m)) for city in cities)

    seconds, mib, n_gaps = measure(all_gaps, max(1, args.repeat // 2))
    table.add_row(f"gaps of all {len(cities)} cities with leaders ({n_gaps} gaps)", "visitor", f"{seconds:.3f}",
                  f"{mib:.1f}")
    biggest = max(cities, key=lambda c: cmap.matrix.region_totals.get(c.code, 0))
    seconds, mib, _ = measure(lambda: reports.chain_map(None, chain, biggest), max(1, args.repeat // 2))
    table.add_row(f"one city by district ({biggest.code})", "visitor", f"{seconds:.3f}", f"{mib:.1f}")
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    for label, url in ((f"chain page /chains/{chain.slug}/ (warm)", f"/chains/{chain.slug}/"),
                       (f"city page (gaps, districts) for {biggest.code}", f"/chains/{chain.slug}/cities/{biggest.code}/"),
                       ("organisations of a segment (first page)",
                        f"/chains/{chain.slug}/segments/{cmap.segments[1].key}/")):
        client.get(url)  # templates compile on the first request
        seconds, mib, response = measure(lambda url=url: client.get(url), args.repeat)
        assert response.status_code == 200, (url, response.status_code)
        table.add_row(label, "visitor", f"{seconds:.3f}", f"{mib:.1f}")
    table.add_row(f"full recount of the stored counts ({rows} rows)", "—", f"{rebuild_s:.2f}", f"{rebuild_mib:.1f}")
    console.print(table)
    base = results["baseline: ORM GROUP BY over tags ⋈ organisations + totals/visitor"]
    cold = base / results["ours: matrix, totals counted (cold cache)/visitor"]
    warm = base / results["ours: matrix (stored counts + totals + LQ/levels)/visitor"]
    console.print(f"matrix as a visitor: {cold:.1f}× (cold) and {warm:.0f}× (warm) faster than the baseline in the same run; "
                  f"max resident set {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; "
                  f"setup {time.perf_counter() - started:.0f} s; count rows stored: {SegmentCount.objects.count()}")


def _user_exists(name: str) -> bool:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=name).exists()


def _user(name: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


if __name__ == "__main__":
    main()
