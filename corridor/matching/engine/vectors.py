"""Nearest neighbours by cosine: exact numpy on small corpora, an HNSW graph (hnswlib) on large ones.

Rows are L2-normalised, so the inner product is the cosine. The index is incremental (add, replace,
remove by integer label) and persists to a directory. Once the graph is built it is the only copy of
the vectors (hnswlib returns them by label): a second numpy copy would cost 2 KB more per listing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from corridor.matching.engine.arrays import Column

EXACT_LIMIT = 20_000
"""Below this many rows exact search is both fast enough and exact; above it the HNSW graph is used."""

HNSW_M = 16
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 256
"""Measured here over 1M 512-d vectors (bench/match_speed.py, a busy machine): ef=256 recall@10 0.9985 at
p95 0.54 ms; ef=128 only 0.9887 at p95 0.39 ms, below the 0.99 wanted."""

Progress = Callable[[int, int], None]


class VectorIndex:
    """Vectors keyed by non-negative integer labels, searchable by cosine."""

    def __init__(self, dim: int, exact_limit: int = EXACT_LIMIT, ef_search: int = HNSW_EF_SEARCH) -> None:
        self.dim = dim
        self.exact_limit = exact_limit
        self.ef_search = ef_search
        self._live = Column(np.bool_)  # by label
        self._count = 0
        # Exact mode: rows [0, _size) of _vectors are in use (label -1: freed); rows beyond are spare
        # capacity, so that adding one listing does not copy the others.
        self._vectors = np.zeros((0, dim), dtype=np.float32)
        self._labels = np.zeros(0, dtype=np.int64)
        self._size = 0
        self._row_of: dict[int, int] = {}
        self._free: list[int] = []
        self._hnsw = None  # hnswlib.Index once the corpus passes exact_limit; then the only copy
        self._in_graph = Column(np.bool_)  # by label: ever added to the graph (a removed one is marked deleted)

    def __len__(self) -> int:
        return self._count

    @property
    def uses_ann(self) -> bool:
        return self._hnsw is not None

    def labels(self) -> np.ndarray:
        return np.flatnonzero(self._live.values)

    def __contains__(self, label: int) -> bool:
        return 0 <= label < len(self._live) and bool(self._live[label])

    def vector(self, label: int) -> np.ndarray:
        return self.vectors([label])[0]

    def vectors(self, labels: list[int] | np.ndarray) -> np.ndarray:
        labels = np.asarray(labels, dtype=np.int64)
        if not len(labels):
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._hnsw is not None:
            return np.asarray(self._hnsw.get_items(labels), dtype=np.float32)
        return self._vectors[[self._row_of[int(label)] for label in labels]]

    # -- writing ----------------------------------------------------------------------------
    def upsert(self, labels: np.ndarray | list[int], vectors: np.ndarray) -> None:
        labels = np.asarray(labels, dtype=np.int64)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(labels), self.dim)
        if len(labels) == 0:
            return
        if len(self._live) <= labels.max():
            self._live.set(int(labels.max()), False)
        new = ~self._live[labels]
        self._count += int(np.unique(labels[new]).size)
        self._live[labels] = True
        if self._hnsw is not None:
            self._hnsw_add(labels, vectors)
            return
        new_rows = []
        for label, vector in zip(labels.tolist(), vectors, strict=True):
            row = self._row_of.get(label)
            if row is None:
                if not self._free:
                    new_rows.append((label, vector))
                    continue
                row = self._free.pop()
                self._row_of[label] = row
                self._labels[row] = label
            self._vectors[row] = vector
        if new_rows:
            start = self._size
            self._reserve(start + len(new_rows))
            self._vectors[start : start + len(new_rows)] = np.stack([v for _, v in new_rows])
            self._labels[start : start + len(new_rows)] = [lab for lab, _ in new_rows]
            self._size = start + len(new_rows)
            for offset, (label, _) in enumerate(new_rows):
                self._row_of[label] = start + offset
        if len(self) > self.exact_limit:
            self._build_hnsw()

    def _reserve(self, rows: int) -> None:
        if rows <= len(self._labels):
            return
        capacity = max(rows, len(self._labels) * 5 // 4)
        vectors = np.zeros((capacity, self.dim), dtype=np.float32)
        vectors[: self._size] = self._vectors[: self._size]
        labels = np.full(capacity, -1, dtype=np.int64)
        labels[: self._size] = self._labels[: self._size]
        self._vectors, self._labels = vectors, labels

    def remove(self, labels: list[int]) -> None:
        for label in labels:
            if label not in self:
                continue
            self._live[label] = False
            self._count -= 1
            if self._hnsw is not None:
                self._hnsw.mark_deleted(label)
                continue
            row = self._row_of.pop(label)
            self._labels[row] = -1
            self._vectors[row] = 0.0
            self._free.append(row)

    def _hnsw_add(self, labels: np.ndarray, vectors: np.ndarray) -> None:
        assert self._hnsw is not None
        needed = self._hnsw.get_current_count() + len(labels)
        if needed > self._hnsw.get_max_elements():
            self._hnsw.resize_index(max(needed, self._hnsw.get_max_elements() * 5 // 4))
        if len(self._in_graph) <= labels.max():
            self._in_graph.set(int(labels.max()), False)
        for label in labels[self._in_graph[labels]].tolist():
            # A label that was deleted and comes back must be revived before it is overwritten.
            try:
                self._hnsw.unmark_deleted(label)
            except RuntimeError:
                pass  # it was not deleted
        self._hnsw.add_items(vectors, labels, replace_deleted=False)
        self._in_graph[labels] = True

    def _build_hnsw(self, threads: int = -1, progress: Progress | None = None) -> None:
        live = self._labels[: self._size] >= 0
        labels = self._labels[: self._size][live]
        self._hnsw = self._graph(len(labels), lambda start, stop: (self._vectors[: self._size][live][start:stop], labels[start:stop]),
                                 threads, progress)
        self._in_graph = Column(np.bool_)
        self._in_graph.set(int(labels.max()) if len(labels) else 0, False)
        self._in_graph[labels] = True
        self._vectors, self._labels, self._size, self._row_of, self._free = np.zeros((0, self.dim), np.float32), np.zeros(0, np.int64), 0, {}, []

    def _graph(self, count: int, chunk: Callable[[int, int], tuple[np.ndarray, np.ndarray]], threads: int,
               progress: Progress | None):
        import hnswlib

        index = hnswlib.Index(space="ip", dim=self.dim)
        index.init_index(max_elements=max(count * 9 // 8, 1024), ef_construction=HNSW_EF_CONSTRUCTION, M=HNSW_M)
        index.set_num_threads(threads if threads > 0 else (os.cpu_count() or 1))
        step = 20_000
        for start in range(0, count, step):
            vectors, labels = chunk(start, min(start + step, count))
            index.add_items(vectors, labels)
            if progress:
                progress(min(start + step, count), count)
        index.set_ef(self.ef_search)
        return index

    def rebuild(self, progress: Progress | None = None) -> None:
        """Rebuild the graph from the stored vectors (or drop it if the corpus is small)."""
        if self._hnsw is None:
            if len(self) > self.exact_limit:
                self._build_hnsw(progress=progress)
            elif progress:
                progress(len(self), len(self))
            return
        labels = self.labels()
        old = self._hnsw
        if len(labels) > self.exact_limit:
            # Read from the old graph in slices: never a third full copy of the vectors.
            self._hnsw = self._graph(len(labels), lambda a, b: (np.asarray(old.get_items(labels[a:b]), np.float32), labels[a:b]),
                                     -1, progress)
            self._in_graph = Column(np.bool_, data=self._live.values)
            return
        vectors = np.asarray(old.get_items(labels), dtype=np.float32) if len(labels) else np.zeros((0, self.dim), np.float32)
        self._hnsw = None
        self._vectors, self._labels, self._size = vectors, labels.astype(np.int64), len(labels)
        self._row_of = {int(lab): row for row, lab in enumerate(labels.tolist())}
        if progress:
            progress(len(self), len(self))

    # -- reading ----------------------------------------------------------------------------
    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(labels, cosines) of the k nearest, best first."""
        n = len(self)
        if n == 0 or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        k = min(k, n)
        query = np.asarray(query, dtype=np.float32).reshape(self.dim)
        if self._hnsw is not None:
            self._hnsw.set_ef(max(self.ef_search, k))
            labels, distances = self._hnsw.knn_query(query, k=k)
            return labels[0].astype(np.int64), (1.0 - distances[0]).astype(np.float32)
        return exact_top(self._vectors[: self._size], self._labels[: self._size], query, k)

    # -- persistence ------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self._hnsw is not None:
            self._hnsw.save_index(str(directory / "hnsw.bin"))
            np.save(directory / "labels.npy", self.labels())
        else:
            live = self._labels[: self._size] >= 0
            np.save(directory / "vectors.npy", self._vectors[: self._size][live])
            np.save(directory / "labels.npy", self._labels[: self._size][live])
        meta = {"dim": self.dim, "count": len(self), "ann": self._hnsw is not None}
        (directory / "index.json").write_text(json.dumps(meta))

    @classmethod
    def load(cls, directory: Path, exact_limit: int = EXACT_LIMIT) -> VectorIndex:
        meta = json.loads((directory / "index.json").read_text())
        index = cls(meta["dim"], exact_limit=exact_limit)
        labels = np.load(directory / "labels.npy").astype(np.int64)
        if len(labels):
            index._live.set(int(labels.max()), False)
            index._live[labels] = True
        index._count = len(labels)
        if meta["ann"]:
            import hnswlib

            graph = hnswlib.Index(space="ip", dim=index.dim)
            graph.load_index(str(directory / "hnsw.bin"), allow_replace_deleted=False)
            graph.set_ef(index.ef_search)
            room = graph.get_max_elements() - graph.get_current_count()
            if room < 1024:  # grown now rather than in the request that adds the next listing
                graph.resize_index(graph.get_current_count() + max(1024, graph.get_current_count() // 32))
            index._hnsw = graph
            # Labels deleted before the save are still in the graph; none of them is live now.
            index._in_graph = Column(np.bool_)
            ids = np.asarray(graph.get_ids_list(), dtype=np.int64)
            if len(ids):
                index._in_graph.set(int(ids.max()), False)
                index._in_graph[ids] = True
        else:
            index._vectors = np.load(directory / "vectors.npy")
            index._labels = labels
            index._size = len(labels)
            index._row_of = {int(lab): row for row, lab in enumerate(labels.tolist())}
            if len(index) > exact_limit:
                index._build_hnsw()
        return index


def exact_top(vectors: np.ndarray, labels: np.ndarray, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    sims = vectors @ query
    live = labels >= 0
    if not live.all():
        sims = np.where(live, sims, -np.inf)
    k = min(k, int(live.sum()))
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    top = np.argpartition(-sims, k - 1)[:k]
    top = top[np.argsort(-sims[top], kind="stable")]
    return labels[top], sims[top]
