"""R&D use cases: the only code that writes directions, projects, overlaps and joint teams.

On every save of a project the overlap engine (`corridor.rnd.engine`, plain Python) is asked for the
projects of other organisations with the same objective (and the complementary ones), through a
process-wide index that takes in only what changed since it last looked (the engine's one-project path,
not a rebuild). The answers are checked against the database (a project edited or deleted since it
was indexed is skipped), recorded as `Overlap` rows with their reasons, and told to the parties
without naming to anyone a project it may not see.
"""

from __future__ import annotations

import datetime
import hashlib
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.alliances.models import AllianceMembership
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import CHANGE, Actor
from corridor.core.errors import Conflict
from corridor.core.workflow import apply_transition
from corridor.jobs import services as jobs
from corridor.matching.engine import embedders
from corridor.notifications.models import Notification
from corridor.notifications.services import SEND_EMAIL, notify, users_acting_for
from corridor.orgs.models import Organisation
from corridor.rnd.engine import COMPLEMENTARY, OVERLAP, OverlapFinder
from corridor.rnd.engine import Project as EngineProject
from corridor.rnd.engine.objective import objective_text
from corridor.rnd.models import (
    CONSENT,
    MANAGE,
    MARK,
    PROPOSE,
    JointTeam,
    Milestone,
    Output,
    Overlap,
    ProjectVectors,
    RDDirection,
    RDProject,
    TeamMember,
    Visibility,
    WorkPackage,
)

MIN_TEAM = 2
"""A team forms when every invited organisation has answered and at least this many accepted."""

# ---- the engine index ---------------------------------------------------------------------------


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


# ---- who may see what (by organisation, for notifications and introductions) --------------------

def alliances_of(org_ids: Iterable[int]) -> set[int]:
    return set(AllianceMembership.objects.filter(organisation_id__in=list(org_ids)).values_list("alliance_id", flat=True))


Alliances = dict[int, set[int]]


def alliance_map(org_ids: Iterable[int]) -> Alliances:
    """organisation id → its alliances, for many organisations in one query."""
    found: Alliances = defaultdict(set)
    for org, alliance in AllianceMembership.objects.filter(organisation_id__in=set(org_ids)).values_list(
            "organisation_id", "alliance_id"):
        found[org].add(alliance)
    return found


def org_may_see(org_id: int, project: RDProject, alliances: Alliances | None = None) -> bool:
    """Whether the staff of `org_id` (as members, not as a secretariat) may see `project`."""
    if project.organisation_id == org_id or project.visibility == Visibility.PUBLIC:
        return True
    if project.visibility == Visibility.ALLIANCE:
        known = alliances if alliances is not None else alliance_map([org_id, project.organisation_id])
        return bool(known.get(org_id, set()) & known.get(project.organisation_id, set()))
    return False


def shared_alliances(org_ids: Iterable[int], alliances: Alliances | None = None) -> set[int]:
    ids = set(org_ids)
    known = alliances if alliances is not None else alliance_map(ids)
    sets = [known.get(o, set()) for o in ids]
    return set.intersection(*sets) if sets else set()


# ---- directions ------------------------------------------------------------------------------------

def _words(value: Any) -> list[str]:
    if isinstance(value, str):
        parts = value.replace("，", ",").replace("；", ";").replace("\n", ",").replace(";", ",").split(",")
        return [p.strip() for p in parts if p.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return []


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        return [line.strip() for line in value.replace("；", "\n").replace(";", "\n").splitlines() if line.strip()]
    return _words(value)


def _owner(actor: Actor, organisation: Organisation | None) -> Organisation:
    """The organisation registering (actor None: a batch job such as the demo loader)."""
    if organisation is None:
        raise ValidationError({"organisation": _("Choose the organisation.")})
    if actor is not None and not (access.is_admin(actor) or access.is_member_of(actor, organisation.pk)):
        raise PermissionDenied(_("Only the organisation's staff may register its R&D."))
    return organisation


@transaction.atomic
def create_direction(actor: Actor, organisation: Organisation | None, data: dict[str, Any]) -> RDDirection:
    org = _owner(actor, organisation)
    direction = RDDirection(
        organisation=org, title_zh=str(data.get("title_zh") or "").strip(), title_en=str(data.get("title_en") or "").strip(),
        description_zh=str(data.get("description_zh") or "").strip(),
        description_en=str(data.get("description_en") or "").strip(),
        keywords=_words(data.get("keywords")), visibility=data.get("visibility") or Visibility.ALLIANCE,
        is_synthetic=bool(data.get("is_synthetic")),
    )
    if not (direction.title_zh or direction.title_en):
        raise ValidationError({"title_zh": _("Give the direction a title in Chinese or English.")})
    direction.full_clean()
    direction.save()
    audit.record(actor, direction, ChangeRecord.Action.CREATE)
    return direction


@transaction.atomic
def update_direction(actor: Actor, direction: RDDirection, data: dict[str, Any]) -> RDDirection:
    access.require(actor, CHANGE, direction, _("Only the organisation's staff may change its directions."))
    direction = RDDirection.objects.select_for_update().get(pk=direction.pk)
    before = audit.snapshot(direction)
    for name in ("title_zh", "title_en", "description_zh", "description_en"):
        if name in data:
            setattr(direction, name, str(data[name] or "").strip())
    if "keywords" in data:
        direction.keywords = _words(data["keywords"])
    if data.get("visibility"):
        direction.visibility = data["visibility"]
    if not (direction.title_zh or direction.title_en):
        raise ValidationError({"title_zh": _("Give the direction a title in Chinese or English.")})
    direction.full_clean()
    direction.save()
    audit.record(actor, direction, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(direction))
    return direction


# ---- projects --------------------------------------------------------------------------------------

PROJECT_FIELDS = ("title", "language", "text", "objective", "parameters", "route", "trl", "starts_on", "ends_on",
                  "budget_band", "team_size", "keywords", "patents", "visibility", "direction", "segments")


def parse_patents(value: Any) -> list[dict[str, str]]:
    """"CN112345678A F16H 1/32" lines (or dicts) → [{"number", "ipc"}]; a line without a number is refused."""
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        items = [{"number": str(v.get("number", "")).strip(), "ipc": str(v.get("ipc", "")).strip()} for v in value]
    else:
        items = []
        for line in _lines(value):
            number, _sep, ipc = line.partition(" ")
            items.append({"number": number.strip(), "ipc": ipc.strip()})
    for item in items:
        if not item["number"]:
            raise ValidationError({"patents": _("Each patent needs a number.")})
    return items


def _apply(project: RDProject, data: dict[str, Any]) -> list[Any] | None:
    """Copy the given fields onto `project`; returns the segments when given."""
    for name in ("title", "text", "objective", "route"):
        if name in data:
            setattr(project, name, str(data[name] or "").strip())
    for name in ("language", "visibility", "budget_band"):
        if name in data:
            setattr(project, name, data[name] or "")
    if "parameters" in data:
        project.parameters = _lines(data["parameters"])
    if "keywords" in data:
        project.keywords = _words(data["keywords"])
    if "patents" in data:
        project.patents = parse_patents(data["patents"])
    for name in ("trl", "team_size", "starts_on", "ends_on"):
        if name in data:
            setattr(project, name, data[name] if data[name] not in ("",) else None)
    if "direction" in data:
        project.direction = data["direction"]
    if not project.language:
        project.language = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in project.title) else "en"
    if not project.visibility:
        project.visibility = Visibility.ALLIANCE
    return list(data["segments"]) if data.get("segments") is not None else None


def _validate(project: RDProject) -> None:
    errors: dict[str, str] = {}
    if not project.title:
        errors["title"] = _("Give the project a title.")
    if project.trl is None or not (1 <= int(project.trl) <= 9):
        errors["trl"] = _("The stage is a technology readiness level from 1 to 9.")
    if project.starts_on and project.ends_on and project.starts_on > project.ends_on:
        errors["ends_on"] = _("The project cannot end before it starts.")
    if project.direction is not None and project.direction.organisation_id != project.organisation_id:
        errors["direction"] = _("Choose one of this organisation's R&D directions.")
    if errors:
        raise ValidationError(errors)
    try:
        # The organisation (checked by _owner) and the author are the service's, not typed in: not looked up again;
        # the table's check constraints are the ones checked above with their own messages (Django would run a
        # query for each), and the database holds them anyway.
        project.full_clean(exclude=["engine_key", "segments", "organisation", "created_by"], validate_constraints=False)
    except ValidationError as exc:
        raise ValidationError({k: v for k, v in exc.message_dict.items()}) from None


@transaction.atomic
def create_project(actor: Actor, organisation: Organisation | None, data: dict[str, Any]) -> RDProject:
    """Register a project and find its overlaps (recorded and told to the parties)."""
    org = _owner(actor, organisation)
    project = RDProject(organisation=org, created_by=access.user_of(actor), is_synthetic=bool(data.get("is_synthetic")))
    segments = _apply(project, data) or []
    _validate(project)
    project.engine_key = fingerprint(project, segments)
    project.save()
    if segments:  # a new project has none to compare with
        project.segments.add(*segments)
    audit.record(actor, project, ChangeRecord.Action.CREATE)
    record_overlaps(actor, project, new=True, segments=segments)
    return project


@transaction.atomic
def update_project(actor: Actor, project: RDProject, data: dict[str, Any]) -> RDProject:
    access.require(actor, CHANGE, project, _("Only the organisation's staff may change its projects."))
    project = RDProject.objects.select_for_update(of=("self",)).get(pk=project.pk)
    before = audit.snapshot(project)
    segments = _apply(project, data)
    _validate(project)
    if segments is None:
        segments = list(project.segments.all())
    project.engine_key = fingerprint(project, segments)
    project.save()
    project.segments.set(segments)
    audit.record(actor, project, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(project))
    record_overlaps(actor, project, segments=segments)
    return project


@transaction.atomic
def delete_project(actor: Actor, project: RDProject) -> None:
    access.require(actor, CHANGE, project, _("Only the organisation's staff may change its projects."))
    audit.record(actor, project, ChangeRecord.Action.DELETE, before=audit.snapshot(project))
    pk = project.pk
    project.delete()

    def forget() -> None:
        with INDEX.lock:
            INDEX.retire(pk)

    transaction.on_commit(forget)


# ---- overlaps --------------------------------------------------------------------------------------

def _ordered(a: RDProject, b: RDProject) -> tuple[RDProject, RDProject]:
    return (a, b) if a.pk < b.pk else (b, a)


def record_overlaps(actor: Actor, project: RDProject, new: bool = False,
                    segments: Sequence[Any] | None = None) -> list[Overlap]:
    """Run the engine for `project` and bring its overlap records in step: new ones created and told,
    changed ones updated, vanished ones removed unless the secretariat already judged them.

    New rows go in with one insert. A concurrent save of the other project may insert the same ordered pair
    first (the database's `rd_overlap_once` refuses the second): then the rows are inserted one by one and
    a pair that already exists is updated instead, and told by the save that created it, not again.
    A project just created (`new`) cannot meet that: no other transaction sees its row before this one commits,
    so none can have paired it."""
    found = find_overlaps(project, new, segments)
    others = {f.other_id: f.row for f in found if f.row is not None}
    alliances = alliance_map([project.organisation_id, *(o.organisation_id for o in others.values())])
    existing = {} if new else {  # a project just created has none yet
        (o.project_b_id if o.project_a_id == project.pk else o.project_a_id): o
        for o in Overlap.objects.filter(Q(project_a=project) | Q(project_b=project))
    }
    now = timezone.now()
    kept: list[Overlap] = []
    added: list[Overlap] = []
    changed: list[Overlap] = []
    for f in found:
        other = others.get(f.other_id)
        if other is None:
            continue
        a, b = _ordered(project, other)
        overlap = existing.pop(other.pk, None)
        if overlap is None:
            overlap = Overlap(project_a=a, project_b=b)
            added.append(overlap)
        else:
            overlap.project_a, overlap.project_b = a, b
            changed.append(overlap)
        _fill(overlap, f, alliances)
        overlap.updated_at = now
        kept.append(overlap)
    if changed:
        Overlap.objects.bulk_update(changed, ["relation", "score", "reasons", "consent_a", "consent_b", "updated_at"])
    created = _insert(added, alliances, {f.other_id: f for f in found}, project.pk, now, fresh=new)
    gone = [o.pk for o in existing.values() if o.status == Overlap.Status.OPEN]
    if gone:
        Overlap.objects.filter(pk__in=gone).delete()
    _tell_new_overlaps(actor, [o for o in created if o.relation == OVERLAP], alliances)
    return kept


def _fill(overlap: Overlap, f: Found, alliances: Alliances) -> None:
    a, b = overlap.project_a, overlap.project_b
    overlap.relation = f.relation
    overlap.score = round(f.score, 6)
    overlap.reasons = f.reasons
    if f.relation == OVERLAP:
        # A party that may not see the other's project is told only that one exists; the owner is asked.
        if not org_may_see(b.organisation_id, a, alliances) and not overlap.consent_a:
            overlap.consent_a = Overlap.Consent.ASKED
        if not org_may_see(a.organisation_id, b, alliances) and not overlap.consent_b:
            overlap.consent_b = Overlap.Consent.ASKED


def _insert(new: list[Overlap], alliances: Alliances, found: dict[int, Found], me: int,
            now: datetime.datetime, fresh: bool = False) -> list[Overlap]:
    """Insert `new` (one statement); on a pair created meanwhile by another save, row by row. Returns the
    rows this call created. `fresh`: project `me` was created in this transaction, so no pair with it can
    exist yet: no savepoint (two statements fewer per save)."""
    if not new:
        return []
    if fresh:
        Overlap.objects.bulk_create(new)
        return new
    try:
        with transaction.atomic():
            Overlap.objects.bulk_create(new)
        if all(o.pk for o in new):
            return new
    except IntegrityError:
        pass
    created: list[Overlap] = []
    for overlap in new:
        overlap.pk = None
        try:
            with transaction.atomic():
                overlap.save(force_insert=True)
            created.append(overlap)
        except IntegrityError:  # the same ordered pair, recorded by a concurrent save: brought in step
            row = Overlap.objects.select_for_update().get(project_a_id=overlap.project_a_id,
                                                          project_b_id=overlap.project_b_id)
            row.project_a, row.project_b = overlap.project_a, overlap.project_b
            other = row.project_b_id if row.project_a_id == me else row.project_a_id
            _fill(row, found[other], alliances)
            row.updated_at = now
            row.save(update_fields=["relation", "score", "reasons", "consent_a", "consent_b", "updated_at"])
    return created


def _tell_new_overlaps(actor: Actor, overlaps: Sequence[Overlap], alliances: Alliances) -> None:
    """Every notification of the new overlaps written in one insert; e-mail follows after commit, one job."""
    if not overlaps:
        return
    org_ids = {p.organisation_id for o in overlaps for p in (o.project_a, o.project_b)}
    alliance_sets = {frozenset(shared_alliances([o.project_a.organisation_id, o.project_b.organisation_id], alliances))
                     for o in overlaps}
    staff = _staff(org_ids, set().union(*alliance_sets))
    acting = getattr(actor, "pk", None)
    rows: list[Notification] = []

    def tell(people: Iterable[Any], message: str, params: dict[str, Any], link: str) -> None:
        plain = {key: str(value) for key, value in params.items()}
        for user in {u.pk: u for u in people if u.pk != acting}.values():
            rows.append(Notification(user=user, message=str(message)[:300], params=plain, link=link[:300]))

    for overlap in overlaps:
        a, b = overlap.project_a, overlap.project_b
        link = f"/rnd/overlaps/{overlap.pk}/"
        for mine, other in ((a, b), (b, a)):
            people = staff["org"].get(mine.organisation_id, [])
            if org_may_see(mine.organisation_id, other, alliances):
                tell(people, gettext_noop("A project of %(org)s overlaps your R&D project “%(project)s”."),
                     {"org": other.organisation.name, "project": mine.title}, link)
            else:
                tell(people, gettext_noop("A closely similar project exists at another member, overlapping your R&D "
                                          "project “%(project)s”; the secretariat can introduce you."),
                     {"project": mine.title}, link)
            if not org_may_see(other.organisation_id, mine, alliances):
                tell(people, gettext_noop("Another member has a project closely similar to your R&D project "
                                          "“%(project)s”. Do you agree to be introduced?"),
                     {"project": mine.title}, link)
        shared = shared_alliances([a.organisation_id, b.organisation_id], alliances)
        secretaries = {u.pk: u for al in shared for u in staff["alliance"].get(al, [])}.values()
        if shared:
            tell(secretaries, gettext_noop("A new R&D overlap: %(a)s and %(b)s."),
                 {"a": a.organisation.name, "b": b.organisation.name}, link)
    made = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in made]
    if ids:
        transaction.on_commit(lambda: jobs.start(SEND_EMAIL, {"ids": ids}))


def _staff(org_ids: set[int], alliance_ids: set[int]) -> dict[str, dict[int, list[Any]]]:
    """Active users acting for each organisation (members) and each alliance (secretariat), one query."""

    from corridor.accounts.models import RoleGrant

    grants = Q(role=RoleGrant.Role.MEMBER, organisation_id__in=org_ids)
    if alliance_ids:
        grants |= Q(role=RoleGrant.Role.SECRETARIAT, alliance_id__in=alliance_ids)
    found: dict[str, dict[int, list[Any]]] = {"org": defaultdict(list), "alliance": defaultdict(list)}
    for grant in RoleGrant.objects.filter(grants, user__is_active=True).select_related("user"):
        user, role, org, alliance = grant.user, grant.role, grant.organisation_id, grant.alliance_id
        if role == RoleGrant.Role.MEMBER and org in org_ids:
            found["org"][org].append(user)
        elif role == RoleGrant.Role.SECRETARIAT and alliance in alliance_ids:
            found["alliance"][alliance].append(user)
    return found


@transaction.atomic
def mark_overlap(actor: Actor, overlap: Overlap, status: str, note: str = "") -> Overlap:
    """The secretariat's judgement: same work, different, proposed for a joint team (or back to open)."""
    access.require(actor, MARK, overlap, _("Only the alliance's secretariat may judge an overlap."))
    if status not in Overlap.Status.values:
        raise ValidationError({"status": _("Choose one of: same work, different, proposed for a joint team.")})
    before = audit.snapshot(overlap)
    overlap.status, overlap.note = status, (note or "").strip()
    overlap.marked_by = access.user_of(actor)
    overlap.save(update_fields=["status", "note", "marked_by", "updated_at"])
    audit.record(actor, overlap, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(overlap), note="mark")
    return overlap


@transaction.atomic
def answer_introduction(actor: Actor, overlap: Overlap, agree: bool) -> Overlap:
    """The owner of a project the other party may not see says whether it agrees to be introduced."""
    access.require(actor, CONSENT, overlap, _("Only the parties may answer."))
    overlap = Overlap.objects.select_for_update().select_related("project_a", "project_b").get(pk=overlap.pk)
    side = overlap.side_of(access.member_org_ids(actor))
    if side == "" or getattr(overlap, f"consent_{side}") == "":
        raise ValidationError({"consent": _("Nobody asked you about this introduction.")})
    before = audit.snapshot(overlap)
    setattr(overlap, f"consent_{side}", Overlap.Consent.AGREED if agree else Overlap.Consent.DECLINED)
    overlap.save(update_fields=[f"consent_{side}", "updated_at"])
    audit.record(actor, overlap, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(overlap),
                 note="introduction")
    mine, other = (overlap.project_a, overlap.project_b) if side == "a" else (overlap.project_b, overlap.project_a)
    link = f"/rnd/overlaps/{overlap.pk}/"
    shared = shared_alliances([mine.organisation_id, other.organisation_id])
    if agree:
        notify(users_acting_for([other.organisation_id]),
               gettext_noop("%(org)s, with a project closely similar to your R&D project “%(project)s”, agreed to be introduced."),
               {"org": mine.organisation.name, "project": other.title}, link=link, actor=actor)
        notify(users_acting_for((), shared), gettext_noop("%(org)s agreed to be introduced about an R&D overlap."),
               {"org": mine.organisation.name}, link=link, actor=actor)
    else:
        notify(users_acting_for((), shared), gettext_noop("%(org)s declined to be introduced about an R&D overlap."),
               {"org": mine.organisation.name}, link=link, actor=actor)
    return overlap


def other_is_disclosed(user: Actor, overlap: Overlap, other: RDProject) -> bool:
    """May `user` be shown `other` (a project of an overlap it is party to): its rule, or the owner agreed."""
    if RDProject.objects.restrict(user).filter(pk=other.pk).exists():
        return True
    side = "a" if other.pk == overlap.project_a_id else "b"
    return getattr(overlap, f"consent_{side}") == Overlap.Consent.AGREED


def clusters(overlaps: Sequence[Overlap]) -> list[list[Overlap]]:
    """Connected groups of overlapping projects (overlaps judged "different" left out), biggest first."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    chosen = [o for o in overlaps if o.relation == Overlap.Relation.OVERLAP and o.status != Overlap.Status.DIFFERENT]
    for o in chosen:
        parent[find(o.project_a_id)] = find(o.project_b_id)
    groups: dict[int, list[Overlap]] = defaultdict(list)
    for o in chosen:
        groups[find(o.project_a_id)].append(o)
    return sorted(groups.values(), key=lambda g: (-len({p for o in g for p in (o.project_a_id, o.project_b_id)}),
                                                 -max(o.score for o in g)))


# ---- joint teams -----------------------------------------------------------------------------------

@transaction.atomic
def propose_team(actor: Actor, overlaps: Sequence[Overlap], *, title_zh: str = "", title_en: str = "",
                 objective: str = "", lead: Organisation | None = None) -> JointTeam:
    """A joint team from overlapping projects: each organisation is invited (the proposer's own accepts)."""
    if not overlaps:
        raise ValidationError({"overlaps": _("Choose at least one overlap.")})
    for overlap in overlaps:
        access.require(actor, PROPOSE, overlap, _("Only the parties and the alliance's secretariat may propose a team."))
    projects = {p.pk: p for o in overlaps for p in (o.project_a, o.project_b)}
    secretariat = all(access.may(actor, MARK, o) for o in overlaps)
    if not secretariat:
        visible = set(RDProject.objects.restrict(actor).filter(pk__in=projects).values_list("pk", flat=True))
        if set(projects) - visible:
            raise PermissionDenied(_("Only the secretariat can propose a team with a project you may not see."))
    for overlap in overlaps:
        if Overlap.Consent.DECLINED in (overlap.consent_a, overlap.consent_b):
            raise ValidationError({"overlaps": _("A party declined to be introduced: no team can be proposed with it.")})
        if Overlap.Consent.ASKED in (overlap.consent_a, overlap.consent_b):
            raise ValidationError({"overlaps": _("A party has not yet agreed to be introduced.")})
    title_zh, title_en = (title_zh or "").strip(), (title_en or "").strip()
    if not (title_zh or title_en):
        raise ValidationError({"title_zh": _("Give the team a title in Chinese or English.")})
    org_ids = sorted({p.organisation_id for p in projects.values()})
    if lead is not None and lead.pk not in org_ids:
        raise ValidationError({"lead": _("The lead must be one of the organisations of these projects.")})
    mine = access.member_org_ids(actor) & set(org_ids)
    proposer_org = min(mine) if mine and not secretariat else None
    lead_id = lead.pk if lead is not None else (proposer_org or org_ids[0])
    shared = shared_alliances(org_ids)
    managed = [a for a in shared if access.is_secretariat_of(actor, a)] if shared else []
    alliance_id = min(managed) if managed else (min(shared) if shared else None)
    team = JointTeam.objects.create(title_zh=title_zh, title_en=title_en, objective=(objective or "").strip(),
                                    alliance_id=alliance_id, lead_id=lead_id, proposed_by=access.user_of(actor))
    team.overlaps.set(overlaps)
    now = timezone.now()
    TeamMember.objects.bulk_create([
        TeamMember(team=team, organisation_id=org,
                   role=TeamMember.Role.LEAD if org == lead_id else TeamMember.Role.PARTICIPANT,
                   status=TeamMember.Status.ACCEPTED if org == proposer_org else TeamMember.Status.INVITED,
                   decided_at=now if org == proposer_org else None,
                   decided_by=access.user_of(actor) if org == proposer_org else None)
        for org in org_ids
    ])
    Overlap.objects.filter(pk__in=[o.pk for o in overlaps]).update(status=Overlap.Status.PROPOSED)
    audit.record(actor, team, ChangeRecord.Action.CREATE)
    invited = [org for org in org_ids if org != proposer_org]
    notify(users_acting_for(invited), gettext_noop("Your organisation is invited to join the joint R&D team “%(title)s”."),
           {"title": team.title}, link=f"/rnd/teams/{team.pk}/", actor=actor)
    return team


def _settle(actor: Actor, team: JointTeam) -> JointTeam:
    """Once every invitation is answered: formed with at least MIN_TEAM organisations, else not formed."""
    answers = list(team.members.values_list("status", flat=True))
    if TeamMember.Status.INVITED in answers or team.status != JointTeam.Status.PROPOSED:
        return team
    accepted = answers.count(TeamMember.Status.ACCEPTED)
    lead = team.members.filter(organisation_id=team.lead_id or 0, status=TeamMember.Status.ACCEPTED).first()
    if accepted >= MIN_TEAM and lead is None:  # the lead declined: the first to accept leads
        first = team.members.filter(status=TeamMember.Status.ACCEPTED).order_by("decided_at", "id").first()
        assert first is not None
        team.members.filter(pk=first.pk).update(role=TeamMember.Role.LEAD)
        JointTeam.objects.filter(pk=team.pk).update(lead_id=first.organisation_id)
        team.refresh_from_db()
    try:
        return apply_transition(actor, team, "form" if accepted >= MIN_TEAM else "fail", check_access=False)
    except Conflict:
        return team


def _answer(actor: Actor, member: TeamMember, name: str, **values: Any) -> TeamMember:
    with transaction.atomic():
        JointTeam.objects.select_for_update().filter(pk=member.team_id).first()  # one answer at a time per team
        apply_transition(actor, member, name, **values)
        _settle(actor, JointTeam.objects.get(pk=member.team_id))
    member.refresh_from_db()
    return member


def accept_invitation(actor: Actor, member: TeamMember, contribution: str = "") -> TeamMember:
    member = _answer(actor, member, "accept")
    if contribution.strip():
        TeamMember.objects.filter(pk=member.pk).update(contribution=contribution.strip()[:300])
        member.refresh_from_db()
    return member


def decline_invitation(actor: Actor, member: TeamMember, reason: str) -> TeamMember:
    return _answer(actor, member, "decline", reason=reason)


def _formed(team: JointTeam) -> None:
    if team.status != JointTeam.Status.FORMED:
        raise ValidationError({"team": _("The team is not formed yet.")})


def _participant(team: JointTeam, org: Organisation | None, field_name: str) -> Organisation:
    if org is None or not team.members.filter(organisation=org, status=TeamMember.Status.ACCEPTED).exists():
        raise ValidationError({field_name: _("Choose one of the team's organisations.")})
    return org


@transaction.atomic
def add_work_package(actor: Actor, team: JointTeam, title: str, owner: Organisation | None) -> WorkPackage:
    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    _formed(team)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give it a title.")})
    package = WorkPackage.objects.create(team=team, title=title.strip(), owner=_participant(team, owner, "owner"))
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before={}, after={"work_package": package.title},
                 note="work package")
    return package


@transaction.atomic
def add_milestone(actor: Actor, team: JointTeam, title: str, owner: Organisation | None, due_on: datetime.date | None,
                  work_package: WorkPackage | None = None) -> Milestone:
    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    _formed(team)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give it a title.")
    if due_on is None:
        errors["due_on"] = _("Give the due date.")
    if work_package is not None and work_package.team_id != team.pk:
        errors["work_package"] = _("Choose one of this team's work packages.")
    if errors:
        raise ValidationError(errors)
    assert due_on is not None
    milestone = Milestone.objects.create(team=team, title=title.strip(), owner=_participant(team, owner, "owner"),
                                         due_on=due_on, work_package=work_package)
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before={},
                 after={"milestone": milestone.title, "due_on": due_on.isoformat()}, note="milestone")
    notify(users_acting_for([milestone.owner_id]), gettext_noop("Milestone “%(title)s” of the joint R&D team “%(team)s” is due on %(due)s."),
           {"title": milestone.title, "team": team.title, "due": due_on.isoformat()}, link=f"/rnd/teams/{team.pk}/", actor=actor)
    return milestone


def may_report_on(actor: Actor, milestone: Milestone) -> bool:
    return access.may(actor, MANAGE, milestone.team) or access.is_member_of(actor, milestone.owner_id)


@transaction.atomic
def report_milestone(actor: Actor, milestone: Milestone, progress: str, done: bool) -> Milestone:
    if not may_report_on(actor, milestone):
        raise PermissionDenied(_("Only the milestone's owner, the lead and the secretariat may report on it."))
    before = {"progress": milestone.progress, "done_on": milestone.done_on.isoformat() if milestone.done_on else None}
    milestone.progress = (progress or "").strip()
    milestone.done_on = timezone.localdate() if done else None
    milestone.save(update_fields=["progress", "done_on"])
    audit.record(actor, milestone.team, ChangeRecord.Action.UPDATE, before=before,
                 after={"progress": milestone.progress, "done_on": milestone.done_on.isoformat() if milestone.done_on else None},
                 note=f"milestone {milestone.title}"[:300])
    return milestone


def remind_overdue(today: datetime.date | None = None) -> int:
    """Tell the owners of overdue milestones, at most once a week each; returns how many were told."""
    today = today or timezone.localdate()
    told = 0
    due = Milestone.objects.filter(done_on__isnull=True, due_on__lt=today, team__status=JointTeam.Status.FORMED).filter(
        Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - datetime.timedelta(days=7))).select_related("team")
    for milestone in due:
        with transaction.atomic():
            won = Milestone.objects.filter(pk=milestone.pk).filter(
                Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - datetime.timedelta(days=7))
            ).update(reminded_on=today)
            if not won:
                continue
            notify(users_acting_for([milestone.owner_id], [milestone.team.alliance_id]),
                   gettext_noop("Milestone “%(title)s” of the joint R&D team “%(team)s” was due on %(due)s and is not done."),
                   {"title": milestone.title, "team": milestone.team.title, "due": milestone.due_on.isoformat()},
                   link=f"/rnd/teams/{milestone.team_id}/")
            told += 1
    return told


@transaction.atomic
def share_instrument(actor: Actor, team: JointTeam, instrument: Any) -> JointTeam:
    """An instrument the team's work uses, listed on the team's page with a link to it in the equipment area,
    where its bookings are made (under the equipment's own booking rules)."""
    from corridor.equipment.models import Instrument

    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    _formed(team)
    if instrument is None or not Instrument.objects.restrict(actor).filter(pk=instrument.pk, active=True).exists():
        raise ValidationError({"instrument": _("Choose a bookable instrument of the equipment area.")})
    if team.instruments.filter(pk=instrument.pk).exists():
        return team
    team.instruments.add(instrument)
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before={}, after={"instrument": str(instrument)[:200]},
                 note="instrument")
    return team


@transaction.atomic
def update_agreement(actor: Actor, team: JointTeam, data: dict[str, Any]) -> JointTeam:
    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    before = audit.snapshot(team)
    for name in ("ip_background", "ip_foreground", "agreement_document"):
        if name in data:
            setattr(team, name, str(data[name] or "").strip())
    if "agreement_signed_on" in data:
        team.agreement_signed_on = data["agreement_signed_on"] or None
    if team.agreement_signed_on and team.agreement_signed_on > timezone.localdate():
        raise ValidationError({"agreement_signed_on": _("The signing date cannot be in the future.")})
    team.save()
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(team), note="agreement")
    return team


@transaction.atomic
def add_output(actor: Actor, team: JointTeam, kind: str, title: str, reference: str = "",
               on: datetime.date | None = None) -> Output:
    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    _formed(team)
    if kind not in Output.Kind.values:
        raise ValidationError({"kind": _("Choose a patent, paper, standard or product.")})
    if not (title or "").strip():
        raise ValidationError({"title": _("Give it a title.")})
    output = Output.objects.create(team=team, kind=kind, title=title.strip(), reference=(reference or "").strip(), on=on)
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before={}, after={"output": output.title}, note="output")
    return output


__all__ = ["COMPLEMENTARY", "OVERLAP"]
