"""R&D in the Django app: saving one project among N stored ones (default 20k) through
`corridor.rnd.services.create_project` — validation, the row, the engine's one-project path on the
process-wide index, the overlap rows with reasons, the notifications — p50/p95 over --queries saves.

Baseline in the same run: a cold start without kept embeddings (`INDEX.sync()` reading every project and
running the model over every text and objective — what a process paid before embeddings were kept, on its
first save), then a cold start as a new process does it now (the warming job: kept embeddings loaded, the
neighbour graph built), then the saves (their SQL query count too).
Synthetic projects as in bench/rnd_speed.py; an SQLite database under bench/out/rnd_app.

    nice .venv/bin/python bench/rnd_app.py [--size 20000] [--queries 40]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()
    out = ROOT / "bench" / "out" / "rnd_app"
    out.mkdir(parents=True, exist_ok=True)
    db = out / "corridor.sqlite3"
    if db.exists():
        db.unlink()
    os.environ["CORRIDOR_DATA_DIR"] = str(out)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from rnd_speed import memory, percentiles, synthetic

    from corridor.orgs.models import Organisation
    from corridor.rnd import services
    from corridor.rnd.models import Overlap, RDProject

    call_command("migrate", verbosity=0)
    projects = synthetic(args.size + args.queries, seed=11)
    orgs = {p.org for p in projects}
    Organisation.objects.bulk_create([Organisation(name_zh=f"合成研发单位{o}", name_en=f"Synthetic R&D {o}", is_synthetic=True)
                                      for o in sorted(orgs)], batch_size=2000)
    by_name = {o.name_en.rsplit(" ", 1)[1]: o for o in Organisation.objects.all()}
    stored, new = projects[: args.size], projects[args.size :]
    rows = []
    for p in stored:
        row = RDProject(organisation=by_name[p.org], title=p.title, text=p.text, language=p.lang, trl=4, is_synthetic=True)
        row.organisation_id = by_name[p.org].pk
        row.engine_key = services.fingerprint(row, [])
        rows.append(row)
    started = time.perf_counter()
    RDProject.objects.bulk_create(rows, batch_size=2000)
    print(f"{args.size} projects stored in {time.perf_counter() - started:.1f} s")

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from corridor.rnd.models import ProjectVectors

    started = time.perf_counter()
    with services.INDEX.lock:
        services.INDEX.sync()
    cold = time.perf_counter() - started
    print(f"baseline — cold start without kept embeddings ({args.size} projects embedded, and their vectors kept): "
          f"{cold:.1f} s")
    print(f"embeddings kept: {ProjectVectors.objects.count()} rows")

    services.INDEX.reset()  # a new process: the kept embeddings are loaded, the model runs for none
    started = time.perf_counter()
    with services.INDEX.lock:
        services.INDEX.sync()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    warmed = services.INDEX.warm_up()
    graph = time.perf_counter() - started
    print(f"cold start with kept embeddings (the warming job): load {loaded:.1f} s + neighbour graph {graph:.1f} s "
          f"= {loaded + graph:.1f} s; model run for {warmed['embedded']} projects")

    times, queries = [], []
    for p in new:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            services.create_project(None, by_name[p.org], {"title": p.title, "text": p.text, "language": p.lang, "trl": 4})
        times.append(time.perf_counter() - started)
        queries.append(len(ctx.captured_queries))
    print(f"save one project among {args.size} (service, warmed index, {len(times)} saves): {percentiles(times)}; "
          f"first save {times[0] * 1000:.0f} ms; SQL queries per save {min(queries)}–{max(queries)}")
    print(f"overlap rows recorded: {Overlap.objects.filter(relation='overlap').count()} overlaps, "
          f"{Overlap.objects.filter(relation='complementary').count()} complementary")
    print(memory())


if __name__ == "__main__":
    main()
