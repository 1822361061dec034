"""Regions, corridors and parks: public reference data, read-only in the API."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate
from pydantic import Field

from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.core.toolkit import BaseFilter
from corridor.regions.models import Corridor, CorridorVersion, Park, Region, within_q
from corridor.regions.schemas import CorridorDetail, CorridorOut, ParkKind, ParkOut, RegionDetail, RegionOut

router = Router(tags=["regions"])


class RegionFilter(BaseFilter):
    level: Region.Level | None = None
    parent: str | None = Field(None, description="Code of the parent region: its direct children")
    q: str | None = Field(None, description="Part of the Chinese or English name, or the start of the code")

    def apply(self, qs: QuerySet[Region]) -> QuerySet[Region]:
        if self.level:
            qs = qs.filter(level=self.level)
        if self.parent:
            qs = qs.filter(parent__code=self.parent.strip())
        if self.q and self.q.strip():
            q = self.q.strip()
            qs = qs.filter(Q(name_zh__icontains=q) | Q(name_en__icontains=q) | Q(code__startswith=q))
        return qs


class ParkFilter(BaseFilter):
    kind: ParkKind | None = None
    region: str | None = Field(None, description="Code of a province, city or district: parks located in it")
    corridor: str | None = Field(None, description="Corridor slug")

    def apply(self, qs: QuerySet[Park]) -> QuerySet[Park]:
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.region:
            qs = qs.filter(within_q("region", self.region))
        if self.corridor:
            qs = qs.filter(corridor__slug=self.corridor)
        return qs


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
    return filters.apply(_parks())


@router.get("/parks/{slug}", response={200: ParkOut, **errors(404)}, summary="A park or zone")
def get_park(request: HttpRequest, slug: str) -> Park:
    return get_object_or_404(_parks(), slug=slug)


@router.get("", response={200: list[RegionOut], **errors(422)}, summary="List regions")
@paginate(LimitOffsetPagination)
def list_regions(request: HttpRequest, filters: Query[RegionFilter]) -> QuerySet[Region]:
    return filters.apply(Region.objects.select_related("parent"))


@router.get("/{code}", response={200: RegionDetail, **errors(404)}, summary="A region with its direct children")
def get_region(request: HttpRequest, code: str) -> Region:
    return get_object_or_404(
        Region.objects.select_related("parent").prefetch_related(Prefetch("children", Region.objects.order_by("code"))),
        code=code,
    )
