"""Build and validate the held-out R&D overlap set (projects.jsonl, gold.jsonl, hard_negatives.jsonl).

Run: python3 bench/data/rnd_holdout2/build.py  (deterministic; rewrites the three files, prints the counts).
The sources are the hand-written src_*.py lists; ids are shuffled so that file order says nothing about groups.
"""

import itertools
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import src_bio  # noqa: E402
import src_dup  # noqa: E402
import src_ic  # noqa: E402
import src_mat  # noqa: E402
import src_nev  # noqa: E402
import src_robot  # noqa: E402
from src_extra import EXTRA  # noqa: E402

ROWS = [
    (k, o, lang, title, text + (("" if lang == "zh" else " ") + EXTRA[k] if k in EXTRA else ""), g, n)
    for k, o, lang, title, text, g, n in src_robot.P + src_ic.P + src_bio.P + src_nev.P + src_mat.P + src_dup.P
]


def text_size(lang: str, text: str) -> int:
    # Chinese: characters without spaces; English: words.
    return len(re.sub(r"\s", "", text)) if lang == "zh" else len(text.split())


def common_span(lang: str, a: str, b: str) -> int:
    # Longest common run of characters (zh) or words (en).
    xs, ys = (list(a), list(b)) if lang == "zh" else (a.lower().split(), b.lower().split())
    best = 0
    prev = [0] * (len(ys) + 1)
    for x in xs:
        cur = [0] * (len(ys) + 1)
        for j, y in enumerate(ys):
            if x == y:
                cur[j + 1] = prev[j] + 1
                best = max(best, cur[j + 1])
        prev = cur
    return best


def main() -> int:
    errors = []
    keys = [r[0] for r in ROWS]
    dup_keys = [k for k, n in Counter(keys).items() if n > 1]
    if dup_keys:
        errors.append(f"duplicate keys {dup_keys}")
    by_key = {r[0]: r for r in ROWS}
    for key, _org, lang, title, text, _group, near in ROWS:
        if lang not in ("zh", "en"):
            errors.append(f"{key}: lang {lang}")
        size = text_size(lang, text)
        low, high = (60, 250) if lang == "zh" else (40, 150)
        if not low <= size <= high:
            errors.append(f"{key}: text size {size} outside {low}-{high} ({lang})")
        if near is not None and near not in by_key:
            errors.append(f"{key}: near {near} unknown")
        if not title.strip():
            errors.append(f"{key}: empty title")
    # Neutral shuffled ids.
    order = sorted(keys)
    random.Random(20261207).shuffle(order)
    pid = {k: f"h2-{i + 1:03d}" for i, k in enumerate(order)}

    groups: dict[str, list] = {}
    for r in ROWS:
        if r[5] is not None:
            groups.setdefault(r[5], []).append(r)
    gold, same_org = [], []
    for rows in groups.values():
        for x, y in itertools.combinations(rows, 2):
            pair = tuple(sorted((pid[x[0]], pid[y[0]])))
            (gold if x[1] != y[1] else same_org).append((pair, x[2] == y[2]))
    # A hard negative is near its "near" project and, when that one belongs to a gold group, near the whole
    # group (the group shares one objective). Same-organisation near pairs are left out: they are excluded anyway.
    hard = []
    for r in ROWS:
        if r[6] is None:
            continue
        near = by_key[r[6]]
        if r[5] is not None and r[5] == near[5]:
            errors.append(f"{r[0]}: near {near[0]} is in the same group")
        targets = [near] if near[5] is None else groups[near[5]]
        for t in targets:
            if t[1] != r[1]:
                hard.append((tuple(sorted((pid[r[0]], pid[t[0]]))), r[2] == t[2]))
    hard = sorted(set(hard))

    # Paraphrase check: gold pairs in one language must not share long verbatim spans.
    for rows in groups.values():
        for x, y in itertools.combinations(rows, 2):
            if x[1] != y[1] and x[2] == y[2]:
                span = common_span(x[2], x[4], y[4])
                if span >= (12 if x[2] == "zh" else 6):
                    errors.append(f"gold {x[0]} {y[0]} share a span of {span} ({x[2]})")

    gold_set = {p for p, _ in gold}
    for p, _ in hard:
        if p in gold_set:
            errors.append(f"hard negative {p} is gold")
    ids = {pid[k] for k in keys}
    for (a, b), _ in gold:
        if a not in ids or b not in ids:
            errors.append(f"gold {a} {b} unknown id")
    key_of = {v: k for k, v in pid.items()}
    for (a, b), _ in gold:
        if by_key[key_of[a]][1] == by_key[key_of[b]][1]:
            errors.append(f"gold {a} {b} same org")

    with open(HERE / "projects.jsonl", "w", encoding="utf-8") as f:
        for k in order:
            _key, org, lang, title, text, _g, _n = by_key[k]
            f.write(json.dumps({"id": pid[k], "org": org, "title": title, "text": text, "lang": lang},
                               ensure_ascii=False) + "\n")
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as f:
        for (a, b), _ in sorted(gold):
            f.write(json.dumps({"a": a, "b": b}) + "\n")
    with open(HERE / "hard_negatives.jsonl", "w", encoding="utf-8") as f:
        rows = [(p, "near") for p, _ in hard] + [(p, "same_org") for p, _ in same_org]
        for (a, b), kind in sorted(rows):
            f.write(json.dumps({"a": a, "b": b, "kind": kind}) + "\n")

    langs = Counter(r[2] for r in ROWS)
    orgs = {r[1] for r in ROWS}
    trios = sum(1 for rows in groups.values() if len({r[1] for r in rows}) >= 3)
    hard_projects = {p for pair, _ in hard for p in pair if key_of[p] in {r[0] for r in ROWS if r[6]}}
    n_same = sum(1 for _, s in gold if s)
    print(f"projects {len(ROWS)} (zh {langs['zh']}, en {langs['en']}), organisations {len(orgs)}")
    print(f"gold pairs {len(gold)}: same-language {n_same}, cross-language {len(gold) - n_same} "
          f"({(len(gold) - n_same) / len(gold):.0%} cross); groups with >=3 organisations {trios}")
    print(f"hard-negative projects {len(hard_projects)} (near pairs {len(hard)}, "
          f"same-language {sum(1 for _, s in hard if s)}); "
          f"same-organisation near-duplicate pairs {len(same_org)} (same-language {sum(1 for _, s in same_org if s)})")
    print(f"projects in gold {len({p for pair, _ in gold for p in pair})}")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
