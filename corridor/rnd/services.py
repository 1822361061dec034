"""R&D use cases: the only code that writes directions, projects, overlaps and joint teams.

On every save of a project the overlap engine (`corridor.rnd.engine`, plain Python) is asked for the
projects of other organisations with the same objective (and the complementary ones), through the
process-wide index (`corridor.rnd.index`). The answers are recorded as `Overlap` rows with their reasons,
and told to the parties without naming to anyone a project it may not see.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

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
from corridor.jobs import services as jobs
from corridor.notifications.models import Notification
from corridor.notifications.services import SEND_EMAIL, notify, users_acting_for
from corridor.orgs.models import Organisation
from corridor.rnd.engine import OVERLAP
from corridor.rnd.index import INDEX, Found, find_overlaps, fingerprint
from corridor.rnd.models import (
    CONSENT,
    MARK,
    Overlap,
    RDDirection,
    RDProject,
    Visibility,
)

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
