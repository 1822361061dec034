"""Enterprise requests, offices' rates, notices and regional targets over the REST API (/api/channel).

Rows are read through the models' rules: a request the caller may not see is a 404, exactly as if it did
not exist. The services decide 403 and every other rule.
"""

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from corridor.accounts.api_auth import USER_REQUIRED, signed_in
from corridor.channel import services
from corridor.channel.models import EnterpriseRequest, Notice, Office, Target
from corridor.channel.open311 import router as open311_router
from corridor.core.access import Actor
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import WithActions, errors
from corridor.orgs.models import Organisation

router = Router(tags=["channel"])
router.add_router("/open311", open311_router)


class RequestOut(Schema):
    id: int
    number: str
    organisation_id: int
    type: str
    region_code: str = Field(validation_alias="region.code")
    subject: str
    status: str
    is_public: bool
    priority: str
    office_id: int | None
    filed_at: datetime.datetime
    contact_due: datetime.datetime | None
    progress_due: datetime.datetime | None
    answer_due: datetime.datetime | None


class RequestDetailOut(RequestOut, WithActions):
    text: str
    question: str
    answer: str
    answered_at: datetime.datetime | None
    satisfaction: str
    resolved: bool | None
    transitions: list[str] = []

    @staticmethod
    def resolve_transitions(obj: Any, context: dict[str, Any] | None) -> list[str]:
        from corridor.accounts.api_auth import actor
        from corridor.core.workflow import available_transitions

        request = (context or {}).get("request")
        return available_transitions(actor(request), obj) if request is not None else []


class RequestIn(Schema):
    organisation_id: int
    type: str
    region: str = Field(description="GB/T 2260 code of the region the request is about")
    subject: str
    text: str
    priority: Literal["normal", "urgent"] = "normal"
    is_public: bool = False


class StepIn(Schema):
    text: str = ""
    office_id: int | None = None
    satisfaction: str = ""
    resolved: bool | None = None
    duplicate_of: int | None = Field(None, description="merge: the id of the request this one duplicates")


class RatesOut(Schema):
    office_id: int
    requests: int
    due_for_response: int
    responded_on_time: int
    answered_on_time: int
    rated: int
    resolved: int
    satisfied: int
    overdue: int
    response_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None


class NoticeOut(Schema):
    id: int
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    sent_at: datetime.datetime


class NoticeIn(Schema):
    title_zh: str = ""
    title_en: str = ""
    body_zh: str = ""
    body_en: str = ""
    regions: list[str] = Field(default_factory=list, description="GB/T 2260 codes; districts inside them are included")
    alliance_ids: list[int] = Field(default_factory=list)
    segment_ids: list[int] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)
    size_bands: list[str] = Field(default_factory=list)


class NoticeSentOut(NoticeOut):
    recipients: int


class TargetOut(Schema):
    id: int
    region_code: str
    title_zh: str
    title_en: str
    goal: int
    due_on: datetime.date
    value: int


def _requests(user: Actor) -> Any:
    return EnterpriseRequest.objects.restrict(user).select_related("region", "office", "organisation")


def _request(request: HttpRequest, request_id: int) -> EnterpriseRequest:
    return get_object_or_404(_requests(signed_in(request)), pk=request_id)


@router.get("/requests", response={200: list[RequestOut], **errors(401, 422)}, auth=USER_REQUIRED,
            summary="Requests you may see: your organisations', your offices', public ones")
@paginate(LimitOffsetPagination)
def list_requests(request: HttpRequest, status: str | None = None, office_id: int | None = None) -> Any:
    qs = _requests(signed_in(request))
    if status:
        qs = qs.filter(status=status)
    if office_id:
        qs = qs.filter(office_id=office_id)
    return qs


@router.get("/requests/{int:request_id}", response={200: RequestDetailOut, **errors(401, 404)}, auth=USER_REQUIRED,
            summary="A request, with what you may do with it")
def get_request(request: HttpRequest, request_id: int) -> EnterpriseRequest:
    return _request(request, request_id)


@router.post("/requests", response={201: RequestDetailOut, **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
             summary="File a request for your organisation (routed by the rules)")
def create_request(request: HttpRequest, payload: RequestIn) -> Status:
    user = signed_in(request)
    organisation = get_object_or_404(Organisation.objects.visible_to(user), pk=payload.organisation_id)
    req = services.file_request(user, organisation, payload.dict(exclude={"organisation_id"}))
    return Status(201, _requests(user).get(pk=req.pk))


STEP = {200: RequestDetailOut, **errors(401, 403, 404, 409, 422)}
Step = Literal["accept", "answer", "ask", "resume", "transfer", "rate", "reopen", "assign", "merge"]


@router.post("/requests/{int:request_id}/{step}", response=STEP, auth=USER_REQUIRED,
             summary="Take a workflow step: accept, answer, ask, transfer, merge (office staff); resume, rate, reopen (requester); assign (admin)")
def take_step(request: HttpRequest, request_id: int, step: Step, payload: StepIn) -> EnterpriseRequest:
    user = signed_in(request)
    req = _request(request, request_id)
    office = Office.objects.filter(pk=payload.office_id).first() if payload.office_id else None
    if step == "accept":
        services.accept(user, req)
    elif step == "answer":
        services.answer(user, req, payload.text)
    elif step == "ask":
        services.ask(user, req, payload.text)
    elif step == "resume":
        services.resume(user, req, payload.text)
    elif step == "reopen":
        services.reopen(user, req, payload.text)
    elif step == "transfer":
        services.transfer(user, req, office, payload.text)
    elif step == "merge":
        original = _requests(user).filter(pk=payload.duplicate_of or 0).first()
        services.merge(user, req, original)
    elif step == "assign":
        if office is None:
            from django.core.exceptions import ValidationError
            from django.utils.translation import gettext as _

            raise ValidationError({"office_id": _("Choose the office to transfer to.")})
        services.assign(user, req, office)
    else:
        services.rate(user, req, payload.satisfaction, payload.resolved, "")
    return _requests(user).get(pk=req.pk)


@router.get("/offices/{int:office_id}/rates", response={200: RatesOut, **errors(401, 404, 422)}, auth=USER_REQUIRED,
            summary="An office's three rates (its staff, officers of its region, admins)")
def office_rates(request: HttpRequest, office_id: int, start: datetime.date | None = None,
                 end: datetime.date | None = None) -> dict[str, Any]:
    office = get_object_or_404(services.offices_reported_to(signed_in(request)), pk=office_id)
    figures = services.rates(services.period_of(EnterpriseRequest.objects.filter(office=office), start, end))
    return {"office_id": office.pk, **figures.__dict__, "response_rate": figures.response_rate,
            "resolution_rate": figures.resolution_rate, "satisfaction_rate": figures.satisfaction_rate}


@router.get("/notices", response={200: list[NoticeOut], **errors(401)}, auth=USER_REQUIRED,
            summary="Notices sent to you (and those you sent)")
@paginate(LimitOffsetPagination)
def list_notices(request: HttpRequest) -> Any:
    return Notice.objects.restrict(signed_in(request))


@router.post("/notices", response={201: NoticeSentOut, **errors(401, 403, 422)}, auth=USER_REQUIRED,
             summary="Send a notice (city officers to their regions, secretariats to their alliances' members, admins)")
def send_notice(request: HttpRequest, payload: NoticeIn) -> Status:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from corridor.alliances.models import Alliance
    from corridor.chains.models import Segment
    from corridor.regions.models import Region

    regions = list(Region.objects.filter(code__in=payload.regions))
    if len(regions) != len(set(payload.regions)):
        raise ValidationError({"regions": _("Give the six-digit code of a known region (GB/T 2260).")})
    alliances = list(Alliance.objects.filter(pk__in=payload.alliance_ids))
    segments = list(Segment.objects.filter(pk__in=payload.segment_ids))
    data = {**payload.dict(exclude={"regions", "alliance_ids", "segment_ids"}), "regions": regions,
            "alliances": alliances, "segments": segments}
    notice = services.send_notice(signed_in(request), data)
    return Status(201, {"id": notice.pk, "title_zh": notice.title_zh, "title_en": notice.title_en,
                        "body_zh": notice.body_zh, "body_en": notice.body_en, "sent_at": notice.sent_at,
                        "recipients": notice.receipts.count()})


@router.get("/targets", response=list[TargetOut], summary="Regional targets with their current value")
def list_targets(request: HttpRequest) -> list[dict[str, Any]]:
    return [{"id": t.pk, "region_code": t.region.code, "title_zh": t.title_zh, "title_en": t.title_en, "goal": t.goal,
             "due_on": t.due_on, "value": services.target_value(t)} for t in Target.objects.select_related("region")]
