"""R&D in the Django app: saving one project among N stored ones (default 20k) through
`corridor.rnd.services.create_project` — validation, the row, history, the kept embedding, the engine's
one-project path on the process-wide index, the overlap rows with reasons, the notifications of both
parties and the secretariat (and their e-mail job) — p50/p95 over --queries saves, split into engine
time and the app's own (SQL, Python around it).

Every organisation has a member user and belongs to one alliance with a secretariat user, so a save
tells the people it would tell in production; 5 % of the stored projects are secretariat-only.
Saves are made by the organisation's member, as a page or the API makes them.

Baseline in the same run: a cold start without kept embeddings (`INDEX.sync()` reading every project and
running the model over every text and objective — what a process paid before embeddings were kept, on its
first save; skipped past 20k projects, where the stored embeddings are each title's real vector plus noise
as in bench/rnd_speed.py, so that 100k projects load without an hour of embedding), then a cold start as a
new process does it now (the warming job: kept embeddings loaded, the neighbour graph built), then the
saves (their SQL query count too).
Synthetic projects as in bench/rnd_speed.py; an SQLite database under bench/out/rnd_app, or with --pg the
PostgreSQL database BENCH_DATABASE_URL (dropped and recreated).

    nice .venv/bin/python bench/rnd_app.py [--size 20000] [--queries 40] [--pg] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PG_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hb_rnd")
EMBED_ALL_UP_TO = 20_000


def fresh_pg(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


class Stages:
    """Wall time spent in named functions during the saves (wrapped in place; nested time is not subtracted),
    in total and in the current save (`per_save` keeps each save's)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.current: dict[str, float] = defaultdict(float)
        self.per_save: list[dict[str, float]] = []
        self.on = False

    def end_save(self) -> None:
        self.per_save.append(dict(self.current))
        self.current.clear()

    def each(self, *labels: str) -> list[float]:
        """Per save, the time spent in these stages (seconds; they must not nest in one another)."""
        return [sum(save.get(label, 0.0) for label in labels) for save in self.per_save]

    def wrap(self, owner: Any, attribute: str, label: str) -> None:
        inner = getattr(owner, attribute)

        @functools.wraps(inner)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if not self.on:
                return inner(*args, **kwargs)
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.spent[label] += time.perf_counter() - started
                self.current[label] += time.perf_counter() - started

        setattr(owner, attribute, timed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--pg", action="store_true", help="PostgreSQL at BENCH_DATABASE_URL (dropped and recreated)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions over the saves")
    parser.add_argument("--show-sql", action="store_true", help="print the SQL statements of the last save")
    parser.add_argument("--no-cold-baseline", action="store_true",
                        help="skip the cold start without kept embeddings at any size (embeddings: title vectors plus noise)")
    args = parser.parse_args()
    out = ROOT / "bench" / "out" / "rnd_app"
    out.mkdir(parents=True, exist_ok=True)
    os.environ["CORRIDOR_DATA_DIR"] = str(out)
    if args.pg:
        fresh_pg(PG_URL)
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ.pop("DATABASE_URL", None)
        db = out / "corridor.sqlite3"
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            if path.exists():
                path.unlink()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    # The e-mail job runs and renders every message, as in production; the bench only does not print them.
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    django.setup()
    import numpy as np
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rnd_speed import corpus_vectors, memory, percentiles, synthetic

    from corridor.accounts.models import RoleGrant
    from corridor.alliances.models import Alliance, AllianceMembership
    from corridor.jobs import services as jobs
    from corridor.matching.engine import embedders
    from corridor.notifications.models import Notification
    from corridor.orgs.models import Organisation
    from corridor.rnd import index, services
    from corridor.rnd.engine import OverlapFinder
    from corridor.rnd.models import Overlap, ProjectVectors, RDProject, Visibility

    print(f"database: {connection.vendor}; {args.size} stored projects, {args.queries} saves; "
          f"load average {os.getloadavg()[0]:.1f} at start")
    call_command("migrate", verbosity=0)
    projects = synthetic(args.size + args.queries, seed=11)
    orgs = sorted({p.org for p in projects})
    Organisation.objects.bulk_create([Organisation(name_zh=f"合成研发单位{o}", name_en=f"Synthetic R&D {o}", is_synthetic=True)
                                      for o in orgs], batch_size=2000)
    by_name = {o.name_en.rsplit(" ", 1)[1]: o for o in Organisation.objects.all()}
    alliance = Alliance.objects.create(slug="rnd-bench", name_zh="合成研发联盟", name_en="Synthetic R&D alliance")
    AllianceMembership.objects.bulk_create([AllianceMembership(alliance=alliance, organisation=o, is_synthetic=True)
                                            for o in by_name.values()], batch_size=2000)
    User = get_user_model()
    User.objects.bulk_create([User(username=f"member-{name}", email=f"member-{name}@example.org", password="!")
                              for name in by_name], batch_size=2000)
    User.objects.create(username="secretariat", email="secretariat@example.org", password="!")
    users = {u.username: u for u in User.objects.all()}
    RoleGrant.objects.bulk_create([RoleGrant(user=users[f"member-{name}"], role=RoleGrant.Role.MEMBER, organisation=org)
                                   for name, org in by_name.items()], batch_size=2000)
    RoleGrant.objects.create(user=users["secretariat"], role=RoleGrant.Role.SECRETARIAT, alliance=alliance)

    stored, new = projects[: args.size], projects[args.size :]
    rows = []
    for i, p in enumerate(stored):
        visibility = Visibility.SECRETARIAT if i % 20 == 7 else Visibility.ALLIANCE
        row = RDProject(organisation=by_name[p.org], title=p.title, text=p.text, language=p.lang, trl=4,
                        visibility=visibility, is_synthetic=True)
        row.organisation_id = by_name[p.org].pk
        row.engine_key = index.fingerprint(row, [])
        rows.append(row)
    started = time.perf_counter()
    RDProject.objects.bulk_create(rows, batch_size=2000)
    print(f"{args.size} projects stored in {time.perf_counter() - started:.1f} s")

    if args.size > EMBED_ALL_UP_TO or args.no_cold_baseline:
        # Each title's real vector plus noise (bench/rnd_speed.py), kept as the app keeps embeddings.
        started = time.perf_counter()
        stored_rows = list(RDProject.objects.order_by("pk"))
        items = [index.engine_project(r, []) for r in stored_rows]
        text_vectors, goal_vectors = corpus_vectors(embedders.get(), items)
        for start in range(0, len(items), 2000):
            ProjectVectors.objects.bulk_create([
                ProjectVectors(project_id=r.pk, key=index.texts_key(item), dim=text_vectors.shape[1],
                               data=np.concatenate([t, g]).tobytes())
                for r, item, t, g in zip(stored_rows[start : start + 2000], items[start : start + 2000],
                                         text_vectors[start : start + 2000], goal_vectors[start : start + 2000], strict=True)])
        print(f"baseline skipped (past {EMBED_ALL_UP_TO} projects or asked) (cold start embedding every text); embeddings kept as "
              f"title vectors plus noise in {time.perf_counter() - started:.1f} s")
    else:
        started = time.perf_counter()
        with index.INDEX.lock:
            index.INDEX.sync()
        cold = time.perf_counter() - started
        print(f"baseline — cold start without kept embeddings ({args.size} projects embedded, and their vectors kept): "
              f"{cold:.1f} s")
    print(f"embeddings kept: {ProjectVectors.objects.count()} rows")

    index.INDEX.reset()  # a new process: the kept embeddings are loaded, the model runs for none
    embedders._instances.clear()  # and its model not loaded yet (this process loaded one for the corpus)
    started = time.perf_counter()
    warmed = index.INDEX.warm_up()
    print(f"cold start with kept embeddings (the warming job: load, neighbour graph, model and reader warmed): "
          f"{time.perf_counter() - started:.1f} s; model run for {warmed['embedded']} projects")

    stages = Stages()
    stages.wrap(services, "find_overlaps", "finding overlaps (all of it, nesting the rest)")
    stages.wrap(index, "embed", "embed the new project")
    stages.wrap(index.INDEX, "sync", "index: look for other processes' saves")
    stages.wrap(OverlapFinder, "overlaps_of", "engine: neighbours and scores")
    stages.wrap(OverlapFinder, "explain", "engine: reasons")
    stages.wrap(services, "_tell_new_overlaps", "notifications (rows)")
    stages.wrap(jobs, "start", "e-mail job started (after commit)")
    times, cpu_times, queries, sql, mail = [], [], [], [], []
    profiler = cProfile.Profile() if args.profile else None
    for p in new:
        member = users[f"member-{p.org}"]
        started, cpu = time.perf_counter(), time.process_time()
        stages.on = True
        if profiler:
            profiler.enable()
        with CaptureQueriesContext(connection) as ctx:
            services.create_project(member, by_name[p.org], {"title": p.title, "text": p.text, "language": p.lang, "trl": 4})
        if profiler:
            profiler.disable()
        stages.on = False
        stages.end_save()
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu)
        queries.append(len(ctx.captured_queries))
        sql.append(sum(float(q["time"] or 0) for q in ctx.captured_queries))
        # Saves are seconds apart in use: the e-mail job a save started runs in this process's background
        # thread, and is let finish before the next save is timed (its start, after commit, is timed).
        started = time.perf_counter()
        jobs.wait_all()
        mail.append(time.perf_counter() - started)
    print(f"save one project among {args.size} (service, warmed index, {len(times)} saves): {percentiles(times)}; "
          f"first save {times[0] * 1000:.0f} ms; SQL queries per save {min(queries)}–{max(queries)}")
    print(f"  CPU of this process per save (the database server's not included): {percentiles(cpu_times)}; "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    total = sum(times)
    print("where a save's time goes (mean ms per save, share of the save; nested: the index look includes its SQL):")
    for label, spent in sorted(stages.spent.items(), key=lambda kv: -kv[1]):
        print(f"  {label:<42} {spent / len(times) * 1000:7.1f} ms  {spent / total:6.1%}")
    print(f"  {'SQL statements (all, as timed by Django)':<42} {sum(sql) / len(times) * 1000:7.1f} ms  {sum(sql) / total:6.1%}")
    engine = sum(stages.spent[k] for k in ("embed the new project", "engine: neighbours and scores", "engine: reasons"))
    print(f"  engine (embed, neighbours, scores, reasons) {engine / len(times) * 1000:.1f} ms a save; the app around it "
          f"{(total - engine) / len(times) * 1000:.1f} ms")
    # Finding the overlaps, apart from recording and telling them: the engine alone (embedding, neighbours and
    # scores, reasons), and `find_overlaps` whole (also the kept embedding's insert, the look for other
    # processes' saves and the read of the other projects' rows).
    engine_each = stages.each("embed the new project", "engine: neighbours and scores", "engine: reasons")
    print(f"finding overlaps, per save: engine {percentiles(engine_each)}; "
          f"find_overlaps whole {percentiles(stages.each('finding overlaps (all of it, nesting the rest)'))}")
    print(f"overlap rows recorded: {Overlap.objects.filter(relation='overlap').count()} overlaps, "
          f"{Overlap.objects.filter(relation='complementary').count()} complementary; "
          f"notifications {Notification.objects.count()}")
    print(f"e-mail jobs, after each save (not part of it): mean {sum(mail) / len(mail) * 1000:.0f} ms")
    print(memory())
    if args.show_sql:
        for number, query in enumerate(ctx.captured_queries, 1):
            print(f"  {number:>2}. {query['time']} s  {query['sql'][:300]}")
    if profiler:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(30)
        print(text.getvalue())


if __name__ == "__main__":
    main()
