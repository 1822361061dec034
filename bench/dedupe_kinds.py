"""Recall by failure kind on the real-name set, next to an earlier resolver in the same run.

    .venv/bin/python bench/dedupe_kinds.py [--data DIR] [--previous COMMIT] [--bilingual DIR] [--show KIND]

Runs `corridor dedupe` (this tree) and the resolver of COMMIT (default 95211db, before the issue-13
second round; taken from git into a temporary package) on `realnames-dev/er/input.csv` (names alone)
and `input_address.csv`. Prints, for each kind of true pair (the two transforms of its names: short /
full, english / no_legal_form, …) the pairs found over the pairs there are, on the tuning part and on
the held-out part (split as in `dedupe_real.py`: codes ending in 3 or 7 held out); the false pairs; and
P / R / F1 per part. With `--bilingual`, the independent bilingual set's dev and test splits too.
`--show KIND` lists this tree's missed pairs of that kind on the tuning part (never the held-out one).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dedupe_real
from dedupe_real import DATA, HELD_OUT_DIGITS, ROOT, pair_scores, previous_package, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--previous", default="95211db")
    parser.add_argument("--bilingual", type=Path, default=ROOT / "bench" / "data" / "er_bilingual")
    parser.add_argument("--show", default="")
    args = parser.parse_args()
    dedupe_real.PREVIOUS = args.previous
    with (args.data / "gold.csv").open(encoding="utf-8-sig") as handle:
        gold = list(csv.DictReader(handle))
    group_codes: dict[str, list[str]] = defaultdict(list)
    for row in gold:
        if row.get("group_id"):
            group_codes[row["group_id"]].append(row["entity"])

    def part(row: dict[str, str]) -> str:
        code = min(group_codes[row["group_id"]]) if row.get("group_id") else row["entity"]
        return "held-out" if code[-1] in HELD_OUT_DIGITS else "tuning"

    entities: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in gold:
        entities[row["entity"]].append(row)
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        previous = previous_package(Path(tmp))
        for variant in ("input", "input_address"):
            source = args.data / f"{variant}.csv"
            results = {"this tree": run(source, out / f"kinds_{variant}.jsonl")[0]}
            if previous is not None:
                results[f"previous ({args.previous})"] = run(source, out / f"kinds_{variant}_prev.jsonl", previous)[0]
            print(f"\n== {variant}.csv: true pairs found by kind (tuning | held-out)")
            kinds: dict[str, Counter[tuple[str, str, bool]]] = {}
            for method, labels in results.items():
                counts: Counter[tuple[str, str, bool]] = Counter()
                for rows in entities.values():
                    for a, b in itertools.combinations(rows, 2):
                        kind = "-".join(sorted((a["transform"], b["transform"])))
                        same = labels.get(a["id"], "#" + a["id"]) == labels.get(b["id"], "#" + b["id"])
                        counts[kind, part(a), same] += 1
                        if same is False and args.show and args.show == kind and part(a) == "tuning" and (
                                method == "this tree" and variant == "input"):
                            print(f"   missed: {a['name']} | {b['name']}")
                kinds[method] = counts
            names = sorted({k for c in kinds.values() for k, _, _ in c})
            print(f"{'kind':<28}" + "".join(f"{m:>30}" for m in kinds))
            for kind in names:
                cells = []
                for counts in kinds.values():
                    cell = " | ".join(f"{counts[kind, p, True]}/{counts[kind, p, True] + counts[kind, p, False]}"
                                      for p in ("tuning", "held-out"))
                    cells.append(f"{cell:>30}")
                print(f"{kind:<28}" + "".join(cells))
            for method, labels in results.items():
                by_cluster: dict[str, list[dict[str, str]]] = defaultdict(list)
                for row in gold:
                    by_cluster[labels.get(row["id"], "#" + row["id"])].append(row)
                false = Counter(part(a) for rows in by_cluster.values() for a, b in itertools.combinations(rows, 2)
                                if a["entity"] != b["entity"])
                scores = []
                for name in ("tuning", "held-out"):
                    rows = [r for r in gold if part(r) == name]
                    p, r, f = pair_scores([x["entity"] for x in rows],
                                          [labels.get(x["id"], "#" + x["id"]) for x in rows])
                    scores.append(f"{name} P {p:.3f} R {r:.3f} F1 {f:.3f}")
                p, r, f = pair_scores([x["entity"] for x in gold], [labels.get(x["id"], "#" + x["id"]) for x in gold])
                print(f"{method}: whole P {p:.3f} R {r:.3f} F1 {f:.3f}; {'; '.join(scores)}; false pairs "
                      f"{false['tuning']} | {false['held-out']}")
        if (args.bilingual / "gold.csv").exists():
            with (args.bilingual / "gold.csv").open(encoding="utf-8-sig") as handle:
                bgold = list(csv.DictReader(handle))
            source = args.bilingual / "input.csv"
            results = {"this tree": run(source, out / "kinds_bilingual.jsonl")[0]}
            if previous is not None:
                results[f"previous ({args.previous})"] = run(source, out / "kinds_bilingual_prev.jsonl", previous)[0]
            print(f"\n== bilingual set ({len(bgold)} rows)")
            for method, labels in results.items():
                cells = []
                for split in ("dev", "test"):
                    rows = [r for r in bgold if r["split"] == split]
                    p, r, f = pair_scores([x["entity"] for x in rows],
                                          [labels.get(x["id"], "#" + x["id"]) for x in rows])
                    cells.append(f"{split} P {p:.3f} R {r:.3f} F1 {f:.3f}")
                print(f"{method}: {'; '.join(cells)}")


if __name__ == "__main__":
    sys.exit(main())
