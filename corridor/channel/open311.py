"""An Open311 GeoReport v2 door (/api/channel/open311/…) so that 12345-style systems can exchange requests.

- `GET services.json`: the request types as services;
- `GET requests.json` (`service_request_id`, `service_code`, `status`, `start_date`, `end_date`): requests the
  caller may see — the same rule as everywhere (`EnterpriseRequest.objects.restrict`): a private request is
  never listed to anyone but its organisation, the offices it was routed to and admins;
- `GET requests/{id}.json`: one request, `[]`-less 404 when hidden;
- `POST requests.json` (form fields `service_code`, `description`, `jurisdiction_id` = the region's GB/T 2260
  code, optional `attribute[organisation_id]`, `attribute[subject]`, `attribute[public]`): files a request for
  the caller's organisation, routed by the rules.

Corridor's finer statuses map to `open` (received, assigned, in progress, waiting) and `closed` (answered,
closed, merged); `status_notes` says the finer status (and the answer once answered).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from corridor.accounts.api_auth import USER_REQUIRED, signed_in
from corridor.channel import services
from corridor.channel.models import EnterpriseRequest, RequestType
from corridor.core import access
from corridor.core.schemas import errors
from corridor.orgs.models import Organisation

router = Router(tags=["channel: Open311 GeoReport v2"])
OPEN = ("received", "assigned", "in_progress", "waiting")
OPEN311_FIELDS = {"type": "service_code", "region": "jurisdiction_id", "subject": "attribute[subject]", "text": "description"}


class ServiceOut(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class ServiceRequestOut(Schema):
    service_request_id: str
    status: str
    status_notes: str
    service_name: str
    service_code: str
    description: str
    agency_responsible: str
    service_notice: str
    requested_datetime: datetime.datetime
    updated_datetime: datetime.datetime | None
    expected_datetime: datetime.datetime | None
    address: str
    zipcode: str


class CreatedOut(Schema):
    service_request_id: str
    service_notice: str
    account_id: str | None


def _out(req: EnterpriseRequest) -> dict[str, Any]:
    closed = req.status not in OPEN
    notes = req.get_status_display()
    if req.answer:
        notes = f"{notes}: {req.answer}"
    return {
        "service_request_id": str(req.pk), "status": "closed" if closed else "open", "status_notes": notes,
        "service_name": req.get_type_display(), "service_code": req.type, "description": req.text,
        "agency_responsible": req.office.name if req.office else "", "service_notice": "",
        "requested_datetime": req.filed_at,
        "updated_datetime": req.closed_at or req.answered_at or req.contacted_at or req.filed_at,
        "expected_datetime": req.answer_due, "address": req.region.name, "zipcode": "",
    }


@router.get("/services.json", response=list[ServiceOut], summary="Open311: the request types")
def service_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [{"service_code": code, "service_name": str(label), "description": str(label), "metadata": False,
             "type": "realtime", "keywords": "", "group": ""} for code, label in RequestType.choices]


@router.get("/requests.json", response={200: list[ServiceRequestOut], **errors(401, 422)}, auth=USER_REQUIRED,
            summary="Open311: requests you may see")
def request_list(request: HttpRequest, service_request_id: str = "", service_code: str = "", status: str = "",
                 start_date: datetime.datetime | None = None, end_date: datetime.datetime | None = None) -> list[dict[str, Any]]:
    qs = EnterpriseRequest.objects.restrict(signed_in(request)).select_related("office", "region")
    if service_request_id:
        ids = [int(i) for i in service_request_id.split(",") if i.strip().isdigit()]
        qs = qs.filter(pk__in=ids)
    if service_code:
        qs = qs.filter(type__in=service_code.split(","))
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status == "closed":
        qs = qs.exclude(status__in=OPEN)
    elif status:
        raise ValidationError({"status": _("Give open or closed.")})
    if start_date:
        qs = qs.filter(filed_at__gte=start_date)
    if end_date:
        qs = qs.filter(filed_at__lte=end_date)
    return [_out(r) for r in qs[:1000]]


@router.get("/requests/{int:request_id}.json", response={200: list[ServiceRequestOut], **errors(401, 404)},
            auth=USER_REQUIRED, summary="Open311: one request")
def request_detail(request: HttpRequest, request_id: int) -> list[dict[str, Any]]:
    req = get_object_or_404(EnterpriseRequest.objects.restrict(signed_in(request)).select_related("office", "region"), pk=request_id)
    return [_out(req)]


@router.post("/requests.json", response={201: list[CreatedOut], **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
             summary="Open311: file a request (form fields) for your organisation")
def request_create(request: HttpRequest) -> Status:
    user = signed_in(request)
    data = request.POST
    raw_org = data.get("attribute[organisation_id]", "")
    orgs = Organisation.objects.filter(pk__in=access.member_org_ids(user))
    found = (get_object_or_404(Organisation.objects.visible_to(user), pk=int(raw_org) if raw_org.isdigit() else 0)
             if raw_org else orgs.order_by("pk").first())
    if found is None:
        raise ValidationError({"attribute[organisation_id]": _("Say which organisation the request is for.")})
    organisation: Organisation = found
    description = data.get("description", "")
    subject = data.get("attribute[subject]", "") or description.strip()[:60]
    try:
        req = services.file_request(user, organisation, {
            "type": data.get("service_code", ""), "region": data.get("jurisdiction_id", ""), "subject": subject,
            "text": description, "is_public": data.get("attribute[public]", "") in ("1", "true", "yes"),
        })
    except ValidationError as exc:  # the same messages, named by Open311's fields
        raise ValidationError({OPEN311_FIELDS.get(field, field): messages
                               for field, messages in exc.message_dict.items()}) from None
    return Status(201, [{"service_request_id": str(req.pk), "service_notice": "", "account_id": None}])
