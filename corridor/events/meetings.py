"""Use cases of 1:1 meetings at a brokerage day: slots and tables, profiles and availability, requests and
answers (with expiry), the schedule (run by `corridor.events.scheduling` as a job), locking and publishing.

The database refuses a participant or a table twice in one slot (`MeetingSeat`, `Meeting` unique
constraints), whatever the code path; the scheduler's output is written in one transaction, so a refused
row leaves the previous schedule as it was.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import Actor
from corridor.core.errors import Conflict
from corridor.core.workflow import apply_transition
from corridor.events import scheduling
from corridor.events.models import Event, Meeting, MeetingRequest, MeetingSeat, MeetingSlot, Registration
from corridor.events.services import may_manage

MAX_SLOTS = 96


def _require_organiser(actor: Actor, event: Event) -> None:
    if not may_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))


def _require_brokerage(event: Event) -> None:
    if not event.is_brokerage:
        raise ValidationError({"kind": _("1:1 meetings are for brokerage days.")})


@transaction.atomic
def set_slots(actor: Actor, event: Event, starts_at: datetime.datetime, ends_at: datetime.datetime, minutes: int,
              gap: int, tables: int, *, break_from: datetime.datetime | None = None,
              break_until: datetime.datetime | None = None) -> list[MeetingSlot]:
    """Meeting slots of `minutes` with `gap` between them from `starts_at` until `ends_at` (none during the break,
    e.g. lunch), and the table count. Slots can be laid anew only while no meeting is placed."""
    _require_organiser(actor, event)
    _require_brokerage(event)
    errors: dict[str, str] = {}
    if minutes < 5:
        errors["minutes"] = _("At least 5 minutes.")
    if gap < 0:
        errors["gap"] = _("Not negative.")
    if tables < 1:
        errors["tables"] = _("At least one table.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    if (break_from is None) != (break_until is None) or (break_from and break_until and break_until <= break_from):
        errors["break_until"] = _("Give the start and the end of the break, the end after the start.")
    if errors:
        raise ValidationError(errors)
    times: list[tuple[datetime.datetime, datetime.datetime]] = []
    start = starts_at
    while start + datetime.timedelta(minutes=minutes) <= ends_at:
        end = start + datetime.timedelta(minutes=minutes)
        if break_from and break_until and start < break_until and end > break_from:
            start = break_until  # the first slot after the break starts when it ends
            continue
        times.append((start, end))
        start += datetime.timedelta(minutes=minutes + gap)
    if not times:
        raise ValidationError({"ends_at": _("No meeting fits between the start and the end.")})
    if len(times) > MAX_SLOTS:
        raise ValidationError({"minutes": _("At most %(n)s slots in a day.") % {"n": MAX_SLOTS}})
    if Meeting.objects.filter(event=event).exists():
        if MeetingSlot.objects.filter(event=event).count() != len(times) or event.meeting_tables > tables:
            raise ValidationError({"starts_at": _("Meetings are already placed: clear the schedule before changing the slots.")})
    else:
        MeetingSlot.objects.filter(event=event).delete()
        MeetingSlot.objects.bulk_create([MeetingSlot(event=event, starts_at=a, ends_at=b) for a, b in times])
    Event.objects.filter(pk=event.pk).update(meeting_tables=tables)
    event.refresh_from_db()
    audit.record(actor, event, ChangeRecord.Action.UPDATE, before={}, after={"meeting_tables": tables,
                                                                             "slots": len(times)}, note="slots")
    return list(event.meeting_slots.all())


def participants(event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event, status=Registration.Status.APPROVED).select_related("organisation")


def own_registration(actor: Actor, event: Event) -> Registration | None:
    """The actor's confirmed registration at the event (theirs, not their colleague's)."""
    scope = access.roles(actor)
    if not scope.user_id:
        return None
    return participants(event).filter(user_id=scope.user_id).first()


def update_profile(actor: Actor, registration: Registration, data: dict[str, Any]) -> Registration:
    if access.user_of(actor) is None or registration.user_id != access.user_of(actor).pk:  # type: ignore[union-attr]
        if not may_manage(actor, registration.event):
            raise PermissionDenied(_("Only the participant may change their meeting profile."))
    allowed = {"profile_zh", "profile_en", "available_from", "available_until", "max_meetings"}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    start, end = data.get("available_from"), data.get("available_until")
    if start and end and end <= start:
        raise ValidationError({"available_until": _("The end must be after the start.")})
    Registration.objects.filter(pk=registration.pk).update(**data)
    registration.refresh_from_db()
    return registration


def expire_requests(event: Event, now: datetime.datetime | None = None) -> int:
    """Unanswered requests past their time are expired (called before answering, listing and scheduling)."""
    return MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.REQUESTED,
                                         expires_at__lte=now or timezone.now()).update(status=MeetingRequest.Status.EXPIRED)


def request_meeting(actor: Actor, event: Event, invitee: Registration, *, priority: int = 2, message: str = "",
                    now: datetime.datetime | None = None) -> MeetingRequest:
    _require_brokerage(event)
    requester = own_registration(actor, event)
    if requester is None:
        raise PermissionDenied(_("Only confirmed participants may ask for meetings."))
    if invitee.event_id != event.pk or invitee.status != Registration.Status.APPROVED:
        raise ValidationError({"invitee": _("This participant is not confirmed at this event.")})
    if invitee.pk == requester.pk:
        raise ValidationError({"invitee": _("You cannot meet yourself.")})
    if priority not in MeetingRequest.Priority.values:
        raise ValidationError({"priority": _("Priority is 1, 2 or 3 (3 = must meet).")})
    if event.schedule_published_at is not None and now is None and timezone.now() >= event.starts_at:
        raise ValidationError({"invitee": _("The event has started: no more requests.")})
    now = now or timezone.now()
    pair = Q(requester=requester, invitee=invitee) | Q(requester=invitee, invitee=requester)
    try:
        with transaction.atomic():
            if MeetingRequest.objects.filter(pair, status__in=("requested", "accepted")).exists():
                raise IntegrityError("pair")
            made = MeetingRequest.objects.create(
                event=event, requester=requester, invitee=invitee, priority=priority, message=message.strip()[:2000],
                expires_at=now + datetime.timedelta(hours=event.request_expiry_hours),
            )
            audit.record(actor, made, ChangeRecord.Action.CREATE, after=audit.snapshot(made))
            from corridor.notifications.services import notify

            notify([invitee.user] if invitee.user else [], gettext_noop("%(who)s asks to meet you at %(event)s."),
                   {"who": requester.display_name, "event": event.title}, link=f"/events/{event.pk}/meetings/",
                   actor=actor)
    except IntegrityError:
        raise Conflict({"invitee": _("A request between you two is already open.")}) from None
    return made


@transaction.atomic
def record_request(actor: Actor, event: Event, requester: Registration, invitee: Registration, *, priority: int = 2,
                   message: str = "", accepted: bool = True) -> MeetingRequest:
    """The organiser records a meeting both sides agreed on elsewhere (by phone, on the registration form)."""
    _require_organiser(actor, event)
    _require_brokerage(event)
    for side in (requester, invitee):
        if side.event_id != event.pk or side.status != Registration.Status.APPROVED:
            raise ValidationError({"invitee": _("This participant is not confirmed at this event.")})
    if requester.pk == invitee.pk:
        raise ValidationError({"invitee": _("You cannot meet yourself.")})
    if priority not in MeetingRequest.Priority.values:
        raise ValidationError({"priority": _("Priority is 1, 2 or 3 (3 = must meet).")})
    pair = Q(requester=requester, invitee=invitee) | Q(requester=invitee, invitee=requester)
    if MeetingRequest.objects.filter(pair, status__in=("requested", "accepted")).exists():
        raise Conflict({"invitee": _("A request between you two is already open.")})
    now = timezone.now()
    made = MeetingRequest.objects.create(
        event=event, requester=requester, invitee=invitee, priority=priority, message=message.strip()[:2000],
        status=MeetingRequest.Status.ACCEPTED if accepted else MeetingRequest.Status.REQUESTED,
        answered_at=now if accepted else None, expires_at=now + datetime.timedelta(hours=event.request_expiry_hours),
    )
    audit.record(actor, made, ChangeRecord.Action.CREATE, after=audit.snapshot(made), note="recorded by the organiser")
    return made


def answer(actor: Actor, request: MeetingRequest, accept: bool) -> MeetingRequest:
    expire_requests(request.event)
    request.refresh_from_db()
    return apply_transition(actor, request, "accept" if accept else "decline")


@transaction.atomic
def withdraw(actor: Actor, request: MeetingRequest) -> MeetingRequest:
    request = apply_transition(actor, request, "withdraw")
    Meeting.objects.filter(request=request).delete()
    return request


# ---- the schedule ------------------------------------------------------------------------------------

def build_problem(event: Event, *, keep_all: bool) -> tuple[scheduling.Event, dict[str, Any]]:
    """The scheduler's plain input from the database: slots, tables, confirmed participants (availability and
    caps), accepted requests; locked: published and locked meetings (every placed one with `keep_all`)."""
    from corridor.events.scheduling.model import Meeting as Placed
    from corridor.events.scheduling.model import Participant, Request, Slot

    slots = list(event.meeting_slots.all())
    people = list(participants(event))
    approved = {p.pk for p in people}
    accepted = [r for r in MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.ACCEPTED)
                if r.requester_id in approved and r.invitee_id in approved]
    plain_slots = [Slot(s.pk, s.starts_at, s.ends_at) for s in slots]
    plain_people = []
    for p in people:
        available = frozenset(s.pk for s in slots
                              if (p.available_from is None or s.starts_at >= p.available_from)
                              and (p.available_until is None or s.ends_at <= p.available_until))
        cap = p.max_meetings if p.max_meetings is not None else event.max_meetings
        plain_people.append(Participant(p.pk, available, cap))
    plain_requests = [Request(r.pk, r.requester_id, r.invitee_id, r.priority) for r in accepted]
    accepted_ids = {r.pk for r in accepted}
    kept = Meeting.objects.filter(event=event, request_id__in=accepted_ids)
    if not keep_all:
        kept = kept.filter(Q(locked=True) | Q(published=True))
    locked = [Placed(m.request_id, m.slot_id, m.table) for m in kept]
    problem = scheduling.Event(plain_slots, event.meeting_tables, plain_people, plain_requests, locked)
    # Locked meetings whose sides became unavailable are still kept (they never move); the validator says so.
    return problem, {"kept": len(locked), "requests": len(plain_requests), "participants": len(plain_people)}


def schedule(actor: Actor, event: Event, *, keep_all: bool = False, time_limit: float = 10.0,
             progress: Any = None) -> dict[str, Any]:
    """Run the scheduler and store its schedule: "schedule all" (`keep_all=False`) moves every meeting that is
    neither locked nor published; "schedule the rest" keeps every placed meeting."""
    _require_organiser(actor, event)
    _require_brokerage(event)
    report = progress or (lambda stage, done, total: None)
    if not event.meeting_slots.exists() or event.meeting_tables < 1:
        raise ValidationError({"slots": _("Set the meeting slots and tables first.")})
    expire_requests(event)
    report(_("Reading the requests"), 0, 3)
    problem, facts = build_problem(event, keep_all=keep_all)
    report(_("Scheduling the meetings"), 1, 3)
    outcome = scheduling.schedule(problem, time_limit=time_limit)
    problems = scheduling.schedule_problems(problem, outcome.schedule)
    if problems:
        raise ValidationError({"slots": problems[0]})
    report(_("Saving the schedule"), 2, 3)
    kept_ids = {m.request for m in problem.locked}
    placed = [m for m in outcome.schedule.meetings if m.request not in kept_ids]
    sides = {r.id: (r.source, r.target) for r in problem.requests}
    with transaction.atomic():
        Meeting.objects.filter(event=event).exclude(request_id__in=kept_ids).delete()
        made = Meeting.objects.bulk_create([
            Meeting(event=event, request_id=m.request, slot_id=m.slot, table=m.table) for m in placed
        ])
        MeetingSeat.objects.bulk_create([
            MeetingSeat(meeting=meeting, slot_id=meeting.slot_id, registration_id=side)
            for meeting in made for side in sides[meeting.request_id]
        ])
        audit.record(actor, event, ChangeRecord.Action.UPDATE, before={}, after={
            "meetings": len(made) + len(kept_ids), "unscheduled": len(outcome.schedule.unscheduled)},
            note="schedule all" if not keep_all else "schedule the rest")
    report(_("Saving the schedule"), 3, 3)
    return {"placed": len(made), "kept": len(kept_ids), "unscheduled": len(outcome.schedule.unscheduled),
            "requests": facts["requests"], "participants": facts["participants"],
            "priority_sum": outcome.priority_sum, "seconds": outcome.stats.get("seconds"),
            "event": event.pk}


def set_locked(actor: Actor, meeting: Meeting, locked: bool) -> Meeting:
    _require_organiser(actor, meeting.event)
    Meeting.objects.filter(pk=meeting.pk).update(locked=locked)
    meeting.refresh_from_db()
    return meeting


@transaction.atomic
def publish(actor: Actor, event: Event) -> int:
    """Publish the schedule: each participant sees their agenda; published meetings never move."""
    _require_organiser(actor, event)
    count = Meeting.objects.filter(event=event, published=False).update(published=True)
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(schedule_published_at=now)
    event.refresh_from_db()
    audit.record(actor, event, ChangeRecord.Action.UPDATE, before={}, after={"published_meetings": count},
                 note="agenda published")
    from corridor.notifications.services import notify

    users = {seat.registration.user for seat in MeetingSeat.objects.filter(meeting__event=event).select_related(
        "registration__user") if seat.registration.user is not None}
    notify(users, gettext_noop("Your meeting agenda for %(event)s is published."), {"event": event.title},
           link=f"/events/{event.pk}/meetings/", actor=actor)
    return count


def agenda(registration: Registration, *, published_only: bool = True) -> list[dict[str, Any]]:
    """The participant's meetings in time order: slot, table, the other side."""
    seats = MeetingSeat.objects.filter(registration=registration).select_related(
        "meeting__slot", "meeting__request__requester__organisation", "meeting__request__invitee__organisation")
    if published_only:
        seats = seats.filter(meeting__published=True)
    rows = []
    for seat in seats.order_by("slot__starts_at"):
        meeting = seat.meeting
        request = meeting.request
        other = request.invitee if request.requester_id == registration.pk else request.requester
        rows.append({"meeting": meeting, "slot": meeting.slot, "table": meeting.table, "other": other,
                     "message": request.message, "seat": seat})
    return rows


def grid(event: Event) -> list[dict[str, Any]]:
    """The schedule as rows of slots with their meetings by table (the organiser's view)."""
    by_slot: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in Meeting.objects.filter(event=event).select_related(
        "request__requester__organisation", "request__invitee__organisation"
    ):
        by_slot[meeting.slot_id].append(meeting)
    return [{"slot": slot, "meetings": sorted(by_slot.get(slot.pk, []), key=lambda m: m.table)}
            for slot in event.meeting_slots.all()]


def record_outcome(actor: Actor, seat: MeetingSeat, *, held: bool, outcome: str = "") -> MeetingSeat:
    """One side says whether the meeting took place and what came of it (no follow-up, interest, agreement)."""
    registration = seat.registration
    scope = access.roles(actor)
    own = (scope.user_id is not None and registration.user_id == scope.user_id) or (
        registration.organisation_id is not None and registration.organisation_id in scope.org_ids)
    if not own:
        raise PermissionDenied(_("Only that participant may record the outcome of their meeting."))
    if not seat.meeting.published:
        raise ValidationError({"held": _("This meeting was not on the published agenda.")})
    if timezone.now() < seat.slot.starts_at:
        raise ValidationError({"held": _("The meeting has not happened yet.")})
    if outcome not in MeetingSeat.Outcome.values and outcome != "":
        raise ValidationError({"outcome": _("Outcome is one of: no follow-up, interest, agreement.")})
    if not held and outcome:
        raise ValidationError({"outcome": _("A meeting that did not take place has no outcome.")})
    before = {"held": seat.held, "outcome": seat.outcome}
    MeetingSeat.objects.filter(pk=seat.pk).update(held=held, outcome=outcome)
    seat.refresh_from_db()
    audit.record(actor, seat.meeting.request, ChangeRecord.Action.UPDATE, before=before,
                 after={"held": held, "outcome": outcome}, note=f"outcome of registration {registration.pk}")
    return seat


# ---- why requests are unplaced, and the most the day could hold -----------------------------------------

def schedule_report(event: Event, time_limit: float = 5.0) -> dict[str, Any]:
    """For the organiser: the accepted requests left out of the current schedule, each with its reason
    (availability, a participant's maximum, every common slot taken), counts by reason, and an upper bound
    of the meetings any schedule of the day could place (``scheduling.diagnose``)."""
    from corridor.events.scheduling import diagnose

    problem, _facts = build_problem(event, keep_all=True)  # every placed meeting: the current schedule
    placed = list(problem.locked)
    unplaced = diagnose.why_unplaced(problem, placed)
    bound = diagnose.upper_bound(problem, time_limit=time_limit)
    requests = {r.pk: r for r in MeetingRequest.objects.filter(pk__in=[u.request for u in unplaced]).select_related(
        "requester__organisation", "invitee__organisation")}
    names = {p.pk: p.name for p in participants(event)}  # the request column names the organisations
    rows = []
    for item in unplaced:
        request = requests[item.request]  # type: ignore[index]
        if item.reason == diagnose.AVAILABILITY:
            text = _("never available at the same time")
        elif item.reason == diagnose.CAP:
            text = _("%(who)s already has %(n)s meetings, their maximum") % {"who": names.get(item.who, "?"),  # type: ignore[arg-type]
                                                                            "n": item.cap}
        else:
            text = _("each of the %(n)s slots both could use is taken by another meeting of either side"
                     " or has no free table (%(full)s full)") % {"n": item.slots, "full": item.full_tables}
        rows.append({"request": request, "reason": item.reason, "text": text})
    by_reason = Counter(item.reason for item in unplaced)
    return {"accepted": len(problem.requests), "placed": len(placed), "unplaced": rows,
            "by_reason": {key: by_reason.get(key, 0) for key in (diagnose.AVAILABILITY, diagnose.CAP, diagnose.BUSY)},
            "bound": bound}


# ---- whom to meet ------------------------------------------------------------------------------------

def suggestions(registration: Registration, k: int = 5) -> list[dict[str, Any]]:
    """Participants worth meeting, from the profiles (what each offers and looks for), with the reason.

    Matchmaking's text similarity (`corridor.matching.engine`): BM25 over the bilingual concepts of its
    lexicon (a Chinese profile meets an English one on 减速器 = reducer) and over plain words, weighted as the
    matching engine weighs concepts against words. Those already asked (either way) are left out.
    """
    from corridor.matching.engine import lexicon, text
    from corridor.matching.engine.lexical import BM25
    from corridor.matching.explain import sentence, shared_terms

    def body(r: Registration) -> str:
        return f"{r.profile_zh}\n{r.profile_en}".strip()

    mine = body(registration)
    if not mine:
        return []
    asked = MeetingRequest.objects.filter(event_id=registration.event_id, status__in=("requested", "accepted")).filter(
        Q(requester=registration) | Q(invitee=registration)).values_list("requester_id", "invitee_id")
    skip = {registration.pk} | {pk for pair in asked for pk in pair}
    others = [r for r in participants(registration.event) if r.pk not in skip and body(r)]
    if not others:
        return []
    concepts, words = BM25(), BM25()
    concepts.add_many([lexicon.concepts(body(r)) for r in others])
    words.add_many([text.tokens(body(r)) for r in others])
    import numpy as np

    rows = np.arange(len(others))
    q_concepts, q_words = lexicon.concepts(mine), text.tokens(mine)
    scores = 0.7 * concepts.score_rows(q_concepts, rows) + 0.3 * words.score_rows(q_words, rows)
    chinese_page = (translation.get_language() or "").startswith("zh")
    out: list[dict[str, Any]] = []
    for row in np.argsort(-scores, kind="stable")[:k].tolist():
        score = float(scores[row])
        if score <= 0.02:
            break
        other = others[row]
        shared_c = set(q_concepts) & set(concepts.tokens(row))
        shared_w = set(q_words) & set(words.tokens(row))
        terms = shared_terms([t.lstrip("~") for t in sorted(shared_c, key=lambda t: (-concepts.idf(t), t))]
                             + sorted(shared_w, key=lambda t: (-words.idf(t), t)), chinese_page, limit=8)
        shown: dict[str, str] = {}  # two English forms of one Chinese word (certified, certification) once
        for term in terms:
            shown.setdefault(term.split(" (")[0], term)
        terms = list(shown.values())[:4]
        reasons = [_("both mention %(terms)s") % {"terms": "、".join(terms) if chinese_page else ", ".join(terms)}] if terms else []
        out.append({"registration": other, "score": round(score, 3), "reason": sentence(reasons) if reasons else "",
                    "terms": terms})
    return out
