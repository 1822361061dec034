"""`corridor events schedule --input EVENT.json --output SCHEDULE.json`: the meeting scheduler on files.

`corridor.cli` hands this command over before Django starts: no settings, no database, no network.
The output file is written only when the whole schedule is ready and valid (never half-written).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from corridor.events.scheduling.model import InputError, parse_event
from corridor.events.scheduling.scheduler import DEFAULT_TIME_LIMIT, schedule
from corridor.events.scheduling.validate import schedule_problems

PROG = "corridor events schedule"
DESCRIPTION = (
    "Place accepted 1:1 meeting requests into slots and tables: nobody in two meetings at once, both sides "
    "available, at most TABLES meetings per slot and MAX_MEETINGS per participant; as many meetings as "
    "possible, most wanted first; locked meetings never move. INPUT: {\"slots\": [{\"id\", \"start\", \"end\"}], "
    "\"tables\": N, \"participants\": [{\"id\", \"available\": [slot ids], \"max_meetings\": N}], \"requests\": "
    "[{\"id\", \"from\", \"to\", \"priority\": 1|2|3}], \"locked\": [{\"request\", \"slot\", \"table\"}] (optional)}. "
    "OUTPUT: {\"meetings\": [{\"request\", \"slot\", \"table\"}], \"unscheduled\": [request ids]}."
)


def _time_limit(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"must be between 0 and 3600 seconds, got {text}")
    return value


def _write_atomically(path: Path, data: object) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION)
    parser.add_argument("--input", "-i", required=True, metavar="EVENT.json", type=Path)
    parser.add_argument("--output", "-o", required=True, metavar="SCHEDULE.json", type=Path)
    parser.add_argument(
        "--time-limit", type=_time_limit, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
        help=f"stop improving after about this many seconds (default {DEFAULT_TIME_LIMIT:g})",
    )
    args = parser.parse_args(argv)
    try:
        text = args.input.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{PROG}: {args.input}: cannot read ({exc})", file=sys.stderr)
        return 2
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"{PROG}: {args.input}: not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})", file=sys.stderr)
        return 2
    try:
        event = parse_event(data)
    except InputError as exc:
        print(f"{PROG}: {args.input}: {exc}", file=sys.stderr)
        return 2
    if not args.output.parent.is_dir():
        print(f"{PROG}: {args.output}: no such directory {str(args.output.parent)!r}", file=sys.stderr)
        return 2
    outcome = schedule(event, args.time_limit)
    problems = schedule_problems(event, outcome.schedule)
    if problems:  # a bug, never the user's input: refuse to write a schedule that breaks a rule
        print(f"{PROG}: internal error, schedule not written: {problems[0]}", file=sys.stderr)
        return 1
    try:
        _write_atomically(args.output, outcome.schedule.to_json())
    except OSError as exc:
        print(f"{PROG}: {args.output}: cannot write ({exc})", file=sys.stderr)
        return 2
    print(
        f"{len(outcome.schedule.meetings)} meetings ({len(event.locked)} locked, {outcome.meetings} placed now, "
        f"priority sum {outcome.priority_sum}), {len(outcome.schedule.unscheduled)} unscheduled, "
        f"{outcome.stats['seconds']} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
