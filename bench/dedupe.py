"""Entity resolution: quality on the labelled set, and time and memory on N generated rows.

    .venv/bin/python bench/dedupe.py                       # quality on bench/data/dedupe_labelled.csv
    flock /tmp/corridor-heavy.lock .venv/bin/python bench/dedupe.py --size 1000000   # + scale run

Quality: pairwise precision / recall / F1 of `corridor dedupe` (run as the command, through its file
interface) and, in the same run, of the baseline that puts rows with the same exactly-normalised name
(folded, no spaces or punctuation) together. Per variant, the recall of the pairs involving it.

Scale: the generator's population written as a dedupe input (each organisation once, one in five
twice more under another spelling: English, short name, bracketed city), then `corridor dedupe` in a
child process: wall time and its peak resident memory; the baseline timed in the same run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corridor.resolution.names import exact_key  # noqa: E402

LABELLED = ROOT / "bench" / "data" / "dedupe_labelled.csv"
OUT = ROOT / "bench" / "out"
CORRIDOR = ROOT / ".venv" / "bin" / "corridor"


def pair_counts(truth: list[str], predicted: list[str]) -> tuple[int, int, int]:
    """(true positive pairs, predicted pairs, true pairs) from two labellings, without listing pairs."""
    def pairs(counter: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    both = Counter(zip(truth, predicted, strict=True))
    return pairs(both), pairs(Counter(predicted)), pairs(Counter(truth))


def scores(truth: list[str], predicted: list[str]) -> tuple[float, float, float]:
    tp, pred, true = pair_counts(truth, predicted)
    p = tp / pred if pred else 1.0
    r = tp / true if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_dedupe(input_path: Path, output: Path, workers: int | None = None) -> tuple[list[str], float, float]:
    """Run `corridor dedupe` as a child; labels in input order, wall seconds, and the peak in GiB of the
    memory of the child and its worker processes together (sampled every 0.2 s from /proc), or of the
    child alone at its peak (its maximum resident set) if that is more."""
    started = time.perf_counter()
    command = [str(CORRIDOR), "dedupe", str(input_path), "--output", str(output), "--quiet"]
    child = subprocess.Popen([*command, *(["--workers", str(workers)] if workers else [])])
    peak = 0
    while child.poll() is None:
        peak = max(peak, _tree_rss(child.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
    with output.open(encoding="utf-8") as handle:
        labels = [json.loads(line)["cluster"] for line in handle]
    return labels, wall, peak / 1024**3


def _tree_rss(pid: int) -> int:
    """Bytes of memory used by `pid` and every process below it (the dedupe command forks its workers),
    as proportional set sizes: a page the forks still share with their parent is counted once, not per process."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended while being read
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, ()))
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def baseline(names: list[str]) -> list[str]:
    return [exact_key(n) or f"#empty{i}" for i, n in enumerate(names)]


def quality() -> None:
    with LABELLED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    truth = [r["entity"] for r in rows]
    OUT.mkdir(exist_ok=True)
    labels, wall, _peak = run_dedupe(LABELLED, OUT / "dedupe_labelled.jsonl")
    base = baseline([r["name"] for r in rows])
    print(f"labelled set: {len(rows)} rows, {len(set(truth))} organisations, {pair_counts(truth, truth)[2]} true pairs")
    print(f"{'method':<34}{'precision':>10}{'recall':>10}{'F1':>8}")
    for name, predicted in (("corridor dedupe", labels), ("baseline: exact normalised name", base)):
        p, r, f = scores(truth, predicted)
        print(f"{name:<34}{p:>10.3f}{r:>10.3f}{f:>8.3f}")
    print(f"(corridor dedupe wall time on the set: {wall:.1f} s)")
    # Where the misses are: recall of the true pairs that involve each spelling.
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(truth):
        by_entity[t].append(i)
    for members in by_entity.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                hit = labels[i] == labels[j]
                for v in {rows[i]["variant"], rows[j]["variant"]}:
                    found[v][0] += hit
                    found[v][1] += 1
    print("recall of the pairs involving each spelling: " + ", ".join(
        f"{v} {h / n:.2f}" for v, (h, n) in sorted(found.items(), key=lambda kv: kv[1][0] / kv[1][1])))
    wrong = Counter()
    for members in _clusters(labels).values():
        entities = Counter(truth[i] for i in members)
        if len(entities) > 1:
            wrong[" + ".join(sorted(e[0] + e.rstrip("0123456789")[-1:] for e in entities))] += 1
    print(f"predicted clusters mixing organisations: {sum(wrong.values())}")


def held_out(seeds: list[int]) -> None:
    """The same construction with other seeds: sets the resolver was never looked at against."""
    for seed in seeds:
        path = OUT / f"dedupe_heldout_{seed}.csv"
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_dedupe_set.py")], check=True, capture_output=True,
                       env={**os.environ, "DEDUPE_SET_SEED": str(seed), "DEDUPE_SET_OUT": str(path)})
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        truth = [r["entity"] for r in rows]
        labels, _wall, _peak = run_dedupe(path, OUT / f"dedupe_heldout_{seed}.jsonl")
        p, r, f = scores(truth, labels)
        bp, br, bf = scores(truth, baseline([row["name"] for row in rows]))
        print(f"held-out set, seed {seed}: {len(rows)} rows; corridor dedupe P {p:.3f} R {r:.3f} F1 {f:.3f}; "
              f"baseline P {bp:.3f} R {br:.3f} F1 {bf:.3f}")


def _clusters(labels: list[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        out[label].append(i)
    return out


def scale(size: int, workers: int | None = None) -> None:
    OUT.mkdir(exist_ok=True)
    population = OUT / f"orgs_{size}.csv"
    if not population.exists():
        subprocess.run([str(CORRIDOR), "generate", "--size", str(size), "--output", str(population)], check=True,
                       env={"PATH": "/usr/bin:/bin", "DEBUG": "1"})
    source = OUT / f"dedupe_input_{size}.csv"
    truth: list[str] = []
    names: list[str] = []
    with population.open(encoding="utf-8-sig") as handle, source.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "address", "uscc"])
        for n, row in enumerate(csv.DictReader(handle)):
            if len(names) >= size:
                break
            spellings = [(row["name_zh"], row["address"], row["uscc"])]
            if n % 5 == 0:
                city = row["address"][3:5] if row["address"][:2] not in ("上海",) else "上海"
                spellings.append((row["name_en"], "", ""))
                spellings.append((row["short_name"] if n % 10 else row["name_zh"].replace(city, "", 1)
                                  .replace("有限公司", f"（{city}）有限公司"), row["address"], ""))
            for k, (name, address, code) in enumerate(spellings):
                if len(names) >= size:
                    break
                writer.writerow([f"{n}-{k}", name, address, code if n % 2 else ""])
                names.append(name)
                truth.append(str(n))
    labels, wall, peak = run_dedupe(source, OUT / f"dedupe_{size}.jsonl", workers)
    started = time.perf_counter()
    base = baseline(names)
    base_wall = time.perf_counter() - started
    print(f"scale: {len(names)} rows ({len(set(truth))} organisations)")
    print(f"corridor dedupe (--workers {workers or 'default: the cores, at most 4'}; {os.cpu_count()} cores): {wall:.1f} s wall, "
          f"peak memory of its processes together (PSS) {peak:.2f} GiB (targets: ≤ 300 s, ≤ 8 GiB)")
    print(f"baseline exact normalised name, same rows: {base_wall:.1f} s (in-process, no file I/O)")
    for name, predicted in (("corridor dedupe", labels), ("baseline", base)):
        p, r, f = scores(truth, predicted)
        print(f"  {name:<18} precision {p:.4f} recall {r:.4f} F1 {f:.4f} (an easy set: each organisation from the generator)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=0, help="also time N generated rows (e.g. 1000000)")
    parser.add_argument("--workers", type=int, default=None, help="passed to corridor dedupe for the scale run")
    parser.add_argument("--held-out", default="7,99", help="seeds of extra sets built the same way (default 7,99)")
    args = parser.parse_args()
    quality()
    if args.held_out:
        held_out([int(s) for s in args.held_out.split(",") if s.strip()])
    if args.size:
        scale(args.size, args.workers)


if __name__ == "__main__":
    main()
