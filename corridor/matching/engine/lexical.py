"""BM25 (Okapi) over jieba tokens: the lexical evidence for specific terms and model numbers.

Stored compactly, since a million listings each carry dozens of tokens: terms are numbered once, a
document is a run of (term, count) in flat numpy columns (what a rerank reads), and each term keeps
its documents in a compact `array` (what retrieval by a rare term reads). A removed document is only
marked dead; its postings are skipped and dropped when the index is saved and loaded again.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from corridor.matching.engine.arrays import Column, ranges

K1 = 1.2
B = 0.75


class BM25:
    """An inverted index over token lists; scores are normalised to [0, 1] per query.

    Normalising by the query's own ceiling (every query term matched at the saturation limit)
    rather than by the best document keeps the figure absolute: a query that shares one weak word
    with every document does not make that word look like strong evidence.
    """

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self.df = Column(np.int32)  # live documents per term
        self._rows: list[array] = []  # per term: its documents (dead ones included until compaction)
        self._tf: list[array] = []  # per term: the count in each of those documents
        self.doc_start = Column(np.int64, data=np.zeros(1))  # document r: positions doc_start[r]:doc_start[r+1]
        self.doc_terms = Column(np.int32)
        self.doc_tf = Column(np.uint16)
        self.doc_len = Column(np.int32)
        self.alive = Column(np.bool_)
        self._total_len = 0
        self._alive_count = 0

    def __len__(self) -> int:
        return self._alive_count

    @property
    def rows(self) -> int:
        """Documents ever added (dead ones included): the next row number."""
        return len(self.doc_len)

    # -- writing ----------------------------------------------------------------------------
    def add(self, doc_tokens: Sequence[str]) -> int:
        return self.add_many([doc_tokens])

    def add_many(self, docs: Iterable[Sequence[str]]) -> int:
        """Add documents as consecutive rows; returns the row of the first."""
        first = row = self.rows
        ids: list[int] = []
        tfs: list[int] = []
        ends: list[int] = []
        lengths: list[int] = []
        for doc in docs:
            for term, count in Counter(doc).items():
                tid = self.vocab.get(term)
                if tid is None:
                    tid = self.vocab[term] = len(self.terms)
                    self.terms.append(term)
                    self._rows.append(array("i"))
                    self._tf.append(array("H"))
                self._rows[tid].append(row)
                self._tf[tid].append(min(count, 65535))
                ids.append(tid)
                tfs.append(min(count, 65535))
            ends.append(len(ids))
            lengths.append(len(doc))
            row += 1
        base = len(self.doc_terms)
        self.doc_terms.extend(ids)
        self.doc_tf.extend(tfs)
        self.doc_start.extend(np.asarray(ends, dtype=np.int64) + base)
        self.doc_len.extend(lengths)
        self.alive.extend(np.ones(len(lengths), dtype=np.bool_))
        self.df.extend(np.zeros(len(self.terms) - len(self.df), dtype=np.int32))
        if ids:  # only the terms of these documents: one new listing must not cost a pass over the vocabulary
            np.add.at(self.df.values, np.asarray(ids), 1)
        self._total_len += sum(lengths)
        self._alive_count += len(lengths)
        return first

    def remove(self, row: int) -> None:
        if not self.alive[row]:
            return
        self.alive[row] = False
        self._total_len -= int(self.doc_len[row])
        self._alive_count -= 1
        self.df.values[self.doc_terms[int(self.doc_start[row]) : int(self.doc_start[row + 1])]] -= 1

    # -- reading ----------------------------------------------------------------------------
    def tokens(self, row: int) -> list[str]:
        """The distinct terms of a document."""
        start, end = self.doc_start.values[row : row + 2].tolist()
        return [self.terms[t] for t in self.doc_terms.values[start:end].tolist()]

    def idf(self, term: str) -> float:
        tid = self.vocab.get(term)
        n = int(self.df.values[tid]) if tid is not None else 0
        total = max(self._alive_count, 1)
        return math.log(1 + (total - n + 0.5) / (n + 0.5))

    def _idf(self, tids: np.ndarray) -> np.ndarray:
        n = self.df[tids].astype(np.float64)
        return np.log(1 + (max(self._alive_count, 1) - n + 0.5) / (n + 0.5))

    def _ceiling(self, query: Iterable[str]) -> float:
        return sum(self.idf(t) * (K1 + 1) for t in set(query)) or 1.0

    def _query_ids(self, query: Iterable[str]) -> np.ndarray:
        """Ids of the query's terms found in some live document, sorted."""
        df = self.df.values
        ids = [tid for t in set(query) if (tid := self.vocab.get(t)) is not None and df[tid] > 0]
        return np.array(sorted(ids), dtype=np.int32)

    def _weigh(self, tids: np.ndarray, tf: np.ndarray, rows: np.ndarray) -> np.ndarray:
        avg = self._total_len / self._alive_count or 1.0
        tf = tf.astype(np.float64)
        norm = tf + K1 * (1 - B + B * self.doc_len[rows] / avg)
        return self._idf(tids) * tf * (K1 + 1) / norm

    def score_rows(self, query: Sequence[str], rows: np.ndarray) -> np.ndarray:
        """Normalised scores of the given documents (0 where nothing is shared), in their order.

        Reads each document's own terms: a rerank over a few hundred candidates costs the same at
        1M documents as at 1k.
        """
        rows = np.asarray(rows, dtype=np.int64)
        qids = self._query_ids(query) if self._alive_count else np.zeros(0, dtype=np.int32)
        if not len(rows) or not len(qids):
            return np.zeros(len(rows))
        starts = self.doc_start[rows]
        lengths = self.doc_start[rows + 1] - starts
        owner = np.repeat(np.arange(len(rows)), lengths)
        positions = ranges(starts, lengths)
        terms = self.doc_terms[positions]
        hit = np.isin(terms, qids)
        weights = self._weigh(terms[hit], self.doc_tf[positions[hit]], rows[owner[hit]])
        return np.bincount(owner[hit], weights=weights, minlength=len(rows)) / self._ceiling(query)

    def score_pairs(self, queries: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """`score_rows(tokens(queries[i]), [docs[i]])` for every i at once, both stored live documents.

        For all-pairs work (R&D overlap over 100k projects: millions of pairs), where one call per
        query would cost more in Python than the arithmetic: a document term is matched to the
        query's terms by looking up (query, term) in the sorted (query, term) keys of the queries.
        """
        queries = np.asarray(queries, dtype=np.int64)
        docs = np.asarray(docs, dtype=np.int64)
        if not len(queries) or not self._alive_count:
            return np.zeros(len(queries))
        vocabulary = max(len(self.terms), 1)
        asked, local = np.unique(queries, return_inverse=True)
        q_lengths = self.doc_start[asked + 1] - self.doc_start[asked]
        q_terms = self.doc_terms[ranges(self.doc_start[asked], q_lengths)]
        q_owner = np.repeat(np.arange(len(asked), dtype=np.int64), q_lengths)
        keys = np.sort(q_owner * vocabulary + q_terms)
        ceilings = np.bincount(q_owner, weights=self._idf(q_terms) * (K1 + 1), minlength=len(asked))
        starts = self.doc_start[docs]
        lengths = self.doc_start[docs + 1] - starts
        owner = np.repeat(np.arange(len(docs)), lengths)
        positions = ranges(starts, lengths)
        terms = self.doc_terms[positions]
        wanted = local[owner] * vocabulary + terms
        found = np.searchsorted(keys, wanted)
        hit = keys[np.minimum(found, len(keys) - 1)] == wanted if len(keys) else np.zeros(len(wanted), dtype=np.bool_)
        weights = self._weigh(terms[hit], self.doc_tf[positions[hit]], docs[owner[hit]])
        totals = np.bincount(owner[hit], weights=weights, minlength=len(docs))
        return totals / np.where(ceilings > 0, ceilings, 1.0)[local]

    def retrieve(self, query: Sequence[str], max_postings: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(rows, normalised scores) of the live documents sharing a term with the query.

        With `max_postings`, terms found in more documents than that are not used to retrieve (on a
        large corpus a common word would touch half of it); rare terms, model numbers first, still are.
        """
        if not self._alive_count:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        found_rows, found_scores = [], []
        for tid in self._query_ids(query).tolist():
            if max_postings is not None and self.df[tid] > max_postings:
                continue
            # Copies, not views: a view would keep another thread from appending to the postings.
            rows = np.array(self._rows[tid], dtype=np.int64)
            tf = np.array(self._tf[tid], dtype=np.uint16)
            live = self.alive[rows]
            rows, tf = rows[live], tf[live]
            found_rows.append(rows)
            found_scores.append(self._weigh(np.full(len(rows), tid, dtype=np.int32), tf, rows))
        if not found_rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        unique = np.unique(np.concatenate(found_rows), return_inverse=True)
        scores = np.bincount(unique[1], weights=np.concatenate(found_scores), minlength=len(unique[0]))
        return unique[0], scores / self._ceiling(query)

    def scores(
        self, query: Sequence[str], rows: Iterable[int] | None = None, max_postings: int | None = None
    ) -> dict[int, float]:
        """Normalised scores of the documents sharing a term with the query (of `rows` only, if given)."""
        if rows is not None:
            wanted = np.fromiter(rows, dtype=np.int64)
            values = self.score_rows(query, wanted)
            return {int(r): float(s) for r, s in zip(wanted, values, strict=True) if s > 0}
        found, values = self.retrieve(query, max_postings)
        return {int(r): float(s) for r, s in zip(found, values, strict=True)}

    def top(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        rows, values = self.retrieve(query)
        order = np.argsort(-values, kind="stable")[:k]
        return [(int(rows[i]), float(values[i])) for i in order]

    # -- persistence ------------------------------------------------------------------------
    def export(self, rows: np.ndarray) -> dict[str, np.ndarray | list[str]]:
        """The given live documents renumbered 0, 1, ... in that order, with only the terms they use."""
        rows = np.asarray(rows, dtype=np.int64)
        starts = self.doc_start[rows]
        lengths = self.doc_start[rows + 1] - starts
        positions = ranges(starts, lengths)
        used, terms = np.unique(self.doc_terms[positions], return_inverse=True)
        return {
            "terms": [self.terms[t] for t in used.tolist()],
            "doc_terms": terms.astype(np.int32),
            "doc_tf": self.doc_tf[positions],
            "doc_start": np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
            "doc_len": self.doc_len[rows],
        }

    @classmethod
    def restore(cls, state: dict) -> BM25:
        bm25 = cls()
        terms: list[str] = list(state["terms"])
        bm25.terms = terms
        bm25.vocab = {t: i for i, t in enumerate(terms)}
        doc_terms = np.asarray(state["doc_terms"], dtype=np.int32)
        doc_start = np.asarray(state["doc_start"], dtype=np.int64)
        bm25.doc_terms = Column(np.int32, data=doc_terms)
        bm25.doc_tf = Column(np.uint16, data=state["doc_tf"])
        bm25.doc_start = Column(np.int64, data=doc_start)
        bm25.doc_len = Column(np.int32, data=state["doc_len"])
        n = len(bm25.doc_len)
        bm25.alive = Column(np.bool_, data=np.ones(n, dtype=np.bool_))
        bm25._alive_count = n
        bm25._total_len = int(bm25.doc_len.values.sum())
        counts = np.bincount(doc_terms, minlength=len(terms))
        bm25.df = Column(np.int32, data=counts)
        # Postings from the documents: sort positions by term (stable, so rows stay ascending).
        order = np.argsort(doc_terms, kind="stable")
        row_of = np.repeat(np.arange(n, dtype=np.int32), np.diff(doc_start))[order]
        tf_of = bm25.doc_tf.values[order]
        bounds = np.concatenate([[0], np.cumsum(counts)]).tolist()
        for tid in range(len(terms)):
            rows, tfs = array("i"), array("H")
            rows.frombytes(row_of[bounds[tid] : bounds[tid + 1]].tobytes())
            tfs.frombytes(tf_of[bounds[tid] : bounds[tid + 1]].tobytes())
            bm25._rows.append(rows)
            bm25._tf.append(tfs)
        return bm25
