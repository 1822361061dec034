"""1:1 meeting scheduler: quality against proven optima/bounds, time, the greedy baseline, re-scheduling.

    nice .venv/bin/python bench/meeting_schedule.py [--bound-limit 120] [--only 1,7] [--cli]

Per seeded instance (30 participants / 60 requests / 8 slots up to 800 / 6,000 / 24; popular participants
requested by many, late arrivals and early leavers, tables binding in some, availability in others):

- ours: ``corridor.events.scheduling.schedule`` with the CLI's default time limit, 2 threads;
- baseline (same run): greedy, priority order then input order, earliest common free slot;
- optimum or bound, computed separately with a longer limit: the most meetings and the largest priority
  sum of the selection model (caps + Hall windows of slots, see ``selection``), a relaxation of the real
  problem, so its optimum is a proven upper bound of each true optimum; "exact" when the solver proved it.
  On instances up to 200 participants the full request × slot model (CP-SAT) cross-checks the meetings bound.
- balance: the largest t such that one selection reaches t of both bounds at once — if it is below 0.99,
  no schedule can reach 0.99 of both, whatever the algorithm;
- re-scheduling: 5 % new requests with every meeting of our schedule locked (published), limit 5 s: time,
  published meetings moved (must be 0), new meetings placed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corridor.events.scheduling.generate import add_requests, random_event
from corridor.events.scheduling.greedy import greedy, remaining
from corridor.events.scheduling.model import Event, event_to_json
from corridor.events.scheduling.scheduler import DEFAULT_TIME_LIMIT, schedule
from corridor.events.scheduling.selection import SelectionModel
from corridor.events.scheduling.solver import solve_slots
from corridor.events.scheduling.validate import schedule_problems

# (participants, requests, slots, tables, share not there all day, what binds)
INSTANCES = [
    (30, 60, 8, 100, 0.3, "caps"),
    (100, 300, 12, 8, 0.3, "tables"),
    (200, 1000, 12, 1000, 0.7, "availability"),
    (400, 2500, 16, 40, 0.3, "tables"),
    (600, 4000, 20, 1000, 0.7, "availability"),
    (800, 6000, 24, 100, 0.3, "caps, tables near"),
    (800, 6000, 24, 60, 0.3, "tables"),
]


def bounds(event: Event, limit: float) -> dict[str, object]:
    problem = remaining(event)
    model = SelectionModel(problem)
    by_count = model.solve(model.count, limit)
    by_priority = model.solve(model.priority, limit)
    most_meetings, most_priority = model.value(by_count.chosen)[0], model.value(by_priority.chosen)[1]
    balanced = model.solve([], limit, balance=(max(most_meetings, 1), max(most_priority, 1)))
    result: dict[str, object] = {
        "meetings_bound": int(by_count.bound + 1e-6), "meetings_exact": by_count.optimal,
        "priority_bound": int(by_priority.bound + 1e-6), "priority_exact": by_priority.optimal,
        "balance": balanced.bound,
    }
    if len(event.participants) <= 200:
        full = solve_slots(problem, [1] * len(problem.requests), limit, hint=greedy(problem))
        result["full_model"] = f"{full.status} {full.objective:.0f}/{full.bound:.0f}"
    return result


def run_cli(event: Event) -> float:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "event.json", Path(folder) / "schedule.json"
        source.write_text(json.dumps(event_to_json(event)), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "corridor.cli", "events", "schedule", "--input", str(source),
                        "--output", str(target)], check=True, capture_output=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bound-limit", type=float, default=120.0, help="seconds per bound solve (default 120)")
    parser.add_argument("--only", help="instance numbers, e.g. 1,7")
    parser.add_argument("--cli", action="store_true", help="also time the largest through `corridor events schedule`")
    args = parser.parse_args()
    chosen = [int(n) for n in args.only.split(",")] if args.only else range(1, len(INSTANCES) + 1)
    print(f"time limit {DEFAULT_TIME_LIMIT:g} s, 2 threads; bounds with {args.bound_limit:g} s per solve")
    print(f"{'#':>2} {'instance':<24} {'binds':<18} | {'ours: meetings':>17} {'priority':>16} {'time':>6} | "
          f"{'greedy: meet.':>14} {'prio.':>12} {'time':>6} | {'bound m/p (exact)':>20} {'balance':>7} | "
          f"{'re-schedule 5 %':>24}")
    for number in chosen:
        participants, requests, slots, tables, partial, binds = INSTANCES[number - 1]
        event = random_event(participants, requests, slots, tables, seed=number, partial_availability=partial)
        started = time.perf_counter()
        problem = remaining(event)
        baseline = greedy(problem)
        baseline_time = time.perf_counter() - started
        base_meetings, base_priority = len(baseline), sum(event.requests[i].priority for i in baseline)
        started = time.perf_counter()
        ours = schedule(event)
        ours_time = time.perf_counter() - started
        problems = schedule_problems(event, ours.schedule)
        assert not problems, problems[:3]
        bound = bounds(event, args.bound_limit)
        meetings_bound, priority_bound = int(bound["meetings_bound"]), int(bound["priority_bound"])  # type: ignore[call-overload]
        # Re-scheduling: everything published is locked, 5 % more requests arrive.
        later = add_requests(event, 0.05, seed=number)
        later.locked = list(ours.schedule.meetings)
        started = time.perf_counter()
        again = schedule(later, 5.0)
        again_time = time.perf_counter() - started
        assert not schedule_problems(later, again.schedule)
        moved = len(set(ours.schedule.meetings) - set(again.schedule.meetings))
        exact = "".join("=" if bound[k] else "≤" for k in ("meetings_exact", "priority_exact"))
        print(
            f"{number:>2} {f'{participants}/{requests}/{slots}, {tables} tables':<24} {binds:<18} | "
            f"{ours.meetings:>6} ({ours.meetings / meetings_bound:.4f}) {ours.priority_sum:>6} "
            f"({ours.priority_sum / priority_bound:.4f}) {ours_time:>5.1f}s | "
            f"{base_meetings:>5} ({base_meetings / meetings_bound:.3f}) {base_priority:>5} "
            f"({base_priority / priority_bound:.3f}) {baseline_time:>5.2f}s | "
            f"{meetings_bound:>6}/{priority_bound:<6} ({exact}) {float(bound['balance']):>7.4f} | "  # type: ignore[arg-type]
            f"{again_time:>4.1f}s moved {moved} +{again.meetings} new",
            flush=True,
        )
        if "full_model" in bound:
            print(f"   full request × slot model (CP-SAT, meetings): {bound['full_model']}", flush=True)
    if args.cli:
        participants, requests, slots, tables, partial, _ = INSTANCES[-1]
        event = random_event(participants, requests, slots, tables, seed=len(INSTANCES), partial_availability=partial)
        print(f"largest through the CLI (process start, JSON in/out included): {run_cli(event):.1f} s")


if __name__ == "__main__":
    main()
