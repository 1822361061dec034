"""The plain data of a brokerage day and its schedule, read from (and written to) the batch JSON format.

Input: ``{"slots": [{"id", "start", "end"}], "tables": int, "participants": [{"id", "available": [slot ids],
"max_meetings": int}], "requests": [{"id", "from", "to", "priority": 1|2|3}], "locked": [{"request", "slot",
"table"}]}`` ("locked" optional). Output: ``{"meetings": [{"request", "slot", "table"}], "unscheduled": [ids]}``.

Ids may be strings or integers; they come back exactly as given. Every mistake raises ``InputError`` whose
message names the field (``requests[3].to: unknown participant 'p9'``) and nothing is scheduled.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

Id = str | int
PRIORITIES = (1, 2, 3)  # 3 is the most wanted


class InputError(ValueError):
    """The event data is unusable; the message names the field."""


@dataclass(frozen=True)
class Slot:
    id: Id
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class Participant:
    id: Id
    available: frozenset[Id]
    max_meetings: int


@dataclass(frozen=True)
class Request:
    id: Id
    source: Id  # "from" in the JSON
    target: Id  # "to"
    priority: int


@dataclass(frozen=True)
class Meeting:
    request: Id
    slot: Id
    table: int  # 1..tables

    def to_json(self) -> dict[str, object]:
        return {"request": self.request, "slot": self.slot, "table": self.table}


@dataclass
class Event:
    slots: list[Slot]
    tables: int
    participants: list[Participant]
    requests: list[Request]
    locked: list[Meeting] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.slot_index = {slot.id: i for i, slot in enumerate(self.slots)}
        self.participant_by_id = {p.id: p for p in self.participants}
        self.request_by_id = {r.id: r for r in self.requests}


@dataclass
class Schedule:
    meetings: list[Meeting]
    unscheduled: list[Id]

    def to_json(self) -> dict[str, object]:
        return {"meetings": [m.to_json() for m in self.meetings], "unscheduled": list(self.unscheduled)}


def _is_id(value: object) -> bool:
    return (isinstance(value, str) and value != "") or (isinstance(value, int) and not isinstance(value, bool))


def _integer(value: object, where: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{where}: expected a whole number, got {value!r}")
    if value < minimum:
        raise InputError(f"{where}: must be at least {minimum}, got {value}")
    return value


def _object_list(data: Mapping[str, object], key: str, required: bool = True) -> list[Mapping[str, object]]:
    if key not in data:
        if required:
            raise InputError(f"{key}: missing")
        return []
    rows = data[key]
    if not isinstance(rows, list):
        raise InputError(f"{key}: expected a list")
    for number, row in enumerate(rows):
        if not isinstance(row, dict):
            raise InputError(f"{key}[{number}]: expected an object")
    return rows


def _unique_id(row: Mapping[str, object], where: str, seen: set[Id]) -> Id:
    value = row.get("id")
    if not _is_id(value):
        raise InputError(f"{where}.id: missing or not a string/number")
    assert isinstance(value, str | int)
    if value in seen:
        raise InputError(f"{where}.id: {value!r} appears twice")
    seen.add(value)
    return value


def _time(row: Mapping[str, object], key: str, where: str) -> datetime | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}.{key}: expected an ISO 8601 date-time, got {value!r}")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{where}.{key}: not an ISO 8601 date-time: {value!r}") from None


def _read_slots(data: Mapping[str, object]) -> list[Slot]:
    slots: list[Slot] = []
    seen: set[Id] = set()
    for number, row in enumerate(_object_list(data, "slots")):
        where = f"slots[{number}]"
        slot = Slot(_unique_id(row, where, seen), _time(row, "start", where), _time(row, "end", where))
        if (slot.start is None) != (slot.end is None):
            raise InputError(f"{where}: give both start and end, or neither")
        if slot.start is not None and slot.end is not None:
            if (slot.start.tzinfo is None) != (slot.end.tzinfo is None):
                raise InputError(f"{where}: start and end must both have a time zone offset, or neither")
            if slot.end <= slot.start:
                raise InputError(f"{where}.end: must be after start")
        slots.append(slot)
    _refuse_overlaps(slots)
    return slots


def _refuse_overlaps(slots: list[Slot]) -> None:
    """Slots are the units of "at once": two slots sharing time would let someone be in two meetings."""
    timed = [(i, s) for i, s in enumerate(slots) if s.start is not None]
    if {s.start.tzinfo is None for _, s in timed if s.start is not None} == {True, False}:
        raise InputError("slots: mix of times with and without a time zone offset")
    timed.sort(key=lambda pair: (pair[1].start, pair[1].end))
    for (i, before), (j, after) in itertools.pairwise(timed):
        assert before.end is not None and after.start is not None
        if after.start < before.end:
            raise InputError(f"slots[{j}]: {after.id!r} overlaps {before.id!r} (slots[{i}])")


def _read_participants(data: Mapping[str, object], slot_ids: set[Id]) -> list[Participant]:
    participants: list[Participant] = []
    seen: set[Id] = set()
    for number, row in enumerate(_object_list(data, "participants")):
        where = f"participants[{number}]"
        participant_id = _unique_id(row, where, seen)
        available = row.get("available")
        if not isinstance(available, list):
            raise InputError(f"{where}.available: missing or not a list of slot ids")
        for slot_id in available:
            if not _is_id(slot_id) or slot_id not in slot_ids:
                raise InputError(f"{where}.available: {slot_id!r} is not the id of a slot")
        if "max_meetings" not in row:
            raise InputError(f"{where}.max_meetings: missing")
        cap = _integer(row["max_meetings"], f"{where}.max_meetings")
        participants.append(Participant(participant_id, frozenset(available), cap))
    return participants


def _read_requests(data: Mapping[str, object], participant_ids: set[Id]) -> list[Request]:
    requests: list[Request] = []
    seen: set[Id] = set()
    for number, row in enumerate(_object_list(data, "requests")):
        where = f"requests[{number}]"
        request_id = _unique_id(row, where, seen)
        ends: list[Id] = []
        for key in ("from", "to"):
            value = row.get(key)
            if not isinstance(value, str | int) or not _is_id(value) or value not in participant_ids:
                raise InputError(f"{where}.{key}: {value!r} is not the id of a participant")
            ends.append(value)
        if ends[0] == ends[1]:
            raise InputError(f"{where}: 'from' and 'to' are the same participant {ends[0]!r}")
        priority = row.get("priority")
        if isinstance(priority, bool) or priority not in PRIORITIES:
            raise InputError(f"{where}.priority: expected 1, 2 or 3 (3 = most wanted), got {priority!r}")
        assert isinstance(priority, int)
        requests.append(Request(request_id, ends[0], ends[1], priority))
    return requests


def _read_locked(data: Mapping[str, object], event: Event) -> list[Meeting]:
    locked: list[Meeting] = []
    seen: set[Id] = set()
    for number, row in enumerate(_object_list(data, "locked", required=False)):
        where = f"locked[{number}]"
        request_id = row.get("request")
        if not _is_id(request_id) or request_id not in event.request_by_id:
            raise InputError(f"{where}.request: {request_id!r} is not the id of a request")
        assert isinstance(request_id, str | int)
        if request_id in seen:
            raise InputError(f"{where}.request: {request_id!r} is locked twice")
        seen.add(request_id)
        slot_id = row.get("slot")
        if not _is_id(slot_id) or slot_id not in event.slot_index:
            raise InputError(f"{where}.slot: {slot_id!r} is not the id of a slot")
        assert isinstance(slot_id, str | int)
        table = _integer(row.get("table"), f"{where}.table", minimum=1)
        if table > event.tables:
            raise InputError(f"{where}.table: {table} but the event has {event.tables} tables")
        locked.append(Meeting(request_id, slot_id, table))
    return locked


def parse_event(data: object) -> Event:
    """The event described by decoded JSON, or InputError naming the first bad field."""
    if not isinstance(data, dict):
        raise InputError("the input must be a JSON object with slots, tables, participants and requests")
    slots = _read_slots(data)
    if "tables" not in data:
        raise InputError("tables: missing")
    tables = _integer(data["tables"], "tables")
    participants = _read_participants(data, {s.id for s in slots})
    requests = _read_requests(data, {p.id for p in participants})
    event = Event(slots, tables, participants, requests)
    event.locked = _read_locked(data, event)
    from corridor.events.scheduling.validate import meeting_problems

    problems = meeting_problems(event, event.locked, what="locked")
    if problems:
        raise InputError(problems[0])
    return event


def event_to_json(event: Event) -> dict[str, Any]:
    """The batch JSON of an event (used by the bench and tests to write input files)."""
    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    data: dict[str, Any] = {
        "slots": [{"id": s.id, "start": when(s.start), "end": when(s.end)} for s in event.slots],
        "tables": event.tables,
        "participants": [
            {"id": p.id, "available": _in_slot_order(event, p.available), "max_meetings": p.max_meetings}
            for p in event.participants
        ],
        "requests": [{"id": r.id, "from": r.source, "to": r.target, "priority": r.priority} for r in event.requests],
    }
    if event.locked:
        data["locked"] = [m.to_json() for m in event.locked]
    return data


def _in_slot_order(event: Event, slot_ids: Iterable[Id]) -> list[Id]:
    return sorted(slot_ids, key=event.slot_index.__getitem__)
