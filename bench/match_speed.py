"""Matching speed: ANN retrieval over N 512-d vectors against exact numpy in the same run, index build
time and memory, embedding throughput, and one match request end to end through the API.

    flock /tmp/corridor-heavy.lock .venv/bin/python bench/match_speed.py --size 1000000

The ANN part uses synthetic vectors (clustered, like real embeddings); the throughput part embeds
real listing texts from bench/data with the shipped model.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic(n: int, dim: int, seed: int = 0, noise: float = 0.35) -> np.ndarray:
    # Topic centres shared by corpus and queries (seed 0), points scattered around them: like real
    # listing embeddings, which crowd around topics. Uniform random 512-d vectors (noise → ∞) are the
    # worst case for any graph index and look nothing like sentence embeddings.
    centres = np.random.default_rng(0).normal(size=(max(n // 500, 16), dim)).astype(np.float32)
    rng = np.random.default_rng(seed + 1000)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, 100_000):
        stop = min(start + 100_000, n)
        picks = rng.integers(0, len(centres), stop - start)
        out[start:stop] = centres[picks] + noise * rng.normal(size=(stop - start, dim)).astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def percentile(values: list[float], p: float) -> float:
    return float(np.percentile(np.array(values) * 1000, p))


def ann_part(size: int, dim: int, queries: int, ef_values: list[int]) -> None:
    import hnswlib

    from corridor.matching.engine.vectors import HNSW_EF_CONSTRUCTION, HNSW_M

    base_rss = rss_mb()
    vectors = synthetic(size, dim)
    qs = synthetic(queries, dim, seed=1)
    print(f"corpus: {size:,} × {dim}-d float32 ({vectors.nbytes / 2**20:.0f} MiB), {queries} queries, {os.cpu_count()} cores")
    exact_times, truth = [], []
    for q in qs:
        started = time.perf_counter()
        sims = vectors @ q
        top = np.argpartition(-sims, 10)[:10]
        top = top[np.argsort(-sims[top])]
        exact_times.append(time.perf_counter() - started)
        truth.append(set(top.tolist()))
    print(f"exact numpy top-10: p50 {percentile(exact_times, 50):.2f} ms, p95 {percentile(exact_times, 95):.2f} ms (baseline)")

    before = rss_mb()
    started = time.perf_counter()
    index = hnswlib.Index(space="ip", dim=dim)
    index.init_index(max_elements=size, ef_construction=HNSW_EF_CONSTRUCTION, M=HNSW_M)
    index.set_num_threads(os.cpu_count() or 1)
    index.add_items(vectors, np.arange(size))
    build = time.perf_counter() - started
    print(f"hnswlib M={HNSW_M} ef_construction={HNSW_EF_CONSTRUCTION}: build {build:.0f} s, "
          f"index memory ≈ {rss_mb() - before:,.0f} MiB (process {rss_mb():,.0f} MiB, before data {base_rss:,.0f} MiB)")
    index.set_num_threads(1)
    for ef in ef_values:
        index.set_ef(ef)
        times, hits = [], 0
        for q, gold in zip(qs, truth, strict=True):
            started = time.perf_counter()
            labels, _ = index.knn_query(q, k=10)
            times.append(time.perf_counter() - started)
            hits += len(gold & set(labels[0].tolist()))
        print(f"  ef={ef:<4} recall@10 {hits / (10 * len(qs)):.4f}  p50 {percentile(times, 50):.3f} ms  p95 {percentile(times, 95):.3f} ms")


def throughput_part() -> None:
    from corridor.matching.engine import embedders

    data = Path(__file__).parent / "data"
    texts = [json.loads(line)["text"] for name in ("needs", "offers") for line in (data / f"{name}.jsonl").read_text().splitlines()]
    texts = (texts * (8000 // len(texts) + 1))[:8000]
    embedder = embedders.get()
    embedder.encode(texts[:64])
    embedder.encode(texts[: embedders.PARALLEL_FROM])  # starts the worker processes (once per process)
    started = time.perf_counter()
    embedder.encode(texts)
    elapsed = time.perf_counter() - started
    in_process = texts[: embedders.PARALLEL_FROM - 1]  # below the threshold: this process, one core
    started, cpu_started = time.perf_counter(), time.process_time()
    embedder.encode(in_process)
    one_core, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    one_by_one = texts[:300]
    started = time.perf_counter()
    for text in one_by_one:
        embedder.encode([text])
    single = time.perf_counter() - started
    print(f"embedding ({embedder.name}): {len(texts) / elapsed:,.0f} texts/s batched over {len(texts)} listing texts "
          f"in worker processes (avg {np.mean([len(t) for t in texts]):.0f} chars); baselines: batched in one process "
          f"{len(in_process) / one_core:,.0f} texts/s ({len(in_process) / cpu:,.0f} per CPU-second), "
          f"one text per call {len(one_by_one) / single:,.0f} texts/s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--ef", default="64,128,256")
    parser.add_argument("--skip-ann", action="store_true")
    args = parser.parse_args()
    throughput_part()
    if not args.skip_ann:
        ann_part(args.size, args.dim, args.queries, [int(x) for x in args.ef.split(",")])


if __name__ == "__main__":
    main()
