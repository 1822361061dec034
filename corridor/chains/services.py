"""Use cases that change chains and tags: the only code that writes these tables.

Templates load from the shipped YAML (idempotent, versioned); secretariats and admins edit a chain,
which makes a new version. Tags are declared by an organisation, or inferred from its text and then
confirmed or rejected by a secretariat. Every tag change keeps `SegmentCount` in step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from corridor.alliances.models import Alliance
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.chains import inference, spec, tagging
from corridor.chains.models import REVIEW, Chain, ChainVersion, Segment, SegmentCount, SegmentTag, SupplyEdge
from corridor.core import access
from corridor.core.access import Actor
from corridor.core.texts import Text
from corridor.core.workflow import apply_transition
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.orgs.models import Industry, Organisation

Progress = Callable[[str, int, int], None]


def _noop(stage: str, done: int, total: int) -> None:
    return None


# -- templates ------------------------------------------------------------------------------------


def chain_spec(chain: Chain) -> spec.ChainSpec:
    """The chain as it stands in the database, as a template."""
    segments = list(chain.segments.filter(active=True).select_related("parent").order_by("position", "id"))
    edges = chain.edges.select_related("source", "target").order_by("id")
    return spec.ChainSpec(
        slug=chain.slug, version=chain.version, name_zh=chain.name_zh, name_en=chain.name_en,
        industry=chain.industry.slug if chain.industry else None, description_zh=chain.description_zh,
        description_en=chain.description_en,
        segments=tuple(
            spec.SegmentSpec(s.key, s.name_zh, s.name_en, s.stage, s.parent.key if s.parent else None,
                             tuple(s.keywords_zh), tuple(s.keywords_en), s.role, tuple(s.hints_zh),
                             tuple(s.hints_en))
            for s in segments
        ),
        exclude_zh=tuple(chain.exclude_zh), exclude_en=tuple(chain.exclude_en),
        against_zh=tuple(chain.against_zh), against_en=tuple(chain.against_en),
        edges=tuple(
            spec.EdgeSpec(e.source.key, e.target.key, float(e.share) if e.share is not None else None) for e in edges
        ),
    )


def _apply(chain: Chain, template: spec.ChainSpec) -> None:
    """Make the chain's segments and edges those of the template (segments matched by key)."""
    chain.name_zh, chain.name_en = template.name_zh, template.name_en
    chain.description_zh, chain.description_en = template.description_zh, template.description_en
    chain.exclude_zh, chain.exclude_en = list(template.exclude_zh), list(template.exclude_en)
    chain.against_zh, chain.against_en = list(template.against_zh), list(template.against_en)
    if template.industry:
        chain.industry = Industry.objects.filter(slug=template.industry).first()
    chain.save()
    existing = {s.key: s for s in chain.segments.all()}
    for position, s in enumerate(template.segments):
        row = existing.get(s.key) or Segment(chain=chain, key=s.key)
        row.name_zh, row.name_en, row.stage = s.name_zh, s.name_en, s.stage
        row.keywords_zh, row.keywords_en = list(s.keywords_zh), list(s.keywords_en)
        row.hints_zh, row.hints_en, row.role = list(s.hints_zh), list(s.hints_en), s.role
        row.position, row.active, row.parent = position, True, None
        row.save()
        existing[s.key] = row
    for s in template.segments:
        if s.parent:
            Segment.objects.filter(pk=existing[s.key].pk).update(parent=existing[s.parent])
    kept = {s.key for s in template.segments}
    chain.segments.exclude(key__in=kept).update(active=False, parent=None)
    chain.edges.all().delete()
    SupplyEdge.objects.bulk_create([
        SupplyEdge(chain=chain, source=existing[e.source], target=existing[e.target],
                   share=Decimal(str(e.share)) if e.share is not None else None)
        for e in template.edges
    ])


def _record_version(chain: Chain, origin: str, actor: Actor = None, note: str = "") -> ChainVersion:
    number = (chain.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    chain.version = number
    chain.save(update_fields=["version", "updated_at"])
    data = chain_spec(chain).as_data()
    return ChainVersion.objects.create(
        chain=chain, number=number, origin=origin, data=data, note=note,
        created_by=access.user_of(actor),
    )


@transaction.atomic
def load_templates(templates: Iterable[spec.ChainSpec] | None = None) -> dict[str, str]:
    """Load the shipped templates; idempotent. A newer file version replaces a chain unless the chain
    was edited in the platform since (the edit is kept). Returns slug → what happened."""
    outcome: dict[str, str] = {}
    for template in spec.shipped() if templates is None else templates:
        chain = Chain.objects.filter(slug=template.slug).first()
        if chain is None:
            chain = Chain(slug=template.slug)
            _apply(chain, template)
            chain.file_version = template.version
            chain.save(update_fields=["file_version"])
            _record_version(chain, ChainVersion.Origin.FILE, note=f"{template.slug}.yaml v{template.version}")
            outcome[template.slug] = "created"
        elif template.version <= chain.file_version:
            outcome[template.slug] = "unchanged"
        elif chain.versions.order_by("-number").values_list("origin", flat=True).first() == ChainVersion.Origin.EDIT:
            outcome[template.slug] = "kept edits"
        else:
            _apply(chain, template)
            chain.file_version = template.version
            chain.save(update_fields=["file_version"])
            _record_version(chain, ChainVersion.Origin.FILE, note=f"{template.slug}.yaml v{template.version}")
            outcome[template.slug] = "updated"
    return outcome


def can_curate(user: Actor, chain: Chain) -> bool:
    """Admins, and secretariats of an alliance of the chain's industry, may edit it and review its tags."""
    scope = access.roles(user)
    if scope.is_admin:
        return True
    if not scope.secretariat_alliance_ids or chain.industry_id is None:
        return False
    return Alliance.objects.filter(pk__in=scope.secretariat_alliance_ids, industry_id=chain.industry_id).exists()


def _words(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.replace("，", ",").replace("、", ",").replace(";", ",").split(",")
    return [str(w).strip() for w in value or [] if str(w).strip()]


@transaction.atomic
def edit_chain(actor: Actor, chain: Chain, changes: dict[str, Any], note: str = "") -> ChainVersion:
    """Change segment names and keywords and/or replace the edges; a new version is recorded.

    `changes`: {"segments": {key: {name_zh, name_en, keywords_zh, keywords_en}}, "edges": [{from, to, share}]}.
    Refused whole, naming the segment or edge, when the result is not a valid chain.
    """
    if not can_curate(actor, chain):
        raise PermissionDenied(_("Only the chain's alliance secretariat or an administrator may edit it."))
    chain = Chain.objects.select_for_update().get(pk=chain.pk)
    data = chain_spec(chain).as_data()
    by_key = {s["key"]: s for s in data["segments"]}
    for key, fields in (changes.get("segments") or {}).items():
        if key not in by_key:
            raise ValidationError({"segments": _("Unknown segment %(key)s") % {"key": key}})
        for name in ("name_zh", "name_en"):
            if name in fields:
                by_key[key][name] = str(fields[name] or "").strip()
        for name in ("keywords_zh", "keywords_en"):
            if name in fields:
                by_key[key][name] = _words(fields[name])
    if "edges" in changes:
        data["edges"] = changes["edges"]
    try:
        template = spec.parse(data, chain.slug)
    except spec.SpecError as exc:
        field = "edges" if " edge " in str(exc) else "segments"
        raise ValidationError({field: str(exc)}) from None
    if template.as_data() == chain_spec(chain).as_data():
        raise ValidationError({"__all__": _("Nothing was changed.")})
    _apply(chain, template)
    return _record_version(chain, ChainVersion.Origin.EDIT, actor, note)


# -- counts ---------------------------------------------------------------------------------------


Place = tuple[int | None, int | None, bool, bool]
"""Where an organisation's tags are counted: (region id, city id, listed, head enterprise)."""


def _bump(segment_id: int, place: Place, sign: int) -> None:
    region_id, city_id, listed, head = place
    _add_count(segment_id, region_id, city_id, listed, sign, sign if head else 0)


def _add_count(segment_id: int, region_id: int | None, city_id: int | None, listed: bool, orgs: int,
               heads: int) -> None:
    if region_id is None or (orgs == 0 and heads == 0):
        return
    key = {"segment_id": segment_id, "region_id": region_id, "listed": listed}
    if SegmentCount.objects.filter(**key).update(orgs=F("orgs") + orgs, heads=F("heads") + heads, city_id=city_id):
        return
    try:
        with transaction.atomic():
            SegmentCount.objects.create(**key, city_id=city_id, orgs=orgs, heads=heads)
    except IntegrityError:  # created meanwhile by another transaction
        SegmentCount.objects.filter(**key).update(orgs=F("orgs") + orgs, heads=F("heads") + heads)


def place_of(org: Organisation) -> Place:
    return (org.region_id, org.city_id, org.listed, org.is_head_enterprise)


def _count_change(org: Organisation, segment_id: int, sign: int) -> None:
    _bump(segment_id, place_of(org), sign)


def move_counts(org_id: int, old: Place, new: Place) -> None:
    """An organisation's region, listing or head flag changed: move its counted tags with it."""
    segments = list(
        SegmentTag.objects.filter(organisation_id=org_id, role=SegmentTag.Role.PRODUCES)
        .exclude(status=SegmentTag.Status.REJECTED).values_list("segment_id", flat=True)
    )
    for segment_id in segments:
        _bump(segment_id, old, -1)
        _bump(segment_id, new, 1)


@transaction.atomic
def rebuild_counts(chain: Chain | None = None, segment_ids: Iterable[int] | None = None) -> int:
    """Recompute the counts from the tags (after bulk loads; of some segments after organisations
    changed); returns the number of count rows."""
    segments = Segment.objects.all() if chain is None else chain.segments.all()
    if segment_ids is not None:
        segments = segments.filter(pk__in=list(segment_ids))
    SegmentCount.objects.filter(segment__in=segments).delete()
    made = [
        SegmentCount(segment_id=segment_id, region_id=region_id, city_id=city_id, listed=listed, orgs=orgs, heads=heads)
        for segment_id, region_id, city_id, listed, orgs, heads in _counted(SegmentTag.objects.filter(segment__in=segments))
    ]
    SegmentCount.objects.bulk_create(made, batch_size=1000)
    return len(made)


def _counted(tags: QuerySet[SegmentTag]) -> Iterable[tuple[int, int, int | None, bool, int, int]]:
    """What these tags add to the counts: (segment, region, city, listed, organisations, head enterprises)."""
    rows = (
        tags.filter(role=SegmentTag.Role.PRODUCES, organisation__region__isnull=False)
        .exclude(status=SegmentTag.Status.REJECTED)
        .values("segment_id", "organisation__region_id", "organisation__city_id", "organisation__listed")
        .annotate(orgs=Count("id"), heads=Count("id", filter=Q(organisation__is_head_enterprise=True)))
        .order_by()
    )
    for r in rows:
        yield (r["segment_id"], r["organisation__region_id"], r["organisation__city_id"], r["organisation__listed"],
               r["orgs"], r["heads"])


def add_counts(org_ids: list[int]) -> None:
    """Organisations counted nowhere so far (new ones): add what their tags produce to the counts, without
    recounting everyone else in those segments (a large import follows its organisations chunk by chunk)."""
    for segment_id, region_id, city_id, listed, orgs, heads in list(
            _counted(SegmentTag.objects.filter(organisation_id__in=org_ids))):
        _add_count(segment_id, region_id, city_id, listed, orgs, heads)


# -- tags -----------------------------------------------------------------------------------------


_matcher_cache: dict[str, Any] = {}


def matcher() -> inference.Matcher:
    """The compiled keywords of every active segment, rebuilt when a chain changes."""
    signature = Chain.objects.aggregate(n=Count("id"), latest=Max("updated_at"), versions=Max("versions__id"))
    if _matcher_cache.get("signature") != signature:
        # The same words the file tagger (`corridor chains tag`) reads from the shipped templates.
        segments, chains = tagging.words([chain_spec(c) for c in Chain.objects.order_by("slug")])
        _matcher_cache["matcher"] = inference.Matcher(segments, chains)
        _matcher_cache["signature"] = signature
    return _matcher_cache["matcher"]


def _segment_ids() -> dict[tuple[str, str], int]:
    return {(c, k): pk for c, k, pk in Segment.objects.filter(active=True).values_list("chain__slug", "key", "pk")}


def org_text(org: Organisation) -> inference.OrgText:
    return inference.OrgText(org.name_zh, org.name_en, org.description_zh, org.description_en)


@transaction.atomic
def infer_tags(
    orgs: Iterable[Organisation], *, progress: Progress | None = None, total: int = 0, incremental: bool = True,
    batch_size: int = 1000,
) -> int:
    """(Re)infer the tags of these organisations from their text. Declared, confirmed and rejected tags
    stay as they are; proposed ones follow the text. Counts follow when `incremental` (else call
    `rebuild_counts` afterwards). Returns how many tags were added."""
    report = progress or _noop
    stage = _("Inferring chain segments")
    match = matcher()
    ids = _segment_ids()
    added = done = 0
    batch: list[Organisation] = []

    def flush() -> int:
        org_ids = [o.pk for o in batch]
        existing: dict[tuple[int, int, str], SegmentTag] = {
            (t.organisation_id, t.segment_id, t.role): t for t in SegmentTag.objects.filter(organisation_id__in=org_ids)
        }
        new: list[SegmentTag] = []
        stale: list[SegmentTag] = []
        for org in batch:
            found = {}
            for hit in match.infer(org_text(org)):
                segment_id = ids.get((hit.chain, hit.segment))
                if segment_id is not None:
                    found[(org.pk, segment_id, hit.role)] = hit
            for key, hit in found.items():
                tag = existing.get(key)
                if tag is None:
                    new.append(SegmentTag(
                        organisation_id=org.pk, segment_id=key[1], role=hit.role, source=SegmentTag.Source.INFERRED,
                        status=SegmentTag.Status.PROPOSED, confidence=hit.confidence, evidence=list(hit.evidence),
                    ))
                elif tag.source == SegmentTag.Source.INFERRED and tag.status == SegmentTag.Status.PROPOSED:
                    if tag.confidence != hit.confidence or tag.evidence != list(hit.evidence):
                        SegmentTag.objects.filter(pk=tag.pk).update(confidence=hit.confidence, evidence=list(hit.evidence))
            stale += [
                t for key, t in existing.items()
                if key[0] == org.pk and key not in found and t.source == SegmentTag.Source.INFERRED
                and t.status == SegmentTag.Status.PROPOSED
            ]
        SegmentTag.objects.bulk_create(new, batch_size=1000)
        SegmentTag.objects.filter(pk__in=[t.pk for t in stale]).delete()
        if incremental:
            by_id = {o.pk: o for o in batch}
            for t in new:
                if t.role == SegmentTag.Role.PRODUCES:
                    _count_change(by_id[t.organisation_id], t.segment_id, 1)
            for t in stale:
                if t.role == SegmentTag.Role.PRODUCES:
                    _count_change(by_id[t.organisation_id], t.segment_id, -1)
        return len(new)

    for org in orgs:
        batch.append(org)
        if len(batch) >= batch_size:
            added += flush()
            done += len(batch)
            batch = []
            report(stage, done, total or done)
    if batch:
        added += flush()
        done += len(batch)
    report(stage, done, total or done)
    return added


def reinfer_organisation(org: Organisation) -> int:
    """After an organisation's names or descriptions changed."""
    return infer_tags([org])


def counted_segments(org_ids: Iterable[int]) -> set[int]:
    """Segments in whose counts these organisations appear (produced, not rejected)."""
    return set(
        SegmentTag.objects.filter(organisation_id__in=list(org_ids), role=SegmentTag.Role.PRODUCES)
        .exclude(status=SegmentTag.Status.REJECTED).values_list("segment_id", flat=True)
    )


def follow_organisations(ids: list[int]) -> None:
    """Organisations changed (created, edited, imported, merged, restored): infer their tags again and
    recount the segments they were or are counted in. An organisation gone (merged away) took its
    tags along, and where they were counted is no longer known: then every count is rebuilt."""
    from corridor.chains import reports

    reports.forget_totals()
    orgs = list(Organisation.objects.filter(pk__in=ids))
    before = counted_segments(ids)
    infer_tags(orgs, incremental=False)
    if before:
        rebuild_counts(segment_ids=before | counted_segments(ids))
    else:
        # Counted nowhere before (an import's new organisations): the counts only gain their tags. Rebuilding
        # the segments instead would recount every organisation in them, chunk after chunk of a large import.
        add_counts([o.pk for o in orgs])
    if len(orgs) < len(set(ids)):  # slow at scale: a job after the commit, not the request
        transaction.on_commit(lambda: jobs.start(RECOUNT_JOB, {}))


def forget_organisations(ids: list[int]) -> None:
    """Organisations about to be deleted: take their counted tags out of the counts."""
    from corridor.chains import reports

    reports.forget_totals()
    for row in Organisation.objects.filter(pk__in=ids).values("pk", "region_id", "city_id", "listed", "is_head_enterprise"):
        old = (row["region_id"], row["city_id"], row["listed"], row["is_head_enterprise"])
        move_counts(row["pk"], old, (None, None, row["listed"], row["is_head_enterprise"]))


RECOUNT_JOB = "chains-recount"


@jobs.register(RECOUNT_JOB, gettext_lazy("Recount of the chain maps"))
def _recount_job(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    stage = Text(gettext_noop("Recount of the chain maps"))
    progress(stage, 0, 1)
    rows = rebuild_counts()
    progress(stage, 1, 1)
    return {"count_rows": rows}


def _tag_for_update(tag: SegmentTag) -> SegmentTag:
    return SegmentTag.objects.select_for_update().select_related("organisation", "segment__chain").get(pk=tag.pk)


def can_review(user: Actor, tag: SegmentTag) -> bool:
    return access.may(user, REVIEW, tag)


@transaction.atomic
def review_tag(actor: Actor, tag: SegmentTag, decision: str) -> SegmentTag:
    """Confirm or reject an inferred tag (the chain's secretariat or an admin)."""
    tag = _tag_for_update(tag)
    if not can_review(actor, tag):
        raise PermissionDenied(_("Only the chain's alliance secretariat or an administrator may review its tags."))
    if tag.source != SegmentTag.Source.INFERRED:
        raise ValidationError({"status": _("Only inferred tags are reviewed; declared ones belong to the organisation.")})
    _decide(actor, tag, _status_of(decision))
    return tag


_DECISIONS = {"confirm": SegmentTag.Status.CONFIRMED, "reject": SegmentTag.Status.REJECTED}


def _status_of(decision: str) -> str:
    if decision not in _DECISIONS:
        raise ValidationError({"status": _("Say confirm or reject.")})
    return _DECISIONS[decision]


def _decide(actor: Actor, tag: SegmentTag, status: str) -> None:
    """One decision (`SegmentTag.WORKFLOW`: the state, its history, the event) and the chain counts: the
    single-tag and the bulk path share it; both have checked the reviewer already."""
    was_counted = tag.counted
    apply_transition(actor, tag, "confirm" if status == SegmentTag.Status.CONFIRMED else "reject", check_access=False)
    if was_counted != tag.counted:
        _count_change(tag.organisation, tag.segment_id, 1 if tag.counted else -1)


BULK_REVIEW_LIMIT = 2000  # one request's worth; a larger set is narrowed by the filters first


@transaction.atomic
def review_tags(actor: Actor, tags: QuerySet[SegmentTag], decision: str) -> int:
    """Confirm or reject every waiting inferred tag of `tags` the actor may review (others are left as they
    are, never an error: the set was chosen by filters). Returns how many were decided."""
    status = _status_of(decision)
    chosen = (
        SegmentTag.objects.restrict(actor, REVIEW)
        .filter(pk__in=tags.values("pk"), source=SegmentTag.Source.INFERRED, status=SegmentTag.Status.PROPOSED)
        .select_for_update(of=("self",)).select_related("organisation", "segment__chain")
        .order_by("pk")
    )
    ids = list(chosen.values_list("pk", flat=True)[: BULK_REVIEW_LIMIT + 1])
    if len(ids) > BULK_REVIEW_LIMIT:
        raise ValidationError({"status": _("More than %(n)s tags at once: narrow the filters first.") % {
            "n": BULK_REVIEW_LIMIT}})
    decided = 0
    for tag in chosen.filter(pk__in=ids):
        _decide(actor, tag, status)
        decided += 1
    return decided


@transaction.atomic
def declare_tag(actor: Actor, org: Organisation, segment: Segment, role: str = SegmentTag.Role.PRODUCES) -> SegmentTag:
    """The organisation says it is on a segment (its own users, or an admin)."""
    if not Organisation.objects.restrict(actor, "change").filter(pk=org.pk).exists():
        raise PermissionDenied(_("You may not edit this organisation."))
    if role not in SegmentTag.Role.values:
        raise ValidationError({"role": _("Role must be produces or uses.")})
    if not segment.active:
        raise ValidationError({"segment": _("This segment is no longer in the chain.")})
    org = Organisation.objects.get(pk=org.pk)
    tag = SegmentTag.objects.select_for_update().filter(organisation=org, segment=segment, role=role).first()
    was_counted = tag.counted if tag else False
    if tag is None:  # a new tag: created as declared
        tag = SegmentTag.objects.create(organisation=org, segment=segment, role=role, source=SegmentTag.Source.DECLARED,
                                        status=SegmentTag.Status.CONFIRMED, confidence=1.0,
                                        decided_by=access.user_of(actor))
        audit.record(actor, tag, ChangeRecord.Action.CREATE)
    else:  # an inferred (or earlier) tag becomes the organisation's own: `SegmentTag.WORKFLOW`'s "declare"
        tag = apply_transition(actor, tag, "declare", source=SegmentTag.Source.DECLARED, confidence=1.0)
    if tag.counted and not was_counted:
        _count_change(org, segment.pk, 1)
    return tag


@transaction.atomic
def withdraw_tag(actor: Actor, tag: SegmentTag) -> None:
    """The organisation takes a declared tag back."""
    tag = _tag_for_update(tag)
    if not Organisation.objects.restrict(actor, "change").filter(pk=tag.organisation_id).exists():
        raise PermissionDenied(_("You may not edit this organisation."))
    if tag.counted:
        _count_change(tag.organisation, tag.segment_id, -1)
    audit.record(actor, tag, ChangeRecord.Action.DELETE, before=audit.snapshot(tag))
    tag.delete()


@transaction.atomic
def declare_landed_tags(actor: Actor, org: Organisation, segments: Iterable[Segment]) -> list[SegmentTag]:
    """A landed investment project (corridor/projects) puts its local site on the project's segments as a
    producer, declared on the organisation's behalf by whoever moved the project (the projects service
    checked that they may). A tag the organisation already counts in is left as it is, so a landing that
    adds nothing new counts nothing twice. Returns the tags that now count and did not before."""
    added: list[SegmentTag] = []
    for segment in segments:
        if not segment.active:
            continue
        role = SegmentTag.Role.PRODUCES
        tag = SegmentTag.objects.select_for_update().filter(organisation=org, segment=segment, role=role).first()
        if tag is not None and tag.counted and tag.status == SegmentTag.Status.CONFIRMED:
            continue
        was_counted = tag.counted if tag else False
        before = audit.snapshot(tag) if tag else None
        if tag is None:
            tag = SegmentTag(organisation=org, segment=segment, role=role)
        tag.source, tag.status, tag.confidence, tag.decided_by = (
            SegmentTag.Source.DECLARED, SegmentTag.Status.CONFIRMED, 1.0, access.user_of(actor)
        )
        tag.evidence = [*(tag.evidence or []), "investment project landed"]
        tag.save()
        if before is None:
            audit.record(actor, tag, ChangeRecord.Action.CREATE, note="project landed")
        else:
            audit.record(actor, tag, ChangeRecord.Action.UPDATE, before=before, note="project landed")
        if not was_counted:
            _count_change(org, segment.pk, 1)
            added.append(tag)
    return added
