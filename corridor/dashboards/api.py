"""Indicator values over the REST API: the same numbers as the dashboards, counted over what the caller
may see (a visitor gets the public figures)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from corridor.accounts.api_auth import USER_REQUIRED
from corridor.alliances.models import Alliance
from corridor.chains.models import Chain, Segment
from corridor.core import indicators as ind
from corridor.core.indicators import TOTAL, Slice
from corridor.core.schemas import InputSchema, errors
from corridor.dashboards import reports, services

router = Router(tags=["dashboards"])


class IndicatorOut(Schema):
    key: str
    name: str
    unit: str
    definition: str
    source: str
    kind: str = Field(description="stock (counted as of the end date) or flow (within start..end)")
    dimensions: list[str]


class CityValue(Schema):
    code: str
    name: str
    value: float


class ValuesOut(Schema):
    indicator: IndicatorOut
    total: float = Field(description="Over the corridor's cities")
    cities: list[CityValue]
    computed_at: datetime.datetime


class TrendPoint(Schema):
    period: str
    value: float


class ReportIn(InputSchema):
    kind: str = Field(description="city or alliance")
    target: str = Field(description="The city's GB/T 2260 code or the alliance's slug")
    format: str = Field(description="pdf or xlsx")


class JobOut(Schema):
    id: int
    kind: str
    status: str


class ValuesQuery(Schema):
    indicator: str
    alliance: str | None = Field(None, description="Alliance slug")
    chain: str | None = Field(None, description="Chain slug")
    segment: str | None = Field(None, description="Segment key (with chain)")
    start: datetime.date | None = Field(None, description="Period start (flows)")
    end: datetime.date | None = Field(None, description="Period end: stocks as of this day, flows up to it")


def _out(i: ind.Indicator) -> dict[str, Any]:
    return {"key": i.key, "name": str(i.name), "unit": str(i.unit), "definition": str(i.definition),
            "source": str(i.source), "kind": i.kind, "dimensions": [d for d in ind.DIMENSIONS if d in i.dimensions]}


@router.get("/indicators", response=list[IndicatorOut], summary="The registered indicators and what they mean")
def list_indicators(request: HttpRequest) -> Any:
    return [_out(i) for i in ind.all_indicators() if i.shown_to(request.user)]


def _indicator(key: str) -> ind.Indicator:
    found = ind.get(key)
    if found is None:
        raise ValidationError({"indicator": _("Unknown indicator: %(keys)s") % {"keys": key}})
    return found


@router.get("/values", response={200: ValuesOut, **errors(404, 422)},
            summary="An indicator's values per corridor city and in total, as the caller may see them")
def values(request: HttpRequest, q: Query[ValuesQuery]) -> Any:
    indicator = _indicator(q.indicator)
    alliance = get_object_or_404(Alliance, slug=q.alliance) if q.alliance else None
    chain = get_object_or_404(Chain, slug=q.chain) if q.chain else None
    segment = None
    if q.segment:
        if chain is None:
            raise ValidationError({"segment": _("Name the chain of the segment.")})
        segment = get_object_or_404(Segment, chain=chain, key=q.segment)
    if q.start and q.end and q.start > q.end:
        raise ValidationError({"start": _("The start comes after the end.")})
    cities = services.corridor_cities()
    s = Slice(viewer=request.user, cities=tuple(c.pk for c in cities), alliance_id=alliance.pk if alliance else None,
              chain_id=chain.pk if chain else None, segment_id=segment.pk if segment else None, start=q.start, end=q.end)
    if not indicator.shown_to(request.user):
        raise ValidationError({"indicator": _("This indicator is not shown to you.")})
    found = indicator.values(s)
    if found is None:
        labels = services.dimension_labels()
        missing = [str(labels[d]) for d in sorted(s.asks() - set(indicator.dimensions))]
        raise ValidationError({"indicator": _("This indicator is not broken down by %(dims)s.") % {"dims": ", ".join(missing)}})
    from django.utils import timezone

    return {"indicator": _out(indicator), "total": found[TOTAL], "computed_at": timezone.now(),
            "cities": [{"code": c.code, "name": c.name, "value": found[c.pk]} for c in cities]}


@router.get("/trend", response={200: list[TrendPoint], **errors(404, 422)},
            summary="An indicator's monthly values (snapshots the caller may read, and this month live)")
def trend(request: HttpRequest, indicator: str, city: str | None = None) -> Any:
    found = _indicator(indicator)
    region = None
    if city:
        region = services.city_of(city)
        if region is None:
            raise ValidationError({"city": _("Not a city of the corridor: %(codes)s") % {"codes": city}})
    if not found.shown_to(request.user):
        raise ValidationError({"indicator": _("This indicator is not shown to you.")})
    return services.trend(request.user, found, region)


@router.post("/reports", response={202: JobOut, **errors(401, 422)}, auth=USER_REQUIRED,
             summary="Generate a city or alliance report (PDF or .xlsx) as a job; the file is on the job")
def start_report(request: HttpRequest, payload: ReportIn) -> Status:
    job = reports.start(request.user, payload.kind, payload.target, payload.format)
    return Status(202, {"id": job.pk, "kind": job.kind, "status": job.status})
