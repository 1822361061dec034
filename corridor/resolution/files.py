"""The file interface of entity resolution: CSV of records in, one JSON line per record out. No Django.

INPUT: a UTF-8 CSV (a BOM is fine) with a header containing `id` and `name`, optionally `address` and
`uscc`; `name_en`, `name_zh`, `short_name` and `aliases` (separated by `|` or `;`) are read too when
present, as other names of the same record. OUTPUT: `{"id": "<id>", "cluster": "<label>"}` per row.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from corridor.resolution.resolver import Record, Resolution

OTHER_NAME_COLUMNS = ("name_zh", "name_en", "short_name")


class InputError(ValueError):
    pass


def read_records(path: str | Path) -> list[Record]:
    csv.field_size_limit(1 << 24)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in ("id", "name") if c not in header]
        if missing:
            raise InputError(f"{path}: the header has no column {', '.join(missing)} (it has: {', '.join(header)})")
        reader.fieldnames = header
        others = [c for c in OTHER_NAME_COLUMNS if c in header]
        has_aliases = "aliases" in header
        records = []
        for line, row in enumerate(reader, start=2):
            rid = (row.get("id") or "").strip()
            if not rid:
                raise InputError(f"{path}, line {line}: empty id")
            names = [row[c].strip() for c in others if row.get(c) and row[c].strip()]
            if has_aliases and row.get("aliases"):
                names += [a.strip() for a in re.split(r"[|;]", row["aliases"]) if a.strip()]
            records.append(Record(
                rid, (row.get("name") or "").strip(), (row.get("address") or "").strip(),
                (row.get("uscc") or "").strip(), tuple(names),
            ))
    return records


def read_confirmed(path: str | Path) -> list[tuple[str, str]]:
    """Pairs of names confirmed to be one organisation (a CSV with two columns, e.g. from merges)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [(row[0], row[1]) for row in csv.reader(handle) if len(row) >= 2 and row[0] and row[1]]


def write_labels(path: str | Path, ids: Sequence[str], labels: Iterable[str]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for rid, label in zip(ids, labels, strict=True):
            handle.write(json.dumps({"id": rid, "cluster": label}, ensure_ascii=False) + "\n")


def write_pairs(path: str | Path, ids: Sequence[str], result: Resolution) -> None:
    """The explanation of the clustering: each merged pair and each pair in the review band, with its evidence."""
    with open(path, "w", encoding="utf-8") as handle:
        for decision, pairs in (("merged", result.merged_pairs()), ("review", result.review)):
            for i, j, ev in pairs:
                handle.write(json.dumps({"a": ids[i], "b": ids[j], "score": round(ev.score, 3), "reason": ev.reason,
                                         "decision": decision}, ensure_ascii=False) + "\n")
