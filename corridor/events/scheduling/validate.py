"""Is a schedule valid? Used by the scheduler on locked meetings, by the tests and by the bench.

Independent of how the schedule was made: it re-reads the rules from the event alone.
"""

from __future__ import annotations

from collections import Counter

from corridor.events.scheduling.model import Event, Id, Meeting, Schedule


def meeting_problems(event: Event, meetings: list[Meeting], what: str = "meetings") -> list[str]:
    """Everything wrong with a set of meetings: unknown ids, tables, availability, clashes, caps."""
    problems: list[str] = []
    busy: dict[tuple[Id, Id], Id] = {}  # (participant, slot) -> request
    tables: dict[tuple[Id, int], Id] = {}  # (slot, table) -> request
    count: Counter[Id] = Counter()
    seen: set[Id] = set()
    for number, meeting in enumerate(meetings):
        where = f"{what}[{number}]"
        request = event.request_by_id.get(meeting.request)
        if request is None:
            problems.append(f"{where}.request: {meeting.request!r} is not the id of a request")
            continue
        if meeting.request in seen:
            problems.append(f"{where}.request: {meeting.request!r} is placed twice")
        seen.add(meeting.request)
        if meeting.slot not in event.slot_index:
            problems.append(f"{where}.slot: {meeting.slot!r} is not the id of a slot")
            continue
        if not 1 <= meeting.table <= event.tables:
            problems.append(f"{where}.table: {meeting.table} is not between 1 and {event.tables}")
        other = tables.setdefault((meeting.slot, meeting.table), meeting.request)
        if other != meeting.request:
            problems.append(f"{where}: table {meeting.table} in slot {meeting.slot!r} is also given to request {other!r}")
        for participant_id in (request.source, request.target):
            participant = event.participant_by_id[participant_id]
            if meeting.slot not in participant.available:
                problems.append(f"{where}: participant {participant_id!r} is not available in slot {meeting.slot!r}")
            other = busy.setdefault((participant_id, meeting.slot), meeting.request)
            if other != meeting.request:
                problems.append(
                    f"{where}: participant {participant_id!r} also meets for request {other!r} in slot {meeting.slot!r}"
                )
            count[participant_id] += 1
    for participant_id, meetings_of in count.items():
        cap = event.participant_by_id[participant_id].max_meetings
        if meetings_of > cap:
            problems.append(f"{what}: participant {participant_id!r} has {meetings_of} meetings, max_meetings is {cap}")
    return problems


def schedule_problems(event: Event, schedule: Schedule) -> list[str]:
    """Everything wrong with a full schedule; an empty list means it is valid.

    Beyond the meetings' own rules: every request is either placed or unscheduled (exactly once), and every
    locked meeting is in the schedule unchanged.
    """
    problems = meeting_problems(event, schedule.meetings)
    placed = Counter(m.request for m in schedule.meetings)
    left = Counter(schedule.unscheduled)
    for request in event.requests:
        times = placed[request.id] + left[request.id]
        if times != 1:
            problems.append(f"request {request.id!r} appears {times} times in meetings and unscheduled together")
    for unknown in set(left) - set(event.request_by_id):
        problems.append(f"unscheduled: {unknown!r} is not the id of a request")
    kept = set(schedule.meetings)
    for meeting in event.locked:
        if meeting not in kept:
            problems.append(f"locked meeting {meeting.to_json()} was moved or dropped")
    return problems
