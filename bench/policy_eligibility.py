"""Policy eligibility: N synthetic organisations × M synthetic application items, set-based, with a baseline.

    nice .venv/bin/python bench/policy_eligibility.py                  # 100,000 × 200
    nice .venv/bin/python bench/policy_eligibility.py --orgs 20000 --baseline-sample 500

Figures: wall time of the set-based evaluator (`columns.evaluate_table`: every organisation × every item, the
three answers and the reason masks), split into reading the profiles, building the columns and evaluating;
one organisation's "policies for us" (the per-organisation evaluator over the M items, items in force only)
p50/p95 over many organisations; memory (peak RSS, and the bytes of all answers kept). Baseline, same run:
the naive loop — the per-organisation evaluator called for each (organisation, item) — timed on a sample of
organisations and extrapolated to N (said so in the output); its answers are checked equal to the set-based
ones on that sample.

Data: `corridor.policies.eligibility.synthetic` (seeded): organisations in the nine G60 cities with 3–40 %
of each field unknown; items with 2–10 conditions in realistic mixes (region, kind, size, certificates,
R&D share, age, industries, …; 40 % with an any-alternative), 20 % of them not in force on the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sqlite3
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corridor.policies.eligibility import (  # noqa: E402
    Table,
    evaluate,
    evaluate_table,
    load_orgs,
    parse_item,
    policies_for,
    synthetic,
)
from corridor.policies.eligibility.profile import gc_paused  # noqa: E402
from corridor.policies.eligibility.sql import SCHEMA, Compiler, evaluate_sql, insert  # noqa: E402

ON = dt.date(2026, 6, 30)


def rss_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--baseline-sample", type=int, default=2000, help="organisations the naive loop runs on")
    parser.add_argument("--for-us", type=int, default=1000, help="organisations timed for 'policies for us'")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--sql", type=int, default=20_000, metavar="N",
                        help="also time the SQL compilation on SQLite over the first N organisations (0: skip)")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    raw_orgs = [synthetic.organisation(rng, i) for i in range(args.orgs)]
    items = [parse_item(synthetic.item(rng, i, ON)) for i in range(args.items)]
    conditions = [len(item.conditions) for item in items]
    print(f"{args.orgs:,} organisations × {len(items)} items on {ON} (python {sys.version.split()[0]}); "
          f"conditions per item {min(conditions)}–{max(conditions)} (mean {statistics.mean(conditions):.1f}); "
          f"RSS after generating {rss_gib():.2f} GiB")

    started, cpu0 = time.perf_counter(), time.process_time()
    orgs = load_orgs((f"org {i}", o) for i, o in enumerate(raw_orgs))
    loaded, cpu1 = time.perf_counter(), time.process_time()
    table = Table(orgs)
    built, cpu2 = time.perf_counter(), time.process_time()
    results = list(evaluate_table(items, table, ON))
    done, cpu3 = time.perf_counter(), time.process_time()
    kept = sum(r.status.nbytes + r.reasons.nbytes for r in results)
    counts: Counter[str] = Counter()
    for r in results:
        counts.update(r.counts())
    pairs = args.orgs * len(items)
    total = done - started
    print("\nset-based (columns.evaluate_table), one process, wall (CPU) seconds:")
    print(f"  read profiles (load_orgs)     {loaded - started:7.2f} s ({cpu1 - cpu0:.2f})")
    print(f"  build columns (Table)         {built - loaded:7.2f} s ({cpu2 - cpu1:.2f}), columns {table_mib(table):.0f} MiB")
    print(f"  evaluate {pairs:,} pairs {done - built:9.2f} s ({cpu3 - cpu2:.2f})  {pairs / (done - built) / 1e6:.1f} M pairs/s")
    print(f"  total                         {total:7.2f} s ({cpu3 - cpu0:.2f})   target ≤ 10 s")
    print(f"  answers: eligible {counts['eligible']:,}, not eligible {counts['not_eligible']:,}, unknown {counts['unknown']:,}"
          f" ({sum(r.timing == 'in_force' for r in results)} items in force)")
    print(f"  answers kept in memory {kept / 2**20:.0f} MiB; peak RSS {rss_gib():.2f} GiB")

    # One organisation's page: the per-organisation evaluator over the items (as the page would run it).
    sample = rng.sample(orgs, min(args.for_us, len(orgs)))
    times, cpu_times = [], []
    for org in sample:
        t0, c0 = time.perf_counter(), time.process_time()
        policies_for(org, items, ON)
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    times.sort()
    cpu_times.sort()

    def p95(values: list[float]) -> float:
        return values[int(0.95 * (len(values) - 1))] * 1000

    print(f"\n'policies for us', one organisation over {len(items)} items ({len(sample)} organisations):")
    print(f"  wall p50 {statistics.median(times) * 1000:.2f} ms, p95 {p95(times):.2f} ms, max {times[-1] * 1000:.2f} ms"
          f"   target p95 ≤ 100 ms")
    print(f"  CPU  p50 {statistics.median(cpu_times) * 1000:.2f} ms, p95 {p95(cpu_times):.2f} ms (wall minus CPU: waiting for a core)")

    # Baseline: the naive per-organisation loop over every item, on a sample, extrapolated.
    rows = rng.sample(range(len(orgs)), min(args.baseline_sample, len(orgs)))
    t0 = time.perf_counter()
    with gc_paused():  # as for the set-based run: the collector's scans of 100k live profiles are not the loop's fault
        naive = [[evaluate(item, orgs[row], ON) for item in items] for row in rows]
    naive_time = time.perf_counter() - t0
    extrapolated = naive_time * len(orgs) / len(rows)
    mismatches = sum(naive[k][j] != results[j].answer(row) for k, row in enumerate(rows) for j in range(len(items)))
    print("\nbaseline, naive per-organisation Python loop (evaluate() for each pair, collector paused), same run:")
    print(f"  {len(rows):,} organisations × {len(items)} items in {naive_time:.2f} s → extrapolated to {len(orgs):,}: "
          f"{extrapolated:.1f} s (EXTRAPOLATED from the sample, not run in full)")
    print(f"  set-based total is {extrapolated / total:.1f}× faster than the naive loop (evaluation alone "
          f"{extrapolated / (done - built):.0f}×); answers differ on {mismatches} of {len(rows) * len(items):,} sampled pairs")
    if args.sql:
        sql_figures(orgs[: args.sql], items, results)
    print(f"peak RSS {rss_gib():.2f} GiB")


def table_mib(table: Table) -> float:
    arrays = [table.founded_year, table.founded_md]
    for column in table.columns.values():
        arrays += [a for a in vars(column).values() if isinstance(a, np.ndarray)] if hasattr(column, "__dict__") else list(column)
    return sum(a.nbytes for a in arrays) / 2**20


def sql_figures(orgs: list, items: list, results: list) -> None:
    """The SQL compilation on SQLite in memory (plain schema): one query per item counting each answer."""
    connection = sqlite3.connect(":memory:")
    for statement in SCHEMA:
        connection.execute(statement)
    t0 = time.perf_counter()
    insert(connection, orgs)
    loaded = time.perf_counter() - t0
    t0 = time.perf_counter()
    differ = 0
    for item, result in zip(items, results, strict=True):
        compiler = Compiler(ON)
        status = compiler.status(item.rule) if item.rule is not None else "2"
        counts = dict(connection.execute(f"SELECT {status} AS s, count(*) FROM org GROUP BY s", compiler.params).fetchall())
        expected = np.bincount(result.status[: len(orgs)], minlength=3)
        differ += any(counts.get(s, 0) != expected[s] for s in range(3))
    counted = time.perf_counter() - t0
    t0 = time.perf_counter()
    sample = items[:20]
    list(evaluate_sql(connection, sample, ON))
    with_reasons = (time.perf_counter() - t0) * len(items) / len(sample)
    print(f"\nSQL (rules compiled to SQL, SQLite in memory, plain schema), first {len(orgs):,} organisations:")
    print(f"  insert {loaded:.2f} s; count each answer, one query per item, {len(items)} items: {counted:.2f} s "
          f"({counted / len(items) * 1000:.1f} ms an item; counts differ from the column evaluator's on {differ} items)")
    print(f"  every condition's answer fetched for the reasons (evaluate_sql), 20 items timed, extrapolated to "
          f"{len(items)}: {with_reasons:.1f} s (EXTRAPOLATED)")


if __name__ == "__main__":
    main()
