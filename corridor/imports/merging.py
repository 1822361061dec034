"""Merging two organisation records into one, and undoing it. Every reference moves, whichever app made it.

The references are found generically: every relation pointing at Organisation (including hidden ones and
the tables behind many-to-many fields), so models added by other apps later (listings, chain tags,
instruments) move too without this code knowing them. A reference that cannot move because the kept
record already has the same one (a membership of the same alliance) is removed, and kept for undo with
everything its deletion takes along. The removed record's names become aliases of the kept one; its
values fill the kept record's empty fields. Undo restores all of it, with the same ids.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.accounts.scope import scope_of
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access, events
from corridor.core.access import Actor
from corridor.core.texts import Text
from corridor.imports.models import Merge, RejectedPair
from corridor.orgs.models import Organisation
from corridor.orgs.services import refresh_derived_fields

# Fields the kept record takes from the removed one when it has none.
FILLABLE = ("name_zh", "name_en", "short_name", "uscc", "address", "region_id", "size_band", "description_zh",
            "description_en", "website", "founded_year", "contact_name", "contact_email", "contact_phone")


def may_merge(user: Actor, *orgs: Organisation) -> bool:
    scope = scope_of(user)
    if scope.is_admin:
        return True
    if not scope.secretariat_alliance_ids:
        return False
    visible = Organisation.objects.restrict(user, "view_private").filter(pk__in=[o.pk for o in orgs]).count()
    return visible == len({o.pk for o in orgs})


# The resolver (no Django) names its stages by key; the job page says them in its reader's language.
RESOLVER_STAGES = {"parse": gettext_noop("Reading the organisations' names"),
                   "compare": gettext_noop("Comparing the likely pairs")}


def _stages_said(progress: Any) -> Any:
    if progress is None:
        return None

    def report(stage: str, done: int, total: int) -> None:
        progress(Text(RESOLVER_STAGES[stage]) if stage in RESOLVER_STAGES else stage, done, total)

    return report


def candidate_pairs(user: Actor, progress: Any = None) -> list[dict[str, Any]]:
    """Pairs of organisations to review: those the resolver merges and those in its review band.

    Among the organisations whose private side the user may see (all of them for an admin). Most
    uncertain first (evidence nearest the merge threshold), so a reviewer's first decisions are the ones
    the resolver needs most. The resolver is taught by earlier decisions: the names kept as aliases and
    the merges made (brands), and the pairs rejected (never proposed again, nor the same two names).
    """
    from corridor.resolution.resolver import Record, resolve

    orgs = list(Organisation.objects.restrict(user, "view_private").only(
        "pk", "name_zh", "name_en", "short_name", "aliases", "uscc", "address").order_by("pk"))
    records = [Record(str(o.pk), o.name_zh or o.name_en, o.address, o.uscc or "",
                      tuple(n for n in (o.name_en, o.short_name, *(o.aliases or [])) if n)) for o in orgs]
    confirmed = [(m.removed_name, m.kept_name) for m in Merge.objects.filter(undone_at__isnull=True).only(
        "removed_name", "kept_name")]
    refused = list(RejectedPair.objects.values_list("org_a_id", "org_b_id", "name_a", "name_b"))
    refused_ids = {frozenset((a, b)) for a, b, _na, _nb in refused}
    result = resolve(records, confirmed, _stages_said(progress), rejected=[(na, nb) for _a, _b, na, nb in refused])
    found = [(ev.score, orgs[i].pk, orgs[j].pk, ev.reason, "merge") for i, j, ev in result.merged_pairs()]
    found += [(ev.score, orgs[i].pk, orgs[j].pk, ev.reason, "review") for i, j, ev in result.review]
    found = [f for f in found if frozenset((f[1], f[2])) not in refused_ids]
    found.sort(key=lambda p: (abs(p[0] - result.merge_at), p[1], p[2]))
    return [{"a": a, "b": b, "score": round(score, 3), "reason": reason, "band": band,
             "uncertainty": round(1 - min(1.0, abs(score - result.merge_at) / 0.3), 2)}
            for score, a, b, reason, band in found]


@transaction.atomic
def reject_pair(actor: Actor, a: Organisation, b: Organisation) -> RejectedPair:
    """A reviewer says these two records are two organisations: they are not proposed again."""
    if a.pk == b.pk:
        raise ValidationError(_("An organisation cannot be merged with itself."))
    if not may_merge(actor, a, b):
        raise PermissionDenied(_("You may not merge these organisations."))
    first, second = (a, b) if a.pk < b.pk else (b, a)
    pair, _created = RejectedPair.objects.get_or_create(
        org_a=first, org_b=second,
        defaults={"name_a": (first.name_zh or first.name_en)[:300], "name_b": (second.name_zh or second.name_en)[:300],
                  "created_by": actor if getattr(actor, "is_authenticated", False) else None},
    )
    return pair


def references() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every foreign key pointing at Organisation, in any app."""
    out: list[tuple[type[models.Model], str]] = []
    for rel in Organisation._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            if rel.related_model in (Merge, RejectedPair):
                continue  # the merge records themselves say which record was kept; a rejection is of these two  # the merge records themselves say which record was kept
            out.append((rel.related_model, rel.field.name))  # type: ignore[arg-type, union-attr]
    return out


def _collect(objs: list[models.Model]) -> str:
    """Serialised: these rows and everything deleting them would delete (for undo)."""
    collector = Collector(using="default")
    collector.collect(objs)
    rows: list[models.Model] = []
    for model, instances in collector.data.items():
        rows.extend(instances)
        del model
    for qs in collector.fast_deletes:
        rows.extend(qs)  # type: ignore[arg-type]
    return serializers.serialize("json", rows)


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


@transaction.atomic
def merge_organisations(actor: Actor, keep: Organisation, remove: Organisation, evidence: dict[str, Any] | None = None) -> Merge:
    if keep.pk == remove.pk:
        raise ValidationError(_("An organisation cannot be merged with itself."))
    if not may_merge(actor, keep, remove):
        raise PermissionDenied(_("You may not merge these organisations."))
    keep = Organisation.objects.select_for_update().get(pk=keep.pk)
    remove = Organisation.objects.select_for_update().get(pk=remove.pk)
    if keep.uscc and remove.uscc and keep.uscc != remove.uscc:
        raise ValidationError(_("These organisations have different credit codes: they are two legal entities."))
    before = audit.snapshot(keep)
    kept_before = {f: getattr(keep, f) for f in (*FILLABLE, "aliases")}
    moved: list[dict[str, Any]] = []
    conflicts: list[models.Model] = []
    for model, fname in references():
        rows = list(model._default_manager.filter(**{fname: remove.pk}).values_list("pk", flat=True))
        done = []
        for pk in rows:
            try:
                with transaction.atomic():
                    model._default_manager.filter(pk=pk).update(**{fname: keep.pk})
                done.append(pk)
            except IntegrityError:
                conflicts.append(model._default_manager.get(pk=pk))  # the kept record already has this one
        if done:
            moved.append({"model": _label(model), "field": fname, "pks": done})
    conflict_rows = _collect(conflicts) if conflicts else "[]"
    for row in conflicts:
        row.delete()
    removed_name = str(remove)
    removed_pk = remove.pk
    removed_rows = _collect([remove])
    names = [n for n in (remove.name_zh, remove.name_en, remove.short_name, *(remove.aliases or [])) if n]
    fills = {f: getattr(remove, f) for f in FILLABLE if not getattr(keep, f) and getattr(remove, f)}
    audit.record(actor, remove, ChangeRecord.Action.DELETE, before=audit.snapshot(remove),
                 note=_("merged into #%(id)s") % {"id": keep.pk})
    remove.delete()
    own = {keep.name_zh, keep.name_en, keep.short_name}
    keep.aliases = list(dict.fromkeys([*(keep.aliases or []), *(n for n in names if n not in own)]))
    for fname, value in fills.items():
        setattr(keep, fname, value)
    refresh_derived_fields(keep)
    keep.save()
    kept_after = {f: getattr(keep, f) for f in (*FILLABLE, "aliases")}
    audit.record(actor, keep, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(keep),
                 note=_("merged #%(id)s %(name)s into this record") % {"id": removed_pk, "name": removed_name})
    # The removed record's tags and other rows now hang off the kept one: following it covers both.
    events.organisations_changed([keep.pk])
    return Merge.objects.create(
        kept=keep, kept_name=str(keep)[:300], removed_id=removed_pk, removed_name=removed_name[:300],
        evidence=evidence or {}, removed_rows=removed_rows, conflict_rows=conflict_rows, moved=moved,
        kept_before=kept_before, kept_after=kept_after, created_by=access.user_of(actor),
    )


@transaction.atomic
def undo_merge(actor: Actor, merge: Merge) -> Organisation:
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValidationError(_("This merge has already been undone."))
    if merge.kept is None:
        raise ValidationError(_("The kept organisation no longer exists; this merge cannot be undone."))
    keep = Organisation.objects.select_for_update().get(pk=merge.kept.pk)
    if not may_merge(actor, keep):
        raise PermissionDenied(_("You may not undo this merge."))
    before = audit.snapshot(keep)
    # The kept record gives back what it took (only where it still has what the merge gave it).
    for fname, value in merge.kept_before.items():
        if getattr(keep, fname) == merge.kept_after.get(fname):
            setattr(keep, fname, value)
    refresh_derived_fields(keep)
    keep.save()
    restored = [obj for obj in serializers.deserialize("json", merge.removed_rows)]
    restored.sort(key=lambda o: 0 if isinstance(o.object, Organisation) else 1)
    for obj in restored:
        if isinstance(obj.object, Organisation):
            obj.m2m_data = {}  # its industry rows come back with the moved references below
        obj.save()
    removed = Organisation.objects.get(pk=merge.removed_id)
    for entry in merge.moved:
        model = apps.get_model(entry["model"])
        model._default_manager.filter(pk__in=entry["pks"]).update(**{entry["field"]: removed.pk})
    for obj in serializers.deserialize("json", merge.conflict_rows):
        obj.save()
    merge.undone_at = timezone.now()
    merge.undone_by = access.user_of(actor)
    merge.save(update_fields=["undone_at", "undone_by"])
    audit.record(actor, keep, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(keep),
                 note=_("merge with #%(id)s undone") % {"id": removed.pk})
    audit.record(actor, removed, ChangeRecord.Action.CREATE, note=_("restored: merge into #%(id)s undone") % {"id": keep.pk})
    events.organisations_changed([keep.pk, removed.pk])
    return removed
