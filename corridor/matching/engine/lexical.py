"""BM25 (Okapi) over jieba tokens: the lexical evidence for specific terms and model numbers."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

K1 = 1.2
B = 0.75


class BM25:
    """An inverted index over token lists; scores are normalised to [0, 1] per query.

    Normalising by the query's own ceiling (every query term matched at the saturation limit)
    rather than by the best document keeps the figure absolute: a query that shares one weak word
    with every document does not make that word look like strong evidence.
    """

    def __init__(self) -> None:
        self.postings: dict[str, dict[int, int]] = {}
        self.doc_len: list[int] = []
        self.alive: list[bool] = []
        self.doc_terms: list[tuple[str, ...]] = []
        self._total_len = 0
        self._alive_count = 0

    def __len__(self) -> int:
        return self._alive_count

    def add(self, doc_tokens: Sequence[str]) -> int:
        row = len(self.doc_len)
        for term, count in Counter(doc_tokens).items():
            self.postings.setdefault(term, {})[row] = count
        self.doc_len.append(len(doc_tokens))
        self.doc_terms.append(tuple(set(doc_tokens)))
        self.alive.append(True)
        self._total_len += len(doc_tokens)
        self._alive_count += 1
        return row

    def remove(self, row: int) -> None:
        if not self.alive[row]:
            return
        self.alive[row] = False
        self._total_len -= self.doc_len[row]
        self._alive_count -= 1
        for term in self.doc_terms[row]:
            postings = self.postings.get(term)
            if postings is not None:
                postings.pop(row, None)
                if not postings:
                    del self.postings[term]
        self.doc_terms[row] = ()

    def idf(self, term: str) -> float:
        n = len(self.postings.get(term, ()))
        total = max(self._alive_count, 1)
        return math.log(1 + (total - n + 0.5) / (n + 0.5))

    def _ceiling(self, query: Iterable[str]) -> float:
        return sum(self.idf(t) * (K1 + 1) for t in set(query)) or 1.0

    def scores(
        self, query: Sequence[str], rows: Iterable[int] | None = None, max_postings: int | None = None
    ) -> dict[int, float]:
        """Normalised scores of the documents sharing a term with the query.

        With `rows`, only those documents are scored, by looking each up in the term's postings: a
        rerank over a few hundred candidates costs the same at 1M documents as at 1k. With
        `max_postings`, terms found in more documents than that are not used to retrieve (on a large
        corpus a common word would touch half of it); rare terms, model numbers first, still are.
        """
        if not self._alive_count:
            return {}
        avg = self._total_len / self._alive_count or 1.0
        wanted = None if rows is None else list(rows)
        out: dict[int, float] = {}
        for term in set(query):
            postings = self.postings.get(term)
            if not postings:
                continue
            idf = self.idf(term)
            if wanted is not None:
                pairs: Iterable[tuple[int, int]] = ((r, postings[r]) for r in wanted if r in postings)
            elif max_postings is not None and len(postings) > max_postings:
                continue
            else:
                pairs = postings.items()
            for row, tf in pairs:
                norm = tf + K1 * (1 - B + B * self.doc_len[row] / avg)
                out[row] = out.get(row, 0.0) + idf * tf * (K1 + 1) / norm
        ceiling = self._ceiling(query)
        return {row: s / ceiling for row, s in out.items()}

    def top(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        scored = self.scores(query)
        if not scored:
            return []
        rows = np.fromiter(scored.keys(), dtype=np.int64, count=len(scored))
        values = np.fromiter(scored.values(), dtype=np.float64, count=len(scored))
        order = np.argsort(-values)[:k]
        return [(int(rows[i]), float(values[i])) for i in order]
