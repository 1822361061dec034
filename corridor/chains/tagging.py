"""`corridor chains tag --input ORGS.jsonl --output OUT.jsonl`: chain tagging on files. No Django.

`corridor.cli` hands this command over before Django starts, so it needs no settings and no database:
it tags with the chain templates shipped in `corridor/chains/data/`, offline.

Input lines: {"id", "name_zh", "name_en", "description"} (extra keys ignored; a text field may be
missing, null or empty). Output: one line per input line, in input order,
{"id": ..., "segments": [{"chain", "segment", "role": "produces"|"uses", "confidence"}]}.
A bad line stops the run before anything is written, naming the line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corridor.batchio import BadInput, json_objects
from corridor.chains import inference, spec

TEXT_FIELDS = ("name_zh", "name_en", "description")


def words(templates: Sequence[spec.ChainSpec]) -> tuple[list[inference.SegmentWords], list[inference.ChainWords]]:
    """The matcher's words of these templates (the shipped files, or the chains in the database)."""
    segments: list[inference.SegmentWords] = []
    chains: list[inference.ChainWords] = []
    for template in templates:
        for s in template.segments:
            segments.append(inference.SegmentWords(
                template.slug, s.key, s.keywords_zh, s.keywords_en, s.role, s.hints_zh, s.hints_en,
            ))
        chains.append(inference.ChainWords(template.slug, template.exclude_zh, template.exclude_en,
                                           template.against_zh, template.against_en))
    return segments, chains


def shipped_matcher() -> inference.Matcher:
    segments, chains = words(spec.shipped())
    return inference.Matcher(segments, chains)


def org_text(row: dict[str, Any]) -> inference.OrgText:
    # One description field in either language: every chain's Chinese and English words are tried on it.
    return inference.OrgText(row.get("name_zh") or "", row.get("name_en") or "", row.get("description") or "")


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Every line of the input, checked; BadInput names the line of the first fault."""
    rows: list[dict[str, Any]] = []
    for where, row in json_objects(path):
        if not isinstance(row.get("id"), str | int) or isinstance(row.get("id"), bool) or row.get("id") == "":
            raise BadInput(f"{where}: field 'id' is missing, or not a string or an integer")
        for name in TEXT_FIELDS:
            if row.get(name) is not None and not isinstance(row[name], str):
                raise BadInput(f"{where}: field {name!r} must be text")
        rows.append(row)
    return rows


def tag_rows(rows: Sequence[dict[str, Any]], matcher: inference.Matcher | None = None) -> list[dict[str, Any]]:
    match = matcher or shipped_matcher()
    out = []
    for row in rows:
        found = sorted(match.infer(org_text(row)), key=lambda h: (-h.confidence, h.chain, h.segment, h.role))
        out.append({"id": row["id"], "segments": [
            {"chain": h.chain, "segment": h.segment, "role": h.role, "confidence": h.confidence} for h in found
        ]})
    return out


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """All lines or nothing: written next to the target, then moved over it."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent or ".", prefix=f".{path.name}.",
                                         delete=False)
    try:
        with handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="corridor chains tag",
        description="Tag organisations with the chain segments they produce or use, from their names and "
                    "description, with the shipped chain templates (no database). Input lines "
                    '{"id", "name_zh", "name_en", "description"}; output lines {"id", "segments": [...]}.',
    )
    parser.add_argument("--input", "-i", required=True, metavar="ORGS.jsonl", type=Path)
    parser.add_argument("--output", "-o", required=True, metavar="OUT.jsonl", type=Path)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        rows = read_rows(args.input)
    except FileNotFoundError:
        print(f"corridor chains tag: {args.input}: no such file", file=sys.stderr)
        return 2
    except (BadInput, UnicodeDecodeError, OSError) as exc:
        print(f"corridor chains tag: {exc}", file=sys.stderr)
        return 2
    out = tag_rows(rows)
    try:
        write_jsonl(args.output, out)
    except OSError as exc:
        print(f"corridor chains tag: {args.output}: cannot write ({exc.strerror})", file=sys.stderr)
        return 2
    tagged = sum(1 for r in out if any(s["role"] == inference.PRODUCES for s in r["segments"]))
    print(f"{len(rows)} organisations, {tagged} on some chain, {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
