"""`corridor policies eligibility --orgs ORGS.jsonl --items ITEMS.json --output OUT.jsonl`: no database, no settings.

ORGS.jsonl: one organisation profile a line (see `profile`); ITEMS.json: a JSON list of items (see `rules`).
OUT.jsonl: one line per organisation, in input order:
    {"org": "o1", "answers": [{"item": "i1", "answer": "unknown", "timing": "in_force", "window": "open",
                              "because": [2, 3], "missing": ["rnd_share"]}, ...]}
`because` lists the deciding conditions by index (depth-first order in the item's rule); `--explain` writes
them out with labels and clauses instead, and the missing fields with their labels. `corridor.cli` hands this over before Django starts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from corridor.batchio import BadInput, json_objects
from corridor.policies.eligibility.columns import ItemAnswers, Table, evaluate_table
from corridor.policies.eligibility.fields import PROFILE_FIELDS
from corridor.policies.eligibility.profile import ProfileError, gc_paused, load_org
from corridor.policies.eligibility.rules import Item, RuleError, parse_item

ANSWERS = ("eligible", "not_eligible", "unknown")


def read_orgs(path: Path) -> list[dict[str, Any]]:
    """Every profile of a JSONL file, or BadInput naming the line and field; nothing partial."""
    orgs: list[dict[str, Any]] = []
    seen: set[str] = set()
    with gc_paused():
        for where, data in json_objects(path):
            if not str(data.get("id", "")).strip():
                raise BadInput(f"{where}: expected an object with an 'id'")
            org = load_org(data, where)
            if org["id"] in seen:
                raise BadInput(f"{where}: id {org['id']!r} appears twice")
            seen.add(org["id"])
            orgs.append(org)
    return orgs


def read_items(path: Path) -> list[Item]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, list):
        raise BadInput(f"{path}: expected a JSON list of items")
    items = [parse_item(entry, f"{path}: item [{i}]") for i, entry in enumerate(data)]
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise BadInput(f"{path}: item id {next(i for i in ids if ids.count(i) > 1)!r} appears twice")
    return items


def fragments(answers: ItemAnswers, wanted: set[str], explain: bool) -> tuple[np.ndarray, list[str | None]]:
    """The JSON text of each distinct answer of an item (None: not wanted), and which one each organisation has.

    An item has few distinct (answer, reasons) pairs, so each is written out once, not once per organisation.
    """
    keys = answers.status.astype(np.int64) << 32 | answers.reasons.astype(np.int64)
    _, first, which = np.unique(keys, return_index=True, return_inverse=True)
    texts: list[str | None] = []
    for row in first:
        answer = answers.answer(int(row))
        data = answer.as_dict()
        if explain:
            data["missing"] = [{"field": f, "label_zh": PROFILE_FIELDS[f][0], "label_en": PROFILE_FIELDS[f][1]}
                               for f in answer.missing]
        else:
            data["because"] = [c.index for c in answer.because]
        texts.append(json.dumps(data, ensure_ascii=False) if answer.status in wanted else None)
    return which.reshape(-1), texts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="corridor policies eligibility", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=Path, required=True, metavar="ORGS.jsonl")
    parser.add_argument("--items", type=Path, required=True, metavar="ITEMS.json")
    parser.add_argument("--output", "-o", type=Path, required=True, metavar="OUT.jsonl")
    parser.add_argument("--on", type=dt.date.fromisoformat, default=dt.date.today(), metavar="YYYY-MM-DD",
                        help="the date of the evaluation (certificates, age, item dates); default today")
    parser.add_argument("--answers", default=",".join(ANSWERS), help="which answers to write (default all three)")
    parser.add_argument("--explain", action="store_true", help="write each deciding condition with its labels and clause")
    args = parser.parse_args(argv)
    wanted = {a.strip() for a in args.answers.split(",") if a.strip()}
    if not wanted or wanted - set(ANSWERS):
        print(f"corridor policies eligibility: --answers takes {', '.join(ANSWERS)}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        items = read_items(args.items)
        orgs = read_orgs(args.orgs)
    except (OSError, UnicodeDecodeError, BadInput, RuleError, ProfileError) as exc:
        print(f"corridor policies eligibility: {exc}", file=sys.stderr)
        return 2
    results = list(evaluate_table(items, Table(orgs), args.on))
    columns = [fragments(r, wanted, args.explain) for r in results]
    tmp = args.output.with_name(args.output.name + ".partial")
    with tmp.open("w", encoding="utf-8") as out:
        for row, org in enumerate(orgs):
            parts = [texts[which[row]] for which, texts in columns]
            out.write(f'{{"org": {json.dumps(org["id"], ensure_ascii=False)}, "answers": [{", ".join(p for p in parts if p)}]}}\n')
    tmp.replace(args.output)  # the output appears whole or not at all
    counts = {a: sum(r.counts()[a] for r in results) for a in ANSWERS}
    print(f"{len(orgs)} organisations × {len(items)} items on {args.on} → {args.output}: "
          f"{counts['eligible']} eligible, {counts['not_eligible']} not eligible, {counts['unknown']} unknown "
          f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
