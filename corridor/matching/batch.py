"""Batch matching from files, no database: `corridor match --needs N.jsonl --offers O.jsonl --top K --output OUT.jsonl`.

Input lines: {"id", "text", "category"} (extra keys ignored; optional "segments" and "regions" lists
are used when present). Output: one line per need, {"need": id, "matches": [{"offer": id, "score": s}]},
best first, at most K. Runs before Django is set up, so it never opens a database.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path

from corridor.batchio import BadInput, json_objects
from corridor.demo.progress import rich_progress
from corridor.matching.engine import Item, Matcher, embedders, rules


def read_items(path: Path, side: str) -> list[Item]:
    """All items of a JSONL file, or BadInput naming the file, line and field; nothing partial."""
    items: list[Item] = []
    seen: set[str] = set()
    for where, row in json_objects(path):
        for key in ("id", "text", "category"):
            if not isinstance(row.get(key), str | int) or (key != "id" and not str(row[key]).strip()):
                raise BadInput(f"{where}: field {key!r} is missing or empty")
        item_id = str(row["id"])
        if item_id in seen:
            raise BadInput(f"{where}: id {item_id!r} appears twice")
        seen.add(item_id)
        category = str(row["category"]).strip().lower()
        if category not in rules.CATEGORIES:
            raise BadInput(f"{where}: field 'category' is {category!r}, expected one of {'|'.join(rules.CATEGORIES)}")
        items.append(Item(
            id=item_id, text=str(row["text"]), category=category, side=side,
            segments=_strings(row.get("segments")), regions=_strings(row.get("regions")),
        ))
    return items


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value if v)
    return ()


def run(needs: Sequence[Item], offers: Sequence[Item], top: int, supplies: dict | None = None,
        embedder: str = embedders.DEFAULT, progress=None) -> Iterator[dict]:
    matcher = Matcher(embedders.get(embedder), supplies=supplies)
    matcher.upsert(offers, progress=progress)
    vectors = matcher.embedder.encode([n.text for n in needs])
    for done, (need, vector) in enumerate(zip(needs, vectors, strict=True), start=1):
        matches = matcher.rank(need, k=top, vector=vector)
        if progress:
            progress("match", done, len(needs))
        yield {"need": need.id, "matches": [{"offer": m.id, "score": round(m.score, 6)} for m in matches]}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="corridor match",
        description="Rank offers for each need (no database). `corridor match reindex` rebuilds the listing index.",
    )
    p.add_argument("--needs", type=Path, required=True, help="needs, one JSON object a line")
    p.add_argument("--offers", type=Path, required=True, help="offers, one JSON object a line")
    p.add_argument("--top", type=int, default=10, help="matches per need (default 10)")
    p.add_argument("--output", type=Path, required=True, help="where to write one JSON line per need")
    p.add_argument("--supplies", type=Path, help="optional JSON {segment: [segments it supplies]}")
    p.add_argument("--embedder", default=embedders.DEFAULT, choices=sorted(embedders.FACTORIES))
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    return p


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(list(argv))
    if args.top < 1:
        print("corridor match: --top must be at least 1", file=sys.stderr)
        return 2
    try:
        needs = read_items(args.needs, "need")
        offers = read_items(args.offers, "offer")
        supplies = json.loads(args.supplies.read_text()) if args.supplies else None
    except (BadInput, OSError, json.JSONDecodeError) as exc:
        print(f"corridor match: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    tmp = args.output.with_name(args.output.name + ".partial")
    with ExitStack() as stack:
        progress = None if args.quiet else stack.enter_context(rich_progress())
        out = stack.enter_context(tmp.open("w", encoding="utf-8"))
        for line in run(needs, offers, args.top, supplies, args.embedder, progress):
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    tmp.replace(args.output)  # the output appears whole or not at all
    elapsed = time.perf_counter() - started
    print(f"{len(needs)} needs × {len(offers)} offers → {args.output} in {elapsed:.1f} s", file=sys.stderr)
    return 0
