"""The filter of an alliance's member list: the page and its .xlsx export use the same one."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Subquery, Value, When
from pydantic import Field

from corridor.alliances.models import AllianceMembership
from corridor.core.toolkit import BaseFilter
from corridor.regions.models import Region


class MemberFilter(BaseFilter):
    role: AllianceMembership.Role | None = None
    city: str | None = Field(None, description="GB/T 2260 code of the member's city, district or province")
    batch: int | None = Field(None, ge=1, description="Accession batch")

    def apply(self, qs: QuerySet[AllianceMembership]) -> QuerySet[AllianceMembership]:
        if self.role:
            qs = qs.filter(role=self.role)
        if self.city:
            region_id = Region.objects.filter(code=self.city).values("pk")[:1]
            qs = qs.filter(Q(organisation__city_id=Subquery(region_id)) | Q(organisation__region_id=Subquery(region_id))
                           | Q(organisation__province_id=Subquery(region_id)))
        if self.batch:
            qs = qs.filter(batch=self.batch)
        return qs


def in_role_order(qs: QuerySet[AllianceMembership]) -> QuerySet[AllianceMembership]:
    """Chair first, then vice-chairs, directors and members; each by batch and name."""
    rank = Case(*(When(role=role, then=Value(n)) for role, n in AllianceMembership.ROLE_ORDER.items()),
                default=Value(len(AllianceMembership.ROLE_ORDER)), output_field=IntegerField())
    return qs.annotate(role_rank=rank).order_by("role_rank", "batch", "organisation__name_zh", "id")
