"""The scheduler's rules and objective on hand-made and seeded random events, checked by the validator."""

import itertools
import random

import pytest

from corridor.events.scheduling.generate import add_requests, random_event
from corridor.events.scheduling.greedy import greedy, remaining
from corridor.events.scheduling.model import Event, Id, Meeting, Participant, Request, Slot
from corridor.events.scheduling.scheduler import schedule
from corridor.events.scheduling.validate import schedule_problems


def event(slots: int, tables: int, people: dict[str, tuple[list[int], int]], requests: list[tuple[str, str, int]],
          locked: list[Meeting] | None = None) -> Event:
    """people: id -> (available slot numbers 1.., max_meetings); requests: (from, to, priority) named r1, r2, ..."""
    return Event(
        [Slot(f"s{i}") for i in range(1, slots + 1)], tables,
        [Participant(pid, frozenset(f"s{i}" for i in avail), cap) for pid, (avail, cap) in people.items()],
        [Request(f"r{n}", a, b, p) for n, (a, b, p) in enumerate(requests, start=1)], locked or [],
    )


def placed(outcome) -> dict[str, Meeting]:
    return {m.request: m for m in outcome.schedule.meetings}


def test_nobody_twice_in_a_slot_and_everyone_placed_when_room():
    ev = event(3, 5, {"a": ([1, 2, 3], 3), "b": ([1, 2, 3], 3), "c": ([1, 2, 3], 3), "d": ([1, 2, 3], 3)},
               [("a", "b", 1), ("a", "c", 1), ("a", "d", 1), ("b", "c", 1), ("b", "d", 1), ("c", "d", 1)])
    out = schedule(ev, 5)
    assert schedule_problems(ev, out.schedule) == []
    assert out.schedule.unscheduled == []  # K4 edge-colours into 3 slots
    seats = [(m.slot, p) for m in out.schedule.meetings
             for p in (ev.request_by_id[m.request].source, ev.request_by_id[m.request].target)]
    assert len(seats) == len(set(seats)) == 12


def test_tables_bind_per_slot():
    ev = event(2, 1, {p: ([1, 2], 2) for p in "abcdef"}, [("a", "b", 1), ("c", "d", 1), ("e", "f", 1)])
    out = schedule(ev, 5)
    assert schedule_problems(ev, out.schedule) == []
    assert len(out.schedule.meetings) == 2 and all(m.table == 1 for m in out.schedule.meetings)
    assert len(out.schedule.unscheduled) == 1


def test_caps_and_availability_are_respected():
    ev = event(4, 9, {"star": ([1, 2, 3, 4], 2), "x": ([1], 1), "y": ([4], 3), "z": ([2, 3], 1), "w": ([3], 1)},
               [("x", "star", 1), ("y", "star", 1), ("z", "star", 1), ("w", "star", 1)])
    out = schedule(ev, 5)
    assert schedule_problems(ev, out.schedule) == []
    assert len(out.schedule.meetings) == 2
    for m in out.schedule.meetings:
        source = ev.request_by_id[m.request].source
        assert m.slot in ev.participant_by_id[source].available


def test_most_wanted_first_when_only_one_can_meet():
    ev = event(1, 1, {"a": ([1], 1), "b": ([1], 1), "c": ([1], 1)}, [("a", "b", 1), ("c", "a", 3), ("b", "c", 2)])
    out = schedule(ev, 5)
    assert [m.request for m in out.schedule.meetings] == ["r2"]
    assert out.schedule.unscheduled == ["r1", "r3"]


def test_more_meetings_beat_one_wanted_meeting():
    # r1 (priority 3) blocks both r2 and r3 (priority 2 each): two meetings are worth more.
    ev = event(1, 5, {p: ([1], 1) for p in "abcd"}, [("a", "b", 3), ("a", "c", 2), ("b", "d", 2)])
    out = schedule(ev, 5)
    assert sorted(m.request for m in out.schedule.meetings) == ["r2", "r3"]


def test_locked_meetings_stay_and_the_rest_is_scheduled_around_them():
    ev = event(2, 2, {p: ([1, 2], 2) for p in "abcd"}, [("a", "b", 1), ("a", "c", 3), ("b", "d", 3), ("c", "d", 1)],
               locked=[Meeting("r1", "s1", 2)])
    out = schedule(ev, 5)
    assert schedule_problems(ev, out.schedule) == []
    assert placed(out)["r1"] == Meeting("r1", "s1", 2)
    assert placed(out)["r4"].slot == "s1" and placed(out)["r4"].table == 1  # the free table of s1
    assert {placed(out)["r2"].slot, placed(out)["r3"].slot} == {"s2"}


def test_locked_meeting_is_kept_even_when_moving_it_would_allow_more():
    ev = event(2, 1, {"a": ([1, 2], 2), "b": ([1, 2], 2), "c": ([1], 1), "d": ([1], 1)},
               [("a", "b", 1), ("c", "d", 3)], locked=[Meeting("r1", "s1", 1)])
    out = schedule(ev, 5)
    assert placed(out) == {"r1": Meeting("r1", "s1", 1)}
    assert out.schedule.unscheduled == ["r2"]


def _brute_force(ev: Event) -> list[tuple[int, int]]:
    """(meetings, priority sum) of every valid schedule of a tiny event, by enumeration."""
    options = [[None, *sorted(ev.participant_by_id[r.source].available & ev.participant_by_id[r.target].available)]
               for r in ev.requests]
    values = set()
    for choice in itertools.product(*options):
        busy: set[tuple[Id, Id]] = set()
        per_slot: dict[Id, int] = {}
        count: dict[Id, int] = {}
        ok = True
        for request, slot in zip(ev.requests, choice, strict=True):
            if slot is None:
                continue
            for p in (request.source, request.target):
                count[p] = count.get(p, 0) + 1
                if (p, slot) in busy or count[p] > ev.participant_by_id[p].max_meetings:
                    ok = False
                busy.add((p, slot))
            per_slot[slot] = per_slot.get(slot, 0) + 1
            ok = ok and per_slot[slot] <= ev.tables
        if ok:
            values.add((sum(s is not None for s in choice), sum(r.priority for r, s in zip(ev.requests, choice, strict=True) if s)))
    return sorted(values)


@pytest.mark.parametrize("seed", range(25))
def test_tiny_events_reach_the_best_balance_of_meetings_and_priorities(seed):
    rng = random.Random(seed)
    ev = random_event(rng.randint(3, 6), rng.randint(3, 7), rng.randint(1, 3), rng.randint(1, 3), seed=seed,
                      partial_availability=0.5, max_cap=3)
    values = _brute_force(ev)
    most_meetings = max(c for c, _ in values)
    most_priority = max(w for _, w in values)
    best_share = max(min(c / max(most_meetings, 1), w / max(most_priority, 1)) for c, w in values)
    out = schedule(ev, 10)
    assert schedule_problems(ev, out.schedule) == []
    share = min(out.meetings / max(most_meetings, 1), out.priority_sum / max(most_priority, 1))
    assert share == pytest.approx(best_share)


@pytest.mark.parametrize("seed", range(6))
def test_random_events_valid_and_never_worse_than_the_greedy(seed):
    rng = random.Random(100 + seed)
    ev = random_event(rng.randint(20, 80), rng.randint(30, 250), rng.randint(4, 12), rng.choice([2, 5, 40]),
                      seed=seed, partial_availability=rng.random())
    out = schedule(ev, 10)
    assert schedule_problems(ev, out.schedule) == []
    baseline = greedy(remaining(ev))
    assert out.meetings >= len(baseline) * 0.999 or out.priority_sum >= sum(ev.requests[i].priority for i in baseline)


@pytest.mark.parametrize("seed", range(3))
def test_rescheduling_keeps_every_published_meeting(seed):
    ev = random_event(60, 200, 8, 6, seed=seed)
    first = schedule(ev, 10).schedule
    later = add_requests(ev, 0.05, seed=seed)
    later.locked = list(first.meetings)
    again = schedule(later, 10).schedule
    assert schedule_problems(later, again) == []
    assert set(first.meetings) <= set(again.meetings)
    assert len(again.meetings) >= len(first.meetings)


def test_no_requests_or_no_tables():
    ev = event(2, 0, {"a": ([1, 2], 2), "b": ([1, 2], 2)}, [("a", "b", 2)])
    assert schedule(ev, 5).schedule.unscheduled == ["r1"]
    empty = event(2, 3, {"a": ([1], 1)}, [])
    assert schedule(empty, 5).schedule.meetings == []
