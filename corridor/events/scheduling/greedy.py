"""What is left to place once the locked meetings are fixed, the greedy placement, and table numbering.

Tables are interchangeable, so the solvers only choose a slot per request; ``number_tables`` then gives
each slot's meetings the tables the locked meetings left free. That removes the table symmetry entirely
(a factor tables! per slot) and leaves one "at most free tables per slot" constraint.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from corridor.events.scheduling.model import Event, Id, Meeting, Request, Schedule


@dataclass(frozen=True)
class Open:
    """A request still to place: its participants (indices) and the slots (indices) both could use."""

    index: int  # in event.requests
    request: Request
    source: int
    target: int
    slots: tuple[int, ...]


@dataclass
class Remaining:
    event: Event
    requests: list[Open]  # only those with at least one possible slot and room under both caps
    free_tables: list[int]  # per slot
    caps: list[int]  # per participant, after the locked meetings
    locked_requests: set[Id]


def remaining(event: Event) -> Remaining:
    """The problem once the locked meetings are placed: their participants' slots and caps, their tables."""
    person = {p.id: i for i, p in enumerate(event.participants)}
    available = [{event.slot_index[s] for s in p.available} for p in event.participants]
    caps = [p.max_meetings for p in event.participants]
    free_tables = [event.tables] * len(event.slots)
    locked = {m.request for m in event.locked}
    for meeting in event.locked:
        request = event.request_by_id[meeting.request]
        slot = event.slot_index[meeting.slot]
        free_tables[slot] -= 1
        for participant in (person[request.source], person[request.target]):
            available[participant].discard(slot)  # busy in that slot now
            caps[participant] -= 1
    open_requests = []
    for index, request in enumerate(event.requests):
        if request.id in locked:
            continue
        source, target = person[request.source], person[request.target]
        if caps[source] <= 0 or caps[target] <= 0:
            continue
        slots = tuple(sorted(s for s in available[source] & available[target] if free_tables[s] > 0))
        if slots:
            open_requests.append(Open(index, request, source, target, slots))
    return Remaining(event, open_requests, free_tables, caps, locked)


def greedy(problem: Remaining, order: list[Open] | None = None, start: dict[int, int] | None = None) -> dict[int, int]:
    """Each request in turn (most wanted first, then as given) into the earliest slot still free for both.

    This is the organiser's by-hand method and the bench's baseline; with ``start`` (meetings already
    placed) it fills whatever room they left. Returns {request index: slot index}.
    """
    if order is None:
        order = sorted(problem.requests, key=lambda o: (-o.request.priority, o.index))
    caps = list(problem.caps)
    tables = list(problem.free_tables)
    busy: set[tuple[int, int]] = set()
    chosen: dict[int, int] = {}

    def place(item: Open, slot: int) -> None:
        chosen[item.index] = slot
        tables[slot] -= 1
        caps[item.source] -= 1
        caps[item.target] -= 1
        busy.add((item.source, slot))
        busy.add((item.target, slot))

    if start:
        for item in problem.requests:
            if item.index in start:
                place(item, start[item.index])
    for item in order:
        if item.index in chosen or caps[item.source] <= 0 or caps[item.target] <= 0:
            continue
        for slot in item.slots:
            if tables[slot] > 0 and (item.source, slot) not in busy and (item.target, slot) not in busy:
                place(item, slot)
                break
    return chosen


def colour(problem: Remaining, chosen: list[Open]) -> dict[int, int]:
    """Slots for requests already known to respect the caps: the one with fewest usable slots left first
    (DSATUR), into the slot its unplaced neighbours need least and, on a tie, where tables are least short;
    then ``repair`` for those left over. Returns {request index: slot index}."""
    free = {item.index: set(item.slots) for item in chosen}
    tables = list(problem.free_tables)
    demand = [0] * len(tables)  # unplaced requests that could still use each slot
    of_person: dict[int, list[Open]] = {}
    of_slot: dict[int, list[Open]] = {}
    for item in chosen:
        of_person.setdefault(item.source, []).append(item)
        of_person.setdefault(item.target, []).append(item)
        for slot in item.slots:
            of_slot.setdefault(slot, []).append(item)
            demand[slot] += 1
    heap = [(len(free[item.index]), -item.request.priority, item.index, item) for item in chosen]
    heapq.heapify(heap)
    placed: dict[int, int] = {}

    def drop(other: Open, slot: int) -> None:
        if slot in free[other.index]:
            free[other.index].discard(slot)
            demand[slot] -= 1

    while heap:
        size, _, index, item = heapq.heappop(heap)
        if index in placed:
            continue
        options = free[index]
        if size != len(options):  # stale entry: its options shrank since it was pushed
            heapq.heappush(heap, (len(options), -item.request.priority, index, item))
            continue
        if not options:
            placed[index] = -1
            continue
        neighbours = [o for o in of_person[item.source] + of_person[item.target] if o.index not in placed]

        def harm(slot: int, neighbours: list[Open] = neighbours) -> tuple[int, int, int]:
            return (sum(1 for o in neighbours if slot in free[o.index]), demand[slot] - tables[slot], slot)

        slot = min(options, key=harm)
        placed[index] = slot
        for free_slot in list(options):
            drop(item, free_slot)
        tables[slot] -= 1
        for other in neighbours:
            drop(other, slot)
        if tables[slot] == 0:
            for other in of_slot[slot]:
                drop(other, slot)
    done = {index: slot for index, slot in placed.items() if slot >= 0}
    return repair(problem, chosen, done)


def repair(problem: Remaining, chosen: list[Open], placed: dict[int, int]) -> dict[int, int]:
    """Place left-over requests by moving at most the (one or two) meetings in their way to another slot."""
    placed = dict(placed)
    by_index = {item.index: item for item in chosen}
    at: dict[tuple[int, int], int] = {}  # (participant, slot) -> request index
    in_slot: dict[int, set[int]] = {}
    for index, slot in placed.items():
        item = by_index[index]
        at[item.source, slot] = at[item.target, slot] = index
        in_slot.setdefault(slot, set()).add(index)

    def load(slot: int) -> int:
        return len(in_slot.get(slot, ()))

    def move(index: int, slot: int | None) -> None:
        item = by_index[index]
        old = placed.pop(index, None)
        if old is not None:
            del at[item.source, old], at[item.target, old]
            in_slot[old].discard(index)
        if slot is not None:
            placed[index] = slot
            at[item.source, slot] = at[item.target, slot] = index
            in_slot.setdefault(slot, set()).add(index)

    def elsewhere(index: int, avoid: int) -> int | None:
        item = by_index[index]
        for slot in item.slots:
            if slot != avoid and load(slot) < problem.free_tables[slot] and (item.source, slot) not in at \
                    and (item.target, slot) not in at:
                return slot
        return None

    for item in chosen:
        if item.index in placed:
            continue
        for slot in item.slots:
            blockers = {at[p, slot] for p in (item.source, item.target) if (p, slot) in at}
            if not blockers and load(slot) >= problem.free_tables[slot]:
                # A full slot: one meeting of someone else must leave it.
                blockers = {next((i for i in in_slot.get(slot, ()) if elsewhere(i, slot) is not None), -1)}
            if -1 in blockers:
                continue
            moved: list[tuple[int, int]] = []
            for blocker in blockers:
                target = elsewhere(blocker, slot)
                if target is None:
                    break
                moved.append((blocker, slot))
                move(blocker, target)
            if len(moved) == len(blockers) and load(slot) < problem.free_tables[slot]:
                move(item.index, slot)
                break
            for blocker, old in reversed(moved):  # undo: this slot cannot be freed
                move(blocker, old)
    return placed


def number_tables(problem: Remaining, chosen: dict[int, int]) -> Schedule:
    """The schedule: locked meetings as they were, the chosen ones on the tables left free in their slot."""
    event = problem.event
    taken: dict[int, set[int]] = {}
    for meeting in event.locked:
        taken.setdefault(event.slot_index[meeting.slot], set()).add(meeting.table)
    meetings = list(event.locked)
    next_table: dict[int, int] = {}
    for index in sorted(chosen):  # input order: deterministic table numbers
        slot = chosen[index]
        table = next_table.get(slot, 1)
        while table in taken.get(slot, ()):
            table += 1
        if table > event.tables:
            raise AssertionError(f"slot {event.slots[slot].id!r} given more meetings than free tables")
        next_table[slot] = table + 1
        meetings.append(Meeting(event.requests[index].id, event.slots[slot].id, table))
    meetings.sort(key=lambda m: (event.slot_index[m.slot], m.table))
    placed = {m.request for m in meetings}
    return Schedule(meetings, [r.id for r in event.requests if r.id not in placed])
