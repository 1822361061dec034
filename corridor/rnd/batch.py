"""`corridor rnd overlaps --projects PROJECTS.jsonl --output OUT.jsonl`: R&D overlaps from a file, no database.

Input lines: {"id", "org", "title", "text", "lang"} (extra keys ignored; optional "segments",
"keywords", "ipc" and "parameters" lists are used when present). Output: one line per pair of
projects of different organisations judged to overlap, {"a": id, "b": id, "score": s}, best first.
`corridor.cli` hands this command over before Django starts: no settings, no database, offline.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import numpy as np

from corridor.batchio import BadInput, json_objects
from corridor.rnd.engine import COMPLEMENTARY, OVERLAP, OverlapFinder, Project
from corridor.rnd.engine.project import LANGS

PROGRESS_FROM = 500
"""Inputs at least this large show a progress bar on stderr (unless --quiet)."""


def read_projects(path: Path) -> list[Project]:
    """Every project of a JSONL file, or BadInput naming the file, line and field: nothing partial."""
    projects: list[Project] = []
    seen: set[str] = set()
    for where, row in json_objects(path):
        for key in ("id", "org"):
            value = row.get(key)
            if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
                raise BadInput(f"{where}: field {key!r} is missing or empty")
        for key in ("title", "text"):
            if not isinstance(row.get(key, ""), str):
                raise BadInput(f"{where}: field {key!r} must be a string")
        title, text = str(row.get("title") or ""), str(row.get("text") or "")
        if not (title.strip() or text.strip()):
            raise BadInput(f"{where}: fields 'title' and 'text' are both missing or empty")
        lang = row.get("lang") or ""
        if lang not in ("", *LANGS):
            raise BadInput(f"{where}: field 'lang' is {lang!r}, expected 'zh' or 'en'")
        project_id = str(row["id"])
        if project_id in seen:
            raise BadInput(f"{where}: id {project_id!r} appears twice")
        seen.add(project_id)
        projects.append(Project(
            id=project_id, org=str(row["org"]), title=title, text=text, lang=lang,
            segments=_strings(row.get("segments")), keywords=_strings(row.get("keywords")),
            ipc=_strings(row.get("ipc")), parameters=_strings(row.get("parameters")),
        ))
    return projects


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v) for v in value if v)
    if isinstance(value, dict):  # {"backlash": "≤ 1 arcmin"}
        return tuple(f"{k} {v}" for k, v in value.items())
    if isinstance(value, str) and value.strip():
        return (value,)
    return ()


def write_pairs(path: Path, ids: list[str], a: np.ndarray, b: np.ndarray, scores: np.ndarray,
                relation: np.ndarray | None) -> None:
    """The lines `json.dumps({"a", "b", "score"[, "relation"]}, ensure_ascii=False)` would write, made from
    the ids' JSON once per project (not a dict and a dumps per pair: 2M pairs at 100k projects)."""
    names = {2: json.dumps(OVERLAP), 1: json.dumps(COMPLEMENTARY)}
    with path.open("w", encoding="utf-8") as out:
        for start in range(0, len(a), 100_000):
            s = slice(start, start + 100_000)
            # round() then repr is what json.dumps writes for round(score, 6).
            rounded = [repr(round(x, 6)) for x in scores[s].tolist()]
            if relation is None:
                out.writelines(f'{{"a": {ids[i]}, "b": {ids[j]}, "score": {x}}}\n'
                               for i, j, x in zip(a[s].tolist(), b[s].tolist(), rounded, strict=True))
            else:
                out.writelines(f'{{"a": {ids[i]}, "b": {ids[j]}, "score": {x}, "relation": {names[r]}}}\n'
                               for i, j, x, r in zip(a[s].tolist(), b[s].tolist(), rounded, relation[s].tolist(),
                                                     strict=True))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="corridor rnd",
        description="R&D projects of different organisations that pursue the same technical objective (no database).",
    )
    sub = p.add_subparsers(dest="command", required=True)
    overlaps = sub.add_parser("overlaps", help="write the overlapping pairs of a project file, best first")
    overlaps.add_argument("--projects", type=Path, required=True, help="projects, one JSON object a line")
    overlaps.add_argument("--output", type=Path, required=True, help='where to write {"a", "b", "score"} lines')
    overlaps.add_argument("--complementary", action="store_true",
                          help='also write related-but-complementary pairs, with "relation" on every line')
    overlaps.add_argument("--quiet", action="store_true", help="no progress bar")
    return p


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(list(argv))
    try:
        projects = read_projects(args.projects)
    except (BadInput, OSError, UnicodeDecodeError) as exc:
        print(f"corridor rnd overlaps: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    tmp = args.output.with_name(args.output.name + ".partial")
    with ExitStack() as stack:
        progress = None
        if not args.quiet and len(projects) >= PROGRESS_FROM:
            from corridor.demo.progress import rich_progress

            progress = stack.enter_context(rich_progress())
        finder = OverlapFinder()
        finder.add(projects, progress=progress)
        a, b, scores, relation = finder.pair_rows(progress=progress, complementary=args.complementary)
        write_pairs(tmp, [json.dumps(p.id, ensure_ascii=False) for p in projects], a, b, scores,
                    relation if args.complementary else None)
    tmp.replace(args.output)  # the output appears whole or not at all
    overlapping = int((relation == 2).sum())
    print(f"{len(projects)} projects → {overlapping} overlapping pairs → {args.output} in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0
