"""Synthetic brokerage days (seeded) for the tests and the bench: nothing here is real data.

A few popular participants are requested by many (Pareto popularity), some arrive late or leave early,
caps vary; ``tables`` decides whether the table count binds.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from corridor.events.scheduling.model import Event, Participant, Request, Slot

CHINA = timezone(timedelta(hours=8))


def random_event(
    participants: int, requests: int, slots: int, tables: int, seed: int = 0, *,
    partial_availability: float = 0.3, max_cap: int = 12, popularity: float = 1.2,
) -> Event:
    """A seeded random event. ``partial_availability`` is the share of participants not there all day."""
    rng = random.Random(seed)
    day = datetime(2027, 3, 18, 9, 0, tzinfo=CHINA)
    slot_list = [
        Slot(f"s{i + 1}", day + timedelta(minutes=25 * i), day + timedelta(minutes=25 * i + 20)) for i in range(slots)
    ]
    slot_ids = [s.id for s in slot_list]
    people: list[Participant] = []
    for i in range(participants):
        window = slot_ids
        if rng.random() < partial_availability:
            kind = rng.random()
            cut = rng.randint(1, max(1, slots // 2))
            if kind < 0.45:  # arrives late
                window = slot_ids[cut:]
            elif kind < 0.8:  # leaves early
                window = slot_ids[: slots - cut]
            else:  # only a stretch in the middle of the day
                start = rng.randint(0, max(0, slots - 2))
                window = slot_ids[start : start + rng.randint(2, max(2, slots // 2))]
        cap = rng.randint(2, max(2, min(max_cap, slots)))
        people.append(Participant(f"p{i + 1}", frozenset(window), cap))
    # Popular participants (investors, big manufacturers) are requested by many.
    weights = [rng.paretovariate(popularity) for _ in range(participants)]
    pairs: set[tuple[int, int]] = set()
    request_list: list[Request] = []
    attempts = 0
    while len(request_list) < requests and attempts < requests * 50:
        attempts += 1
        source = rng.randrange(participants)
        target = rng.choices(range(participants), weights)[0]
        if source == target or (source, target) in pairs or (target, source) in pairs:
            continue
        pairs.add((source, target))
        priority = rng.choices((1, 2, 3), (0.4, 0.35, 0.25))[0]
        request_list.append(Request(f"r{len(request_list) + 1}", people[source].id, people[target].id, priority))
    return Event(slot_list, tables, people, request_list)


def add_requests(event: Event, share: float, seed: int = 0) -> Event:
    """The same event with ``share`` more requests (late acceptances), for re-scheduling."""
    rng = random.Random(seed)
    pairs = {frozenset((r.source, r.target)) for r in event.requests}
    ids = [p.id for p in event.participants]
    extra: list[Request] = []
    wanted = max(1, round(len(event.requests) * share))
    while len(extra) < wanted:
        source, target = rng.sample(ids, 2)
        if frozenset((source, target)) in pairs:
            continue
        pairs.add(frozenset((source, target)))
        extra.append(Request(f"late{len(extra) + 1}", source, target, rng.choice((1, 2, 3))))
    return Event(event.slots, event.tables, event.participants, [*event.requests, *extra], list(event.locked))
