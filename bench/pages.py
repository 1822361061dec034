"""Organisation list / search / detail pages and the API list, with N organisations loaded.

    .venv/bin/python bench/pages.py --size 100000              # SQLite under bench/out/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/corridor_bench .venv/bin/python bench/pages.py

Prints p50/p95 per page and the SQL queries each issues, at two page sizes: the query count must
not grow with the page size. Requests go through Django's full stack in-process (no network), so the
figures are server time. The baseline in the same run is the bare COUNT(*) + first page query of the
list, i.e. the database's own floor for that page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))  # pages_load


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def database_size(connection) -> str:  # type: ignore[no-untyped-def]
    """The database's size on disk, for the report."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
    else:
        path = Path(connection.settings_dict["NAME"])
        size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return f"{size / 2**30:.2f} GiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000, help="organisations to have loaded")
    parser.add_argument("--requests", type=int, default=200, help="requests per page kind")
    parser.add_argument("--per-term", type=int, default=0, metavar="N",
                        help="also time the search page N times per search term (p50/p95 and queries per term)")
    parser.add_argument("--loader", choices=("auto", "generate", "bulk"), default="auto",
                        help="generate: `corridor generate --into-db`; bulk: bench/pages_load.py (COPY, same rows, "
                             "search texts, tokens and chain tags filled); auto: bulk when more than 200k are missing")
    parser.add_argument("--prepared", type=Path, metavar="FILE",
                        help="bulk loader: keep the prepared rows in FILE (written by the first load, read by the "
                             "next: the other database gets the same rows without computing them again)")
    args = parser.parse_args()

    os.environ.setdefault("CORRIDOR_DATA_DIR", str(ROOT / "bench" / "out" / "pages"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rich.console import Console
    from rich.table import Table

    from corridor.orgs.models import Organisation

    console = Console()
    call_command("migrate", verbosity=0)
    have = Organisation.objects.count()
    if have < args.size:
        console.print(f"loading {args.size - have:,} synthetic organisations (once; kept under the data dir)")
        started = time.perf_counter()
        call_command("load_demo", verbosity=0)
        have = Organisation.objects.count()
        bulk = args.loader == "bulk" or (args.loader == "auto" and args.size - have > 200_000)
        if have < args.size and bulk:
            import pages_load

            pages_load.load(args.size, console, args.prepared)
        elif have < args.size:
            call_command("generate", size=args.size, into_db=True, verbosity=0)  # rows already there are skipped
        console.print(f"loaded in {time.perf_counter() - started:.0f} s ({'bulk' if bulk else 'generate'}), "
                      f"load average {os.getloadavg()[0]:.1f}")
        # Fresh tables have no planner statistics until autovacuum gets to them, and without them PostgreSQL
        # picks a scan of every industry link for a page's 25 organisations (≈60 ms instead of 2).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total = Organisation.objects.count()
    ids = list(Organisation.objects.visible_to(None).values_list("pk", flat=True)[:: max(1, total // 5000)])
    rng = random.Random(7)
    # Common and rare, Chinese, English and pinyin, and typos (which take the suggestion path).
    terms = ["机器人", "guozi", "新材料", "智能", "Robot", "生物医药", "jiaxing", "集成电路", "精密", "hz", "robots", "减速器",
             "国子机器人", "Robtics", "shuohe"]
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")

    def timed(make_url, requests: int = args.requests, warm: int = 10) -> tuple[list[float], int]:  # type: ignore[no-untyped-def]
        for _ in range(warm):
            client.get(make_url())
        times = []
        for _ in range(requests):
            url = make_url()
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as ctx:
            client.get(make_url())
        return times, len(ctx.captured_queries)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        return len(ctx.captured_queries)

    def floor() -> None:
        qs = Organisation.objects.visible_to(None)
        qs.count()
        list(qs.select_related("city")[:25])

    floor_times = []
    for _ in range(args.requests):
        start = time.perf_counter()
        floor()
        floor_times.append((time.perf_counter() - start) * 1000)

    cases = [
        ("organisation list page", lambda: f"/organisations/?page={rng.randint(1, 50)}"),
        ("organisation search page", lambda: f"/organisations/?q={rng.choice(terms)}"),
        ("organisation detail page", lambda: f"/organisations/{rng.choice(ids)}/"),
        ("API list (limit 50)", lambda: f"/api/organisations?limit=50&offset={rng.randint(0, 1000)}"),
        ("API search (limit 50)", lambda: f"/api/organisations?limit=50&q={rng.choice(terms)}"),
    ]
    table = Table(title=f"Pages with {total:,} organisations on {connection.vendor} ({database_size(connection)}), "
                        f"load average {os.getloadavg()[0]:.1f} at the start")
    for column in ("page", "p50 ms", "p95 ms", "mean ms", "SQL queries"):
        table.add_column(column, justify="right" if column != "page" else "left")
    table.add_row("baseline: COUNT(*) + first 25 rows", f"{statistics.median(floor_times):.1f}",
                  f"{percentile(floor_times, 0.95):.1f}", f"{statistics.mean(floor_times):.1f}", "2")
    for name, make_url in cases:
        times, n = timed(make_url)
        table.add_row(name, f"{statistics.median(times):.1f}", f"{percentile(times, 0.95):.1f}",
                      f"{statistics.mean(times):.1f}", str(n))
    console.print(table)
    console.print(f"load average {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} (1 / 5 min) at the end")

    if args.per_term:
        by_term = Table(title="Search page per term")
        for column in ("term", "p50 ms", "p95 ms", "SQL queries"):
            by_term.add_column(column, justify="right" if column != "term" else "left")
        for term in terms:
            times, n = timed(lambda term=term: f"/organisations/?q={term}", args.per_term, warm=2)
            by_term.add_row(term, f"{statistics.median(times):.1f}", f"{percentile(times, 0.95):.1f}", str(n))
        console.print(by_term)

    sizes = Table(title="SQL queries per request by page size (must not grow)")
    sizes.add_column("request")
    sizes.add_column("small page", justify="right")
    sizes.add_column("large page", justify="right")
    sizes.add_row("list page per_page=10 / 100", str(queries("/organisations/?per_page=10")),
                  str(queries("/organisations/?per_page=100")))
    sizes.add_row("API limit=10 / 200", str(queries("/api/organisations?limit=10")),
                  str(queries("/api/organisations?limit=200")))
    console.print(sizes)


if __name__ == "__main__":
    main()
