"""Place accepted 1:1 meeting requests into (slot, table): the scheduler of a brokerage day.

Rules (hard): nobody in two meetings in one slot; both sides available in the slot; at most ``tables``
meetings per slot (tables 1..tables, none twice); at most ``max_meetings`` per participant; locked
meetings stay exactly where they are ("schedule the rest").

Objective: lexicographic — first as many meetings as possible, then among those the largest sum of
priorities (3 = most wanted). It is one weighted sum: a meeting is worth ``MEETING + priority`` with
``MEETING`` larger than any possible priority gain (3 × the requests), so one more meeting always wins
over any reshuffling of priorities. In practice the priority sum lands within 1 % of its own optimum too
(the bench measures both ratios against proven bounds): caps and popular participants leave a choice of
*which* requests meet, and that choice goes to the most wanted.

Method (each stage a kept solver, OR-Tools CP-SAT, with a time limit, started from a greedy solution):
1. ``greedy.remaining`` fixes the locked meetings and drops requests with no common free slot or no cap left.
2. ``selection.select`` chooses which requests meet, on aggregate rules only (caps and Hall windows
   of slots; 1 boolean per request instead of 1 per request and slot), started from the greedy baseline.
3. ``greedy.colour`` gives the chosen requests slots (most constrained first); if some are left over,
   ``solver.solve_slots`` re-places the chosen ones exactly (CP-SAT over request × slot, chosen only).
4. ``greedy.greedy`` fills any room left with the other requests; the better of this and the plain
   greedy baseline is kept (so the result is never worse than the baseline).
5. Tables are numbered last, per slot, around the locked ones: tables are interchangeable, so the
   solvers never see them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from corridor.events.scheduling.greedy import Remaining, colour, greedy, number_tables, remaining
from corridor.events.scheduling.model import Event, Schedule
from corridor.events.scheduling.selection import select
from corridor.events.scheduling.solver import solve_slots

DEFAULT_TIME_LIMIT = 20.0  # seconds, whole run; the largest bench instance needs far less


def meeting_weight(problem: Remaining) -> int:
    """Worth of one meeting before its priority: more than all priorities could ever add (lexicographic)."""
    return 3 * len(problem.requests) + 1


@dataclass
class Outcome:
    schedule: Schedule
    meetings: int  # placed by this run (locked ones excluded)
    priority_sum: int
    stats: dict[str, object] = field(default_factory=dict)


def _value(problem: Remaining, chosen: dict[int, int]) -> tuple[int, int]:
    priorities = sum(problem.event.requests[index].priority for index in chosen)
    return len(chosen), priorities


def schedule(event: Event, time_limit: float = DEFAULT_TIME_LIMIT, *, workers: int = 2, seed: int = 0) -> Outcome:
    """The schedule of ``event`` within about ``time_limit`` seconds (2 worker threads by default)."""
    started = time.perf_counter()
    problem = remaining(event)
    baseline = greedy(problem)
    stats: dict[str, object] = {"open_requests": len(problem.requests), "baseline": _value(problem, baseline)}
    chosen = baseline
    if problem.requests:
        chosen = _optimise(problem, baseline, started + time_limit, workers, seed, stats)
    count, priorities = _value(problem, chosen)
    stats["seconds"] = round(time.perf_counter() - started, 2)
    return Outcome(number_tables(problem, chosen), count, priorities, stats)


def _optimise(
    problem: Remaining, baseline: dict[int, int], deadline: float, workers: int, seed: int, stats: dict[str, object],
) -> dict[int, int]:
    position = {item.index: k for k, item in enumerate(problem.requests)}
    # Most of the time at most for the selection; on the largest bench instance it needs a few seconds.
    selection = select(problem, (deadline - time.perf_counter()) * 0.6, hint=[position[i] for i in baseline])
    stats["selection"] = {
        "most_meetings": selection.most_meetings, "most_priority": selection.most_priority,
        "share": round(selection.share, 4), "exact": selection.exact,
    }
    picked = [problem.requests[k] for k in selection.chosen]
    placed = colour(problem, picked)
    stats["coloured"] = f"{len(placed)}/{len(picked)}"
    if len(placed) < len(picked) and deadline - time.perf_counter() > 0.5:
        subset = Remaining(problem.event, picked, problem.free_tables, problem.caps, problem.locked_requests)
        unit = meeting_weight(subset)
        exact = solve_slots(subset, [unit + item.request.priority for item in picked],
                            (deadline - time.perf_counter()) * 0.9, hint=placed, workers=workers, seed=seed)
        stats["slots"] = exact.status
        if _value(problem, exact.chosen) > _value(problem, placed):
            placed = exact.chosen
    filled = greedy(problem, start=placed)
    return filled if _value(problem, filled) >= _value(problem, baseline) else baseline
