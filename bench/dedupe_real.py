"""Entity resolution on real company names (`../shared/data/realnames-dev/er`), next to its baselines.

    .venv/bin/python bench/dedupe_real.py [--data DIR] [--no-previous]

Runs `corridor dedupe` (the command, through its file interface) on `input.csv` (names alone) and
`input_address.csv` (with the registered address), and in the same run:
* the set's own exact-name baseline (`baseline.py`: equal after NFKC, lower case, legal form and
  punctuation dropped), re-implemented here with the same rule;
* the previous resolver (Corridor 62c9ed6, taken from git into a temporary package) when git has it.

Pairwise P / R / F1 are printed on the whole set, on a tuning part and on a held-out part: entities are
split by their stock code (a hard-negative group by its smallest code); codes ending in 3 or 7 are held
out. The resolver's rules were tuned looking only at the tuning part's errors.

When the independent bilingual set (`--bilingual DIR`, by default the evalsets worktree's
`bench/data/er_bilingual`) is there, the same three methods are scored on its `dev` and `test` splits
(`gold.csv`: id, entity, split); only `dev` was looked at while tuning.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The shared data sit beside the checkout (../shared), or beside the worktrees' folder.
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
DATA = SHARED / "data" / "realnames-dev" / "er"
CORRIDOR = ROOT / ".venv" / "bin" / "corridor"
PYTHON = ROOT / ".venv" / "bin" / "python"
BILINGUAL = ROOT.parent / "evalsets" / "bench" / "data" / "er_bilingual"
PREVIOUS = "62c9ed6"
HELD_OUT_DIGITS = "37"


def pair_scores(truth: list[str], predicted: list[str]) -> tuple[float, float, float]:
    def pairs(counter: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    tp = pairs(Counter(zip(truth, predicted, strict=True)))
    pred, true = pairs(Counter(predicted)), pairs(Counter(truth))
    p = tp / pred if pred else 1.0
    r = tp / true if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


_LEGAL = ("股份有限公司", "有限责任公司", "有限公司", "co., ltd.", "co.,ltd.", "co., ltd", "co.,ltd", "company limited",
          "limited", "ltd", "inc", "corporation", "corp")


def baseline_key(name: str) -> str:
    """The rule of the set's baseline.py: NFKC, lower case, trailing legal form stripped, punctuation dropped."""
    text = unicodedata.normalize("NFKC", name).lower().strip()
    for legal in _LEGAL:
        if text.endswith(legal):
            text = text[: -len(legal)]
            break
    return re.sub(r"[\W_]+", "", text)


def previous_package(tmp: Path) -> Path | None:
    """The resolver of commit PREVIOUS as package `corridor_prev` under tmp (None when git lacks it)."""
    target = tmp / "corridor_prev" / "resolution"
    target.mkdir(parents=True)
    (tmp / "corridor_prev" / "__init__.py").write_text("")
    try:
        names = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", PREVIOUS, "corridor/resolution/"],
                               check=True, capture_output=True, text=True).stdout.split()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    for name in names:
        if not name.endswith(".py"):
            continue
        text = subprocess.run(["git", "-C", str(ROOT), "show", f"{PREVIOUS}:{name}"], check=True, capture_output=True,
                              text=True).stdout
        (target / Path(name).name).write_text(text.replace("corridor.resolution.", "corridor_prev.resolution."))
    return tmp


def run(input_path: Path, output: Path, previous: Path | None = None) -> tuple[dict[str, str], float]:
    started = time.perf_counter()
    if previous is None:
        subprocess.run([str(CORRIDOR), "dedupe", str(input_path), "--output", str(output), "--quiet"], check=True)
    else:
        code = ("import sys; from corridor_prev.resolution.cli import main; "
                "sys.exit(main([sys.argv[1], '--output', sys.argv[2], '--quiet']))")
        env_path = f"{previous}:{ROOT}"
        subprocess.run([str(PYTHON), "-c", code, str(input_path), str(output)], check=True,
                       env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})
    wall = time.perf_counter() - started
    with output.open(encoding="utf-8") as handle:
        labels = {d["id"]: d["cluster"] for d in map(json.loads, handle)}
    return labels, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-previous", action="store_true", help="skip the previous resolver")
    parser.add_argument("--bilingual", type=Path, default=BILINGUAL, help="the bilingual set (skipped when absent)")
    args = parser.parse_args()
    with (args.data / "gold.csv").open(encoding="utf-8-sig") as handle:
        gold = list(csv.DictReader(handle))
    group_codes: dict[str, list[str]] = {}
    for row in gold:
        if row.get("group_id"):
            group_codes.setdefault(row["group_id"], []).append(row["entity"])

    def held_out(row: dict[str, str]) -> bool:
        code = min(group_codes[row["group_id"]]) if row.get("group_id") else row["entity"]
        return code[-1] in HELD_OUT_DIGITS

    parts = {"whole": gold, "tuning": [r for r in gold if not held_out(r)], "held-out": [r for r in gold if held_out(r)]}
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        previous = None if args.no_previous else previous_package(Path(tmp))
        for variant in ("input", "input_address"):
            source = args.data / f"{variant}.csv"
            with source.open(encoding="utf-8-sig") as handle:
                names = {r["id"]: r["name"] for r in csv.DictReader(handle)}
            methods: list[tuple[str, dict[str, str], float | None]] = []
            labels, wall = run(source, out / f"real_{variant}.jsonl")
            methods.append(("corridor dedupe", labels, wall))
            if previous is not None:
                shutil.rmtree(Path(tmp) / "corridor_prev" / "resolution" / "__pycache__", ignore_errors=True)
                labels, wall = run(source, out / f"real_{variant}_previous.jsonl", previous)
                methods.append((f"previous resolver ({PREVIOUS})", labels, wall))
            methods.append(("baseline: exact name", {i: baseline_key(n) or i for i, n in names.items()}, None))
            print(f"\n== {variant}.csv ({len(names)} rows)")
            print(f"{'method':<34}{'part':<10}{'P':>7}{'R':>7}{'F1':>7}{'seconds':>9}")
            for method, labels, wall in methods:
                for part, rows in parts.items():
                    truth = [r["entity"] for r in rows]
                    predicted = [labels.get(r["id"], "#" + r["id"]) for r in rows]
                    p, r, f = pair_scores(truth, predicted)
                    seconds = f"{wall:9.1f}" if wall is not None and part == "whole" else ""
                    print(f"{method:<34}{part:<10}{p:7.3f}{r:7.3f}{f:7.3f}{seconds}")
        if (args.bilingual / "gold.csv").exists():
            bilingual(args.bilingual, out, previous)


def bilingual(data: Path, out: Path, previous: Path | None) -> None:
    with (data / "gold.csv").open(encoding="utf-8-sig") as handle:
        gold = list(csv.DictReader(handle))
    source = data / "input.csv"
    with source.open(encoding="utf-8-sig") as handle:
        names = {r["id"]: r["name"] for r in csv.DictReader(handle)}
    methods: list[tuple[str, dict[str, str], float | None]] = []
    labels, wall = run(source, out / "bilingual.jsonl")
    methods.append(("corridor dedupe", labels, wall))
    if previous is not None:
        shutil.rmtree(previous / "corridor_prev" / "resolution" / "__pycache__", ignore_errors=True)
        labels, wall = run(source, out / "bilingual_previous.jsonl", previous)
        methods.append((f"previous resolver ({PREVIOUS})", labels, wall))
    methods.append(("baseline: exact name", {i: baseline_key(n) or i for i, n in names.items()}, None))
    print(f"\n== bilingual set {data} ({len(names)} rows, with address and credit code)")
    print(f"{'method':<34}{'split':<10}{'P':>7}{'R':>7}{'F1':>7}{'seconds':>9}")
    for method, labels, wall in methods:
        for split in ("dev", "test"):
            rows = [r for r in gold if r["split"] == split]
            p, r, f = pair_scores([x["entity"] for x in rows], [labels.get(x["id"], "#" + x["id"]) for x in rows])
            seconds = f"{wall:9.1f}" if wall is not None and split == "dev" else ""
            print(f"{method:<34}{split:<10}{p:7.3f}{r:7.3f}{f:7.3f}{seconds}")


if __name__ == "__main__":
    sys.exit(main())
