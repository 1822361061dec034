"""Assemble the hand-written R&D overlap set from src/*.txt into projects.jsonl, gold.csv and
hard_negatives.csv.

This script only parses and shuffles what was written by hand in src/: it does not generate or
paraphrase any text. Gold is derived from the hand-made groups: two projects overlap when they sit
in the same group and belong to DIFFERENT organisations. A group named "solo-..." holds
independent projects. A project header may carry "neg=<g1>,<g2>": it was written as a hard negative
of those groups (same component or field, different objective); "neg=" on a group header marks
every member of the group so.

Deterministic: `python bench/data/rnd/build.py` rewrites the same files.
"""

from __future__ import annotations

import csv
import itertools
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
GROUP_RE = re.compile(r"^=== (\S+) (dev|test)(?: neg=(\S+))?$")
HEAD_RE = re.compile(r"^([A-Z]\d\d) (zh|en)(?: neg=(\S+))? \| (.+)$")


@dataclass
class Project:
    org: str
    lang: str
    title: str
    group: str
    split: str
    negs: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    id: str = ""


def parse() -> list[Project]:
    projects: list[Project] = []
    for path in sorted(SRC.glob("*.txt")):
        group, split, solo_n = "", "", 0
        group_negs: list[str] = []
        current: Project | None = None
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if line.startswith("#"):
                continue
            if m := GROUP_RE.match(line):
                group, split, current = m.group(1), m.group(2), None
                group_negs = m.group(3).split(",") if m.group(3) else []
                continue
            if not line:
                current = None
                continue
            if current is None:
                m = HEAD_RE.match(line)
                if not m or not group:
                    raise SystemExit(f"{path.name}:{n}: expected a project header, got {line!r}")
                name = group
                if group.startswith("solo"):
                    solo_n += 1
                    name = f"{group}-{solo_n}"
                current = Project(
                    org=m.group(1),
                    lang=m.group(2),
                    title=m.group(4).strip(),
                    group=name,
                    split=split,
                    negs=(m.group(3).split(",") if m.group(3) else []) + group_negs,
                )
                projects.append(current)
            else:
                current.lines.append(line)
    return projects


def main() -> None:
    projects = parse()
    # A hard negative is evaluated where its cluster is: a solo project written against groups
    # takes the split of the first of them.
    split_of = {p.group: p.split for p in projects if not p.group.startswith("solo")}
    for p in projects:
        if p.group.startswith("solo") and p.negs and p.negs[0] in split_of:
            p.split = split_of[p.negs[0]]
    rng = random.Random(20261207)
    rng.shuffle(projects)
    for i, p in enumerate(projects, 1):
        p.id = f"rd{i:03d}"
    with (HERE / "projects.jsonl").open("w", encoding="utf-8") as out:
        for p in sorted(projects, key=lambda p: p.id):
            text = ("" if p.lang == "zh" else " ").join(p.lines)
            out.write(
                json.dumps(
                    {"id": p.id, "org": p.org, "title": p.title, "text": text, "lang": p.lang, "split": p.split},
                    ensure_ascii=False,
                )
                + "\n"
            )
    by_group: dict[str, list[Project]] = {}
    for p in projects:
        by_group.setdefault(p.group, []).append(p)
    gold: list[tuple[str, str]] = []
    negatives: list[tuple[str, str, str]] = []
    for members in by_group.values():
        for x, y in itertools.combinations(members, 2):
            a, b = sorted((x.id, y.id))
            if x.org != y.org:
                gold.append((a, b))
            else:
                negatives.append((a, b, "same_org_near_duplicate"))
    for p in projects:
        for g in p.negs:
            if g not in by_group:
                raise SystemExit(f"{p.title}: neg={g} names no group")
            for q in by_group[g]:
                if q.org != p.org:
                    a, b = sorted((p.id, q.id))
                    negatives.append((a, b, "same_field_different_objective"))
    with (HERE / "gold.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["a", "b"])
        w.writerows(sorted(gold))
    with (HERE / "hard_negatives.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["a", "b", "kind"])
        w.writerows(sorted(set(negatives)))
    print(f"{len(projects)} projects, {len(gold)} gold pairs, {len(set(negatives))} hard negatives")


if __name__ == "__main__":
    main()
