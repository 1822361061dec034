"""R&D overlap speed on synthetic projects (default 100k): one new project's overlaps, and all pairs.

Synthetic projects combine a component, an activity and targets with figures, in Chinese or English,
so that texts are realistic in length and words and some pairs really overlap. Printed, each with its
same-run baseline:
- embedding throughput on a sample of real texts, extrapolated to every text and objective (the
  corpus itself gets each title's real vector plus noise, so that the search sees real neighbourhoods
  without an hour of embedding on a shared machine); stages of the bulk load (read texts, build the
  HNSW graph), wall and CPU seconds (the machine is shared by several engineers: CPU seconds / 2 is
  what an idle 2-core machine would take);
- all pairs: ANN blocking (HNSW, NEIGHBOURS per project) then scoring, against exact blocking
  (numpy over every vector) timed on a sample of queries and extrapolated, with the ANN's neighbour
  recall against exact on that sample;
- one new project (embedded, read, added, neighbours scored): p50/p95 over --queries new projects,
  with the HNSW graph and with exact search over the same corpus;
- peak memory (this process, and the reading/embedding worker processes).

    nice .venv/bin/python bench/rnd_speed.py [--size 100000] [--queries 200]

--cli measures the batch command end to end instead, as an evaluator runs it: the N synthetic projects are
written to bench/out/rnd_projects_N.jsonl and `corridor rnd overlaps` runs on them under `/usr/bin/time -v`
(wall, CPU of the command and its workers, peak RSS of its largest process, load average before and after);
--previous COMMIT runs the same file, same run, through that commit's code (`git archive` into bench/out,
PYTHONPATH), first, as the baseline; the two outputs are compared.

    flock /tmp/corridor-heavy.lock .venv/bin/python bench/rnd_speed.py --cli --size 100000 [--previous COMMIT]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corridor.matching.engine import embedders
from corridor.rnd.engine import OverlapFinder, Project
from corridor.rnd.engine.finder import NEIGHBOURS
from corridor.rnd.engine.objective import objective_text

COMPONENTS = [
    ("RV减速器", "RV reducer"), ("谐波减速器", "harmonic drive"), ("伺服电机", "servo motor"), ("绝对值编码器", "absolute encoder"),
    ("六维力传感器", "six-axis force sensor"), ("协作机器人关节", "collaborative robot joint"), ("AGV导航系统", "AGV navigation"),
    ("碳化硅MOSFET", "SiC MOSFET"), ("IGBT模块", "IGBT module"), ("氮化镓功率器件", "GaN power device"), ("光刻胶", "photoresist"),
    ("晶圆键合", "wafer bonding"), ("锂电池隔膜", "lithium battery separator"), ("固态电解质", "solid-state electrolyte"),
    ("钠离子电池正极", "sodium-ion cathode"), ("燃料电池膜电极", "fuel cell MEA"), ("碳纤维复合材料", "carbon fibre composite"),
    ("高温合金叶片", "superalloy turbine blade"), ("CAR-T细胞", "CAR-T cells"), ("mRNA疫苗", "mRNA vaccine"),
    ("单克隆抗体", "monoclonal antibody"), ("人工关节", "artificial joint"), ("激光雷达", "lidar"), ("电驱动总成", "e-drive unit"),
    ("热管理系统", "thermal management system"), ("工业视觉相机", "industrial vision camera"), ("焊接机器人", "welding robot"),
    ("光伏组件", "PV module"), ("储能变流器", "energy storage converter"), ("石墨烯导热膜", "graphene thermal film"),
]
ACTIVITIES = [
    ("加速寿命试验台研制", "accelerated life test rig", "研制{c}加速寿命试验台，在额定工况下连续考核{n}小时",
     "build an accelerated life test rig for {c} running {n} h at rated load"),
    ("结构优化设计", "structural design optimisation", "通过仿真与拓扑优化设计{c}，使重量降低{p}%",
     "optimise the design of the {c} by simulation, cutting weight by {p} %"),
    ("自动化生产工艺", "automated manufacturing process", "建立{c}自动化生产线，良率达到{p}%，节拍{n}秒",
     "automate {c} manufacturing with yield of {p} % and takt time {n} s"),
    ("缺陷在线检测", "in-line defect inspection", "开发{c}在线缺陷检测系统，检出率{p}%，单件检测{n}毫秒",
     "develop in-line defect inspection for {c} with {p} % detection in {n} ms"),
    ("控制算法开发", "control algorithm", "开发{c}控制算法，响应时间小于{n}毫秒，精度提高{p}%",
     "develop a control algorithm for the {c} with response under {n} ms and {p} % better accuracy"),
    ("材料制备与表征", "material preparation", "制备{c}关键材料，性能提升{p}%，批量{n}公斤",
     "prepare key materials for the {c}, {p} % better performance at {n} kg batches"),
    ("回收与再利用", "recycling and reuse", "研究{c}回收工艺，回收率{p}%，处理能力{n}吨",
     "recycle {c} with {p} % recovery at {n} t per year"),
    ("临床前评价", "preclinical evaluation", "完成{c}临床前安全性评价，样本{n}例，有效率{p}%",
     "complete preclinical safety evaluation of {c} on {n} samples with {p} % response"),
]
ROUTES_ZH = ["技术路线包括方案论证、样机试制和用户验证。", "项目周期三年，联合高校共同攻关。", "重点解决国产化替代中的关键瓶颈。"]
ROUTES_EN = ["The route covers concept study, prototype and field validation.", "Three years, with a university partner.",
             "It addresses the key bottleneck of domestic substitution."]


def synthetic(count: int, seed: int = 7, prefix: str = "s") -> list[Project]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        (c_zh, c_en), (t_zh, t_en, s_zh, s_en) = rng.choice(COMPONENTS), rng.choice(ACTIVITIES)
        n, p = rng.choice([2, 5, 50, 200, 1000, 10000]), rng.choice([20, 30, 90, 95, 99])
        if rng.random() < 0.5:
            title, text, lang = f"{c_zh}{t_zh}", f"目标：{s_zh.format(c=c_zh, n=n, p=p)}。{rng.choice(ROUTES_ZH)}", "zh"
        else:
            title, text, lang = f"{c_en} {t_en}", f"The project aims to {s_en.format(c=c_en, n=n, p=p)}. {rng.choice(ROUTES_EN)}", "en"
        out.append(Project(f"{prefix}{i}", f"org{rng.randrange(max(count // 5, 2))}", title, f"{text} ({i})", lang))
    return out


def peak_mib() -> tuple[float, float]:
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def memory() -> str:
    own, workers = peak_mib()
    return f"peak memory: this process {own:.0f} MiB, worker processes {workers:.0f} MiB"


def percentiles(times: list[float]) -> str:
    ms = np.array(times) * 1000
    return f"p50 {np.percentile(ms, 50):.1f} ms, p95 {np.percentile(ms, 95):.1f} ms, max {ms.max():.1f} ms"


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def corpus_vectors(embedder: embedders.Embedder, projects: list[Project], seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Vectors with the corpus's real neighbourhood structure without embedding every text: each
    (component, activity, language) title is embedded once and each project gets it plus noise."""
    titles = sorted({p.title for p in projects})
    base = dict(zip(titles, embedder.encode(titles), strict=True))
    rng = np.random.default_rng(seed)

    def noisy(scale: float) -> np.ndarray:
        out = np.stack([base[p.title] for p in projects]) + rng.normal(0, scale, (len(projects), embedder.dim))
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)

    return noisy(0.02), noisy(0.02)


ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def timed_cli(projects_path: Path, output: Path, code: Path | None) -> dict[str, float]:
    """`corridor rnd overlaps` under /usr/bin/time -v, from this checkout or from `code` (PYTHONPATH)."""
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    load_before = os.getloadavg()[0]
    done = subprocess.run(
        ["/usr/bin/time", "-v", str(ROOT / ".venv" / "bin" / "corridor"), "rnd", "overlaps", "--projects",
         str(projects_path), "--output", str(output), "--quiet"],
        env=env, capture_output=True, text=True, check=True)
    report = done.stderr

    def field(name: str) -> str:
        found = re.search(rf"{re.escape(name)}: (.+)", report)
        assert found, f"no {name!r} in /usr/bin/time's report:\n{report}"
        return found.group(1).strip()

    clock = [float(x) for x in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    wall = sum(v * 60 ** i for i, v in enumerate(reversed(clock)))
    return {"wall": wall, "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
            "rss_gib": int(field("Maximum resident set size (kbytes)")) / 2**20,
            "load_before": load_before, "load_after": os.getloadavg()[0]}


def cli(size: int, previous: str | None) -> None:
    OUT.mkdir(exist_ok=True)
    projects_path = OUT / f"rnd_projects_{size}.jsonl"
    if not projects_path.exists():
        with projects_path.open("w", encoding="utf-8") as handle:
            for p in synthetic(size):
                row = {"id": p.id, "org": p.org, "title": p.title, "text": p.text, "lang": p.lang}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    runs: list[tuple[str, Path | None]] = []
    if previous:
        code = OUT / f"rnd_code_{previous}"
        if not code.exists():
            code.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", previous, "corridor"], capture_output=True,
                                     check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
        runs.append((f"previous ({previous})", code))
    runs.append(("this checkout", None))
    outputs = []
    for label, code in runs:
        output = OUT / f"rnd_pairs_{size}_{'previous' if code else 'this'}.jsonl"
        f = timed_cli(projects_path, output, code)
        with output.open(encoding="utf-8") as handle:
            outputs.append(sum(1 for _ in handle))
        print(f"corridor rnd overlaps, {size} projects, {label}: {f['wall']:.1f} s wall, {f['cpu']:.1f} CPU-s "
              f"(command and workers), peak RSS {f['rss_gib']:.2f} GiB (largest process), {outputs[-1]} pairs; "
              f"load average {f['load_before']:.1f} before, {f['load_after']:.1f} after", flush=True)
    if len(runs) == 2:
        same = (OUT / f"rnd_pairs_{size}_previous.jsonl").read_bytes() == (OUT / f"rnd_pairs_{size}_this.jsonl").read_bytes()
        print("outputs byte-identical" if same else f"outputs differ ({outputs[0]} against {outputs[1]} pairs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--cli", action="store_true", help="time `corridor rnd overlaps` end to end instead")
    parser.add_argument("--previous", help="with --cli: also run this commit's code first, same file")
    parser.add_argument("--exact-sample", type=int, default=2_000, help="queries timed for the exact all-pairs baseline")
    parser.add_argument("--embed-sample", type=int, default=4_000,
                        help="texts embedded to measure throughput (the corpus itself gets title vectors plus noise)")
    args = parser.parse_args()
    if args.cli:
        cli(args.size, args.previous)
        return
    print(f"{args.size} synthetic projects, {os.cpu_count()} cores, {NEIGHBOURS} neighbours per project, "
          f"load average {os.getloadavg()[0]:.1f} at start (the machine is shared: CPU seconds are printed too)")
    embedder = embedders.get()
    projects = synthetic(args.size)

    # Embedding throughput on a sample of real texts (bodies and objectives), extrapolated to 2 × size.
    sample = projects[: args.embed_sample]
    texts = [p.body for p in sample] + [objective_text(p.title, p.text) for p in sample]
    t, c = time.perf_counter(), cpu_seconds()
    embedder.encode(texts)
    wall = time.perf_counter() - t
    if hasattr(embedder, "close"):
        embedder.close()  # the worker processes' CPU time is counted once they have ended
    cpu = cpu_seconds() - c
    # The engine embeds each distinct text once: the synthetic objectives repeat (templates), real ones rarely.
    distinct = len({p.body for p in projects}) + len({objective_text(p.title, p.text) for p in projects})
    scale = distinct / len(texts)
    print(f"embedding: {len(texts) / wall:.0f} texts/s wall ({len(texts) / cpu:.0f}/CPU-s); for {distinct} distinct "
          f"texts (of {2 * args.size}: a text and an objective per project) {wall * scale:.0f} s wall, "
          f"{cpu * scale:.0f} CPU-s ({cpu * 2 * args.size / len(texts):.0f} CPU-s if every one were distinct)")
    embed_wall, embed_cpu = wall * scale, cpu * scale
    vectors, goal_vectors = corpus_vectors(embedder, projects)

    stages: dict[str, list[float]] = {}
    last = [time.perf_counter(), cpu_seconds()]

    def progress(stage: str, done: int, total: int) -> None:
        now, cpu_now = time.perf_counter(), cpu_seconds()
        spent = stages.setdefault(stage, [0.0, 0.0])
        spent[0] += now - last[0]
        spent[1] += cpu_now - last[1]
        last[0], last[1] = now, cpu_now

    t, c = time.perf_counter(), cpu_seconds()
    finder = OverlapFinder(embedder, exact_limit=20_000, all_pairs_limit=3_000)
    last[:] = [time.perf_counter(), cpu_seconds()]
    finder.add(projects, vectors=vectors, goal_vectors=goal_vectors, progress=progress)
    last[:] = [time.perf_counter(), cpu_seconds()]
    finder._hnsw()
    progress("build HNSW graph", 1, 1)
    pairs = finder.pairs(progress=progress)
    wall, cpu = time.perf_counter() - t, cpu_seconds() - c
    print(f"all pairs without embedding: {wall:.1f} s wall, {cpu:.1f} CPU-s; {len(pairs)} overlapping pairs")
    for stage, (stage_wall, stage_cpu) in stages.items():
        print(f"  {stage:<20} {stage_wall:7.1f} s wall {stage_cpu:7.1f} CPU-s")
    print(f"all pairs from texts (embedding extrapolated): {wall + embed_wall:.0f} s wall, {cpu + embed_cpu:.0f} CPU-s "
          f"= {(cpu + embed_cpu) / 2:.0f} s on 2 idle cores (target ≤ 300 s)")
    print(memory())

    # Exact blocking baseline on a sample of queries, extrapolated; ANN recall against it.
    chosen = np.random.default_rng(1).choice(len(finder), size=min(args.exact_sample, len(finder)), replace=False)
    k = NEIGHBOURS + 1
    queries = finder.vectors[chosen]
    t = time.perf_counter()
    exact = np.vstack([np.argpartition(-(queries[i : i + 500] @ finder.vectors.T), k - 1, axis=1)[:, :k]
                       for i in range(0, len(queries), 500)])
    exact_time = (time.perf_counter() - t) * len(finder) / len(chosen)
    t = time.perf_counter()
    ann = finder._knn(queries, k)[0]
    ann_time = (time.perf_counter() - t) * len(finder) / len(chosen)
    recall = np.mean([len(set(a) & set(e)) / k for a, e in zip(ann.tolist(), exact.tolist(), strict=True)])
    print(f"blocking of all {len(finder)} projects: HNSW {ann_time:.1f} s against exact numpy {exact_time:.1f} s "
          f"(extrapolated from {len(chosen)} queries); HNSW neighbour recall@{k} {recall:.4f}")

    # One new project at a time, really embedded: read, embed, add, score against its neighbours.
    new = synthetic(args.queries, seed=99, prefix="new")
    for label, exact_limit in (("HNSW", 20_000), ("exact numpy", 10**9)):
        finder.exact_limit = exact_limit
        times, cpu_times = [], []
        for project in new:
            project = Project(f"{project.id}-{label[0]}", project.org, project.title, project.text, project.lang)
            t, c = time.perf_counter(), time.process_time()
            finder.overlaps_of(project)
            times.append(time.perf_counter() - t)
            cpu_times.append(time.process_time() - c)
        print(f"one new project among {len(finder)} ({label}): {percentiles(times[5:])}; "
              f"CPU {percentiles(cpu_times[5:])}")
    print(memory())


if __name__ == "__main__":
    main()
