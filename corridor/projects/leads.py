"""Where a project's lead came from: a 1:1 meeting or a matchmaking interest that came to something. Which of
them a user may start a project from, the likely investor, and what the project page may say of its origin
(details only to a reader who may see that meeting or interest)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from corridor.core.access import Actor
from corridor.orgs.models import Organisation
from corridor.projects.models import Project
from corridor.regions.models import Region, within_q

# Who may start a lead from them: whoever may record projects (officers, secretariats, admins) AND may already
# see the meeting or the interest through its own rule. A meeting is seen by both sides and the event's
# organisers (its secretariat, organiser staff, the officers of the event's region). An interest stays seen by
# its two parties and the listing's secretariat only: a city officer is NOT given interests (their messages
# and secretariat-only listings stay private); the secretariat starts the lead naming the officer's city, and
# the officer then sees the project (and its investor) but of the interest only the source "matchmaking".
# The project page names the meeting or the listing only to a reader who may see it (`origin`).

LEAD_OUTCOMES = ("interest", "agreement")
LEAD_STAGES = ("accepted", "meeting", "agreement")


def visible_meetings(actor: Actor) -> Any:
    """Meetings the actor may see: through their request's rule (both sides, the event's organisers)."""
    from corridor.events.models import Meeting, MeetingRequest

    return Meeting.objects.filter(request__in=MeetingRequest.objects.restrict(actor).values("pk")).select_related(
        "event", "slot", "request__requester__organisation", "request__invitee__organisation")


def meetings_for_leads(actor: Actor) -> Any:
    """Meetings the actor may see whose outcome (either side's) was interest or agreement."""
    from corridor.events.models import MeetingSeat

    return visible_meetings(actor).filter(
        pk__in=MeetingSeat.objects.filter(outcome__in=LEAD_OUTCOMES).values("meeting_id"))


def meeting_sides(meeting: Any) -> list[Organisation]:
    return [r.organisation for r in (meeting.request.requester, meeting.request.invitee) if r.organisation_id]


def interest_parties(interest: Any) -> list[Organisation]:
    return [interest.listing.organisation, interest.organisation]


def interests_for_leads(actor: Actor) -> Any:
    from corridor.matching.models import Interest

    return Interest.objects.restrict(actor).filter(stage__in=LEAD_STAGES).select_related(
        "listing__organisation", "organisation", "counterpart")


def lead_investor(parties: list[Organisation], region: Region | None, offering: Organisation | None = None) -> Organisation | None:
    """The likely investor: the offering side, else the side from outside the target region."""
    if offering is not None:
        return offering
    if region is not None:
        inside = set(Organisation.objects.filter(pk__in=[o.pk for o in parties]).filter(
            within_q("region", [region.pk])).values_list("pk", flat=True))
        outside = [o for o in parties if o.pk not in inside]
        if outside:
            return outside[0]
    return parties[0] if parties else None


def offering_party(interest: Any) -> Organisation:
    """Of a need and an offer, the side that offers (it brings the segment the city lacks)."""
    from corridor.matching.models import Listing

    return interest.listing.organisation if interest.listing.side == Listing.Side.OFFER else interest.organisation


def _pk(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if hasattr(value, "pk"):
        return int(value.pk)
    return int(str(value)) if str(value).strip().isdigit() else 0


def lead_origin(actor: Actor, data: dict[str, Any], investor: Organisation) -> tuple[str, Any, Any] | None:
    """(source, meeting, interest) when the lead starts from a meeting or an interest; checks the actor may see
    it, that it came to something, and that the investor is one of its sides. A hidden one is "unknown"."""
    meeting_id, interest_id = _pk(data.get("meeting")), _pk(data.get("interest"))
    if meeting_id is None and interest_id is None:
        return None
    if meeting_id is not None:
        meeting = meetings_for_leads(actor).filter(pk=meeting_id).first()
        if meeting is None:
            raise ValidationError({"meeting": _("Unknown meeting, or its outcome was neither interest nor agreement.")})
        if investor.pk not in {o.pk for o in meeting_sides(meeting)}:
            raise ValidationError({"investor": _("The investor must be one of the two sides of the meeting.")})
        return Project.Source.EVENT_MEETING, meeting, None
    interest = interests_for_leads(actor).filter(pk=interest_id).first()
    if interest is None:
        raise ValidationError({"interest": _("Unknown interest, or it was not accepted.")})
    if investor.pk not in {o.pk for o in interest_parties(interest)}:
        raise ValidationError({"investor": _("The investor must be one of the two parties of the interest.")})
    return Project.Source.MATCHMAKING, None, interest


def origin(viewer: Actor, project: Project) -> dict[str, Any] | None:
    """What the project page says of the meeting or interest it came from: its details only to a reader who may
    see that meeting (both sides, the event's organisers) or interest (its parties, the secretariat)."""
    if project.meeting_id:
        meeting = visible_meetings(viewer).filter(pk=project.meeting_id).first()
        if meeting is None:
            return {"kind": "meeting", "hidden": True}
        return {"kind": "meeting", "meeting": meeting, "event": meeting.event, "sides": meeting_sides(meeting),
                "outcomes": sorted({s.get_outcome_display() for s in meeting.seats.all() if s.outcome})}
    if project.interest_id:
        from corridor.matching.models import Interest

        interest = Interest.objects.restrict(viewer).select_related(
            "listing__organisation", "organisation").filter(pk=project.interest_id).first()
        if interest is None:
            return {"kind": "interest", "hidden": True}
        return {"kind": "interest", "interest": interest, "listing": interest.listing,
                "sides": interest_parties(interest)}
    return None


def projects_from(viewer: Actor, *, meeting: Any = None, interest: Any = None) -> Any:
    """The projects a meeting or an interest led to, as far as the viewer may see them."""
    qs = Project.objects.restrict(viewer)
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    if interest is not None:
        qs = qs.filter(interest=interest)
    return qs.select_related("city", "region").order_by("pk")
