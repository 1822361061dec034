"""The projects board and a city's figures with N projects (and M organisations) loaded.

    .venv/bin/python bench/projects.py --projects 100000 --orgs 100000          # SQLite under bench/out/projects
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_projects .venv/bin/python bench/projects.py

Prints p50/p95 of the board page, the figures API, the list page and the API list, for a city officer and
a visitor, with the SQL queries each issues at two page sizes (they must not grow with the page size).
Requests go through Django's whole stack in-process: server time. Baseline in the same run: the bare
COUNT(*) of the city's projects + the first page of them, the database's own floor for such a page.
The population is written straight into the tables (a bench is a bulk writer) and kept for the next run.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
G60 = ("310117", "330400", "330100", "330700", "320500", "330500", "341800", "340200", "340100")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=100_000, help="organisations (investors) to have loaded")
    parser.add_argument("--requests", type=int, default=60, help="requests per page kind")
    args = parser.parse_args()

    os.environ.setdefault("CORRIDOR_DATA_DIR", str(ROOT / "bench" / "out" / "projects"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from corridor.accounts import services as accounts
    from corridor.orgs.models import Organisation
    from corridor.projects.models import Project, Stage
    from corridor.regions.models import Region
    from corridor.regions.services import hierarchy, load_regions

    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code="340200").exists():
        load_regions()
    cities = {r.code: r for r in Region.objects.filter(code__in=G60)}
    districts = {c: list(Region.objects.filter(parent=cities[c])) or [cities[c]] for c in G60}
    rng = random.Random(19)
    have = Organisation.objects.count()
    if have < args.orgs:
        print(f"writing {args.orgs - have:,} organisations")
        batch = []
        for i in range(have, args.orgs):
            region = rng.choice(districts[rng.choice(G60)])
            city, province = hierarchy(region)
            batch.append(Organisation(name_zh=f"基准投资{i}有限公司", region=region, city=city, province=province,
                                      listed=i % 10 != 0, is_synthetic=True))
            if len(batch) == 5000:
                Organisation.objects.bulk_create(batch)
                batch = []
        Organisation.objects.bulk_create(batch)
    org_ids = list(Organisation.objects.values_list("pk", flat=True))
    have = Project.objects.count()
    if have < args.projects:
        print(f"writing {args.projects - have:,} projects")
        stages = [s.value for s in Stage]
        now = timezone.now()
        batch = []
        for i in range(have, args.projects):
            code = rng.choice(G60)
            region = rng.choice(districts[code])
            city, province = hierarchy(region)
            stage = rng.choice(stages)
            signed = stage in ("signed", "started", "production", "operating")
            amount = Decimal(rng.randrange(1, 300)) * 10_000_000
            batch.append(Project(
                name_zh=f"基准项目{i}", investor_id=rng.choice(org_ids), region=region, city=city, province=province,
                stage=stage, stage_changed_at=now - datetime.timedelta(days=rng.randrange(0, 700)),
                investment=amount, agreement_amount=amount if signed else None,
                arrived=amount * Decimal(rng.randrange(0, 100)) / 100 if signed else 0,
                published=signed and rng.random() < 0.4, is_synthetic=True,
            ))
            if len(batch) == 5000:
                Project.objects.bulk_create(batch)
                batch = []
        Project.objects.bulk_create(batch)
    officer = get_user_model().objects.filter(username="bench_officer").first()
    if officer is None:
        officer = accounts.create_user("bench_officer", "bench-pass-123456")
        accounts.grant_role(officer, "city_officer", region=cities["340200"])
    print(f"{Project.objects.count():,} projects, {Organisation.objects.count():,} organisations, "
          f"{connection.vendor}")

    def client(user: object) -> Client:
        c = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        if user is not None:
            c.force_login(user)  # type: ignore[arg-type]
        return c

    def timed(c: Client, url: str) -> tuple[float, float, int]:
        for _ in range(3):
            c.get(url)
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = c.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            c.get(url)
        return statistics.median(times), percentile(times, 0.95), len(queries)

    def baseline() -> tuple[float, float]:
        times = []
        wuhu = cities["340200"]
        for _ in range(args.requests):
            start = time.perf_counter()
            Project.objects.filter(city=wuhu).count()
            list(Project.objects.filter(city=wuhu).order_by("-stage_changed_at", "-id")[:25])
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times), percentile(times, 0.95)

    rows = []
    for who, user in (("officer (Wuhu)", officer), ("visitor", None)):
        c = client(user)
        for label, url in (("board ?city=340200", "/projects/board/?city=340200"),
                           ("figures API ?city=340200", "/api/projects/figures?city=340200"),
                           ("list ?city=340200 (25)", "/projects/?city=340200&per_page=25"),
                           ("list ?city=340200 (100)", "/projects/?city=340200&per_page=100"),
                           ("API list ?city=340200 (25)", "/api/projects?city=340200&limit=25"),
                           ("API list ?city=340200 (100)", "/api/projects?city=340200&limit=100")):
            p50, p95, queries = timed(c, url)
            rows.append((who, label, p50, p95, queries))
    b50, b95 = baseline()
    print(f"{'who':16} {'page':30} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for who, label, p50, p95, queries in rows:
        print(f"{who:16} {label:30} {p50:8.1f} {p95:8.1f} {queries:8d}")
    print(f"{'baseline':16} {'COUNT(*) + first 25 of Wuhu':30} {b50:8.1f} {b95:8.1f} {2:8d}")


if __name__ == "__main__":
    main()
