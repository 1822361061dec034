"""Ranking counterparts: retrieve candidates by meaning and by shared terms, then rerank with rules.

score = semantic·cosine + lexical·BM25(words) + specific·BM25(model numbers) + concept·BM25(bilingual concepts)
        + figures·agreement + category·fit + chain·fit + region·fit

Concepts (lexicon.py) give a Chinese need and an English offer shared lexical evidence; figures
(numbers.py) tell a 12 kg robot from a 36 kg one when the words are the same.

Candidates of an incompatible category (funding for a product need) or of the same side (a need
for a need) are never returned. Chain and region rules are silent when either side names nothing,
so a corpus without segments or regions ranks on meaning, terms and category alone.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from corridor.matching.engine import embedders, lexicon, numbers, rules, text
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


def _need_offer_categories(a: Item, b: Item) -> tuple[str, str]:
    return (a.category, b.category) if a.side == "need" else (b.category, a.category)


@lru_cache(maxsize=8192)
def _analyse(body: str) -> tuple[list[str], list[str], list[str]]:
    # Cached because the same text recurs (a listing re-posted, one offer per city): the lists are
    # shared between items and never mutated.
    return text.tokens(body), text.specific_tokens(body), lexicon.concepts(body)


def content_hash(embedder_name: str, body: str) -> str:
    return hashlib.blake2b(f"{embedder_name}\x00{body}".encode(), digest_size=12).hexdigest()


class Matcher:
    """A corpus of items (both sides) that can rank counterparts for any item, stored or not."""

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
        self.index = VectorIndex(self.embedder.dim, exact_limit=exact_limit)
        self.bm25 = BM25()
        self.bm25_specific = BM25()  # same rows as bm25: added and removed together
        self.bm25_concept = BM25()  # same rows again
        self.items: dict[str, Item] = {}
        self._label: dict[str, int] = {}
        self._id_of: dict[int, str] = {}
        self._hash: dict[str, str] = {}
        self._tokens: dict[str, list[str]] = {}
        self._specific: dict[str, list[str]] = {}
        self._concepts: dict[str, list[str]] = {}
        self._figures: dict[str, list[numbers.Figure]] = {}
        self._bm25_row: dict[str, int] = {}
        self._id_of_row: dict[int, str] = {}
        self._next_label = 0

    def __len__(self) -> int:
        return len(self.items)

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
        given = dict(zip([i.id for i in items], vectors, strict=True)) if vectors is not None else None
        pending: list[Item] = []
        for item in items:
            digest = content_hash(self.embedder.name, item.text)
            old = self.items.get(item.id)
            self.items[item.id] = item
            if old is not None and self._hash.get(item.id) == digest:
                continue
            self._hash[item.id] = digest
            pending.append(item)
        for start in range(0, len(pending), batch):
            chunk = pending[start : start + batch]
            encoded = np.stack([given[i.id] for i in chunk]) if given else self.embedder.encode([i.text for i in chunk])
            labels = [self._label_for(i.id) for i in chunk]
            self.index.upsert(labels, encoded)
            for item in chunk:
                self._set_tokens(item, *_analyse(item.text))
            if progress:
                progress("embed", min(start + batch, len(pending)), len(pending))
        return len(pending)

    def remove(self, ids: Iterable[str]) -> None:
        gone = [i for i in ids if i in self.items]
        self.index.remove([self._label[i] for i in gone])
        for item_id in gone:
            del self.items[item_id]
            self._hash.pop(item_id, None)
            self._tokens.pop(item_id, None)
            self._specific.pop(item_id, None)
            self._concepts.pop(item_id, None)
            self._figures.pop(item_id, None)
            row = self._bm25_row.pop(item_id, None)
            if row is not None:
                self._remove_row(row)

    def _label_for(self, item_id: str) -> int:
        if item_id not in self._label:
            self._label[item_id] = self._next_label
            self._id_of[self._next_label] = item_id
            self._next_label += 1
        return self._label[item_id]

    def _remove_row(self, row: int) -> None:
        self.bm25.remove(row)
        self.bm25_specific.remove(row)
        self.bm25_concept.remove(row)
        self._id_of_row.pop(row, None)

    def _set_tokens(self, item: Item, tokens: list[str], specific: list[str], concepts: list[str]) -> None:
        item_id = item.id
        old = self._bm25_row.pop(item_id, None)
        if old is not None:
            self._remove_row(old)
        row = self.bm25.add(tokens)
        self.bm25_specific.add(specific)
        self.bm25_concept.add(concepts)
        self._specific[item_id] = specific
        self._concepts[item_id] = concepts
        self._figures[item_id] = numbers.figures(item.text)
        self._bm25_row[item_id] = row
        self._id_of_row[row] = item_id
        self._tokens[item_id] = tokens

    # -- ranking ----------------------------------------------------------------------------
    def rank(
        self,
        query: Item,
        k: int = 10,
        allowed: Collection[str] | None = None,
        vector: np.ndarray | None = None,
    ) -> list[Match]:
        """The k best counterparts of `query` (stored or not), restricted to `allowed` ids if given."""
        if k <= 0 or not self.items:
            return []
        stored = query.id in self.items and self._hash.get(query.id) == content_hash(self.embedder.name, query.text)
        if vector is None:
            vector = self.index.vector(self._label[query.id]) if stored else self.embedder.encode([query.text])[0]
        q_tokens = self._tokens[query.id] if stored else text.tokens(query.text)
        q_specific = self._specific[query.id] if stored else text.specific_tokens(query.text)
        q_concepts = self._concepts[query.id] if stored else lexicon.concepts(query.text)
        q_figures = self._figures[query.id] if stored else numbers.figures(query.text)

        def eligible(item_id: str) -> bool:
            other = self.items.get(item_id)
            return (
                other is not None
                and other.side != query.side
                and item_id != query.id
                and (allowed is None or item_id in allowed)
                and rules.category_fit(*_need_offer_categories(query, other)) > 0
            )

        cosines = self._semantic_candidates(vector, k, allowed, eligible)
        # Retrieval by shared terms as well as by meaning. On a large corpus only rare terms retrieve
        # (a model number, a rare concept): a common word would touch half of it.
        cap = RARE_POSTINGS if self.index.uses_ann else None
        added = 0
        for bm25, terms in ((self.bm25_specific, q_specific), (self.bm25, q_tokens), (self.bm25_concept, q_concepts)):
            found = bm25.scores(terms, max_postings=cap)
            for row in heapq.nlargest(2 * self.candidates, found, key=found.__getitem__):
                if added >= self.candidates:
                    break
                item_id = self._id_of_row[row]
                if item_id not in cosines and eligible(item_id):
                    cosines[item_id] = float(self.index.vector(self._label[item_id]) @ vector)
                    added += 1
        # Rerank: every candidate gets its full lexical evidence, looked up row by row.
        rows = [self._bm25_row[item_id] for item_id in cosines]
        lexical = {self._id_of_row[r]: s for r, s in self.bm25.scores(q_tokens, rows=rows).items()}
        specific = {self._id_of_row[r]: s for r, s in self.bm25_specific.scores(q_specific, rows=rows).items()}
        concept = {self._id_of_row[r]: s for r, s in self.bm25_concept.scores(q_concepts, rows=rows).items()}
        scored = []
        for item_id, cosine in cosines.items():
            evidence = Evidence(lexical.get(item_id, 0.0), specific.get(item_id, 0.0), concept.get(item_id, 0.0),
                                numbers.agreement(q_figures, self._figures.get(item_id, [])))
            total = round(sum(self._parts(query, self.items[item_id], cosine, evidence)[0].values()), 6)
            scored.append((total, item_id, cosine, evidence))
        scored.sort(key=lambda row: (-row[0], row[1]))
        # Explanations only for those shown: the other candidates never need one.
        best = [self._score(query, self.items[item_id], cosine, evidence) for _, item_id, cosine, evidence in scored[:k]]
        for match in best:  # the shared terms only for those shown: the rest of the candidates never need them
            match.explanation.shared_terms = self._shared_terms(
                q_tokens, self._tokens.get(match.id, []), self._specific.get(match.id, [])
            ) + [c[1:] for c in sorted(set(q_concepts) & set(self._concepts.get(match.id, [])))][:8]
        return best

    def _semantic_candidates(
        self, vector: np.ndarray, k: int, allowed: Collection[str] | None, eligible: Callable[[str], bool]
    ) -> dict[str, float]:
        """The nearest eligible items by cosine, at most `candidates` (or k) of them."""
        want = max(self.candidates, k)
        # Exact search ranks everything; the graph is asked for a margin over what is wanted, since
        # some of the nearest are of the wrong side or category. When nearly all of them are (a need
        # whose nearest neighbours are many similar needs), the margin widens until enough are found.
        margin = 4
        while True:
            asked = len(self.index) if not self.index.uses_ann else min(margin * want, len(self.index))
            out: dict[str, float] = {}
            for label, cosine in self.index.search(vector, asked):
                item_id = self._id_of.get(label)
                if item_id is not None and eligible(item_id):
                    out[item_id] = cosine
                    if len(out) >= want:
                        break
            if len(out) >= min(want, SUFFICIENT) or asked >= len(self.index) or margin >= MAX_MARGIN:
                break
            margin *= 4
        if self.index.uses_ann and len(out) < k and allowed is not None:
            # Few of the nearest are visible to this viewer: compare the visible ones exactly.
            for item_id in allowed:
                if item_id not in out and eligible(item_id):
                    out[item_id] = float(self.index.vector(self._label[item_id]) @ vector)
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

    def _score(self, query: Item, other: Item, cosine: float, evidence: Evidence) -> Match:
        contributions, (category, chain, shared_segments, supplying, region, shared_regions) = self._parts(
            query, other, cosine, evidence
        )
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
    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.index.save(directory)
        state = {
            "embedder": self.embedder.name,
            "next_label": self._next_label,
            "items": [
                [asdict(item), self._label[item_id], self._hash[item_id], self._tokens[item_id], self._specific[item_id],
                 self._concepts[item_id]]
                for item_id, item in self.items.items()
            ],
        }
        tmp = directory / "items.json.tmp"
        tmp.write_text(json.dumps(state, ensure_ascii=False))
        tmp.replace(directory / "items.json")

    @classmethod
    def load(cls, directory: Path, supplies: Mapping[str, Iterable[str]] | None = None, **kwargs) -> Matcher:
        state = json.loads((directory / "items.json").read_text())
        matcher = cls(embedders.get(state["embedder"]), supplies=supplies, **kwargs)
        matcher.index = VectorIndex.load(directory, exact_limit=matcher.index.exact_limit)
        matcher._next_label = state["next_label"]
        for raw, label, digest, tokens, specific, concepts in state["items"]:
            raw["segments"], raw["regions"] = tuple(raw["segments"]), tuple(raw["regions"])
            item = Item(**raw)
            matcher.items[item.id] = item
            matcher._label[item.id] = label
            matcher._id_of[label] = item.id
            matcher._hash[item.id] = digest
            matcher._set_tokens(item, tokens, specific, concepts)
        return matcher
