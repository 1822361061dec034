"""Events, registrations, check-in, meeting requests and the meeting schedule over the REST API.

Rows through the models' rules (`restrict`): hidden is 404, as if it did not exist; the services decide
403 and every rule; the same errors as the pages (422 naming the field, 409 on a conflict).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from corridor.accounts.api_auth import USER_REQUIRED, actor, signed_in
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import InputSchema, WithActions, errors
from corridor.events import services
from corridor.events.models import Event, Registration, RegistrationType
from corridor.orgs.models import Organisation

router = Router(tags=["events"])


class SessionOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title_zh: str
    title_en: str
    speakers: str


class RegistrationTypeOut(Schema):
    id: int
    name_zh: str
    name_en: str
    capacity: int | None
    taken: int


class EventOut(Schema):
    id: int
    kind: str
    title_zh: str
    title_en: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    address: str
    online_url: str
    alliance_id: int | None
    organiser_id: int | None
    region_id: int | None
    capacity: int | None
    places_left: int | None
    visibility: str
    status: str
    approval_required: bool
    registration_deadline: datetime.datetime | None


class EventDetailOut(EventOut, WithActions):
    description_zh: str
    description_en: str
    sessions: list[SessionOut]
    registration_types: list[RegistrationTypeOut]

    @staticmethod
    def resolve_sessions(obj: Event) -> list[Any]:
        return list(obj.sessions.all())

    @staticmethod
    def resolve_registration_types(obj: Event) -> list[Any]:
        return list(obj.registration_types.all())


class SessionIn(InputSchema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title_zh: str = ""
    title_en: str = ""
    speakers: str = ""


class TypeIn(InputSchema):
    name_zh: str = ""
    name_en: str = ""
    capacity: int | None = Field(None, ge=1)


class EventIn(InputSchema):
    kind: str = "forum"
    title_zh: str = ""
    title_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    alliance_id: int | None = None
    organiser_id: int | None = None
    region_id: int | None = None
    address: str = ""
    online_url: str = ""
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int | None = Field(None, ge=1)
    approval_required: bool = False
    waiting_list: bool = True
    registration_deadline: datetime.datetime | None = None
    visibility: str = "public"
    status: str = "published"
    meeting_tables: int = Field(0, ge=0)
    max_meetings: int = Field(8, ge=1)
    sessions: list[SessionIn] = []
    registration_types: list[TypeIn] = []


class RegistrationOut(Schema):
    id: int
    event_id: int
    type_id: int | None
    organisation_id: int | None
    name: str
    status: str
    code: str
    checked_in_at: datetime.datetime | None
    created_at: datetime.datetime


class RegistrationDetailOut(RegistrationOut, WithActions):
    pass


class RegisterIn(InputSchema):
    organisation_id: int | None = None
    type_id: int | None = None
    name: str = ""
    note: str = ""


class ReasonIn(InputSchema):
    reason: str = ""


class CheckInIn(InputSchema):
    code: str


def _events(request: HttpRequest) -> Any:
    return Event.objects.restrict(actor(request)).select_related("alliance", "organiser")


def _event(request: HttpRequest, event_id: int) -> Event:
    return get_object_or_404(_events(request), pk=event_id)


@router.get("", response={200: list[EventOut], **errors(422)}, summary="Events you may see (coming first)")
@paginate(LimitOffsetPagination)
def list_events(request: HttpRequest, past: bool = False, kind: str | None = None) -> Any:
    now = timezone.now()
    qs = _events(request)
    qs = qs.filter(ends_at__lt=now).order_by("-starts_at") if past else qs.filter(ends_at__gte=now)
    return qs.filter(kind=kind) if kind else qs


@router.post("", response={201: EventDetailOut, **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
             summary="Create an event (secretariats, city officers, organisations' staff, admins)")
def create_event(request: HttpRequest, payload: EventIn) -> Status:
    user = signed_in(request)
    data = payload.dict(exclude={"sessions", "registration_types"})
    event = services.create_event(user, data, sessions=[s.dict() for s in payload.sessions],
                                  types=[t.dict() for t in payload.registration_types])
    return Status(201, _event(request, event.pk))


@router.get("/{int:event_id}", response={200: EventDetailOut, **errors(404)}, summary="An event with its agenda")
def get_event(request: HttpRequest, event_id: int) -> Event:
    return _event(request, event_id)


@router.post("/{int:event_id}/registrations", response={201: RegistrationDetailOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Register (confirmed, pending approval, or on the waiting list when full)")
def register(request: HttpRequest, event_id: int, payload: RegisterIn) -> Status:
    user = signed_in(request)
    event = _event(request, event_id)
    organisation = None
    if payload.organisation_id is not None:
        organisation = get_object_or_404(Organisation.objects.visible_to(user), pk=payload.organisation_id)
    kind = None
    if payload.type_id is not None:
        kind = get_object_or_404(RegistrationType.objects.filter(event=event), pk=payload.type_id)
    registration = services.register(user, event, organisation=organisation, type=kind, name=payload.name,
                                     note=payload.note)
    return Status(201, registration)


@router.get("/{int:event_id}/registrations", response={200: list[RegistrationOut], **errors(401, 403, 404, 422)},
            auth=USER_REQUIRED, summary="The registrations of an event (its organisers; others see their own)")
@paginate(LimitOffsetPagination)
def list_registrations(request: HttpRequest, event_id: int, status: str | None = None) -> Any:
    user = signed_in(request)
    event = _event(request, event_id)
    qs = Registration.objects.restrict(user).filter(event=event).order_by("created_at", "id")
    return qs.filter(status=status) if status else qs


def _registration(request: HttpRequest, registration_id: int) -> Registration:
    return get_object_or_404(Registration.objects.restrict(signed_in(request)).select_related("event"), pk=registration_id)


@router.get("/registrations/{int:registration_id}", response={200: RegistrationDetailOut, **errors(401, 404)},
            auth=USER_REQUIRED, summary="A registration")
def get_registration(request: HttpRequest, registration_id: int) -> Registration:
    return _registration(request, registration_id)


DECISION = {200: RegistrationDetailOut, **errors(401, 403, 404, 409, 422)}


@router.post("/registrations/{int:registration_id}/approve", response=DECISION, auth=USER_REQUIRED,
             summary="Approve a pending registration (organisers)")
def approve(request: HttpRequest, registration_id: int) -> Registration:
    return services.approve(signed_in(request), _registration(request, registration_id))


@router.post("/registrations/{int:registration_id}/reject", response=DECISION, auth=USER_REQUIRED,
             summary="Reject a pending registration (organisers); its place goes to the waiting list")
def reject(request: HttpRequest, registration_id: int, payload: ReasonIn) -> Registration:
    return services.reject(signed_in(request), _registration(request, registration_id), payload.reason)


@router.post("/registrations/{int:registration_id}/cancel", response=DECISION, auth=USER_REQUIRED,
             summary="Cancel a registration; its place goes to the waiting list")
def cancel(request: HttpRequest, registration_id: int, payload: ReasonIn) -> Registration:
    return services.cancel(signed_in(request), _registration(request, registration_id), payload.reason)


class AttendanceOut(Schema):
    approved: int
    pending: int
    waitlisted: int
    checked_in: int


class CheckInOut(Schema):
    registration: RegistrationOut
    attendance: AttendanceOut


@router.post("/{int:event_id}/check-in", response={200: CheckInOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Check a participant in by the code of their confirmation (organisers; once)")
def check_in(request: HttpRequest, event_id: int, payload: CheckInIn) -> Any:
    user = signed_in(request)
    event = _event(request, event_id)
    registration = services.check_in(user, event, payload.code)
    return {"registration": registration, "attendance": services.attendance(event)}


# ---- 1:1 meetings ----------------------------------------------------------------------------------

class MeetingRequestOut(Schema):
    id: int
    event_id: int
    requester_id: int
    invitee_id: int
    priority: int
    message: str
    status: str
    expires_at: datetime.datetime
    created_at: datetime.datetime


class MeetingRequestDetailOut(MeetingRequestOut, WithActions):
    pass


class MeetingRequestIn(InputSchema):
    invitee_id: int = Field(description="The registration id of the participant to meet")
    priority: int = Field(2, ge=1, le=3, description="3 = must meet")
    message: str = ""


class ScheduleIn(InputSchema):
    keep_all: bool = Field(False, description="true: schedule the rest (keep every placed meeting); "
                                               "false: schedule all (only locked and published meetings stay)")


class JobOut(Schema):
    job_id: int
    url: str


class MeetingOut(Schema):
    request_id: int
    slot_start: datetime.datetime
    slot_end: datetime.datetime
    table: int
    locked: bool
    published: bool
    with_registration_id: int | None = None
    with_name: str | None = None


class PublishedOut(Schema):
    published: int


def _meeting_request(request: HttpRequest, request_id: int) -> Any:
    from corridor.events.models import MeetingRequest

    return get_object_or_404(MeetingRequest.objects.restrict(signed_in(request)).select_related("event"), pk=request_id)


@router.get("/{int:event_id}/meeting-requests", response={200: list[MeetingRequestOut], **errors(401, 404, 422)},
            auth=USER_REQUIRED, summary="Meeting requests you may see at an event (both sides; organisers: all)")
@paginate(LimitOffsetPagination)
def list_meeting_requests(request: HttpRequest, event_id: int, status: str | None = None) -> Any:
    from corridor.events.meetings import expire_requests
    from corridor.events.models import MeetingRequest

    user = signed_in(request)
    event = _event(request, event_id)
    expire_requests(event)
    qs = MeetingRequest.objects.restrict(user).filter(event=event).order_by("-created_at", "id")
    return qs.filter(status=status) if status else qs


@router.post("/{int:event_id}/meeting-requests", response={201: MeetingRequestDetailOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Ask a confirmed participant for a 1:1 meeting (confirmed participants)")
def create_meeting_request(request: HttpRequest, event_id: int, payload: MeetingRequestIn) -> Status:
    from corridor.events.meetings import request_meeting

    user = signed_in(request)
    event = _event(request, event_id)
    invitee = get_object_or_404(Registration.objects.filter(event=event, status="approved"), pk=payload.invitee_id)
    made = request_meeting(user, event, invitee, priority=payload.priority, message=payload.message)
    return Status(201, made)


ANSWER = {200: MeetingRequestDetailOut, **errors(401, 403, 404, 409)}


@router.post("/meeting-requests/{int:request_id}/accept", response=ANSWER, auth=USER_REQUIRED,
             summary="Accept a meeting request (the invited side)")
def accept_meeting_request(request: HttpRequest, request_id: int) -> Any:
    from corridor.events import meetings

    return meetings.answer(signed_in(request), _meeting_request(request, request_id), accept=True)


@router.post("/meeting-requests/{int:request_id}/decline", response=ANSWER, auth=USER_REQUIRED,
             summary="Decline a meeting request (the invited side)")
def decline_meeting_request(request: HttpRequest, request_id: int) -> Any:
    from corridor.events import meetings

    return meetings.answer(signed_in(request), _meeting_request(request, request_id), accept=False)


@router.post("/meeting-requests/{int:request_id}/withdraw", response=ANSWER, auth=USER_REQUIRED,
             summary="Withdraw a meeting request (the asking side); its unpublished meeting goes")
def withdraw_meeting_request(request: HttpRequest, request_id: int) -> Any:
    from corridor.events import meetings

    return meetings.withdraw(signed_in(request), _meeting_request(request, request_id))


@router.get("/{int:event_id}/agenda", response={200: list[MeetingOut], **errors(401, 404)}, auth=USER_REQUIRED,
            summary="Your published meetings at the event: time, table, whom")
def my_agenda(request: HttpRequest, event_id: int) -> Any:
    from corridor.events import meetings

    user = signed_in(request)
    event = _event(request, event_id)
    mine = meetings.own_registration(user, event)
    if mine is None:
        return []
    return [{"request_id": row["meeting"].request_id, "slot_start": row["slot"].starts_at, "slot_end": row["slot"].ends_at,
             "table": row["table"], "locked": row["meeting"].locked, "published": row["meeting"].published,
             "with_registration_id": row["other"].pk, "with_name": row["other"].display_name}
            for row in meetings.agenda(mine)]


@router.get("/{int:event_id}/schedule", response={200: list[MeetingOut], **errors(401, 403, 404)}, auth=USER_REQUIRED,
            summary="Every placed meeting (organisers)")
def get_schedule(request: HttpRequest, event_id: int) -> Any:
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    from corridor.events import meetings

    user = signed_in(request)
    event = _event(request, event_id)
    if not meetings.may_manage(user, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    return [{"request_id": m.request_id, "slot_start": m.slot.starts_at, "slot_end": m.slot.ends_at, "table": m.table,
             "locked": m.locked, "published": m.published}
            for row in meetings.grid(event) for m in row["meetings"]]


@router.post("/{int:event_id}/schedule", response={202: JobOut, **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
             summary="Run the scheduler as a job (organisers); follow it at /api/jobs/{job_id}")
def run_schedule(request: HttpRequest, event_id: int, payload: ScheduleIn) -> Status:
    from django.urls import reverse

    from corridor.events.jobs import start_schedule

    job = start_schedule(signed_in(request), _event(request, event_id), keep_all=payload.keep_all)
    return Status(202, {"job_id": job.pk, "url": reverse("jobs:detail", args=[job.pk])})


@router.post("/{int:event_id}/schedule/publish", response={200: PublishedOut, **errors(401, 403, 404)},
             auth=USER_REQUIRED, summary="Publish the schedule: every participant sees their agenda (organisers)")
def publish_schedule(request: HttpRequest, event_id: int) -> Any:
    from corridor.events import meetings

    return {"published": meetings.publish(signed_in(request), _event(request, event_id))}
