"""The process-wide overlap index: what the engine (`corridor.rnd.engine`, plain Python) knows of the stored
projects, kept in step with the database by taking in only what changed since it last looked (the engine's
one-project path, not a rebuild), the projects' embeddings kept in `ProjectVectors`, and the one question the
use cases ask of it: the overlaps of one project, checked against the database (a project edited or deleted
since it was indexed is skipped)."""

from __future__ import annotations

import datetime
import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext_noop

from corridor.jobs import services as jobs
from corridor.matching.engine import embedders
from corridor.rnd.engine import OverlapFinder
from corridor.rnd.engine import Project as EngineProject
from corridor.rnd.engine.objective import objective_text
from corridor.rnd.models import (
    ProjectVectors,
    RDProject,
)


def segment_key(segment: Any) -> str:
    return f"{segment.chain_id}:{segment.key}"


def engine_project(project: RDProject, segments: Sequence[Any] | None = None) -> EngineProject:
    segs = segments if segments is not None else list(project.segments.all())
    return EngineProject(
        id=f"{project.pk}:{project.engine_key}", org=str(project.organisation_id), title=project.title,
        text="\n".join(t for t in (project.text, project.objective, project.route) if t), lang=project.language,
        segments=tuple(sorted(segment_key(s) for s in segs)), keywords=tuple(project.keywords),
        ipc=tuple(project.ipc_classes), parameters=tuple(project.parameters),
    )


def fingerprint(project: RDProject, segments: Sequence[Any]) -> str:
    """What the engine reads of a project, hashed: a changed project is a new engine entry."""
    p = engine_project(project, segments)
    raw = repr((p.org, p.title, p.text, p.lang, p.segments, p.keywords, p.ipc, p.parameters))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def texts_key(item: EngineProject) -> str:
    """The hash of what is embedded of a project (its body and its objective): the key its vectors are kept by."""
    goal = objective_text(item.title, item.text)
    return hashlib.sha1(f"{item.body}\x00{goal}".encode()).hexdigest()


def embed(items: Sequence[EngineProject]) -> tuple[np.ndarray, np.ndarray]:
    """(text vectors, objective vectors) of `items`, one call to the model."""
    embedder = embedders.get()
    if not items:
        empty = np.zeros((0, embedder.dim), np.float32)
        return empty, empty
    both = np.asarray(embedder.encode([p.body for p in items] + [objective_text(p.title, p.text) for p in items]),
                      np.float32)
    return both[: len(items)], both[len(items) :]


def _unpack(row: ProjectVectors | None, key: str, dim: int) -> tuple[np.ndarray, np.ndarray] | None:
    if row is None or row.key != key or row.dim != dim:
        return None
    both = np.frombuffer(bytes(row.data), dtype=np.float32)
    if len(both) != 2 * dim:
        return None
    return both[:dim], both[dim:]


def vectors_for(project: RDProject, item: EngineProject, new: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The project's kept vectors when its texts have not changed, else computed now and kept (`new`: a
    project just created, which has none)."""
    key = texts_key(item)
    if not new:
        kept = _unpack(ProjectVectors.objects.filter(project_id=project.pk).first(), key, embedders.get().dim)
        if kept is not None:
            return kept
    text_vectors, goal_vectors = embed([item])
    data = np.concatenate([text_vectors[0], goal_vectors[0]]).astype(np.float32).tobytes()
    if new:
        ProjectVectors.objects.create(project_id=project.pk, key=key, dim=len(text_vectors[0]), data=data)
    else:
        ProjectVectors.objects.update_or_create(project_id=project.pk,
                                                defaults={"key": key, "dim": len(text_vectors[0]), "data": data})
    return text_vectors[0], goal_vectors[0]


class _Index:
    """The engine's corpus in this process, kept in step with the database by `updated_at`.

    Embeddings come from `ProjectVectors` (computed once, on save): a cold start reads and tokenises the
    projects but runs the model only over those whose vectors are missing or stale (and keeps them). A
    project edited since it was indexed has a new engine id; its old entry is retired in the engine, so
    it can neither surface nor take a neighbour's place; a deleted project's entry is retired the same way.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.finder: OverlapFinder | None = None
        self.ids: set[str] = set()
        self.current: dict[int, str] = {}  # project pk → its engine id in the corpus
        self.synced_at: datetime.datetime | None = None
        self.embedded = 0  # projects this process ran the model for (the rest were loaded)

    def reset(self) -> None:
        with self.lock:
            self.finder, self.ids, self.current, self.synced_at = None, set(), {}, None
            self.embedded = 0

    @property
    def warm(self) -> bool:
        return self.finder is not None

    def retire(self, pk: int) -> None:
        """Take project `pk` out of the engine's answers (called with the lock held)."""
        old = self.current.pop(pk, None)
        if old is not None and self.finder is not None:
            self.finder.retire([old])

    def _add(self, items: list[EngineProject], vectors: list[tuple[np.ndarray, np.ndarray]] | None = None) -> None:
        assert self.finder is not None
        if not items:
            return
        if vectors is None:
            text_vectors, goal_vectors = embed(items)
            self.embedded += len(items)
        else:
            text_vectors = np.vstack([v[0] for v in vectors])
            goal_vectors = np.vstack([v[1] for v in vectors])
        for item in items:
            pk = int(item.id.partition(":")[0])
            self.retire(pk)
            self.current[pk] = item.id
            self.ids.add(item.id)
        self.finder.add(items, text_vectors, goal_vectors)

    def sync(self, progress: Any = None) -> OverlapFinder:
        if self.finder is None:
            self.finder, self.ids, self.current, self.synced_at = OverlapFinder(), set(), {}, None
        mark = timezone.now()
        rows = RDProject.objects.all()
        if self.synced_at is not None:
            # A little overlap: rows saved while the last look ran are looked at again (skipped if known).
            rows = rows.filter(updated_at__gte=self.synced_at - datetime.timedelta(seconds=5))
            # Every save looks (another process may have saved a project this one must find), and the window
            # holds every save of the last seconds: their keys first (an index range), whole rows only for
            # the few this process does not hold yet.
            unknown = [pk for pk, key in rows.order_by().values_list("pk", "engine_key") if f"{pk}:{key}" not in self.ids]
            if not unknown:
                self.synced_at = mark
                return self.finder
            if len(unknown) <= 2000:  # else (a bulk load elsewhere) the window itself: no huge IN list
                rows = RDProject.objects.filter(pk__in=unknown)
        dim = self.finder.embedder.dim
        loaded: list[EngineProject] = []
        loaded_vectors: list[tuple[np.ndarray, np.ndarray]] = []
        missing: list[tuple[int, str, EngineProject]] = []
        for p in rows.select_related("vectors").prefetch_related("segments").order_by("pk").iterator(chunk_size=2000):
            item = engine_project(p, list(p.segments.all()))
            if item.id in self.ids:
                continue
            key = texts_key(item)
            kept = _unpack(getattr(p, "vectors", None), key, dim)
            if kept is None:
                missing.append((p.pk, key, item))
            else:
                loaded.append(item)
                loaded_vectors.append(kept)
        self._add(loaded, loaded_vectors)
        for start in range(0, len(missing), 2000):
            chunk = missing[start : start + 2000]
            items = [item for _pk, _key, item in chunk]
            text_vectors, goal_vectors = embed(items)
            self.embedded += len(items)
            ProjectVectors.objects.filter(project_id__in=[pk for pk, _key, _item in chunk]).delete()
            ProjectVectors.objects.bulk_create([
                ProjectVectors(project_id=pk, key=key, dim=dim,
                               data=np.concatenate([t, g]).astype(np.float32).tobytes())
                for (pk, key, _item), t, g in zip(chunk, text_vectors, goal_vectors, strict=True)
            ], ignore_conflicts=True)
            self._add(items, list(zip(text_vectors, goal_vectors, strict=True)))
            if progress:
                progress(gettext_noop("embed projects"), start + len(chunk), len(missing))
        self.synced_at = mark
        return self.finder

    def warm_up(self, progress: Any = None) -> dict[str, int]:
        """Everything a first save would otherwise pay for: the corpus, and the neighbour graph past the
        engine's exact limit."""
        with self.lock:
            finder = self.sync(progress)
            finder.prepare()
            # The model's weights and tokenizer load at its first call in this process (seconds): here, not in
            # the first save. Kept embeddings mean the load above may not have run it at all.
            embed([EngineProject(id="", org="", title="RV减速器寿命试验", text="Accelerated life test of RV reducers.")])
            if self.current:  # one query as a save makes it, so that whatever the first one builds is built here
                finder.overlaps_of(next(p for p in reversed(finder.projects) if not finder.is_retired(p.id)))
            return {"projects": len(self.current), "embedded": self.embedded}


INDEX = _Index()
WARM_JOB = "rnd.warm-index"


@jobs.register(WARM_JOB, gettext_noop("R&D overlap index warmed"))
def _warm_job(job: Any, progress: Any) -> dict[str, Any]:
    return INDEX.warm_up(progress)


def warm_in_background() -> Any:
    """Start the warming job in this (web) process: called when the server starts, so the first save of a
    user finds the index ready instead of building it. Returns the job (None when nothing to warm)."""
    if INDEX.warm:
        return None
    return jobs.start(WARM_JOB, {})


@dataclass
class Found:
    other_id: int
    score: float
    relation: str
    reasons: dict[str, Any] = field(default_factory=dict)
    row: RDProject | None = None
    """The other project as read when the answer was checked (the fields of OTHER_FIELDS)."""


OTHER_FIELDS = ("id", "engine_key", "organisation_id", "visibility", "title", "organisation__id", "organisation__name_zh",
                "organisation__name_en")
"""What recording and telling an overlap reads of the other project: the rest of its row is not loaded."""


def find_overlaps(project: RDProject, new: bool = False, segments: Sequence[Any] | None = None) -> list[Found]:
    """Projects of other organisations overlapping `project` (stored), best first, with reasons (`segments`:
    the project's, when the caller has them; else they are read)."""
    me = engine_project(project, segments)
    mine = vectors_for(project, me, new)  # kept on save: a later cold start loads it
    with INDEX.lock:
        if INDEX.finder is not None and me.id not in INDEX.ids:
            INDEX._add([me], [mine])  # before the look for other saves, which would read this row back
        finder = INDEX.sync()
        if me.id not in INDEX.ids:
            INDEX._add([me], [mine])
        pairs = finder.overlaps_of(me, complementary=True)
        explained = [(pair, finder.explain(me.id, pair.b)) for pair in pairs]
    wanted: dict[int, str] = {}
    for pair, _reasons in explained:
        raw, _sep, key = pair.b.partition(":")
        wanted[int(raw)] = key
    rows = RDProject.objects.filter(pk__in=wanted).select_related("organisation").only(*OTHER_FIELDS).in_bulk()
    current = {pk: row.engine_key for pk, row in rows.items()}
    stale = [other for other, key in wanted.items() if current.get(other) != key]
    if stale:  # deleted (or changed) by another process since this one indexed it
        with INDEX.lock:
            for other in stale:
                if INDEX.current.get(other) == f"{other}:{wanted[other]}":
                    INDEX.retire(other)
    found: list[Found] = []
    seen: set[int] = set()
    for pair, reasons in explained:
        other = int(pair.b.partition(":")[0])
        if current.get(other) != wanted[other] or other in seen or other == project.pk:
            continue  # edited or deleted since it was indexed
        seen.add(other)
        plain = {name: value for name, value in vars(reasons).items() if name not in ("activities_a", "activities_b")}
        found.append(Found(other, pair.score, pair.relation, plain, rows[other]))
    return found
