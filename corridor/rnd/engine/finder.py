"""Overlapping projects across organisations: a corpus that finds all overlapping pairs, or those of one project.

Blocking: on a small corpus every pair of different organisations is scored; on a large one each
project's nearest neighbours by embedding (exact numpy, or an HNSW graph past `exact_limit`, as in
matching) are its candidates. Every candidate pair gets the full feature row (features.py) and a
score; pairs at or above the model's threshold overlap, lower ones that share a component or a
segment are "related but complementary". Explanations (`explain`) are built only for pairs shown.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from corridor.matching.engine import embedders, numbers
from corridor.matching.engine.arrays import Column, ranges
from corridor.matching.engine.lexical import BM25
from corridor.matching.engine.vectors import EXACT_LIMIT, HNSW_EF_CONSTRUCTION, HNSW_M
from corridor.rnd.engine import objective
from corridor.rnd.engine.features import DEFAULT, FEATURES, Model
from corridor.rnd.engine.project import Project, Reading, read, read_many

Progress = Callable[[str, int, int], None]
ALL_PAIRS_LIMIT = 3_000
"""Up to this many projects every pair is scored (4.5M pairs at most); above it, neighbours only."""
NEIGHBOURS = 24
"""Candidates per project on a large corpus (nearest by embedding, other organisations' or not)."""
PARALLEL_READ_FROM = 4_000
HUB_K = 10
"""Neighbours whose mean cosine is a project's hub value (see OverlapFinder.hubs)."""
FEW_QUERIES = 64
"""Pairs with at most this many distinct projects on one side are scored per query (the path of one new project)."""
SUPPORT = (0.3, 0.4)
"""Figures and model numbers that agree support a pair not at all when the cosine of its texts (or of its objectives,
whichever is higher) is at most SUPPORT[0], and in full from SUPPORT[1]: two texts about different things that both
state "≥ 90 %" or name "RV" agree by coincidence (on the round-5 probe set a blade-icing detector and a transformer gas
analyser at cosine 0.32 were an overlap on that alone). Raw cosines, not locally scaled ones: the bound must not move
with the corpus. On the dev split 90 % of non-overlapping pairs are below 0.33 and every overlap is above 0.56."""
ACTIVITY_BIT = {name: 1 << i for i, name in enumerate(objective.ACTIVITIES)}
OVERLAP, COMPLEMENTARY = "overlap", "complementary"


@dataclass
class Reasons:
    """Why two projects were paired, in plain data (the pages translate the labels)."""

    semantic: float
    objective: float
    shared_activities: list[str] = field(default_factory=list)
    activities_a: list[str] = field(default_factory=list)
    activities_b: list[str] = field(default_factory=list)
    parameters: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    segments: list[str] = field(default_factory=list)
    ipc: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


@dataclass
class Pair:
    a: str
    b: str
    score: float
    relation: str


class OverlapFinder:
    def __init__(self, embedder: embedders.Embedder | None = None, model: Model = DEFAULT,
                 exact_limit: int = EXACT_LIMIT, all_pairs_limit: int = ALL_PAIRS_LIMIT,
                 neighbours: int = NEIGHBOURS) -> None:
        self.embedder = embedder or embedders.get()
        self.model = model
        self.exact_limit = exact_limit
        self.all_pairs_limit = all_pairs_limit
        self.neighbours = neighbours
        self.projects: list[Project] = []
        self.readings: list[Reading] = []
        self._row: dict[str, int] = {}
        self._org_code: dict[str, int] = {}
        # One value per project in growable columns: adding one project must not copy the others.
        self._org = Column(np.int32)
        self._english = Column(np.int8)
        self._hub = Column(np.float32, fill=np.nan)  # see hubs()
        self._goal_hub = Column(np.float32, fill=np.nan)
        self._acts = Column(np.int32)  # activity classes as bits
        self._near = Column(np.int32)  # the same with their related classes (objective.RELATED): no clash with these
        self._vectors = Rows(self.embedder.dim)
        self._goal_vectors = Rows(self.embedder.dim)
        self.bm25, self.bm25_concept, self.bm25_specific = BM25(), BM25(), BM25()
        self._goal_concepts = TermSets()
        self._goal_words = TermSets()
        self._tagged = Column(np.bool_)
        self._fig_start = Column(np.int64)
        self._fig_count = Column(np.int64)
        self._fig_low = Column(np.float64)
        self._fig_high = Column(np.float64)
        self._retired = Column(np.bool_)  # entries replaced or removed: never a candidate again
        self.retired_count = 0
        self._graph = None

    def __len__(self) -> int:
        return len(self.projects)

    # -- corpus -----------------------------------------------------------------------------
    def add(self, projects: Sequence[Project], vectors: np.ndarray | None = None, goal_vectors: np.ndarray | None = None,
            progress: Progress | None = None) -> None:
        """Add projects (ids must be new). `vectors`/`goal_vectors`: embeddings computed elsewhere."""
        projects = list(projects)
        seen: set[str] = set()
        for p in projects:
            if p.id in self._row or p.id in seen:
                raise ValueError(f"project {p.id!r} is already in the corpus")
            seen.add(p.id)
        readings = self._read(projects, progress)
        if vectors is None and goal_vectors is None and len(projects) < 64:
            # One new project: its text and objective in one call to the model.
            both = self.embedder.encode([p.body for p in projects] + [r.objective for r in readings])
            vectors, goal_vectors = both[: len(projects)], both[len(projects) :]
        if vectors is None:
            vectors = self._encode([p.body for p in projects], "embed texts", progress)
        if goal_vectors is None:
            goal_vectors = self._encode([r.objective for r in readings], "embed objectives", progress)
        for offset, p in enumerate(projects):
            self._row[p.id] = len(self.projects) + offset
        self.projects += projects
        self.readings += readings
        codes = [self._org_code.setdefault(p.org, len(self._org_code)) for p in projects]
        first = len(self._org)
        self._org.extend(codes)
        self._english.extend([p.language == "en" for p in projects])
        self._hub.extend(np.full(len(projects), np.nan))
        self._goal_hub.extend(np.full(len(projects), np.nan))
        self._acts.extend([_mask(r.activities) for r in readings])
        self._near.extend([_mask(frozenset().union(*map(objective.related, r.activities))) for r in readings])
        self._vectors.extend(vectors)
        self._goal_vectors.extend(goal_vectors)
        self.bm25.add_many(r.tokens for r in readings)
        self.bm25_concept.add_many(r.concepts for r in readings)
        self.bm25_specific.add_many(r.specific for r in readings)
        counts = np.array([len(r.figures) for r in readings], dtype=np.int64)
        self._goal_concepts.extend([r.objective_concepts for r in readings])
        self._goal_words.extend([r.objective_words for r in readings])
        self._tagged.extend([bool(p.segments or p.ipc or p.keywords) for p in projects])
        self._retired.extend(np.zeros(len(projects), np.bool_))
        self._fig_start.extend(len(self._fig_low) + np.cumsum(counts) - counts)
        self._fig_count.extend(counts)
        self._fig_low.extend([f.low for r in readings for f in r.figures])
        self._fig_high.extend([f.high for r in readings for f in r.figures])
        if self._graph is not None:  # a built graph takes the new projects in; a bulk load builds it once, later
            graph = self._graph
            if len(self) > graph.get_max_elements():
                graph.resize_index(max(len(self), graph.get_max_elements() * 5 // 4))
            graph.add_items(np.asarray(vectors, np.float32), np.arange(first, len(self)))

    def retire(self, ids: Sequence[str]) -> None:
        """Entries that no longer stand for a project (edited: it came back under a new id; or deleted): they
        stay in the arrays (rows are positions) but are never a candidate nor an answer again."""
        for project_id in ids:
            row = self._row.get(project_id)
            if row is not None and not self._retired.values[row]:
                self._retired.values[row] = True
                self.retired_count += 1

    def is_retired(self, project_id: str) -> bool:
        row = self._row.get(project_id)
        return row is not None and bool(self._retired.values[row])

    def prepare(self) -> None:
        """Build now what queries would build: the neighbour graph past the exact limit, every project's hub
        values (else each query computes those of its neighbours that lack them: a second search per save), and
        the reader's dictionaries in this process (a bulk load reads in worker processes)."""
        read(Project(id="", org="", title="RV减速器寿命试验", text="Accelerated life test of RV reducers, 10,000 h."))
        if len(self) > self.exact_limit:
            self._hnsw()
        self.hubs(np.arange(len(self)))

    @property
    def vectors(self) -> np.ndarray:
        return self._vectors.values

    @property
    def goal_vectors(self) -> np.ndarray:
        return self._goal_vectors.values

    @property
    def org(self) -> np.ndarray:
        return self._org.values

    @property
    def cross_lang(self) -> np.ndarray:
        """1 for an English project, 0 for a Chinese one."""
        return self._english.values

    @property
    def acts(self) -> np.ndarray:
        return self._acts.values

    def _read(self, projects: list[Project], progress: Progress | None) -> list[Reading]:
        workers = min(os.cpu_count() or 1, 4)
        if len(projects) < PARALLEL_READ_FROM or workers < 2:
            out = read_many(projects)
        else:
            # jieba and the lexicon's expressions are pure Python: processes, not threads.
            step = -(-len(projects) // (workers * 8))
            chunks = [projects[i : i + step] for i in range(0, len(projects), step)]
            out = []
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                for part in pool.map(read_many, chunks):
                    out += part
                    if progress:
                        progress("read texts", len(out), len(projects))
        if progress:
            progress("read texts", len(projects), len(projects))
        return out

    def _encode(self, texts: list[str], stage: str, progress: Progress | None) -> np.ndarray:
        # The model is most of a bulk load's CPU: a text that comes again (a re-filed project, a short
        # objective that many share: "title + first sentence") is embedded once.
        index: dict[str, int] = {}
        where = np.fromiter((index.setdefault(t, len(index)) for t in texts), dtype=np.int64, count=len(texts))
        distinct = list(index)
        step = 20_000
        parts = []
        for start in range(0, len(distinct), step):
            parts.append(self.embedder.encode(distinct[start : start + step]))
            if progress:
                progress(stage, min(start + step, len(distinct)), len(distinct))
        if not parts:
            return np.zeros((0, self.embedder.dim), np.float32)
        return np.vstack(parts)[where]

    # -- blocking ---------------------------------------------------------------------------
    def candidate_pairs(self, progress: Progress | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Rows (a < b) of projects of different organisations worth scoring."""
        n = len(self)
        if n <= self.all_pairs_limit:
            a, b = np.triu_indices(n, k=1)
        else:
            a, b = self._neighbour_pairs(progress)
        keep = self.org[a] != self.org[b]
        return a[keep].astype(np.int64), b[keep].astype(np.int64)

    def _neighbour_pairs(self, progress: Progress | None) -> tuple[np.ndarray, np.ndarray]:
        n, k = len(self), min(self.neighbours + 1, len(self))
        search = min(max(self.neighbours, HUB_K) + 1, len(self))
        found = np.zeros((n, k), dtype=np.int64)
        step = 10_000
        for start in range(0, n, step):
            stop = min(start + step, n)
            labels, sims = self._knn(self.vectors[start:stop], search)
            nearest = np.argsort(-sims, axis=1, kind="stable")[:, :k]
            found[start:stop] = np.take_along_axis(labels, nearest, axis=1)
            self._set_hubs(np.arange(start, stop), labels, sims)  # from the same search: no second pass
            if progress:
                progress("find neighbours", stop, n)
        a = np.repeat(np.arange(n), k)
        b = found.ravel()
        low, high = np.minimum(a, b), np.maximum(a, b)
        pairs = np.unique(low[low != high] * n + high[low != high])
        return pairs // n, pairs % n

    def _knn(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, cosines) of the k nearest projects of each query row, in no particular order."""
        if len(self) <= self.exact_limit:
            # One query (a save) by numpy's own loop: a BLAS product this thin waits on its second thread, which
            # a loaded 2-core machine rarely gives it (p50 21 ms against 0.5 ms over 5,000 projects, measured).
            sims = np.einsum("ij,kj->ik", queries, self.vectors) if len(queries) <= 2 else queries @ self.vectors.T
            top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            return top, np.take_along_axis(sims, top, axis=1)
        graph = self._hnsw()
        labels, distances = graph.knn_query(queries, k=k, num_threads=os.cpu_count() or 1)
        return labels.astype(np.int64), 1.0 - distances

    def hubs(self, rows: np.ndarray) -> np.ndarray:
        """Per row, the mean cosine to its HUB_K nearest other projects (computed once, when first needed).

        Some texts sit close to everything (short, generic, or in the language most of the corpus is
        in: two Chinese texts are closer than a Chinese and an English one saying the same), so a
        cosine is read against the two projects' own neighbourhoods: cosine − (hub(a) + hub(b)) / 2
        (cross-domain similarity local scaling, as used for bilingual word embeddings). Hubs of stored
        projects are not revised when later projects arrive.
        """
        hub = self._hub.values
        missing = np.unique(rows[np.isnan(hub[rows])])
        k = min(HUB_K + 1, len(self))
        for start in range(0, len(missing), 2_000):  # the goal cosines of a chunk take 22 KiB a row
            chunk = missing[start : start + 2_000]
            labels, sims = self._knn(self.vectors[chunk], k)
            self._set_hubs(chunk, labels, sims)
        return hub[rows]

    def goal_hubs(self, rows: np.ndarray) -> np.ndarray:
        """The same for the objectives, over the neighbours found by the whole texts (one graph, not two)."""
        self.hubs(rows)
        return self._goal_hub.values[rows]

    def _set_hubs(self, rows: np.ndarray, labels: np.ndarray, sims: np.ndarray) -> None:
        self._hub.values[rows] = _hub_of(rows, labels, sims)
        goal_sims = np.einsum("id,ikd->ik", self.goal_vectors[rows], self.goal_vectors[labels])
        self._goal_hub.values[rows] = _hub_of(rows, labels, goal_sims)

    def _hnsw(self):  # -> hnswlib.Index
        if self._graph is None:
            import hnswlib

            graph = hnswlib.Index(space="ip", dim=self.embedder.dim)
            graph.init_index(max_elements=max(len(self), 16), ef_construction=HNSW_EF_CONSTRUCTION, M=HNSW_M)
            graph.set_num_threads(os.cpu_count() or 1)
            for start in range(0, len(self), 50_000):
                graph.add_items(self.vectors[start : start + 50_000], np.arange(start, min(start + 50_000, len(self))))
            graph.set_ef(max(64, 2 * self.neighbours))
            self._graph = graph
        return self._graph

    # -- scoring ----------------------------------------------------------------------------
    def features(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """One row of FEATURES per pair of rows (a[i], b[i]), as the model is fitted on (before SUPPORT)."""
        return self._features(a, b)[0]

    def _features(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The FEATURES rows; whether the two objectives share a concept (a component: "related" needs one;
        sharing a word such as "develop" is not sharing a component); how far agreeing figures and model
        numbers count (SUPPORT)."""
        m = len(a)
        x = np.zeros((m, len(FEATURES)))
        col = {name: i for i, name in enumerate(FEATURES)}
        x[:, col["bias"]] = 1.0
        cross = (self.cross_lang[a] != self.cross_lang[b]).astype(np.float64)
        raw_text, raw_goal = np.zeros(m), np.zeros(m)
        for start in range(0, m, 100_000):
            s = slice(start, start + 100_000)
            raw_text[s] = _rowdot(self.vectors, a[s], b[s])
            raw_goal[s] = _rowdot(self.goal_vectors, a[s], b[s])
            x[s, col["cosine"]] = raw_text[s] - (self.hubs(a[s]) + self.hubs(b[s])) / 2
            x[s, col["objective"]] = raw_goal[s] - (self.goal_hubs(a[s]) + self.goal_hubs(b[s])) / 2
        x[:, col["cross"]] = cross
        same = np.flatnonzero(cross == 0)
        lexical = np.zeros(m)
        lexical[same] = self._bm25_pairs(self.bm25, a[same], b[same])
        x[:, col["lexical"]] = lexical
        # The lexicon's concepts are what lets a Chinese and an English text share terms; within one language
        # the words themselves do that, and where the lexicon lacks a field's words (it cannot cover every
        # field) shared concepts are missing, not absent: a same-language pair takes the better of the two.
        x[:, col["concept"]] = np.maximum(self._bm25_pairs(self.bm25_concept, a, b), lexical)
        x[:, col["specific"]] = self._bm25_pairs(self.bm25_specific, a, b)
        low, high = SUPPORT
        support = np.clip((np.maximum(raw_text, raw_goal) - low) / (high - low), 0.0, 1.0)
        figures, stated = self._figure_pairs(a, b)
        x[:, col["figures"]] = figures
        x[:, col["figures_stated"]] = stated
        acts_a, acts_b = self.acts[a], self.acts[b]
        both = (acts_a != 0) & (acts_b != 0)
        x[:, col["activity_same"]] = (acts_a & acts_b) != 0
        # A clash needs activities that really differ: none shared, none related (monitoring a machine and
        # forecasting its failures are two names of one objective; testing and designing are not).
        x[:, col["activity_clash"]] = both & ((acts_a & self._near.values[b]) == 0)
        if len(np.unique(a)) > FEW_QUERIES:
            goal = self._goal_concepts.jaccard(a, b)
            component = goal > 0
            goal[same] = np.maximum(goal[same], self._goal_words.jaccard(a[same], b[same]))
        else:  # one new project: a few sets, without the corpus-wide keys
            goal = np.array([
                _jaccard(self.readings[i].objective_concepts, self.readings[j].objective_concepts)
                for i, j in zip(a.tolist(), b.tolist(), strict=True)], dtype=np.float64)
            component = goal > 0
            goal[same] = np.maximum(goal[same], [
                _jaccard(self.readings[i].objective_words, self.readings[j].objective_words)
                for i, j in zip(a[same].tolist(), b[same].tolist(), strict=True)])
        x[:, col["objective_concept"]] = goal  # within one language, the words too (as for "concept")
        tagged = np.flatnonzero(self._tagged.values[a] & self._tagged.values[b])  # rare: most projects give no tags
        x[tagged, col["tags"]] = [self._tags(int(a[t]), int(b[t])) for t in tagged.tolist()]
        return x, component, support

    def _bm25_pairs(self, bm25: BM25, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Symmetric BM25: the mean of a's text as a query against b and b's against a (each in [0, 1])."""
        return (bm25.score_pairs(a, b) + bm25.score_pairs(b, a)) / 2

    def _figure_pairs(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean of (share of a's figures that one of b's agrees with) and the same from b; 0 unless both state some."""
        count, start = self._fig_count.values, self._fig_start.values
        low, high = self._fig_low.values, self._fig_high.values
        stated = (count[a] > 0) & (count[b] > 0)
        out = np.zeros(len(a))
        for mine, theirs in ((a, b), (b, a)):
            # Every figure of `mine` (owner: its pair) against every figure of `theirs` in the same pair.
            own = np.repeat(np.arange(len(a)), count[mine])
            mine_pos = ranges(start[mine], count[mine])
            other_count = count[theirs][own]
            pos_owner = np.repeat(np.arange(len(own)), other_count)
            theirs_pos = ranges(start[theirs][own], other_count)
            agreed = numbers.agree(low[mine_pos][pos_owner], high[mine_pos][pos_owner], low[theirs_pos], high[theirs_pos])
            found = np.bincount(pos_owner, weights=agreed, minlength=len(own)) > 0
            out += np.bincount(own, weights=found, minlength=len(a)) / np.maximum(count[mine], 1)
        return np.where(stated, out / 2, 0.0), stated.astype(np.float64)

    def _tags(self, i: int, j: int) -> float:
        pa, pb = self.projects[i], self.projects[j]
        if not (pa.segments or pa.ipc or pa.keywords) or not (pb.segments or pb.ipc or pb.keywords):
            return 0.0
        return _jaccard(_tag_set(pa), _tag_set(pb))

    def score_pairs(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(scores, relation codes: 2 overlap, 1 complementary, 0 neither) of the pairs (a[i], b[i])."""
        x, component, support = self._features(a, b)
        # Applied to scoring, not to the fitted features: fitted with it, the model leaned on figures all the more
        # (dev out of fold F1 0.96-0.99 against 1.0), while every dev overlap is above SUPPORT and keeps its score.
        x[:, FEATURES.index("figures")] *= support
        x[:, FEATURES.index("specific")] *= support
        scores = self.model.score(x)
        related = (_rowdot(self.vectors, a, b) >= self.model.related_cosine) & (
            component | (x[:, FEATURES.index("tags")] > 0))
        relation = np.where(scores >= self.model.threshold, 2, np.where(related, 1, 0))
        return scores, relation

    def pairs(self, progress: Progress | None = None, complementary: bool = False) -> list[Pair]:
        """All overlapping pairs (and complementary ones if asked), best first."""
        a, b, scores, relation = self.pair_rows(progress, complementary)
        ids = [p.id for p in self.projects]
        return [Pair(ids[i], ids[j], s, OVERLAP if r == 2 else COMPLEMENTARY)
                for i, j, s, r in zip(a.tolist(), b.tolist(), scores.tolist(), relation.tolist(), strict=True)]

    def pair_rows(self, progress: Progress | None = None, complementary: bool = False
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """`pairs` as arrays (rows a, rows b, scores, relation 2 overlap / 1 complementary), best first: a bulk
        run over 100k projects reports ~2M pairs, and an object per pair is seconds of its time."""
        a, b = self.candidate_pairs(progress)
        scores = np.zeros(len(a))
        relation = np.zeros(len(a), dtype=np.int64)
        step = 50_000
        for start in range(0, len(a), step):
            s = slice(start, start + step)
            scores[s], relation[s] = self.score_pairs(a[s], b[s])
            if progress:
                progress("score pairs", min(start + step, len(a)), len(a))
        keep = relation >= (1 if complementary else 2)
        order = np.flatnonzero(keep)[np.argsort(-scores[keep], kind="stable")]
        return a[order], b[order], scores[order], relation[order]

    def overlaps_of(self, project: Project, k: int | None = None, complementary: bool = True) -> list[Pair]:
        """Overlapping (and complementary) projects of other organisations for one project, stored or new.

        A new project is added to the corpus (it is what "on save" means); its pairs are scored against its
        nearest neighbours only.
        """
        if project.id not in self._row:
            self.add([project])
        row = self._row[project.id]
        k = min(k or self.neighbours, len(self) - 1)
        if k <= 0:
            return []
        if len(self) <= self.all_pairs_limit:
            others = np.arange(len(self))
        else:
            # Retired entries are skipped: ask for more so that they do not take live neighbours' places.
            extra = min(self.retired_count, 4 * k)
            wanted = min(k + 1 + extra, len(self))
            labels, sims = self._knn(self.vectors[row : row + 1], max(wanted, min(HUB_K + 1, len(self))))
            if np.isnan(self._hub.values[row]):  # its hub from this search: one search for a new project, not two
                self._set_hubs(np.array([row]), labels, sims)
            others = labels[0][np.argsort(-sims[0], kind="stable")[:wanted]]
            if extra:
                live = others[~self._retired.values[others]]
                others = live[np.argsort(-(self.vectors[live] @ self.vectors[row]), kind="stable")[: k + 1]]
        others = others[(others != row) & (self.org[others] != self.org[row]) & ~self._retired.values[others]]
        scores, relation = self.score_pairs(np.full(len(others), row), others)
        keep = relation >= (1 if complementary else 2)
        order = np.flatnonzero(keep)[np.argsort(-scores[keep], kind="stable")]
        return [Pair(project.id, self.projects[others[i]].id, float(scores[i]),
                     OVERLAP if relation[i] == 2 else COMPLEMENTARY) for i in order.tolist()]

    # -- explanation ------------------------------------------------------------------------
    def explain(self, a_id: str, b_id: str) -> Reasons:
        i, j = self._row[a_id], self._row[b_id]
        ra, rb = self.readings[i], self.readings[j]
        pa, pb = self.projects[i], self.projects[j]
        agreeing = [f for f in ra.figures if any(f.agrees(g) for g in rb.figures)]
        shared_terms = sorted((t for t in set(ra.tokens) & set(rb.tokens) if not t.replace(".", "").isdigit()),
                              key=lambda t: -self.bm25.idf(t))[:8]
        # Bare numbers are shown as parameters, not as terms.
        shared_specific = sorted(t for t in set(ra.specific) & set(rb.specific) if not t.replace(".", "").isdigit())
        return Reasons(
            semantic=float(_rowdot(self.vectors, np.array([i]), np.array([j]))[0]),
            objective=float(_rowdot(self.goal_vectors, np.array([i]), np.array([j]))[0]),
            shared_activities=sorted(ra.activities & rb.activities),
            activities_a=sorted(ra.activities), activities_b=sorted(rb.activities),
            parameters=[_figure_text(f) for f in agreeing][:6],
            terms=(shared_specific + [t for t in shared_terms if t not in shared_specific])[:10],
            concepts=[c[1:] for c in sorted(set(ra.concepts) & set(rb.concepts), key=lambda c: -self.bm25_concept.idf(c))][:8],
            segments=sorted(set(pa.segments) & set(pb.segments)),
            ipc=sorted(_ipc_groups(pa.ipc) & _ipc_groups(pb.ipc)),
            keywords=sorted({k.lower() for k in pa.keywords} & {k.lower() for k in pb.keywords}),
        )


class TermSets:
    """One set of strings per row, interned as integers in flat columns; Jaccard of many row pairs at once."""

    def __init__(self) -> None:
        self._id: dict[str, int] = {}
        self._start = Column(np.int64)
        self._count = Column(np.int64)
        self._terms = Column(np.int64)
        self._keys: tuple[tuple[int, int], np.ndarray] | None = None  # sorted row·V + term, for the row count it was built at

    def extend(self, sets: Sequence[frozenset[str]]) -> None:
        for terms in sets:
            ids = sorted({self._id.setdefault(t, len(self._id)) for t in terms})
            self._start.extend([len(self._terms)])
            self._count.extend([len(ids)])
            self._terms.extend(ids)

    def jaccard(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        count, start = self._count.values, self._start.values
        if not len(a) or not len(self._terms):
            return np.zeros(len(a))
        vocabulary = max(len(self._id), 1)
        if self._keys is None or self._keys[0] != (len(self._terms), vocabulary):
            rows = np.repeat(np.arange(len(count), dtype=np.int64), count)
            self._keys = ((len(self._terms), vocabulary), np.sort(rows * vocabulary + self._terms.values))
        keys = self._keys[1]
        owner = np.repeat(np.arange(len(b)), count[b])
        wanted = a[owner] * vocabulary + self._terms.values[ranges(start[b], count[b])]
        found = np.searchsorted(keys, wanted)
        shared = np.bincount(owner, weights=keys[np.minimum(found, len(keys) - 1)] == wanted, minlength=len(a))
        union = count[a] + count[b] - shared
        return np.where(union > 0, shared / np.maximum(union, 1), 0.0)


class Rows:
    """A float32 matrix that grows at its end (spare capacity, like matching's Column)."""

    def __init__(self, dim: int) -> None:
        self._data = np.zeros((0, dim), dtype=np.float32)
        self._size = 0

    @property
    def values(self) -> np.ndarray:
        return self._data[: self._size]

    def extend(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows, dtype=np.float32).reshape(-1, self._data.shape[1])
        needed = self._size + len(rows)
        if needed > len(self._data):
            grown = np.zeros((max(needed, len(self._data) * 5 // 4 + 1024), self._data.shape[1]), dtype=np.float32)
            grown[: self._size] = self._data[: self._size]
            self._data = grown
        self._data[self._size : needed] = rows
        self._size = needed


def _rowdot(vectors: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->i", vectors[a], vectors[b])


def _hub_of(rows: np.ndarray, labels: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """Mean of the HUB_K highest cosines of each row to projects other than itself."""
    sims = np.where(labels == rows[:, None], -np.inf, sims)
    top = -np.sort(-sims, axis=1)[:, :HUB_K]
    top = np.where(np.isfinite(top), top, np.nan)
    counts = np.isfinite(top).sum(axis=1)
    return np.where(counts > 0, np.nansum(np.nan_to_num(top, nan=0.0), axis=1) / np.maximum(counts, 1), 0.0)


def _mask(activities: frozenset[str]) -> int:
    mask = 0
    for name in activities:
        mask |= ACTIVITY_BIT[name]
    return mask


def _jaccard(x: frozenset[str] | set[str], y: frozenset[str] | set[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def _ipc_groups(codes: Sequence[str]) -> set[str]:
    # "F16H 1/32" and "F16H 1/28" are one main group for the purpose of saying two projects are close.
    return {c.replace(" ", "").upper().split("/")[0] for c in codes if c.strip()}


def _tag_set(p: Project) -> set[str]:
    return {f"s:{s}" for s in p.segments} | {f"i:{c}" for c in _ipc_groups(p.ipc)} | {f"k:{k.lower()}" for k in p.keywords}


def _figure_text(f: numbers.Figure) -> str:
    def show(v: float) -> str:
        return f"{v:g}"

    return show(f.low) if f.low == f.high else f"{show(f.low)}–{show(f.high)}"


__all__ = ["COMPLEMENTARY", "OVERLAP", "OverlapFinder", "Pair", "Reasons"]
