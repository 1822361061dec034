"""Place accepted 1:1 meeting requests into (slot, table): the scheduler of a brokerage day.

Rules (hard): nobody in two meetings in one slot; both sides available in the slot; at most ``tables``
meetings per slot (tables 1..tables, none twice); at most ``max_meetings`` per participant; locked
meetings stay exactly where they are ("schedule the rest").

Objective: two goals, as many meetings as possible (M) and the largest sum of priorities (P, 3 = most
wanted). Their optima M* and P* are in general reached by *different* schedules: a popular participant's
last free place goes either to one priority-3 request or, elsewhere, frees room for two priority-1 ones.
Neither a lexicographic order (M* exactly, but P can fall 2 % short) nor a fixed weighting reaches both
reliably, so the scheduler maximises the balance

    t = min(M / M*, P / P*)

i.e. the schedule closest to both optima at once: if any schedule reaches 0.99 of both, this one does; when
none can (the bench proves it instance by instance), none gets closer. Among selections reaching t it takes
the most M + P. M* and P* are the optima of the selection model below (proved by the solver within the time
limit; otherwise the best found), which equal the true optima whenever the chosen requests fit into slots.

Method (kept solvers from OR-Tools, each with a time limit, and greedy starts; no hand-written search):
1. ``greedy.remaining`` fixes the locked meetings and drops requests with no common free slot or no cap left.
2. ``selection.select`` chooses which requests meet, on aggregate rules only (caps and Hall windows
   of slots; 1 boolean per request instead of 1 per request and slot): four MIP solves (SCIP, shipped
   with OR-Tools) for M*, P*, t and the final selection; the greedy baseline stands in if one finds nothing.
3. ``greedy.colour`` gives the chosen requests slots (most constrained first); if some are left over,
   ``solver.solve_slots`` re-places the chosen ones exactly (CP-SAT over request × slot, chosen only).
4. ``greedy.greedy`` fills any room left with the other requests; the better balance of this and the
   plain greedy baseline is kept (so the result is never worse than the baseline).
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
        chosen = _optimise(problem, baseline, started + time_limit, time_limit, workers, seed, stats)
    count, priorities = _value(problem, chosen)
    stats["seconds"] = round(time.perf_counter() - started, 2)
    return Outcome(number_tables(problem, chosen), count, priorities, stats)


def _optimise(
    problem: Remaining, baseline: dict[int, int], deadline: float, time_limit: float, workers: int, seed: int,
    stats: dict[str, object],
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
        # A quarter of the limit at most: what colouring leaves over is a handful of meetings in a thousand
        # (odd cycles of people free in the same few slots), often none can be placed at all.
        budget = min(deadline - time.perf_counter(), time_limit / 4) * 0.9
        exact = solve_slots(subset, [unit + item.request.priority for item in picked], budget,
                            hint=placed, workers=workers, seed=seed)
        stats["slots"] = exact.status
        if _value(problem, exact.chosen) > _value(problem, placed):
            placed = exact.chosen
    filled = greedy(problem, start=placed)  # adding meetings raises both M and P: never lowers the balance

    def balance(chosen: dict[int, int]) -> tuple[float, int]:
        meetings, priorities = _value(problem, chosen)
        share = min(meetings / selection.most_meetings, priorities / selection.most_priority)
        return share, meetings + priorities

    return filled if balance(filled) >= balance(baseline) else baseline
