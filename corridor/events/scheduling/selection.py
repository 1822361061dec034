"""Stage one: which requests to meet, without choosing their slots (a relaxation, hence also an upper bound).

Choosing slots for 6,000 requests over 24 slots is 100,000+ booleans; choosing only *which* requests meet
is 6,000, and it is where the objective is decided: caps and popular participants decide who is left out.
The selection model keeps every rule in aggregate form, as Hall conditions over windows of slots:

- a participant meets at most ``max_meetings`` (minus locked meetings) times;
- for a participant and a window W of consecutive slots, the requests whose possible slots all lie in W
  are at most the number of slots of W they could use (so a late arrival cannot take 10 meetings in 4 slots);
- for every window W, the requests whose possible slots all lie in W are at most the free tables of W.

Every schedule satisfies these, so the optimum of this model bounds the optimum of the real one from above
(the bench uses that as its proven bound). Stage two (``solver.solve_slots`` on the chosen requests) then
colours them into slots; when it places them all the schedule is optimal for the selection objective.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.linear_solver import pywraplp

from corridor.events.scheduling.greedy import Remaining


def window_constraints(problem: Remaining) -> list[tuple[list[int], int]]:
    """(positions in problem.requests, at most how many of them meet): caps and Hall windows, deduplicated."""
    requests = problem.requests
    lows = np.array([item.slots[0] for item in requests], dtype=np.int32)
    highs = np.array([item.slots[-1] for item in requests], dtype=np.int32)
    best: dict[frozenset[int], int] = {}

    def keep(members: list[int], limit: int) -> None:
        if len(members) > limit:
            key = frozenset(members)
            best[key] = min(limit, best.get(key, limit))

    by_person: dict[int, list[int]] = defaultdict(list)
    for position, item in enumerate(requests):
        by_person[item.source].append(position)
        by_person[item.target].append(position)
    for person, positions in by_person.items():
        cap = problem.caps[person]
        keep(positions, cap)
        starts = sorted({requests[k].slots[0] for k in positions})
        ends = sorted({requests[k].slots[-1] for k in positions})
        for low in starts:
            for high in ends:
                if high < low:
                    continue
                members = [k for k in positions if lows[k] >= low and highs[k] <= high]
                usable: set[int] = set()
                for k in members:
                    usable.update(requests[k].slots)
                keep(members, min(cap, len(usable)))
    # Tables: only worth stating where the requests that fit in a window outnumber its free tables.
    tables = np.cumsum([0, *problem.free_tables])
    for low in sorted(set(lows.tolist())):
        for high in sorted(set(highs.tolist())):
            if high < low:
                continue
            inside = np.flatnonzero((lows >= low) & (highs <= high))
            keep(inside.tolist(), int(tables[high + 1] - tables[low]))
    return [(sorted(members), limit) for members, limit in best.items()]


@dataclass
class Solved:
    chosen: list[int]  # positions in problem.requests
    optimal: bool
    bound: float  # proven upper bound of the objective solved


class SelectionModel:
    """The selection MIP (SCIP, bundled with OR-Tools: LP bounds make this b-matching-like model easy for a
    MIP solver, where CP-SAT crawls on 2 loaded cores). Rebuilt for every objective: it takes ~0.2 s."""

    def __init__(self, problem: Remaining, constraints: list[tuple[list[int], int]] | None = None) -> None:
        self.problem = problem
        self.constraints = window_constraints(problem) if constraints is None else constraints
        self.count = [1] * len(problem.requests)
        self.priority = [item.request.priority for item in problem.requests]

    def solve(
        self, weights: Sequence[float], time_limit: float, floors: Sequence[tuple[Sequence[int], int]] = (),
        balance: tuple[float, float] | None = None,
    ) -> Solved:
        """Maximise sum(weights * meet), keeping sum(w * meet) >= floor for each (w, floor).

        With ``balance=(C, W)`` the objective is instead t, the smaller of meetings / C and priorities / W.
        """
        solver = pywraplp.Solver.CreateSolver("SCIP")
        solver.SuppressOutput()
        meet = [solver.BoolVar(f"y{k}") for k in range(len(self.problem.requests))]
        for members, limit in self.constraints:
            solver.Add(solver.Sum([meet[k] for k in members]) <= limit)
        for coefficients, floor in floors:
            solver.Add(solver.Sum([c * y for c, y in zip(coefficients, meet, strict=True) if c]) >= floor)
        objective = solver.Objective()
        if balance is None:
            for y, weight in zip(meet, weights, strict=True):
                objective.SetCoefficient(y, weight)
        else:
            share = solver.NumVar(0.0, 1.0, "t")
            solver.Add(solver.Sum(meet) >= balance[0] * share)
            solver.Add(solver.Sum([p * y for p, y in zip(self.priority, meet, strict=True)]) >= balance[1] * share)
            objective.SetCoefficient(share, 1.0)
        objective.SetMaximization()
        solver.SetTimeLimit(max(100, int(time_limit * 1000)))
        parameters = pywraplp.MPSolverParameters()
        parameters.SetDoubleParam(parameters.RELATIVE_MIP_GAP, 1e-7)
        status = solver.Solve(parameters)
        if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            return Solved([], False, float("inf"))
        chosen = [k for k, y in enumerate(meet) if y.solution_value() > 0.5]
        return Solved(chosen, status == pywraplp.Solver.OPTIMAL, objective.BestBound())

    def value(self, chosen: Sequence[int]) -> tuple[int, int]:
        return len(chosen), sum(self.priority[k] for k in chosen)


@dataclass
class Selection:
    chosen: list[int]  # positions in problem.requests
    most_meetings: int  # best number of meetings found (proven optimum of the selection model when exact)
    most_priority: int  # likewise for the priority sum
    share: float  # min(meetings / most_meetings, priorities / most_priority) of ``chosen``
    exact: bool  # every solve proved optimality
    stages: list[str] = field(default_factory=list)


def select(problem: Remaining, time_limit: float, hint: Sequence[int] = ()) -> Selection:
    """The balanced selection (see ``scheduler``): the best of both ratios at once, then the most of both.

    Four solves of the same model: most meetings; largest priority sum; the largest t such that both reach
    t of those; the most meetings + priorities among selections reaching t on both. A solve that runs out
    of time keeps its best selection; the greedy ``hint`` stands in when a solve finds nothing.
    """
    started = time.perf_counter()
    model = SelectionModel(problem)
    stages: list[str] = []
    nothing = Solved([], False, float("inf"))

    def solve(share: float, weights: Sequence[float], **options: Any) -> Solved:
        """One solve with ``share`` of the time left; none at all once the time is up (keep what we have)."""
        left = time_limit - (time.perf_counter() - started)
        if left < 0.3:
            stages.append("skipped")
            return nothing
        return model.solve(weights, max(0.2, left * share), **options)

    fallback = list(hint)
    by_count = solve(0.25, model.count)
    by_priority = solve(0.33, model.priority)
    exact = by_count.optimal and by_priority.optimal
    most_meetings = max(model.value(by_count.chosen)[0], model.value(fallback)[0], 1)
    most_priority = max(model.value(by_priority.chosen)[1], model.value(fallback)[1], 1)

    def share(chosen: Sequence[int]) -> float:
        meetings, priorities = model.value(chosen)
        return min(meetings / most_meetings, priorities / most_priority)

    balanced = solve(0.5, [], balance=(most_meetings, most_priority))
    exact = exact and balanced.optimal
    best = max((balanced.chosen, by_count.chosen, by_priority.chosen, fallback), key=share)
    reached = share(best)
    floors = [(model.count, math.ceil(reached * most_meetings - 1e-6)),
              (model.priority, math.ceil(reached * most_priority - 1e-6))]
    final = solve(1.0, [1 + p for p in model.priority], floors=floors)
    exact = exact and final.optimal
    if final.chosen and share(final.chosen) >= reached - 1e-9:
        best = final.chosen
    stages.append(f"{time.perf_counter() - started:.1f}s")
    return Selection(best, most_meetings, most_priority, share(best), exact, stages)
