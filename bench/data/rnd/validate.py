"""Check the R&D overlap set (format, invariants, counts) and print its statistics.

    python bench/data/rnd/validate.py        # exit status 1 on any violation

Checks: every line of projects.jsonl has the keys and types of the `corridor rnd overlaps` input plus
`split`; ids unique; every gold pair names two known projects of DIFFERENT organisations in the SAME
split, once; hard_negatives.csv pairs are not gold; the minimum sizes issue 17 asks for.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_PROJECTS, MIN_ORGS, MIN_CROSS_SHARE = 150, 60, 0.40


def main() -> int:
    errors: list[str] = []
    projects: dict[str, dict] = {}
    for n, line in enumerate((HERE / "projects.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        try:
            p = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"projects.jsonl:{n}: not JSON ({exc})")
            continue
        for key in ("id", "org", "title", "text", "lang", "split"):
            if not isinstance(p.get(key), str) or not p[key].strip():
                errors.append(f"projects.jsonl:{n}: missing or empty {key!r}")
        if p.get("lang") not in ("zh", "en"):
            errors.append(f"projects.jsonl:{n}: lang {p.get('lang')!r} not zh|en")
        if p.get("split") not in ("dev", "test"):
            errors.append(f"projects.jsonl:{n}: split {p.get('split')!r} not dev|test")
        if p.get("id") in projects:
            errors.append(f"projects.jsonl:{n}: duplicate id {p['id']}")
        projects[p.get("id", f"line{n}")] = p

    def pairs(name: str) -> list[list[str]]:
        with (HERE / name).open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        return rows[1:]

    gold: set[tuple[str, str]] = set()
    for n, row in enumerate(pairs("gold.csv"), 2):
        a, b = row[0], row[1]
        pair = (min(a, b), max(a, b))
        if a not in projects or b not in projects:
            errors.append(f"gold.csv:{n}: unknown id in {a},{b}")
            continue
        if projects[a]["org"] == projects[b]["org"]:
            errors.append(f"gold.csv:{n}: {a},{b} belong to the same organisation")
        if projects[a]["split"] != projects[b]["split"]:
            errors.append(f"gold.csv:{n}: {a},{b} cross splits")
        if pair in gold:
            errors.append(f"gold.csv:{n}: duplicate pair {a},{b}")
        gold.add(pair)
    negatives = pairs("hard_negatives.csv")
    for n, row in enumerate(negatives, 2):
        if tuple(sorted(row[:2])) in gold:
            errors.append(f"hard_negatives.csv:{n}: {row[0]},{row[1]} is also gold")

    orgs = {p["org"] for p in projects.values()}
    cross = [g for g in gold if projects[g[0]]["lang"] != projects[g[1]]["lang"]]
    if len(projects) < MIN_PROJECTS:
        errors.append(f"only {len(projects)} projects (< {MIN_PROJECTS})")
    if len(orgs) < MIN_ORGS:
        errors.append(f"only {len(orgs)} organisations (< {MIN_ORGS})")
    if gold and len(cross) / len(gold) < MIN_CROSS_SHARE:
        errors.append(f"cross-language share {len(cross) / len(gold):.2f} < {MIN_CROSS_SHARE}")

    print(
        f"{'':8}{'projects':>9}{'zh':>5}{'en':>5}{'orgs':>6}{'gold':>6}{'cross':>7}"
        f"{'share':>7}{'in gold':>9}{'neg same-field':>16}{'neg same-org':>14}"
    )
    neg_kinds = {(tuple(sorted(r[:2])), r[2]) for r in negatives}
    for split in ("dev", "test", "all"):
        ps = [p for p in projects.values() if split == "all" or p["split"] == split]
        ids = {p["id"] for p in ps}
        g = [x for x in gold if x[0] in ids]
        c = [x for x in cross if x[0] in ids]
        langs = Counter(p["lang"] for p in ps)
        in_gold = {i for x in g for i in x}
        nf = sum(1 for k, kind in neg_kinds if k[0] in ids and k[1] in ids and kind.startswith("same_field"))
        no = sum(1 for k, kind in neg_kinds if k[0] in ids and k[1] in ids and kind.startswith("same_org"))
        share = len(c) / len(g) if g else 0.0
        print(
            f"{split:8}{len(ps):>9}{langs['zh']:>5}{langs['en']:>5}{len({p['org'] for p in ps}):>6}"
            f"{len(g):>6}{len(c):>7}{share:>7.2f}{len(in_gold):>9}{nf:>16}{no:>14}"
        )
    sizes: Counter[int] = Counter()
    adj: dict[str, set[str]] = {}
    for a, b in gold:
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    seen: set[str] = set()
    for start in adj:
        if start in seen:
            continue
        stack, comp = [start], set()
        while stack:
            x = stack.pop()
            if x not in comp:
                comp.add(x)
                stack.extend(adj[x] - comp)
        seen |= comp
        sizes[len({projects[i]["org"] for i in comp})] += 1
    print("overlap clusters by number of organisations:", ", ".join(f"{k} orgs: {v}" for k, v in sorted(sizes.items())))
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
