"""Why accepted requests are left out of a schedule, and how many meetings any schedule could place at most.

Plain Python (no Django), for the organiser's schedule page:

- ``why_unplaced(event, meetings)``: for each accepted request not in ``meetings``, the first reason that
  explains it — the two sides are never available at the same time (``availability``); one side already has
  as many meetings as their maximum (``cap``); or every slot both could use is taken by either side's other
  meetings or has no free table (``busy``: the schedule chose other meetings for those slots).
- ``upper_bound(event)``: an upper bound of the meetings of the day, whatever the schedule (locked meetings
  ignored): the optimum (or the solver's proven bound) of the selection model (``selection.SelectionModel``:
  caps and Hall windows of slots, for participants and tables), which every schedule satisfies; also the
  plain counting bounds that explain it (requests with a common slot; half the sum over participants of
  min(cap, usable slots, accepted requests); the tables over the slots).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from corridor.events.scheduling.greedy import remaining
from corridor.events.scheduling.model import Event, Id, Meeting

AVAILABILITY, CAP, BUSY = "availability", "cap", "busy"


@dataclass(frozen=True)
class Unplaced:
    request: Id
    reason: str  # AVAILABILITY, CAP or BUSY
    who: Id | None = None  # the side at their cap (CAP)
    cap: int = 0
    slots: int = 0  # slots both could use (BUSY)
    full_tables: int = 0  # of those, slots with every table taken (BUSY)


def why_unplaced(event: Event, meetings: Iterable[Meeting]) -> list[Unplaced]:
    placed = list(meetings)
    placed_ids = {m.request for m in placed}
    count: Counter[Id] = Counter()
    busy: dict[Id, set[Id]] = defaultdict(set)
    per_slot: Counter[Id] = Counter()
    for meeting in placed:
        request = event.request_by_id.get(meeting.request)
        if request is None:
            continue
        per_slot[meeting.slot] += 1
        for side in (request.source, request.target):
            count[side] += 1
            busy[side].add(meeting.slot)
    out: list[Unplaced] = []
    for request in event.requests:
        if request.id in placed_ids:
            continue
        a, b = event.participant_by_id[request.source], event.participant_by_id[request.target]
        common = a.available & b.available
        if not common:
            out.append(Unplaced(request.id, AVAILABILITY))
            continue
        at_cap = next((p for p in (a, b) if count[p.id] >= p.max_meetings), None)
        if at_cap is not None:
            out.append(Unplaced(request.id, CAP, who=at_cap.id, cap=at_cap.max_meetings))
            continue
        full = sum(1 for s in common if per_slot[s] >= event.tables)
        out.append(Unplaced(request.id, BUSY, slots=len(common), full_tables=full))
    return out


@dataclass
class Bound:
    meetings: int  # no schedule of the day places more
    exact: bool  # the solver proved it the optimum of the selection model
    with_common_slot: int  # accepted requests whose sides share an available slot
    by_caps: int  # half the sum over participants of min(cap, usable slots, requests)
    by_tables: int  # tables × slots
    notes: dict[str, int] = field(default_factory=dict)


def upper_bound(event: Event, time_limit: float = 5.0) -> Bound:
    from corridor.events.scheduling.selection import SelectionModel

    free = Event(event.slots, event.tables, event.participants, event.requests, [])
    problem = remaining(free)
    degree: Counter[int] = Counter()
    usable: dict[int, set[int]] = defaultdict(set)
    for item in problem.requests:
        for side in (item.source, item.target):
            degree[side] += 1
            usable[side].update(item.slots)
    by_caps = sum(min(problem.caps[p], len(usable[p]), degree[p]) for p in degree) // 2
    by_tables = event.tables * len(event.slots)
    counting = min(len(problem.requests), by_caps, by_tables)
    if not problem.requests:
        return Bound(0, True, 0, by_caps, by_tables)
    solved = SelectionModel(problem).solve([1] * len(problem.requests), time_limit)
    best = counting if not math.isfinite(solved.bound) else min(counting, math.floor(solved.bound + 1e-6))
    return Bound(best, solved.optimal, len(problem.requests), by_caps, by_tables)
