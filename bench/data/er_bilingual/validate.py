"""Check the bilingual entity-resolution set and print its statistics.

    python bench/data/er_bilingual/validate.py        # exit status 1 on any violation

Checks: input.csv has exactly id,name,address,uscc; ids unique and the same in gold.csv; every credit
code valid (GB 32100 check character) and never shared by two entities; one split per entity.
Prints rows, entities, true pairs by kind of spelling pair (Chinese–Chinese, Chinese–Latin,
Latin–Latin) per split.
"""

from __future__ import annotations

import csv
import itertools
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def valid_uscc(code: str) -> bool:
    if len(code) != 18 or any(ch not in ALPHABET for ch in code) or not code[2:8].isdigit():
        return False
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(code[:17], WEIGHTS, strict=True))
    return code[17] == ALPHABET[(31 - total % 31) % 31]


def script(name: str) -> str:
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in name) else "latin"


def main() -> int:
    errors: list[str] = []
    with (HERE / "input.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["id", "name", "address", "uscc"]:
            errors.append(f"input.csv header {reader.fieldnames} != id,name,address,uscc")
        rows = {}
        for n, r in enumerate(reader, 2):
            if r["id"] in rows:
                errors.append(f"input.csv:{n}: duplicate id {r['id']}")
            if not r["name"].strip():
                errors.append(f"input.csv:{n}: empty name")
            if r["uscc"] and not valid_uscc(r["uscc"]):
                errors.append(f"input.csv:{n}: invalid credit code {r['uscc']}")
            rows[r["id"]] = r
    with (HERE / "gold.csv").open(encoding="utf-8", newline="") as f:
        gold = {r["id"]: r for r in csv.DictReader(f)}
    if set(gold) != set(rows):
        errors.append(f"ids differ between input.csv and gold.csv ({len(set(gold) ^ set(rows))})")
    split_of: dict[str, set[str]] = defaultdict(set)
    code_of: dict[str, set[str]] = defaultdict(set)
    for i, g in gold.items():
        split_of[g["entity"]].add(g["split"])
        if g["split"] not in ("dev", "test"):
            errors.append(f"gold.csv: {i} split {g['split']!r}")
        if i in rows and rows[i]["uscc"]:
            code_of[rows[i]["uscc"]].add(g["entity"])
    errors += [f"entity {e} in several splits" for e, s in split_of.items() if len(s) > 1]
    errors += [f"credit code {c} shared by {sorted(es)}" for c, es in code_of.items() if len(es) > 1]

    print(
        f"{'':6}{'rows':>6}{'entities':>10}{'single':>8}{'w/ code':>9}{'w/ addr':>9}"
        f"{'pairs':>7}{'zh-zh':>7}{'zh-latin':>10}{'latin-latin':>13}"
    )
    for split in ("dev", "test", "all"):
        ids = [i for i in rows if split == "all" or gold[i]["split"] == split]
        members: dict[str, list[str]] = defaultdict(list)
        for i in ids:
            members[gold[i]["entity"]].append(i)
        kinds: Counter[str] = Counter()
        for ms in members.values():
            for a, b in itertools.combinations(ms, 2):
                kinds["-".join(sorted((script(rows[a]["name"]), script(rows[b]["name"]))))] += 1
        print(
            f"{split:6}{len(ids):>6}{len(members):>10}"
            f"{sum(1 for m in members.values() if len(m) == 1):>8}"
            f"{sum(1 for i in ids if rows[i]['uscc']):>9}{sum(1 for i in ids if rows[i]['address']):>9}"
            f"{sum(kinds.values()):>7}{kinds['zh-zh']:>7}{kinds['latin-zh']:>10}{kinds['latin-latin']:>13}"
        )
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
