"""R&D in the Django app: saving one project among N stored ones (default 20k) through
`corridor.rnd.services.create_project` — validation, the row, the engine's one-project path on the
process-wide index, the overlap rows with reasons, the notifications — p50/p95 over --queries saves.

Baseline in the same run: what a save would cost if the index were rebuilt from the database for it
(a cold `INDEX.sync()`: read every project, embed every text and objective, build the corpus), which is
what a process without the kept index (or a naive "run the engine on all projects on save") pays.
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

    started = time.perf_counter()
    with services.INDEX.lock:
        services.INDEX.sync()
    cold = time.perf_counter() - started
    print(f"baseline — index built from the database for one save (cold sync, {args.size} projects): {cold:.1f} s")

    times = []
    for p in new:
        started = time.perf_counter()
        services.create_project(None, by_name[p.org], {"title": p.title, "text": p.text, "language": p.lang, "trl": 4})
        times.append(time.perf_counter() - started)
    print(f"save one project among {args.size} (service, warm index, {len(times)} saves): {percentiles(times)}")
    print(f"overlap rows recorded: {Overlap.objects.filter(relation='overlap').count()} overlaps, "
          f"{Overlap.objects.filter(relation='complementary').count()} complementary")
    print(f"speed-up of the kept index over a rebuild per save: {cold / sorted(times)[int(0.95 * (len(times) - 1))]:.0f}× (p95)")
    print(memory())


if __name__ == "__main__":
    main()
