"""Placing the open requests into slots with OR-Tools CP-SAT, started from the greedy placement.

Model (after ``greedy.remaining`` has fixed the locked meetings): one boolean x[r, s] per open request r
and slot s that both participants could use. Constraints: a request at most once; a participant at most
once per slot; per slot at most the tables the locked meetings left; per participant at most the
meetings the cap still allows. Tables are numbered afterwards (they are interchangeable), so there is no
table variable and no table symmetry. Constraints that cannot bind are left out (a cap above the
participant's open requests, a slot with more free tables than requests that could use it).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from corridor.events.scheduling.greedy import Remaining

STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "invalid",
    cp_model.UNKNOWN: "unknown",
}


@dataclass
class SolveResult:
    chosen: dict[int, int]  # request index -> slot index; {} when the solver found nothing
    status: str
    objective: float
    bound: float  # proven upper bound of the objective
    seconds: float


def solve_slots(
    problem: Remaining, weights: Sequence[int], time_limit: float, *, hint: dict[int, int] | None = None,
    workers: int = 2, seed: int = 0, gap: float = 0.0, log: bool = False,
) -> SolveResult:
    """Maximise sum(weights[k] * [open request k placed]) under the rules; ``weights`` follow problem.requests."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    placed: list[cp_model.IntVar] = []  # y[r]: request r has a slot
    per_request: list[list[tuple[int, cp_model.IntVar]]] = []
    per_person_slot: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    per_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    per_person: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for k, item in enumerate(problem.requests):
        y = model.new_bool_var(f"y{k}")
        placed.append(y)
        per_person[item.source].append(y)
        per_person[item.target].append(y)
        options = [(slot, model.new_bool_var(f"x{k}_{slot}")) for slot in item.slots]
        per_request.append(options)
        for slot, x in options:
            per_person_slot[item.source, slot].append(x)
            per_person_slot[item.target, slot].append(x)
            per_slot[slot].append(x)
        # y = sum of x: a placed request has exactly one slot, an unplaced one none.
        model.add(cp_model.LinearExpr.sum([x for _, x in options]) == y)
    for variables in per_person_slot.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    for slot, variables in per_slot.items():
        if len(variables) > problem.free_tables[slot]:
            model.add(cp_model.LinearExpr.sum(variables) <= problem.free_tables[slot])
    for person, variables in per_person.items():
        if len(variables) > problem.caps[person]:
            model.add(cp_model.LinearExpr.sum(variables) <= problem.caps[person])
    model.maximize(cp_model.LinearExpr.weighted_sum(placed, list(weights)))
    if hint is not None:
        for k, options in enumerate(per_request):
            wanted = hint.get(problem.requests[k].index)
            model.add_hint(placed[k], wanted is not None)
            for slot, x in options:
                model.add_hint(x, slot == wanted)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.perf_counter() - started))
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.relative_gap_limit = gap
    solver.parameters.log_search_progress = log
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    solver.parameters.max_presolve_iterations = 1
    if log:
        print(f"model built in {time.perf_counter() - started:.1f} s")
    status = solver.solve(model)
    chosen: dict[int, int] = {}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for k, options in enumerate(per_request):
            for slot, x in options:
                if solver.boolean_value(x):
                    chosen[problem.requests[k].index] = slot
        objective, bound = solver.objective_value, solver.best_objective_bound
    else:
        objective, bound = 0.0, float(sum(weights))
    return SolveResult(chosen, STATUS.get(status, "unknown"), objective, bound, time.perf_counter() - started)
