"""Use cases on events and registrations: the only code that writes them (views, API, demo and CLI call these).

Places are counted on the event and on each registration type (`taken`) and only ever changed by
conditional UPDATEs (`taken = taken + 1 WHERE taken < capacity`) inside the registration's transaction:
of two concurrent registrations for the last place, one gets it and the other the waiting list. The
database CHECKs `taken <= capacity` besides. When a place is released (cancelled, rejected), the
waiting list moves up in the order people joined it, in the same transaction.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.alliances.models import AllianceMembership
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import Actor
from corridor.core.errors import Conflict
from corridor.core.workflow import apply_transition
from corridor.events.models import (
    MANAGE,
    Answer,
    Event,
    Question,
    Registration,
    RegistrationType,
    Session,
    free_place_q,
)
from corridor.orgs.models import Organisation

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed at the door
CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What a scanner or a person at the door gives: the bare code, or the confirmation URL ending in it."""
    text = (text or "").strip().rstrip("/")
    if "/" in text:
        text = text.rsplit("/", 1)[-1]
    return text.upper().replace(" ", "").replace("-", "")


# ---- events ----------------------------------------------------------------------------------------

def may_create_events(user: Actor) -> bool:
    """Secretariats, city officers, organisations' staff (for their own events) and admins."""
    scope = access.roles(user)
    return scope.is_admin or bool(scope.secretariat_alliance_ids or scope.officer_region_ids or scope.org_ids)


def organiser_choices(user: Actor) -> tuple[Any, bool]:
    """The organisations the user may name as an event's organiser, and whether they are picked by name. Who runs
    an alliance or a region (or everything) may name any organisation they may see, typed with autocomplete; an
    organisation's staff choose among their own."""
    scope = access.roles(user)
    if scope.is_admin or scope.officer_region_ids or scope.secretariat_alliance_ids:
        return Organisation.objects.restrict(user), True
    return Organisation.objects.filter(pk__in=access.member_org_ids(user)), False


def may_manage(user: Actor, event: Event) -> bool:
    if event.pk is None:  # not stored yet: whether the actor would organise it once stored
        scope = access.roles(user)
        if scope.is_admin:
            return True
        if event.alliance_id and event.alliance_id in scope.secretariat_alliance_ids:
            return True
        if event.organiser_id and event.organiser_id in scope.org_ids:
            return True
        if event.region_id and scope.officer_region_ids:
            from corridor.regions.models import Region, within_q

            return Region.objects.filter(pk=event.region_id).filter(within_q("", scope.officer_region_ids)).exists()
        return False
    return access.may(user, MANAGE, event)


EVENT_FIELDS = (
    "kind", "title_zh", "title_en", "description_zh", "description_en", "alliance", "organiser", "region", "park",
    "address", "online_url", "starts_at", "ends_at", "time_zone", "capacity", "approval_required", "waiting_list",
    "registration_deadline", "visibility", "status", "meeting_tables", "max_meetings", "request_expiry_hours",
)


FOREIGN_KEYS = ("alliance", "organiser", "region", "park")


def _check_event(event: Event) -> None:
    errors: dict[str, str] = {}
    if not (event.title_zh.strip() or event.title_en.strip()):
        errors["title_zh"] = _("Give a title in Chinese or English.")
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors["ends_at"] = _("The end must not be before the start.")
    if event.registration_deadline and event.ends_at and event.registration_deadline > event.ends_at:
        errors["registration_deadline"] = _("The registration deadline must not be after the end of the event.")
    if event.visibility == Event.Visibility.MEMBERS and not event.alliance_id:
        errors["alliance"] = _("An event for alliance members only needs an alliance.")
    if event.capacity is not None and event.pk and event.capacity < event.taken:
        errors["capacity"] = _("%(n)s places are already taken; the capacity cannot be lower.") % {"n": event.taken}
    try:
        ZoneInfo(event.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = _("Unknown time zone.")
    if errors:
        raise ValidationError(errors)
    try:
        event.full_clean(exclude=["taken", "created_by"])
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None


def _snapshot(event: Event) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime.datetime) else v for k, v in audit.snapshot(event).items()}


@transaction.atomic
def create_event(actor: Actor, data: dict[str, Any], *, sessions: list[dict[str, Any]] | None = None,
                 types: list[dict[str, Any]] | None = None, questions: list[dict[str, Any]] | None = None) -> Event:
    """A new event organised by the actor (for an alliance they run, their organisation or their region)."""
    if not may_create_events(actor):
        raise PermissionDenied(_("Only secretariats, city officers and organisations' staff may create events."))
    unknown = set(data) - set(EVENT_FIELDS) - {f"{name}_id" for name in FOREIGN_KEYS} - {"is_synthetic", "source"}
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    event = Event(**data, created_by=access.user_of(actor))
    if not (event.alliance_id or event.organiser_id or event.region_id):
        raise ValidationError({"organiser": _("Say who organises the event: an alliance, an organisation or a region.")})
    if actor is not None and not may_manage(actor, event):
        raise PermissionDenied(_("You may create events only for an alliance, organisation or region you act for."))
    _check_event(event)
    event.save()
    for row in sessions or []:
        add_session(None, event, row)
    for row in types or []:
        add_registration_type(None, event, row)
    for row in questions or []:
        add_question(None, event, row)
    audit.record(actor, event, ChangeRecord.Action.CREATE, after=_snapshot(event))
    return event


@transaction.atomic
def update_event(actor: Actor, event: Event, data: dict[str, Any]) -> Event:
    if not may_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    before = _snapshot(event)
    for name, value in data.items():
        if (name not in EVENT_FIELDS and name.removesuffix("_id") not in FOREIGN_KEYS) or name == "status":
            raise ValidationError({name: _("This field cannot be changed here.")})
        setattr(event, name, value)
    if not may_manage(actor, Event(**{f: getattr(event, f) for f in ("alliance_id", "organiser_id", "region_id")})):
        raise PermissionDenied(_("You may create events only for an alliance, organisation or region you act for."))
    _check_event(event)
    event.save()
    audit.record(actor, event, ChangeRecord.Action.UPDATE, before=before, after=_snapshot(event))
    promote_waiting_list(event)  # a larger capacity lets the waiting list up
    return event


def publish_event(actor: Actor, event: Event) -> Event:
    return apply_transition(actor, event, "publish")


def cancel_event(actor: Actor, event: Event) -> Event:
    return apply_transition(actor, event, "cancel")


def add_session(actor: Actor, event: Event, data: dict[str, Any]) -> Session:
    if actor is not None and not may_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    session = Session(event=event, **data)
    if not (session.title_zh or session.title_en):
        raise ValidationError({"title_zh": _("Give a title in Chinese or English.")})
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    session.save()
    return session


def add_registration_type(actor: Actor, event: Event, data: dict[str, Any]) -> RegistrationType:
    if actor is not None and not may_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    kind = RegistrationType(event=event, **data)
    if not (kind.name_zh or kind.name_en):
        raise ValidationError({"name_zh": _("Give a name in Chinese or English.")})
    kind.save()
    return kind


MAX_ANSWER = 2000


def add_question(actor: Actor, event: Event, data: dict[str, Any]) -> Question:
    """A question on the registration form (text, choice or yes/no; required or not; bilingual label)."""
    if actor is not None and not may_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    question = Question(event=event, **data)
    if not (question.label_zh.strip() or question.label_en.strip()):
        raise ValidationError({"label_zh": _("Give the question in Chinese or English.")})
    if question.kind not in Question.Kind.values:
        raise ValidationError({"kind": _("A question is text, choice or yes/no.")})
    if question.kind == Question.Kind.CHOICE and len(question.options()) < 2:
        raise ValidationError({"choices_text": _("A choice question needs at least two choices.")})
    if not question.position:
        question.position = event.questions.count() + 1
    question.save()
    return question


def check_answers(event: Event, answers: dict[Any, Any] | None) -> dict[int, str]:
    """The answers to the event's questions, checked: {question id: stored value}. A missing required answer,
    an unknown choice or an unknown question is refused, naming the question (field `q<id>`)."""
    given = {str(key).removeprefix("q"): value for key, value in (answers or {}).items()}
    questions = list(event.questions.all())
    known = {str(q.pk) for q in questions}
    errors: dict[str, str] = {}
    for key in given:
        if key not in known:
            errors[f"q{key}"] = _("This question is not one of this event's.")
    clean: dict[int, str] = {}
    for question in questions:
        raw = given.get(str(question.pk))
        if isinstance(raw, bool):
            raw = "yes" if raw else "no"
        value = "" if raw is None else str(raw).strip()
        field = f"q{question.pk}"
        if not value:
            if question.required:
                errors[field] = _("%(question)s: this question needs an answer.") % {"question": question.label}
            continue
        if question.kind == Question.Kind.CHOICE and value not in dict(question.options()):
            errors[field] = _("%(question)s: choose one of the choices given.") % {"question": question.label}
        elif question.kind == Question.Kind.YESNO and value not in ("yes", "no"):
            errors[field] = _("%(question)s: answer yes or no.") % {"question": question.label}
        elif len(value) > MAX_ANSWER:
            errors[field] = _("%(question)s: at most %(n)s characters.") % {"question": question.label, "n": MAX_ANSWER}
        else:
            clean[question.pk] = value
    if errors:
        raise ValidationError(errors)
    return clean


# ---- places --------------------------------------------------------------------------------------

class _NoPlace(Exception):
    pass


def _take_place(event_id: int, type_id: int | None) -> bool:
    """One place on the event and its type, both or neither (conditional UPDATEs, a savepoint)."""
    try:
        with transaction.atomic():
            if not Event.objects.filter(free_place_q(), pk=event_id).update(taken=F("taken") + 1):
                raise _NoPlace
            if type_id is not None and not RegistrationType.objects.filter(free_place_q(), pk=type_id).update(
                taken=F("taken") + 1
            ):
                raise _NoPlace
    except _NoPlace:
        return False
    return True


def _release_place(event_id: int, type_id: int | None) -> None:
    Event.objects.filter(pk=event_id, taken__gt=0).update(taken=F("taken") - 1)
    if type_id is not None:
        RegistrationType.objects.filter(pk=type_id, taken__gt=0).update(taken=F("taken") - 1)


def promote_waiting_list(event: Event) -> list[Registration]:
    """Move the waiting list up into the free places, first come first served (within the caller's transaction)."""
    moved: list[Registration] = []
    if event.status != Event.Status.PUBLISHED:
        return moved
    from corridor.notifications.services import notify

    waiting = Registration.objects.filter(event_id=event.pk, status=Registration.Status.WAITLISTED).select_related(
        "event", "user"
    ).order_by("created_at", "id")
    for registration in waiting:
        if not Event.objects.filter(free_place_q(), pk=event.pk).exists():
            break
        if not _take_place(event.pk, registration.type_id):
            continue  # its type is full; someone later of another type may fit
        target = Registration.Status.PENDING if event.approval_required else Registration.Status.APPROVED
        if not Registration.objects.filter(pk=registration.pk, status=Registration.Status.WAITLISTED).update(status=target):
            _release_place(event.pk, registration.type_id)  # cancelled meanwhile
            continue
        registration.refresh_from_db()
        audit.record(None, registration, ChangeRecord.Action.UPDATE, before={"status": "waitlisted"},
                     after={"status": target}, note="promoted")
        message = (gettext_noop("A place came free at %(event)s: your registration is confirmed.")
                   if target == Registration.Status.APPROVED else
                   gettext_noop("A place came free at %(event)s: your registration awaits the organiser's approval."))
        notify([registration.user] if registration.user else [], message, {"event": registration.event.title},
               link=f"/events/registrations/{registration.pk}/")
        if target == Registration.Status.APPROVED:
            _send_confirmation_after_commit(registration)
        moved.append(registration)
    return moved


# ---- registrations -------------------------------------------------------------------------------

def _may_register(actor: Actor, event: Event, organisation: Organisation | None) -> None:
    if not access.is_signed_in(actor):
        raise PermissionDenied(_("Sign in to register."))
    if not Event.objects.restrict(actor).filter(pk=event.pk).exists():
        raise PermissionDenied(_("You may not register for this event."))
    if organisation is not None and not (access.is_admin(actor) or access.is_member_of(actor, organisation.pk)):
        raise PermissionDenied(_("You may register only for an organisation you belong to."))
    if event.visibility == Event.Visibility.MEMBERS and not may_manage(actor, event):
        if organisation is None or event.alliance_id is None or not AllianceMembership.objects.filter(
            alliance_id=event.alliance_id, organisation=organisation
        ).exists():
            raise ValidationError({"organisation": _("This event is for members of the alliance: register for a member organisation.")})


def register(actor: Actor, event: Event, *, organisation: Organisation | None = None,
             type: RegistrationType | None = None, name: str = "", note: str = "",
             answers: dict[Any, Any] | None = None, now: datetime.datetime | None = None) -> Registration:
    """Register the actor (for their organisation): confirmed, pending approval, or on the waiting list when full."""
    now = now or timezone.now()
    _may_register(actor, event, organisation)
    event.refresh_from_db()
    if not event.registration_open(now):
        raise ValidationError({"event": _("Registration for this event is closed.")})
    types = list(event.registration_types.all())
    if type is not None and type.event_id != event.pk:
        raise ValidationError({"type": _("This registration type is not one of this event's.")})
    if type is None and types:
        raise ValidationError({"type": _("Choose a registration type.")})
    if organisation is None and access.member_org_ids(actor) and not access.is_admin(actor):
        raise ValidationError({"organisation": _("Choose the organisation you register for.")})
    user = access.user_of(actor)
    assert user is not None
    name = (name or "").strip() or user.get_full_name() or user.get_username()
    clean = check_answers(event, answers)
    return _create(actor, event, user=user, organisation=organisation, type=type, name=name, note=note, answers=clean)


def register_guest(actor: Actor, event: Event, *, name: str, organisation: Organisation | None = None,
                   type: RegistrationType | None = None, note: str = "",
                   answers: dict[Any, Any] | None = None) -> Registration:
    """The organiser registers a participant without an account (an invited guest, an imported list)."""
    if not may_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    if type is not None and type.event_id != event.pk:
        raise ValidationError({"type": _("This registration type is not one of this event's.")})
    if not (name or "").strip():
        raise ValidationError({"name": _("Give the participant's name.")})
    clean = check_answers(event, answers)
    return _create(actor, event, user=None, organisation=organisation, type=type, name=name.strip(), note=note,
                   answers=clean)


def _create(actor: Actor, event: Event, *, user: Any, organisation: Organisation | None,
            type: RegistrationType | None, name: str, note: str, answers: dict[int, str] | None = None) -> Registration:
    if len(name) > 100:
        raise ValidationError({"name": _("At most 100 characters.")})
    try:
        with transaction.atomic():
            if _take_place(event.pk, type.pk if type else None):
                status = Registration.Status.PENDING if event.approval_required else Registration.Status.APPROVED
            elif event.waiting_list:
                status = Registration.Status.WAITLISTED
            else:
                raise ValidationError({"event": _("This event is full.")})
            registration = Registration.objects.create(
                event=event, type=type, user=user, organisation=organisation, name=name, note=note.strip(),
                status=status, code=new_code(),
            )
            Answer.objects.bulk_create([Answer(registration=registration, question_id=question_id, value=value)
                                        for question_id, value in (answers or {}).items()])
            audit.record(actor, registration, ChangeRecord.Action.CREATE, after=audit.snapshot(registration))
            if registration.status == Registration.Status.APPROVED:
                _send_confirmation_after_commit(registration)
            _tell_organisers(event, registration, actor)
    except IntegrityError:
        if user is not None and Registration.objects.filter(event=event, user=user, status__in=Registration.ACTIVE).exists():
            raise Conflict({"event": _("You are already registered for this event.")}) from None
        raise
    return registration


def _tell_organisers(event: Event, registration: Registration, actor: Actor) -> None:
    if registration.status != Registration.Status.PENDING:
        return
    from corridor.notifications.services import notify, users_acting_for

    recipients = users_acting_for([event.organiser_id] if event.organiser_id else [], [event.alliance_id])
    notify(recipients, gettext_noop("%(who)s registered for %(event)s and awaits approval."),
           {"who": registration.display_name, "event": event.title},
           link=f"/events/{event.pk}/registrations/", actor=actor)


def approve(actor: Actor, registration: Registration) -> Registration:
    with transaction.atomic():
        registration = apply_transition(actor, registration, "approve")
        _send_confirmation_after_commit(registration)
    return registration


def _send_confirmation_after_commit(registration: Registration) -> None:
    """The confirmation e-mail (QR code and .ics attached) goes out in a job after the commit."""
    if registration.user_id is None:
        return
    from corridor.events.jobs import start_confirmation

    registration_id = registration.pk
    transaction.on_commit(lambda: start_confirmation(registration_id))


@transaction.atomic
def reject(actor: Actor, registration: Registration, reason: str = "") -> Registration:
    registration = apply_transition(actor, registration, "reject", reason=reason)
    _release_place(registration.event_id, registration.type_id)
    promote_waiting_list(registration.event)
    return registration


def cancel(actor: Actor, registration: Registration, reason: str = "") -> Registration:
    """Cancel a registration; a place it held goes to the waiting list at once."""
    for _attempt in range(2):
        registration.refresh_from_db()
        holding = registration.status in Registration.HOLDING
        name = "cancel" if holding or registration.status != Registration.Status.WAITLISTED else "leave_waiting_list"
        try:
            with transaction.atomic():
                registration = apply_transition(actor, registration, name, reason=reason)
                if name == "cancel":
                    _release_place(registration.event_id, registration.type_id)
                    promote_waiting_list(registration.event)
                return registration
        except Conflict:
            registration.refresh_from_db()
            if registration.status not in Registration.ACTIVE:
                raise
            # It moved between waiting and holding meanwhile: once more with the state found.
    raise Conflict({"status": _("This registration changed meanwhile; try again.")})


def check_in(actor: Actor, event: Event, code: str, now: datetime.datetime | None = None) -> Registration:
    """Check a confirmed participant in at the door, once."""
    if not may_manage(actor, event):
        raise PermissionDenied(_("Only the event's organisers may check participants in."))
    code = normalise_code(code)
    if not code:
        raise ValidationError({"code": _("Give the code on the participant's confirmation.")})
    registration = Registration.objects.filter(event=event, code=code).select_related("organisation").first()
    if registration is None:
        raise ValidationError({"code": _("No registration for this event has the code %(code)s.") % {"code": code}})
    if registration.status != Registration.Status.APPROVED:
        raise ValidationError({"code": _("%(name)s's registration is not confirmed (%(status)s).") % {
            "name": registration.name, "status": registration.get_status_display()}})
    now = now or timezone.now()
    with transaction.atomic():
        won = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True,
                                          status=Registration.Status.APPROVED).update(
            checked_in_at=now, checked_in_by=access.user_of(actor))
        registration.refresh_from_db()
        if not won:
            local = registration.checked_in_at.astimezone(ZoneInfo(event.time_zone)) if registration.checked_in_at else None
            raise Conflict({"code": _("%(name)s was already checked in at %(time)s.") % {
                "name": registration.name, "time": f"{local:%H:%M}" if local else "?"}})
        audit.record(actor, registration, ChangeRecord.Action.UPDATE, before={"checked_in_at": None},
                     after={"checked_in_at": now.isoformat()}, note="check-in")
    return registration


def attendance(event: Event) -> dict[str, int]:
    rows = Registration.objects.filter(event=event)
    return {
        "approved": rows.filter(status=Registration.Status.APPROVED).count(),
        "pending": rows.filter(status=Registration.Status.PENDING).count(),
        "waitlisted": rows.filter(status=Registration.Status.WAITLISTED).count(),
        "checked_in": rows.filter(checked_in_at__isnull=False).count(),
    }


def my_registration(user: Actor, event: Event) -> Registration | None:
    scope = access.roles(user)
    if not scope.user_id:
        return None
    return Registration.objects.filter(Q(user_id=scope.user_id), event=event, status__in=Registration.ACTIVE).first()


def send_reminders(now: datetime.datetime | None = None, within: datetime.timedelta = datetime.timedelta(days=1)) -> int:
    """Remind confirmed participants of events starting within `within` (the day before), each once: the
    reminder is claimed with a conditional UPDATE, so two runs at once never remind twice."""
    from corridor.notifications.services import notify

    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.APPROVED, reminded_at__isnull=True, user__isnull=False,
        event__status=Event.Status.PUBLISHED, event__starts_at__gt=now, event__starts_at__lte=now + within,
    ).select_related("event", "user")
    sent = 0
    for registration in due:
        with transaction.atomic():
            if not Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now):
                continue
            notify([registration.user], gettext_noop("Reminder: %(event)s starts %(when)s. Your check-in code is %(code)s."),
                   {"event": registration.event.title, "code": registration.code,
                    "when": registration.event.starts_at.astimezone(ZoneInfo(registration.event.time_zone)).strftime(
                        "%Y-%m-%d %H:%M")},
                   link=f"/events/registrations/{registration.pk}/")
            sent += 1
    return sent
