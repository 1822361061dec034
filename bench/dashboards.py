"""Dashboards at scale: the corridor, city, alliance and chain pages and a monthly city PDF over N
organisations with about 3 segment tags each (default 1M), as a visitor and as a city officer.

    flock /tmp/corridor-heavy.lock nice .venv/bin/python bench/dashboards.py --size 1000000          # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_dashboards \
        flock /tmp/corridor-heavy.lock nice .venv/bin/python bench/dashboards.py --size 1000000

The population is bench/chains.py's (written straight into the tables, kept under bench/out/dashboards/ or
in the database so a second run skips the load). Measured in the same run:
- baseline: every indicator of a page computed by the plain ORM aggregations (`core.indicators.compute`
  with the organisation tally bypassed: what a page would cost without kept figures);
- ours, cold: the page right after a change event (kept figures dropped);
- ours, warm: p50/p95 of the page over --requests requests (kept figures, per set of role grants);
- the monthly city PDF (figures, charts, WeasyPrint with the CJK font subset) and its .xlsx.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_population(size: int, console: Any) -> None:
    """bench/chains.py's population (same cities, weights, 3 % unlisted, 5.8 % head enterprises), with the
    columns the organisation table has since grown (search_tokens)."""
    import datetime
    import random
    from collections.abc import Iterator

    from django.db import transaction

    from bench.chains import _copy_rows
    from corridor.demo import synthetic, synthetic_data
    from corridor.demo.services import region_index
    from corridor.orgs.models import Organisation

    regions = region_index()
    places = synthetic.places()
    cities = list(places)
    weights = [synthetic_data.CITIES[c][0] for c in cities]
    rng = random.Random(2026)
    now = datetime.datetime.now(datetime.UTC)
    n = size - Organisation.objects.count()
    console.print(f"loading {n:,} organisations …")

    def orgs() -> Iterator[tuple[Any, ...]]:
        for i in range(n):
            city = rng.choices(cities, weights)[0]
            place = places[city][int(rng.random() * len(places[city]))]
            region_id, city_id, province_id = regions[place.code]
            # created over the last two years, so that stocks as of a date and the trends differ
            created = now - datetime.timedelta(days=rng.random() * 730)
            yield (f"基准{i}科技有限公司", f"Bench {i} Technology Co., Ltd.", "", "[]", "enterprise", "", "small",
                   rng.random() < 0.058, "", "", "", rng.random() >= 0.03, "", "", "", f"基准{i}", f"基准{i}", True,
                   "bench", created, now, region_id, city_id, province_id)

    columns = ["name_zh", "name_en", "short_name", "aliases", "kind", "address", "size_band", "is_head_enterprise",
               "description_zh", "description_en", "website", "listed", "contact_name", "contact_email",
               "contact_phone", "search_text", "search_tokens", "is_synthetic", "source_seed", "created_at",
               "updated_at", "region_id", "city_id", "province_id"]
    started = time.perf_counter()
    with transaction.atomic():
        _copy_rows(Organisation._meta.db_table, columns, orgs())
    console.print(f"  organisations in {time.perf_counter() - started:.0f} s")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="organisations to have loaded")
    parser.add_argument("--tags-per-org", type=float, default=3.0)
    parser.add_argument("--requests", type=int, default=40, help="warm requests per page and role")
    args = parser.parse_args()

    os.environ.setdefault("CORRIDOR_DATA_DIR", str(ROOT / "bench" / "out" / "dashboards"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum
    from django.test import Client
    from rich.console import Console
    from rich.table import Table

    from bench.chains import load_tags
    from corridor.accounts import services as accounts
    from corridor.alliances.models import Alliance
    from corridor.chains import services as chains
    from corridor.chains.models import Chain, SegmentTag
    from corridor.core import indicators as ind
    from corridor.core.testing import PASSWORD
    from corridor.dashboards import reports, services
    from corridor.demo import facts
    from corridor.demo import services as demo
    from corridor.orgs.models import Organisation
    from corridor.regions.models import Region

    console = Console()
    call_command("migrate", verbosity=0)
    if not Region.objects.exists():
        console.print("loading the demo corridor (regions, chains, alliances, a few named organisations) …")
        demo.load_demo(size=0)
    if not Chain.objects.exists():
        chains.load_templates()
    if Organisation.objects.count() < args.size:
        load_population(args.size, console)
        load_tags(args.tags_per_org, console)
        chains.rebuild_counts()
    elif not SegmentTag.objects.filter(organisation__source_seed="bench").exists():
        load_tags(args.tags_per_org, console)
        chains.rebuild_counts()
    from corridor.dashboards import tally
    from corridor.dashboards.models import OrgTally

    # The population is written in bulk (no change events): count the tally as the demo loader does.
    if (OrgTally.objects.aggregate(n=Sum("count"))["n"] or 0) != Organisation.objects.exclude(city=None).count():
        started = time.perf_counter()
        tally.rebuild()
        console.print(f"organisation tally rebuilt in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    officer = user_model.objects.filter(username="bench-dash-officer").first()
    if officer is None:
        officer = accounts.create_user("bench-dash-officer", PASSWORD)
        accounts.grant_role(officer, "city_officer", region=Region.objects.get(code=facts.JIAXING))
    city = services.city_of(facts.JIAXING) or services.corridor_cities()[0]
    alliance = Alliance.objects.order_by("pk").first()
    chain = Chain.objects.get(slug="industrial-robots")
    pages = [("corridor", "/dashboards/corridor/", {}), ("city", f"/dashboards/city/{city.code}/", {}),
             ("alliance", f"/dashboards/alliance/{alliance.slug}/", {"alliance_id": alliance.pk}),
             ("chain", f"/dashboards/chain/{chain.slug}/", {"chain_id": chain.pk})]
    orgs = Organisation.objects.count()
    table = Table(title=f"Dashboards over {orgs:,} organisations on {connection.vendor} ({os.cpu_count()} cores)")
    for column in ("page", "as", "baseline: ORM aggregations s", "ours cold s", "ours warm p50 ms", "ours warm p95 ms"):
        table.add_column(column, justify="left" if column in ("page", "as") else "right")
    cities = services.corridor_cities()
    import datetime

    from django.utils import timezone

    previous = timezone.localdate() - datetime.timedelta(days=services.CHANGE_DAYS)
    worst = 0.0
    for who, user in (("visitor", None), ("city officer", officer)):
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        if user is not None:
            client.force_login(user)
        for name, url, dims in pages:
            s = ind.Slice(viewer=user, cities=tuple(c.pk for c in cities), **dims)
            services.forget()  # the baseline keeps nothing either (not even the chain maps)
            started = time.perf_counter()
            with tally.bypassed():  # the plain grouping of the organisations, as before the tally
                ind.compute(s, previous_end=previous)
            baseline = time.perf_counter() - started
            services.forget()
            started = time.perf_counter()
            response = client.get(url)
            cold = time.perf_counter() - started
            assert response.status_code == 200, (url, response.status_code)
            warm = []
            for _ in range(args.requests):
                started = time.perf_counter()
                client.get(url)
                warm.append((time.perf_counter() - started) * 1000)
            p95 = percentile(warm, 0.95)
            worst = max(worst, p95)
            table.add_row(name, who, f"{baseline:.2f}", f"{cold:.2f}", f"{statistics.median(warm):.0f}", f"{p95:.0f}")
    console.print(table)
    services.forget()
    started = time.perf_counter()
    ctx = reports.context(officer, reports.CITY, city)
    figures_s = time.perf_counter() - started
    started = time.perf_counter()
    pdf = reports.render_pdf(ctx)
    render_s = time.perf_counter() - started
    pdf_s = figures_s + render_s
    started = time.perf_counter()
    xlsx = reports.render_xlsx(reports.context(officer, reports.CITY, city))
    xlsx_s = time.perf_counter() - started
    console.print(f"monthly city PDF for {city.name} as its officer, cold: {pdf_s:.1f} s (figures {figures_s:.1f} s, "
                  f"WeasyPrint {render_s:.1f} s; {len(pdf) / 1024:.0f} KiB); "
                  f".xlsx {xlsx_s:.1f} s ({len(xlsx) / 1024:.0f} KiB)")
    console.print(f"worst warm p95 {worst:.0f} ms (target ≤ 300 ms)")


if __name__ == "__main__":
    main()
