"""Reading the batch JSON (every mistake named by its field) and the validator catching every broken rule."""

import copy
from typing import Any

import pytest

from corridor.events.scheduling.model import InputError, Meeting, Schedule, event_to_json, parse_event
from corridor.events.scheduling.validate import schedule_problems

GOOD: dict[str, Any] = {
    "slots": [
        {"id": "s1", "start": "2027-03-18T09:00+08:00", "end": "2027-03-18T09:20+08:00"},
        {"id": "s2", "start": "2027-03-18T09:25+08:00", "end": "2027-03-18T09:45+08:00"},
    ],
    "tables": 2,
    "participants": [
        {"id": "p1", "available": ["s1", "s2"], "max_meetings": 2},
        {"id": "p2", "available": ["s1", "s2"], "max_meetings": 2},
        {"id": "p3", "available": ["s2"], "max_meetings": 1},
    ],
    "requests": [
        {"id": "r1", "from": "p1", "to": "p2", "priority": 1},
        {"id": "r2", "from": "p3", "to": "p1", "priority": 3},
    ],
}


def broken(change) -> str:
    data = copy.deepcopy(GOOD)
    change(data)
    with pytest.raises(InputError) as caught:
        parse_event(data)
    return str(caught.value)


def test_good_input_round_trips():
    event = parse_event(GOOD)
    assert [s.id for s in event.slots] == ["s1", "s2"] and event.tables == 2
    assert event.request_by_id["r2"].source == "p3" and event.request_by_id["r2"].priority == 3
    assert parse_event(event_to_json(event)).participants == event.participants


def test_integer_ids_come_back_as_given():
    data = copy.deepcopy(GOOD)
    data["requests"][0]["id"] = 7
    assert parse_event(data).requests[0].id == 7


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["requests"][1].update({"to": "p9"}), "requests[1].to: 'p9' is not the id of a participant"),
    (lambda d: d["requests"][0].pop("from"), "requests[0].from: None is not the id of a participant"),
    (lambda d: d["requests"][0].update({"to": "p1"}), "requests[0]: 'from' and 'to' are the same participant 'p1'"),
    (lambda d: d["requests"][0].update({"priority": 5}), "requests[0].priority: expected 1, 2 or 3"),
    (lambda d: d["requests"][1].update({"id": "r1"}), "requests[1].id: 'r1' appears twice"),
    (lambda d: d["participants"][2]["available"].append("s7"), "participants[2].available: 's7' is not the id of a slot"),
    (lambda d: d["participants"][1].pop("max_meetings"), "participants[1].max_meetings: missing"),
    (lambda d: d["participants"][0].update({"max_meetings": -1}), "participants[0].max_meetings: must be at least 0"),
    (lambda d: d["participants"][0].update({"available": "s1"}), "participants[0].available: missing or not a list"),
    (lambda d: d.update({"tables": "two"}), "tables: expected a whole number"),
    (lambda d: d.pop("tables"), "tables: missing"),
    (lambda d: d.pop("slots"), "slots: missing"),
    (lambda d: d["slots"][1].update({"end": "2027-03-18T09:00+08:00"}), "slots[1].end: must be after start"),
    (lambda d: d["slots"][1].update({"start": "9 o'clock"}), "slots[1].start: not an ISO 8601 date-time"),
    (lambda d: d["slots"][1].update({"start": "2027-03-18T09:10+08:00"}), "slots[1]: 's2' overlaps 's1'"),
    (lambda d: d.update({"locked": [{"request": "r9", "slot": "s1", "table": 1}]}), "locked[0].request: 'r9'"),
    (lambda d: d.update({"locked": [{"request": "r1", "slot": "s5", "table": 1}]}), "locked[0].slot: 's5'"),
    (lambda d: d.update({"locked": [{"request": "r1", "slot": "s1", "table": 3}]}), "locked[0].table: 3 but the event has 2"),
    (lambda d: d.update({"locked": [{"request": "r2", "slot": "s1", "table": 1}]}),
     "locked[0]: participant 'p3' is not available in slot 's1'"),
    (lambda d: d.update({"locked": [{"request": "r1", "slot": "s2", "table": 1}, {"request": "r2", "slot": "s2", "table": 2}]}),
     "locked[1]: participant 'p1' also meets for request 'r1' in slot 's2'"),
])
def test_every_mistake_names_its_field(change, message):
    assert message in broken(change)


def test_not_an_object():
    with pytest.raises(InputError, match="JSON object"):
        parse_event([1, 2])


def test_validator_accepts_a_valid_schedule_and_names_each_broken_rule():
    event = parse_event(GOOD)
    good = Schedule([Meeting("r1", "s1", 1), Meeting("r2", "s2", 1)], [])
    assert schedule_problems(event, good) == []
    cases = {
        "also meets for request": Schedule([Meeting("r1", "s2", 1), Meeting("r2", "s2", 2)], []),
        "'r2' is placed twice": Schedule([Meeting("r1", "s1", 1), Meeting("r2", "s2", 1), Meeting("r2", "s2", 2)], []),
        "not available in slot 's1'": Schedule([Meeting("r2", "s1", 1)], ["r1"]),
        "is not between 1 and 2": Schedule([Meeting("r1", "s1", 3)], ["r2"]),
        "appears 0 times": Schedule([Meeting("r1", "s1", 1)], []),
        "appears 2 times": Schedule([Meeting("r1", "s1", 1)], ["r1", "r2"]),
        "'s9' is not the id of a slot": Schedule([Meeting("r1", "s9", 1)], ["r2"]),
    }
    for expected, schedule in cases.items():
        assert any(expected in p for p in schedule_problems(event, schedule)), expected
    bigger = copy.deepcopy(GOOD)
    bigger["participants"] += [{"id": "p4", "available": ["s1"], "max_meetings": 1},
                               {"id": "p5", "available": ["s1"], "max_meetings": 1}]
    bigger["requests"].append({"id": "r3", "from": "p4", "to": "p5", "priority": 2})
    same_table = Schedule([Meeting("r1", "s1", 1), Meeting("r3", "s1", 1)], ["r2"])
    assert any("table 1 in slot 's1' is also given to request 'r1'" in p
               for p in schedule_problems(parse_event(bigger), same_table))
    capped = copy.deepcopy(GOOD)
    capped["participants"][0]["max_meetings"] = 1
    assert any("max_meetings is 1" in p for p in schedule_problems(parse_event(capped), good))
    moved = copy.deepcopy(GOOD)
    moved["locked"] = [{"request": "r1", "slot": "s1", "table": 2}]
    assert any("was moved or dropped" in p for p in schedule_problems(parse_event(moved), good))
