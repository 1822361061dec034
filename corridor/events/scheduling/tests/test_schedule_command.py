"""`corridor events schedule --input EVENT.json --output SCHEDULE.json`, run as a separate process, no database."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from corridor.events.scheduling.generate import random_event
from corridor.events.scheduling.model import event_to_json, parse_event
from corridor.events.scheduling.validate import schedule_problems

CORRIDOR = [sys.executable, "-m", "corridor.cli"]


def run(tmp_path: Path, data: object, *extra: str) -> subprocess.CompletedProcess:
    source = tmp_path / "event.json"
    source.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    # No database anywhere: an unreachable PostgreSQL URL and no secret key must not matter.
    env = {"PATH": os.environ["PATH"], "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", "HOME": str(tmp_path)}
    return subprocess.run(
        [*CORRIDOR, "events", "schedule", "--input", str(source), "--output", str(tmp_path / "out.json"), *extra],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )


def test_writes_a_valid_schedule_in_the_documented_shape(tmp_path):
    data = event_to_json(random_event(40, 120, 8, 6, seed=3))
    done = run(tmp_path, data, "--time-limit", "10")
    assert done.returncode == 0, done.stderr
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert set(out) == {"meetings", "unscheduled"}
    assert all(set(m) == {"request", "slot", "table"} and isinstance(m["table"], int) for m in out["meetings"])
    event = parse_event(data)
    from corridor.events.scheduling.model import Meeting, Schedule

    schedule = Schedule([Meeting(m["request"], m["slot"], m["table"]) for m in out["meetings"]], out["unscheduled"])
    assert schedule_problems(event, schedule) == []
    assert len(out["meetings"]) > 0 and "meetings" in done.stderr
    assert not (tmp_path / "var").exists()  # nothing of the platform was set up


def test_locked_meetings_come_back_unchanged(tmp_path):
    data = event_to_json(random_event(30, 60, 8, 3, seed=5))
    first = run(tmp_path, data)
    assert first.returncode == 0, first.stderr
    published = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["meetings"][:10]
    data["locked"] = published
    data["requests"].append({"id": "late", "from": "p1", "to": "p2", "priority": 3})
    again = run(tmp_path, data)
    assert again.returncode == 0, again.stderr
    meetings = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["meetings"]
    assert all(m in meetings for m in published)


def test_bad_input_names_the_field_and_writes_nothing(tmp_path):
    data: dict[str, Any] = {"slots": [{"id": "s1"}], "tables": 1, "participants": [{"id": "p1", "available": ["s1"], "max_meetings": 1}],
            "requests": [{"id": "r1", "from": "p1", "to": "ghost", "priority": 2}]}
    done = run(tmp_path, data)
    assert done.returncode == 2
    assert "requests[0].to: 'ghost' is not the id of a participant" in done.stderr
    assert not (tmp_path / "out.json").exists()
    data["requests"][0]["to"] = "p1"
    data["participants"][0]["available"] = ["s2"]
    done = run(tmp_path, data)
    assert "participants[0].available: 's2' is not the id of a slot" in done.stderr
    assert "Traceback" not in done.stderr


def test_not_json_and_bad_time_limit(tmp_path):
    done = run(tmp_path, "{slots: [")
    assert done.returncode == 2 and "not valid JSON" in done.stderr and "line 1" in done.stderr
    done = run(tmp_path, {"slots": []}, "--time-limit", "soon")
    assert done.returncode == 2 and "--time-limit" in done.stderr
