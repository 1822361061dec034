"""Use cases of matchmaking: post, edit and close listings; suggestions; interest to agreement; funnel.

Who may do what is decided here (views and API only call): members post for their organisation,
the secretariat also for its alliance's members; the listing's owner answers an interest; either
party or the secretariat records a meeting and an agreement, in that order.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.alliances.models import Alliance, AllianceMembership
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import CHANGE, Actor
from corridor.core.errors import Conflict
from corridor.core.workflow import apply_transition, available_transitions
from corridor.matching import explain, index, segments
from corridor.matching.engine import Explanation, Match
from corridor.matching.models import FOLLOW_UP, Interest, Listing
from corridor.notifications import services as notifications
from corridor.orgs.models import Organisation

EDITABLE = ("side", "category", "title_zh", "title_en", "text", "segments", "regions", "quantity",
            "deadline", "contact", "visibility", "alliance")
Stage = Interest.Stage


# -- who ---------------------------------------------------------------------------------------
is_secretariat_of = access.is_secretariat_of


def may_manage(actor: Actor, listing: Listing) -> bool:
    """The posting organisation's users, the alliance's secretariat and admins (the listing's `change` rule)."""
    return access.may(actor, CHANGE, listing)


def acting_organisation(actor: Actor, organisation: Organisation | None = None) -> Organisation:
    scope = access.roles(actor)
    if organisation is not None:
        if organisation.pk in scope.org_ids or scope.is_admin:
            return organisation
        secretariat_members = AllianceMembership.objects.filter(
            organisation=organisation, alliance_id__in=scope.secretariat_alliance_ids
        )
        if secretariat_members.exists():
            return organisation
        raise PermissionDenied(_("You may not act for this organisation."))
    if len(scope.org_ids) == 1:
        return Organisation.objects.get(pk=next(iter(scope.org_ids)))
    if not scope.org_ids:
        raise PermissionDenied(_("Only users of a member organisation may do this."))
    raise ValidationError({"organisation": _("Choose the organisation you act for.")})


# -- listings ----------------------------------------------------------------------------------
def _clean(data: dict[str, Any], organisation: Organisation, kept: tuple[str, ...] = ()) -> dict[str, Any]:
    """`kept`: segments already stored, accepted even if a chain edit has since dropped them."""
    errors: dict[str, str] = {}
    if data.get("side") not in Listing.Side.values:
        errors["side"] = _("Choose need or offer.")
    if data.get("category") not in Listing.Category.values:
        errors["category"] = _("Choose a category.")
    if data.get("visibility", Listing.Visibility.PUBLIC) not in Listing.Visibility.values:
        errors["visibility"] = _("Choose who may see the listing.")
    if not (data.get("title_zh") or data.get("title_en") or "").strip():
        errors["title_zh"] = _("Give a title in Chinese or English.")
    if not (data.get("text") or "").strip():
        errors["text"] = _("Describe what is needed or offered.")
    for key in ("segments", "regions"):
        value = data.get(key) or []
        if isinstance(value, str):
            value = [v.strip() for v in value.replace("，", ",").split(",") if v.strip()]
        data[key] = list(dict.fromkeys(str(v) for v in value))
    unknown = [v for v in segments.unknown(data["segments"]) if v not in kept]
    if unknown:
        errors["segments"] = _("Unknown chain segment: %(values)s. Choose segments of a chain (chain/segment).") % {
            "values": ", ".join(unknown)}
    alliance = data.get("alliance")
    if isinstance(alliance, int | str) and alliance != "":
        alliance = Alliance.objects.filter(pk=alliance).first() or Alliance.objects.filter(slug=alliance).first()
        if alliance is None:
            errors["alliance"] = _("Unknown alliance.")
    if isinstance(alliance, Alliance) and not AllianceMembership.objects.filter(alliance=alliance, organisation=organisation).exists():
        errors["alliance"] = _("The organisation is not a member of this alliance.")
    if data.get("visibility") in (Listing.Visibility.ALLIANCE, Listing.Visibility.SECRETARIAT) and not alliance:
        if not errors.get("alliance"):
            alliance = Alliance.objects.filter(memberships__organisation=organisation).order_by("pk").first()
            if alliance is None:
                errors["visibility"] = _("Only an alliance member can limit a listing to an alliance.")
    if errors:
        raise ValidationError(errors)
    data["alliance"] = alliance or None
    return data


@transaction.atomic
def create_listing(actor: Actor, data: dict[str, Any], organisation: Organisation | None = None) -> Listing:
    org = acting_organisation(actor, organisation)
    clean = _clean({k: v for k, v in data.items() if k in EDITABLE}, org)
    if not clean["segments"]:
        clean["segments"] = segments.of_organisation(org.pk, clean["side"])
    if clean.get("alliance") is None:
        clean["alliance"] = Alliance.objects.filter(memberships__organisation=org).order_by("pk").first()
    listing = Listing.objects.create(organisation=org, created_by=access.user_of(actor), **clean)
    audit.record(actor, listing, ChangeRecord.Action.CREATE)
    return listing


@transaction.atomic
def update_listing(actor: Actor, listing: Listing, data: dict[str, Any]) -> Listing:
    if not may_manage(actor, listing):
        raise PermissionDenied(_("Only the posting organisation or its secretariat may change this listing."))
    before = audit.snapshot(listing)
    current = {k: getattr(listing, k) for k in EDITABLE}
    current.update({k: v for k, v in data.items() if k in EDITABLE})
    clean = _clean(current, listing.organisation, kept=tuple(listing.segments or ()))
    for key, value in clean.items():
        setattr(listing, key, value)
    listing.save()
    audit.record(actor, listing, ChangeRecord.Action.UPDATE, before=before)
    return listing


@transaction.atomic
def close_listing(actor: Actor, listing: Listing) -> Listing:
    if not may_manage(actor, listing):
        raise PermissionDenied(_("Only the posting organisation or its secretariat may close this listing."))
    before = audit.snapshot(listing)
    listing.status = Listing.Status.CLOSED
    listing.save(update_fields=["status", "updated_at"])
    audit.record(actor, listing, ChangeRecord.Action.UPDATE, before=before)
    return listing


# -- suggestions -------------------------------------------------------------------------------
@dataclass
class Suggestion:
    listing: Listing
    score: float
    explanation: Explanation
    # The explanation's segments by name, in the language active when the suggestions were made.
    shared_segment_names: list[str] = dataclasses.field(default_factory=list)
    supplying_segment_names: list[str] = dataclasses.field(default_factory=list)
    # The explanation in words of the active language (matching/explain.py), for the page.
    strength: str = ""
    reasons: str = ""


def suggestions(actor: Actor, listing: Listing, k: int = 10) -> list[Suggestion]:
    """Counterparts for `listing` that `actor` may see, best first, each with its explanation.

    Only those who may manage the listing get suggestions. Candidates are ranked without knowing
    the viewer, then every one the viewer may not see is dropped before anything is returned: the
    visibility rule is asked about the best few dozen only, then about a wider ranking; only when
    still too few are left is the ranking done again over every listing the viewer may see.
    """
    if not may_manage(actor, listing):
        raise PermissionDenied(_("Suggestions are shown to the posting organisation and its secretariat."))
    engine = index.matcher()
    query = index.item_for(listing)
    visible = Listing.objects.restrict(actor).filter(status=Listing.Status.OPEN).exclude(organisation_id=listing.organisation_id)
    kept: list[Match] = []
    for wanted in (max(5 * k, 50), max(50 * k, 500)):
        ranked = engine.rank(query, k=wanted, shared_terms=False)
        # Usually the best k are all visible: the rule is asked about those first.
        found = visible.in_bulk([int(m.id) for m in ranked[:k]])
        if len(found) < k:
            found.update(visible.in_bulk([int(m.id) for m in ranked[k:]]))
        kept = [m for m in ranked if int(m.id) in found][:k]
        if len(kept) >= k or len(ranked) < wanted:
            break
    else:
        allowed = {str(pk) for pk in visible.values_list("pk", flat=True)}
        kept = engine.rank(query, k=k, allowed=allowed, shared_terms=False)
        found = visible.in_bulk([int(m.id) for m in kept])
    engine.add_shared_terms(query, [m for m in kept if int(m.id) in found])
    out = []
    for m in kept:
        if int(m.id) not in found:
            continue
        other = found[int(m.id)]
        need, offer = (listing, other) if listing.side == Listing.Side.NEED else (other, listing)
        shared, supplying = segments.names(m.explanation.shared_segments), segments.names(m.explanation.supplying_segments)
        out.append(Suggestion(
            other, m.score, m.explanation, shared, supplying, explain.strength(m.score),
            explain.sentence(explain.reasons(m.explanation, shared, supplying, need.get_category_display(),
                                             offer.get_category_display())),
        ))
    return out


# -- interests ---------------------------------------------------------------------------------
def interests_visible_to(actor: Actor) -> QuerySet[Interest]:
    return Interest.objects.restrict(actor).select_related("listing", "listing__organisation", "organisation", "counterpart")


def _users_of(*orgs: Organisation, alliance_id: int | None = None) -> list[Any]:
    return notifications.users_acting_for([o.pk for o in orgs], [alliance_id])


def _notify(interest: Interest, message: str, params: dict[str, Any], actor: Actor) -> None:
    """Both parties and the secretariat, except the one acting: in the app, and by e-mail after commit."""
    recipients = _users_of(interest.listing.organisation, interest.organisation, alliance_id=interest.listing.alliance_id)
    notifications.notify(recipients, message, params, link=reverse("matching:detail", args=[interest.listing_id]), actor=actor)


def express_interest(actor: Actor, listing: Listing, message: str = "", counterpart: Listing | None = None,
                     organisation: Organisation | None = None) -> Interest:
    if not Listing.objects.restrict(actor).filter(pk=listing.pk).exists():
        raise PermissionDenied(_("This listing is not visible to you."))
    org = acting_organisation(actor, organisation)
    if org.pk == listing.organisation_id:
        raise ValidationError({"listing": _("This is your own listing.")})
    if listing.status != Listing.Status.OPEN:
        raise ValidationError({"listing": _("This listing is closed.")})
    if counterpart is not None and counterpart.organisation_id != org.pk:
        raise ValidationError({"counterpart": _("The listing offered in return must be your organisation's.")})
    try:
        with transaction.atomic():
            interest = Interest.objects.create(listing=listing, organisation=org, message=message, counterpart=counterpart)
    except IntegrityError:
        raise Conflict({"listing": _("Your organisation has already shown interest in this listing.")}) from None
    _notify(interest, gettext_noop("%(org)s is interested in “%(listing)s”."), {"org": org, "listing": listing.title}, actor)
    return interest


def introduce(actor: Actor, listing: Listing, counterpart: Listing, message: str = "") -> Interest:
    """The secretariat puts two parties in touch: an interest on `listing` from the owner of `counterpart`."""
    if not is_secretariat_of(actor, listing.alliance_id):
        raise PermissionDenied(_("Only the alliance's secretariat may introduce two parties."))
    if not Listing.objects.restrict(actor).filter(pk=counterpart.pk).exists():
        raise PermissionDenied(_("This listing is not visible to you."))
    if counterpart.organisation_id == listing.organisation_id:
        raise ValidationError({"counterpart": _("Both listings belong to the same organisation.")})
    try:
        with transaction.atomic():
            interest = Interest.objects.create(
                listing=listing, organisation=counterpart.organisation, counterpart=counterpart,
                introduced_by=access.user_of(actor), message=message,
            )
    except IntegrityError:
        raise Conflict({"counterpart": _("These parties are already in touch about this listing.")}) from None
    _notify(interest, gettext_noop("The secretariat introduced %(org)s for “%(listing)s”."), {
        "org": counterpart.organisation, "listing": listing.title}, actor)
    return interest


def allowed_steps(actor: Actor, interest: Interest) -> list[str]:
    """The steps `actor` may take next on `interest` (what the page offers as buttons)."""
    return available_transitions(actor, interest)


def advance(actor: Actor, interest: Interest, stage: str) -> Interest:
    """Take one step: accept or decline (the listing's owner), then meeting held, then agreement signed.

    The steps are `Interest.WORKFLOW`; a step taken twice at once is taken once (the other is a conflict).
    """
    interest = Interest.objects.select_related("listing", "organisation").get(pk=interest.pk)
    if stage not in allowed_steps(actor, interest):
        if FOLLOW_UP not in access.permitted_actions(actor, interest):
            raise PermissionDenied(_("Only the two parties and their secretariat may follow this up."))
        raise ValidationError({"stage": _("“%(stage)s” cannot follow “%(current)s” for you.") % {
            "stage": Stage(stage).label if stage in Stage.values else stage, "current": interest.get_stage_display()}})
    return apply_transition(actor, interest, stage)


# -- the funnel --------------------------------------------------------------------------------
FUNNEL = ("listings", "interests", "accepted", "meetings", "agreements")
# The same funnel's steps from events' 1:1 meetings (issue 18) and the project leads both led to (issue 19).
EVENT_FUNNEL = ("event_meetings", "event_interest", "event_agreements", "projects")


def funnel(group_by: str, since: datetime.date | None = None, viewer: Actor = None) -> list[dict[str, Any]]:
    """Per alliance or per city (of the posting organisation): listings → interests → accepted → meetings → agreements.

    Counts only: no listing's content appears, so secretariat-only listings may be counted for all.
    """
    key = {"alliance": "alliance", "city": "organisation__city"}[group_by]
    listings = Listing.objects.all()
    if since:
        listings = listings.filter(created_at__date__gte=since)
    rows: dict[Any, dict[str, Any]] = {}
    for row in listings.values(key).annotate(n=Count("id")):
        rows.setdefault(row[key], {name: 0 for name in FUNNEL})["listings"] = row["n"]
    interests = Interest.objects.filter(listing__in=listings).values(f"listing__{key}").annotate(
        interests=Count("id"),
        accepted=Count("id", filter=Q(stage__in=[Stage.ACCEPTED, Stage.MEETING, Stage.AGREEMENT])),
        meetings=Count("id", filter=Q(stage__in=[Stage.MEETING, Stage.AGREEMENT])),
        agreements=Count("id", filter=Q(stage=Stage.AGREEMENT)),
    )
    for row in interests:
        target = rows.setdefault(row[f"listing__{key}"], {name: 0 for name in FUNNEL})
        for name in FUNNEL[1:]:
            target[name] = row[name]
    for group, counts in _event_funnel(group_by, since, viewer).items():
        target = rows.setdefault(group, {name: 0 for name in FUNNEL})
        target.update(counts)
    for counts in rows.values():
        for name in EVENT_FUNNEL:
            counts.setdefault(name, 0)
    names = _group_names(group_by, [k for k in rows if k is not None])
    out = [{"key": k, "name": names.get(k, _("none")), **counts} for k, counts in rows.items()]
    return sorted(out, key=lambda r: (-r["listings"], str(r["name"])))


def _event_funnel(group_by: str, since: datetime.date | None, viewer: Actor) -> dict[Any, dict[str, int]]:
    """Events' 1:1 meetings held, and those whose outcome (either side's) was interest or agreement, per the
    event's alliance or city (counts only, like the rest of the funnel: no event, party or outcome is named).
    `projects`: the project leads started from a meeting or from matchmaking that the viewer may see (a
    project before signing is confidential: only its own readers count it), per the alliance of the listing
    or event it came from, or the project's target city."""
    from django.db.models import Exists, OuterRef

    from corridor.events.models import Meeting, MeetingSeat
    from corridor.projects.models import Project
    from corridor.regions.models import Region
    from corridor.regions.services import hierarchy

    seats = MeetingSeat.objects.filter(meeting=OuterRef("pk"))
    meetings = Meeting.objects.annotate(
        is_held=Exists(seats.filter(held=True)),
        has_interest=Exists(seats.filter(outcome__in=("interest", "agreement"))),
        has_agreement=Exists(seats.filter(outcome="agreement")),
    ).filter(is_held=True)
    if since:
        meetings = meetings.filter(slot__starts_at__date__gte=since)
    key = "event__alliance_id" if group_by == "alliance" else "event__region_id"
    out: dict[Any, dict[str, int]] = {}
    rows = list(meetings.values_list(key, "has_interest", "has_agreement"))
    cities: dict[Any, Any] = {}
    if group_by == "city":
        regions = Region.objects.filter(pk__in={r[0] for r in rows if r[0]}).select_related("parent__parent")
        cities = {r.pk: getattr(hierarchy(r)[0], "pk", None) for r in regions}
    for group, interest, agreement in rows:
        group = cities.get(group) if group_by == "city" else group
        counts = out.setdefault(group, {"event_meetings": 0, "event_interest": 0, "event_agreements": 0})
        counts["event_meetings"] += 1
        counts["event_interest"] += int(bool(interest))
        counts["event_agreements"] += int(bool(agreement))
    projects = Project.objects.restrict(viewer).filter(
        source__in=(Project.Source.MATCHMAKING, Project.Source.EVENT_MEETING)).filter(
        Q(interest__isnull=False) | Q(meeting__isnull=False))
    if since:
        projects = projects.filter(created_at__date__gte=since)
    fields = (("interest__listing__alliance_id", "meeting__event__alliance_id") if group_by == "alliance"
              else ("city_id", "city_id"))
    for first, second in projects.values_list(*fields):
        group = first if first is not None else second
        counts = out.setdefault(group, {"event_meetings": 0, "event_interest": 0, "event_agreements": 0})
        counts["projects"] = counts.get("projects", 0) + 1
    return out


def _group_names(group_by: str, keys: list[int]) -> dict[int, str]:
    from corridor.regions.models import Region

    model = Alliance if group_by == "alliance" else Region
    return {obj.pk: str(obj) for obj in model.objects.filter(pk__in=keys)}


def mark_read(actor: Actor) -> int:
    return notifications.mark_read(actor)
