"""Assemble the hand-written entity-resolution set from src/*.txt into input.csv and gold.csv.

Only assembly: the names and addresses are written by hand in src/; this script numbers and shuffles
the rows, makes a valid unified social credit code (GB 32100, with a valid GB 11714 organisation code
inside) for each entity that has one, and splits dev/test by family (a family is a group of entities
written together as near misses of each other, so each split keeps its hard negatives).

Deterministic: `python bench/data/er_bilingual/build.py` rewrites the same files.
"""

from __future__ import annotations

import csv
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ENTITY_RE = re.compile(r"^@ (\S+) (-|\d{8})$")
DEV_SHARE = 0.4


def org_code(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789") for _ in range(8))
    c = 11 - sum(int(ch) * w for ch, w in zip(body, ORG_WEIGHTS, strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(c, str(c))


def uscc(prefix: str, rng: random.Random) -> str:
    first17 = prefix + org_code(rng)
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return first17 + ALPHABET[(31 - total % 31) % 31]


def main() -> None:
    rng = random.Random(20261207)
    rows: list[dict[str, str]] = []
    families: dict[str, list[str]] = {}
    codes: dict[str, str] = {}
    for path in sorted((HERE / "src").glob("*.txt")):
        family, entity = "", ""
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or (line.startswith("#") and not line.startswith("## ")):
                continue
            if line.startswith("## "):
                family = line[3:].strip()
                continue
            if m := ENTITY_RE.match(line):
                entity = m.group(1)
                if entity in codes:
                    raise SystemExit(f"{path.name}:{n}: entity {entity} defined twice")
                codes[entity] = "" if m.group(2) == "-" else uscc(m.group(2), rng)
                # Distractor lists ("solo...") are not families: each entity is split on its own.
                key = f"{family}:{entity}" if family.startswith("solo") else family
                families.setdefault(key, []).append(entity)
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3 or not entity or not parts[0] or parts[2] not in ("", "$"):
                raise SystemExit(f"{path.name}:{n}: expected 'name | address | $?', got {line!r}")
            if parts[2] == "$" and not codes[entity]:
                raise SystemExit(f"{path.name}:{n}: {entity} has no credit code")
            rows.append(
                {
                    "name": parts[0],
                    "address": parts[1],
                    "entity": entity,
                    "uscc": codes[entity] if parts[2] == "$" else "",
                }
            )
    # Split by family, the larger families first, so that dev gets about DEV_SHARE of the rows.
    order = sorted(families, key=lambda f: (-len(families[f]), f))
    rng.shuffle(order)
    split_of: dict[str, str] = {}
    dev_rows, total = 0, len(rows)
    size = {f: sum(1 for r in rows if r["entity"] in families[f]) for f in families}
    for fam in order:
        split = "dev" if dev_rows + size[fam] <= DEV_SHARE * total else "test"
        dev_rows += size[fam] if split == "dev" else 0
        for e in families[fam]:
            split_of[e] = split
    rng.shuffle(rows)
    for i, r in enumerate(rows, 1):
        r["id"] = f"er{i:04d}"
    with (HERE / "input.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "address", "uscc"])
        w.writerows([r["id"], r["name"], r["address"], r["uscc"]] for r in rows)
    with (HERE / "gold.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "entity", "split"])
        w.writerows([r["id"], r["entity"], split_of[r["entity"]]] for r in rows)
    print(f"{len(rows)} rows, {len(codes)} entities, {len(families)} families, dev rows {dev_rows}")


if __name__ == "__main__":
    main()
