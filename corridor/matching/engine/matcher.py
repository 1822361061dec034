"""Ranking counterparts: retrieve candidates by meaning and by shared terms, then rerank with rules.

score = semantic·cosine + lexical·BM25(words) + specific·BM25(model numbers) + concept·BM25(bilingual concepts)
        + figures·agreement + category·fit + chain·fit + region·fit

Concepts (lexicon.py) give a Chinese need and an English offer shared lexical evidence; figures
(numbers.py) tell a 12 kg robot from a 36 kg one when the words are the same.

Candidates of the same side (a need for a need) are never returned. One of a mismatched category
(funding for a product need) loses points, and is returned only when the rest of its evidence is plain
(PLAIN): what the need asks for is not hidden by a loosely chosen category. Chain and region rules are silent when either side names nothing,
so a corpus without segments or regions ranks on meaning, terms and category alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from corridor.matching.engine import embedders, lexicon, numbers, rules, text
from corridor.matching.engine.arrays import Column, ranges
from corridor.matching.engine.lexical import BM25
from corridor.matching.engine.vectors import EXACT_LIMIT, VectorIndex

SIDES = ("need", "offer")
MAX_MARGIN = 64
"""The graph is asked for at most this many times the wanted candidates before giving up on more."""
SUFFICIENT = 20
"""Widening stops once this many eligible candidates are in hand: the lexical stage adds more, and a
wider graph search costs more than the rare candidate it would add."""
RARE_POSTINGS = 1_000
"""On an ANN-sized corpus, a term in more documents than this does not retrieve candidates (it still scores them)."""
Progress = Callable[[str, int, int], None]
FORMAT = 2
"""Version of the saved engine; an index saved in another format is rebuilt from the database."""
MISMATCHED = 5
"""At most this many candidates of a mismatched category come from the search by meaning."""
PLAIN = 0.45
"""A candidate of a mismatched category is kept when its score without the category part reaches this:
in the demo a harmonic-reducer need filed as "technology" scores 0.61 (English) and 0.94 (Chinese) with a
reducer offered as a product, while robots offered to a funding need stay under 0.32."""


@dataclass(frozen=True)
class Item:
    """One listing as the engine sees it. `text` is everything worth reading (title and body)."""

    id: str
    text: str
    category: str
    side: str = "offer"
    segments: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.category not in rules.CATEGORIES:
            raise ValueError(f"category {self.category!r} of {self.id!r} is not one of {', '.join(rules.CATEGORIES)}")
        if self.side not in SIDES:
            raise ValueError(f"side {self.side!r} of {self.id!r} is not 'need' or 'offer'")


@dataclass(frozen=True)
class Weights:
    # Chosen on the tune half of bench/data (bench/match_quality.py --tune), reported on the test half.
    # Bilingual concepts carry most of the lexical evidence (concept 0.4); model numbers still count
    # (specific 0.15) and figures that agree break ties between same-worded offers (figures 0.1); plain
    # same-language words add nothing measurable once meaning and concepts are known (the grid chose 0).
    semantic: float = 1.0
    lexical: float = 0.0
    specific: float = 0.15
    concept: float = 0.4
    figures: float = 0.1
    category: float = 0.15
    chain: float = 0.12
    region: float = 0.05


@dataclass
class Explanation:
    semantic: float
    lexical: float
    specific: float
    concept: float
    figures: float | None
    category: float
    chain: float | None
    region: float | None
    contributions: dict[str, float]
    shared_terms: list[str] = field(default_factory=list)
    shared_segments: list[str] = field(default_factory=list)
    supplying_segments: list[str] = field(default_factory=list)
    shared_regions: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Evidence:
    """Lexical evidence for one candidate: BM25 of words, model numbers and concepts; figure agreement."""

    lexical: float
    specific: float
    concept: float
    figures: float | None


@dataclass
class Match:
    id: str
    score: float
    explanation: Explanation


SIDE_CODE = {"need": 0, "offer": 1}
CATEGORY_CODE = {c: i for i, c in enumerate(rules.CATEGORIES)}


@lru_cache(maxsize=8192)
def _analyse(body: str) -> tuple[list[str], list[str], list[str]]:
    # Cached because the same text recurs (a listing re-posted, one offer per city): the lists are
    # shared between items and never mutated.
    return text.tokens(body), text.specific_tokens(body), lexicon.concepts(body)


def content_hash(embedder_name: str, body: str) -> int:
    """64 bits of the text and the model that embedded it: equal hashes, no need to embed again."""
    return int.from_bytes(hashlib.blake2b(f"{embedder_name}\x00{body}".encode(), digest_size=8).digest(), "little")


class Matcher:
    """A corpus of items (both sides) that can rank counterparts for any item, stored or not.

    Each side has its own vector index, since a need only ever looks for offers and an offer for
    needs. What the ranking needs of a stored item (side, category, content hash, figures, tokens)
    is kept in columns indexed by an integer label, not as one Python object per item: the texts
    themselves are not kept at all.
    """

    def __init__(
        self,
        embedder: embedders.Embedder | None = None,
        weights: Weights | None = None,
        supplies: rules.Supplies | None = None,
        exact_limit: int = EXACT_LIMIT,
        candidates: int = 100,
    ) -> None:
        self.embedder = embedder or embedders.get()
        self.weights = weights or Weights()
        self.upstream = rules.suppliers_of(supplies or {})
        self.candidates = candidates
        self.indexes = {side: VectorIndex(self.embedder.dim, exact_limit=exact_limit) for side in SIDES}
        self.bm25 = BM25()
        self.bm25_specific = BM25()  # same rows as bm25: added and removed together
        self.bm25_concept = BM25()  # same rows again
        self._label: dict[str, int] = {}
        self._ids: list[str | None] = []  # by label
        self._side = Column(np.int8, fill=-1)  # by label; -1: not in the corpus
        self._category = Column(np.int8)
        self._hash = Column(np.uint64)
        self._row = Column(np.int64, fill=-1)  # the label's row in the three BM25 indexes
        self._label_of_row = Column(np.int64, fill=-1)
        self._fig_start = Column(np.int64)  # the label's figures: _fig_low/_fig_high[start:start+count]
        self._fig_count = Column(np.int32)
        self._fig_low = Column(np.float64)
        self._fig_high = Column(np.float64)
        self._places: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # segments, regions (when any)

    def __len__(self) -> int:
        return sum(len(index) for index in self.indexes.values())

    def __contains__(self, item_id: str) -> bool:
        label = self._label.get(item_id)
        return label is not None and self._side[label] >= 0

    @property
    def uses_ann(self) -> bool:
        return any(index.uses_ann for index in self.indexes.values())

    def ids(self) -> list[str]:
        return [self._ids[label] or "" for label in np.flatnonzero(self._side.values >= 0).tolist()]

    def side_of(self, item_id: str) -> str | None:
        return SIDES[self._side[self._label[item_id]]] if item_id in self else None

    def vector(self, item_id: str) -> np.ndarray:
        label = self._label[item_id]
        return self.indexes[SIDES[self._side[label]]].vector(label)

    def set_supplies(self, supplies: rules.Supplies) -> None:
        self.upstream = rules.suppliers_of(supplies)

    # -- corpus -----------------------------------------------------------------------------
    def upsert(
        self, items: Iterable[Item], progress: Progress | None = None, batch: int = 4096, vectors: np.ndarray | None = None
    ) -> int:
        """Add or update items; only those whose text changed are embedded again. Returns that count.

        `vectors`, one row per item in order, are embeddings computed elsewhere (an import of
        precomputed embeddings, a benchmark corpus): they are stored instead of encoding the texts.
        """
        items = list(items)
        if not items:
            return 0
        labels = np.array([self._label_for(i.id) for i in items], dtype=np.int64)
        self._grow()
        digests = np.array([content_hash(self.embedder.name, i.text) for i in items], dtype=np.uint64)
        sides = np.array([SIDE_CODE[i.side] for i in items], dtype=np.int8)
        old_sides = self._side[labels]
        changed = (old_sides < 0) | (self._hash[labels] != digests) | (old_sides != sides)
        moved = (old_sides >= 0) & (old_sides != sides)
        for code, side in enumerate(SIDES):  # a need turned into an offer leaves the needs' index
            self.indexes[side].remove(labels[moved & (old_sides == code)].tolist())
        self._category[labels] = [CATEGORY_CODE[i.category] for i in items]
        for item, label in zip(items, labels.tolist(), strict=True):
            if item.segments or item.regions:
                self._places[label] = (item.segments, item.regions)
            else:
                self._places.pop(label, None)
        pending = np.flatnonzero(changed)
        for start in range(0, len(pending), batch):
            chunk = pending[start : start + batch]
            chunk_items = [items[i] for i in chunk.tolist()]
            encoded = vectors[chunk] if vectors is not None else self.embedder.encode([i.text for i in chunk_items])
            for code, side in enumerate(SIDES):
                mine = sides[chunk] == code
                self.indexes[side].upsert(labels[chunk][mine], np.asarray(encoded)[mine])
            self._set_tokens(labels[chunk], chunk_items)
            self._hash[labels[chunk]] = digests[chunk]
            self._side[labels[chunk]] = sides[chunk]
            if progress:
                progress("embed", min(start + batch, len(pending)), len(pending))
        return len(pending)

    def remove(self, ids: Iterable[str]) -> None:
        gone = [label for i in ids if (label := self._label.get(i)) is not None and self._side[label] >= 0]
        for label in gone:
            self.indexes[SIDES[self._side[label]]].remove([label])
            self._remove_row(label)
            self._side[label] = -1
            self._places.pop(label, None)

    def _label_for(self, item_id: str) -> int:
        label = self._label.get(item_id)
        if label is None:
            label = self._label[item_id] = len(self._ids)
            self._ids.append(item_id)
        return label

    def _grow(self) -> None:
        """Give every per-label column a value for every label handed out."""
        count = len(self._ids)
        if count > len(self._side):
            for column in (self._side, self._category, self._hash, self._row, self._fig_start, self._fig_count):
                column.set(count - 1, column.fill)

    def _remove_row(self, label: int) -> None:
        row = int(self._row[label])
        if row >= 0:
            for bm25 in (self.bm25, self.bm25_specific, self.bm25_concept):
                bm25.remove(row)
            self._row[label] = -1

    def _set_tokens(self, labels: np.ndarray, items: list[Item]) -> None:
        for label in labels.tolist():
            self._remove_row(label)
        analysed = [_analyse(item.text) for item in items]
        first = self.bm25.add_many([a[0] for a in analysed])
        self.bm25_specific.add_many([a[1] for a in analysed])
        self.bm25_concept.add_many([a[2] for a in analysed])
        rows = np.arange(first, first + len(items), dtype=np.int64)
        self._label_of_row.set(int(rows[-1]), -1)
        self._label_of_row[rows] = labels
        self._row[labels] = rows
        found = [numbers.figures(item.text) for item in items]
        counts = np.array([len(f) for f in found], dtype=np.int32)
        self._fig_start[labels] = len(self._fig_low) + np.cumsum(counts) - counts
        self._fig_count[labels] = counts
        self._fig_low.extend([f.low for figures in found for f in figures])
        self._fig_high.extend([f.high for figures in found for f in figures])

    def _figures(self, label: int) -> list[numbers.Figure]:
        start, count = int(self._fig_start.values[label]), int(self._fig_count.values[label])
        return [numbers.Figure(lo, hi) for lo, hi in zip(self._fig_low.values[start : start + count].tolist(),
                                                          self._fig_high.values[start : start + count].tolist(), strict=True)]

    def _other(self, label: int) -> Item:
        """A stored item as the rules see it (its text is not kept)."""
        segments, regions = self._places.get(label, ((), ()))
        return Item(self._ids[label] or "", "", rules.CATEGORIES[self._category.values[label]], SIDES[self._side.values[label]],
                    segments, regions)

    # -- ranking ----------------------------------------------------------------------------
    def rank(
        self,
        query: Item,
        k: int = 10,
        allowed: Collection[str] | None = None,
        vector: np.ndarray | None = None,
        shared_terms: bool = True,
    ) -> list[Match]:
        """The k best counterparts of `query` (stored or not), restricted to `allowed` ids if given.

        `shared_terms=False` leaves the explanations' shared terms empty, for a caller that drops some
        matches first and then asks `add_shared_terms` for those it keeps.
        """
        if k <= 0 or not len(self):
            return []
        label, stored, (q_tokens, q_specific, q_concepts) = self._query_terms(query)
        q_figures = self._figures(label) if stored else numbers.figures(query.text)
        if vector is None:
            vector = self.vector(query.id) if stored else self.embedder.encode([query.text])[0]
        other = 1 - SIDE_CODE[query.side]
        index = self.indexes[SIDES[other]]
        fits = np.array([rules.category_fit(*self._need_offer(query.category, c, query.side)) for c in rules.CATEGORIES])
        allowed_labels = None if allowed is None else np.array(
            sorted(self._label[i] for i in allowed if i in self._label), dtype=np.int64)

        def counterpart(labels: np.ndarray) -> np.ndarray:
            ok = (self._side[labels] == other) & (labels != label)
            return ok & np.isin(labels, allowed_labels) if allowed_labels is not None else ok

        def eligible(labels: np.ndarray) -> np.ndarray:
            return counterpart(labels) & (fits[self._category[labels]] > 0)

        def mismatched(labels: np.ndarray) -> np.ndarray:
            return counterpart(labels) & (fits[self._category[labels]] < 0)

        cosines = self._semantic_candidates(index, vector, k, allowed_labels, eligible, mismatched)
        # Retrieval by shared terms as well as by meaning. On a large corpus only rare terms retrieve
        # (a model number, a rare concept): a common word would touch half of it.
        cap = RARE_POSTINGS if index.uses_ann else None
        added: list[int] = []
        for bm25, terms in ((self.bm25_specific, q_specific), (self.bm25, q_tokens), (self.bm25_concept, q_concepts)):
            rows, scores = bm25.retrieve(terms, max_postings=cap)
            best = self._label_of_row[rows[np.argsort(-scores, kind="stable")[: 2 * self.candidates]]]
            for found in best[eligible(best)].tolist():
                if len(added) >= self.candidates:
                    break
                if found not in cosines:
                    cosines[found] = 0.0
                    added.append(found)
        if added:
            for found, cosine in zip(added, (index.vectors(added) @ vector).tolist(), strict=True):
                cosines[found] = cosine
        best = self._rerank(query, k, cosines, (q_tokens, q_specific, q_concepts), q_figures)
        if shared_terms:
            self.add_shared_terms(query, best)
        return best

    def _query_terms(self, query: Item) -> tuple[int, bool, tuple[list[str], list[str], list[str]]]:
        """(label, stored with this very text, its words, model numbers and concepts)."""
        label = self._label.get(query.id, -1)
        stored = label >= 0 and self._side[label] >= 0 and int(self._hash[label]) == content_hash(self.embedder.name, query.text)
        if stored:
            row = int(self._row[label])
            return label, True, (self.bm25.tokens(row), self.bm25_specific.tokens(row), self.bm25_concept.tokens(row))
        return label, False, _analyse(query.text)

    def add_shared_terms(self, query: Item, matches: Iterable[Match]) -> None:
        """Fill in the terms each match shares with the query (model numbers and concepts included)."""
        q_tokens, _, q_concepts = self._query_terms(query)[2]
        for match in matches:
            row = int(self._row[self._label[match.id]])
            match.explanation.shared_terms = self._shared_terms(
                q_tokens, self.bm25.tokens(row), self.bm25_specific.tokens(row)
            ) + [c[1:] for c in sorted(set(q_concepts) & set(self.bm25_concept.tokens(row)))][:8]

    def _rerank(self, query: Item, k: int, cosines: dict[int, float], terms: tuple[list[str], list[str], list[str]],
                q_figures: list[numbers.Figure]) -> list[Match]:
        """Every candidate gets its full score, computed column-wise; the k best get their explanation.

        The sum runs over the parts in the order of `_parts`, so a total equals what `_score` gives.
        """
        q_tokens, q_specific, q_concepts = terms
        labels = np.fromiter(cosines, dtype=np.int64, count=len(cosines))
        cosine = np.fromiter(cosines.values(), dtype=np.float64, count=len(cosines))
        rows = self._row.values[labels]
        lexical = self.bm25.score_rows(q_tokens, rows)
        specific = self.bm25_specific.score_rows(q_specific, rows)
        concept = self.bm25_concept.score_rows(q_concepts, rows)
        figures = np.zeros(len(labels))
        stated = np.zeros(len(labels), dtype=np.bool_)
        if q_figures:  # figures are compared only where both sides state some
            counts = self._fig_count.values[labels]
            stated = counts > 0
            positions = ranges(self._fig_start.values[labels], counts)
            figures = numbers.agreements(q_figures, self._fig_low.values[positions], self._fig_high.values[positions],
                                         np.repeat(np.arange(len(labels)), counts), len(labels))
        fits = np.array([rules.category_fit(*self._need_offer(query.category, c, query.side)) for c in rules.CATEGORIES])
        category = fits[self._category.values[labels]]
        chain = np.zeros(len(labels))
        region = np.zeros(len(labels))
        if query.segments or query.regions:
            for i, label in enumerate(labels.tolist()):
                if label in self._places:
                    parts = self._parts(query, self._other(label), 0.0, Evidence(0.0, 0.0, 0.0, None))[1]
                    chain[i], region[i] = parts[1] or 0.0, parts[4] or 0.0
        w = self.weights
        total = w.semantic * cosine
        for weight, part in ((w.lexical, lexical), (w.specific, specific), (w.concept, concept), (w.figures, figures),
                             (w.category, category), (w.chain, chain), (w.region, region)):
            total = total + weight * part
        # A mismatched category is kept only when the rest of its evidence is plain, and then ranks below
        # every candidate of a fitting category that is plain too (its category part lowered to that end).
        evidence = total - w.category * category
        plain_fitting = total[(category >= 0) & (evidence >= PLAIN)]
        ceiling = float(plain_fitting.min()) - 0.001 if len(plain_fitting) else None
        if ceiling is not None:
            total = np.where(category < 0, np.minimum(total, ceiling), total)
        kept = [i for i in range(len(labels)) if category[i] >= 0 or evidence[i] >= PLAIN]
        order = sorted(kept, key=lambda i: (-round(float(total[i]), 6), self._ids[labels[i]] or ""))
        # Explanations only for those shown: the other candidates never need one.
        return [
            self._score(query, self._other(int(labels[i])), float(cosine[i]), Evidence(
                float(lexical[i]), float(specific[i]), float(concept[i]), float(figures[i]) if stated[i] else None),
                ceiling=ceiling)
            for i in order[:k]
        ]

    @staticmethod
    def _need_offer(mine: str, theirs: str, side: str) -> tuple[str, str]:
        return (mine, theirs) if side == "need" else (theirs, mine)

    def _semantic_candidates(self, index: VectorIndex, vector: np.ndarray, k: int, allowed: np.ndarray | None,
                             eligible: Callable[[np.ndarray], np.ndarray],
                             mismatched: Callable[[np.ndarray], np.ndarray]) -> dict[int, float]:
        """The nearest eligible labels of the other side by cosine, at most `candidates` (or k) of them, and
        the nearest few of a mismatched category among those the search saw (kept by _rerank if plain)."""
        want = max(self.candidates, k)
        # Exact search ranks everything; the graph is asked for a margin over what is wanted, since
        # some of the nearest are of an incompatible category. When nearly all of them are (a funding
        # need among a million product offers), the margin widens until enough are found. (A first
        # margin of 2 was measured 0.5 ms faster at 1M but found the gold offer's text first for 140
        # needs of 160 instead of 143-144: kept at 4.)
        margin = 4
        while True:
            asked = len(index) if not index.uses_ann else min(margin * want, len(index))
            seen, seen_cosines = index.search(vector, asked)
            keep = eligible(seen)
            labels, cosines = seen[keep][:want], seen_cosines[keep][:want]
            if len(labels) >= min(want, SUFFICIENT) or asked >= len(index) or margin >= MAX_MARGIN:
                break
            margin *= 4
        other = mismatched(seen)
        out = dict(zip(seen[other][:MISMATCHED].tolist(), seen_cosines[other][:MISMATCHED].tolist(), strict=True))
        out.update(zip(labels.tolist(), cosines.tolist(), strict=True))
        if index.uses_ann and len(out) < k and allowed is not None:
            # Few of the nearest are visible to this viewer: compare the visible ones exactly.
            rest = allowed[eligible(allowed) & ~np.isin(allowed, labels)]
            for start in range(0, len(rest), 10_000):
                part = rest[start : start + 10_000]
                out.update(zip(part.tolist(), (index.vectors(part) @ vector).tolist(), strict=True))
        return out

    def _parts(self, query: Item, other: Item, cosine: float, evidence: Evidence) -> tuple[dict[str, float], tuple]:
        """The weighted parts of the score, and the rule outcomes they came from."""
        need, offer = (query, other) if query.side == "need" else (other, query)
        category = rules.category_fit(need.category, offer.category)
        chain, shared_segments, supplying = rules.chain_fit(need.segments, offer.segments, self.upstream)
        region, shared_regions = rules.region_fit(need.regions, offer.regions)
        w = self.weights
        contributions = {
            "semantic": w.semantic * cosine,
            "lexical": w.lexical * evidence.lexical,
            "specific": w.specific * evidence.specific,
            "concept": w.concept * evidence.concept,
            "figures": w.figures * (evidence.figures or 0.0),
            "category": w.category * category,
            "chain": w.chain * (chain or 0.0),
            "region": w.region * (region or 0.0),
        }
        return contributions, (category, chain, shared_segments, supplying, region, shared_regions)

    def _score(self, query: Item, other: Item, cosine: float, evidence: Evidence, ceiling: float | None = None) -> Match:
        contributions, (category, chain, shared_segments, supplying, region, shared_regions) = self._parts(
            query, other, cosine, evidence
        )
        if category < 0 and ceiling is not None and sum(contributions.values()) > ceiling:
            contributions["category"] -= sum(contributions.values()) - ceiling  # see _rerank
        explanation = Explanation(
            semantic=round(cosine, 4),
            lexical=round(evidence.lexical, 4),
            specific=round(evidence.specific, 4),
            concept=round(evidence.concept, 4),
            figures=None if evidence.figures is None else round(evidence.figures, 4),
            category=category,
            chain=chain,
            region=region,
            contributions={name: round(value, 4) for name, value in contributions.items()},
            shared_segments=shared_segments,
            supplying_segments=supplying,
            shared_regions=shared_regions,
        )
        return Match(other.id, round(sum(contributions.values()), 6), explanation)

    def _shared_terms(self, a: Sequence[str], b: Sequence[str], b_specific: Sequence[str], limit: int = 8) -> list[str]:
        common = set(a) & (set(b) | set(b_specific))
        return sorted(common, key=lambda t: (-self.bm25.idf(t), t))[:limit]

    # -- persistence ------------------------------------------------------------------------
    @staticmethod
    def exists(directory: Path) -> bool:
        return (directory / "engine.json").exists()

    def save(self, directory: Path) -> None:
        """Write the corpus to `directory`, replacing what was there only once all of it is written."""
        live = np.flatnonzero(self._side.values >= 0)
        rows = self._row[live]
        starts, counts = self._fig_start[live], self._fig_count[live]
        positions = ranges(starts, counts)
        # Per process: several web workers may save the same corpus at the same time.
        tmp = directory.with_name(f"{directory.name}.saving-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for side, index in self.indexes.items():
            index.save(tmp / side)
        arrays: dict[str, np.ndarray] = {
            "labels": live, "side": self._side[live], "category": self._category[live], "hash": self._hash[live],
            "fig_count": counts, "fig_low": self._fig_low[positions], "fig_high": self._fig_high[positions],
        }
        terms = {}
        for name, bm25 in self._lexical().items():
            exported = bm25.export(rows)
            terms[name] = exported.pop("terms")
            arrays.update({f"{name}.{key}": np.asarray(value) for key, value in exported.items()})
        np.savez(tmp / "arrays.npz", **arrays)  # type: ignore[arg-type]  # numpy's stub takes the names for its options
        places = {str(label): [list(s), list(r)] for label, (s, r) in self._places.items()}
        state: dict[str, object] = {"format": FORMAT, "embedder": self.embedder.name, "next_label": len(self._ids),
                 "ids": [self._ids[label] for label in live.tolist()], "places": places, "terms": terms}
        (tmp / "engine.json").write_text(json.dumps(state, ensure_ascii=False))
        old = directory.with_name(f"{directory.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        try:
            directory.rename(old)
        except FileNotFoundError:
            pass
        try:
            tmp.rename(directory)
        except OSError:  # another process swapped its own copy in meanwhile: that one stands
            shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)

    def _lexical(self) -> dict[str, BM25]:
        return {"words": self.bm25, "specific": self.bm25_specific, "concepts": self.bm25_concept}

    @classmethod
    def load(cls, directory: Path, supplies: Mapping[str, Iterable[str]] | None = None, **kwargs) -> Matcher:
        state = json.loads((directory / "engine.json").read_text())
        if state.get("format") != FORMAT:
            raise ValueError(f"{directory}: engine format {state.get('format')}, expected {FORMAT}")
        matcher = cls(embedders.get(state["embedder"]), supplies=supplies, **kwargs)
        limit = matcher.indexes["need"].exact_limit
        matcher.indexes = {side: VectorIndex.load(directory / side, exact_limit=limit) for side in SIDES}
        with np.load(directory / "arrays.npz") as saved:
            arrays = {key: saved[key] for key in saved.files}
        labels = arrays["labels"]
        matcher._ids = [None] * int(state["next_label"])
        for label, item_id in zip(labels.tolist(), state["ids"], strict=True):
            matcher._ids[label] = item_id
            matcher._label[item_id] = label
        matcher._grow()
        matcher._side[labels] = arrays["side"]
        matcher._category[labels] = arrays["category"]
        matcher._hash[labels] = arrays["hash"]
        matcher._row[labels] = np.arange(len(labels))
        matcher._label_of_row = Column(np.int64, data=labels)
        counts = arrays["fig_count"]
        matcher._fig_count[labels] = counts
        matcher._fig_start[labels] = np.cumsum(counts) - counts
        matcher._fig_low = Column(np.float64, data=arrays["fig_low"])
        matcher._fig_high = Column(np.float64, data=arrays["fig_high"])
        for name in matcher._lexical():
            prefix = f"{name}."
            bm25 = BM25.restore({"terms": state["terms"][name],
                                 **{k[len(prefix):]: v for k, v in arrays.items() if k.startswith(prefix)}})
            setattr(matcher, {"words": "bm25", "specific": "bm25_specific", "concepts": "bm25_concept"}[name], bm25)
        matcher._places = {int(label): (tuple(s), tuple(r)) for label, (s, r) in state["places"].items()}
        # Spare room now, so that the first listing added after a start does not copy the columns.
        lexical = [c for b in matcher._lexical().values() for c in (b.doc_terms, b.doc_tf, b.doc_start, b.doc_len, b.alive)]
        for column in (matcher._side, matcher._category, matcher._hash, matcher._row, matcher._label_of_row,
                       matcher._fig_start, matcher._fig_count, matcher._fig_low, matcher._fig_high, *lexical):
            column.reserve(len(column) + 1)
        return matcher
