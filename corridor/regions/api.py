"""Regions, corridors and parks: public reference data, read-only in the API."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.regions.models import Corridor, CorridorVersion, Park, Region
from corridor.regions.schemas import CorridorDetail, CorridorOut, ParkKind, ParkOut, RegionDetail, RegionOut

router = Router(tags=["regions"])


class RegionFilter(Schema):
    level: Region.Level | None = None
    parent: str | None = Field(None, description="Code of the parent region: its direct children")
    q: str | None = Field(None, description="Part of the Chinese or English name, or the start of the code")


class ParkFilter(Schema):
    kind: ParkKind | None = None
    region: str | None = Field(None, description="Code of a province, city or district: parks located in it")
    corridor: str | None = Field(None, description="Corridor slug")


def _parks() -> QuerySet[Park]:
    return Park.objects.select_related("region", "run_for", "corridor")


# Fixed paths come before /{code}: Django tries URL patterns in order and a code is any string.
@router.get("/corridors", response={200: list[CorridorOut], **errors(422)}, summary="List corridors")
@paginate(LimitOffsetPagination)
def list_corridors(request: HttpRequest) -> QuerySet[Corridor]:
    return Corridor.objects.all()


@router.get(
    "/corridors/{slug}", response={200: CorridorDetail, **errors(404)}, summary="A corridor with its versions and parks"
)
def get_corridor(request: HttpRequest, slug: str) -> Corridor:
    versions = CorridorVersion.objects.prefetch_related(Prefetch("regions", Region.objects.order_by("code")))
    return get_object_or_404(
        Corridor.objects.prefetch_related(
            Prefetch("versions", versions.order_by("started_on")), Prefetch("parks", _parks())
        ),
        slug=slug,
    )


@router.get("/parks", response={200: list[ParkOut], **errors(422)}, summary="List parks and zones")
@paginate(LimitOffsetPagination)
def list_parks(request: HttpRequest, filters: Query[ParkFilter]) -> QuerySet[Park]:
    qs = _parks()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.region:
        code = filters.region.strip()
        qs = qs.filter(Q(region__code=code) | Q(region__parent__code=code) | Q(region__parent__parent__code=code))
    if filters.corridor:
        qs = qs.filter(corridor__slug=filters.corridor)
    return qs


@router.get("/parks/{slug}", response={200: ParkOut, **errors(404)}, summary="A park or zone")
def get_park(request: HttpRequest, slug: str) -> Park:
    return get_object_or_404(_parks(), slug=slug)


@router.get("", response={200: list[RegionOut], **errors(422)}, summary="List regions")
@paginate(LimitOffsetPagination)
def list_regions(request: HttpRequest, filters: Query[RegionFilter]) -> QuerySet[Region]:
    qs = Region.objects.select_related("parent")
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.parent:
        qs = qs.filter(parent__code=filters.parent.strip())
    if filters.q and filters.q.strip():
        q = filters.q.strip()
        qs = qs.filter(Q(name_zh__icontains=q) | Q(name_en__icontains=q) | Q(code__startswith=q))
    return qs


@router.get("/{code}", response={200: RegionDetail, **errors(404)}, summary="A region with its direct children")
def get_region(request: HttpRequest, code: str) -> Region:
    return get_object_or_404(
        Region.objects.select_related("parent").prefetch_related(Prefetch("children", Region.objects.order_by("code"))),
        code=code,
    )
