"""The filters of the chain pages and endpoints: a region given by its GB/T 2260 code, and the tag review.

A code that is not six digits is a bad value (a 422 naming the parameter on the API, a message on the
page); a well-formed code of no region is a missing region (404), as before.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.db.models import Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from pydantic import Field, StringConstraints

from corridor.chains.models import SegmentTag
from corridor.core.toolkit import BaseFilter
from corridor.regions.models import Region

RegionCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{6}$")]


class MatrixFilter(BaseFilter):
    city: RegionCode | None = Field(
        None, description="A city's code: rows are its districts. Without it, rows are the corridor's member cities"
    )


class GapFilter(BaseFilter):
    region: RegionCode = Field(description="Code of a member city of the corridor")


class SegmentFilter(BaseFilter):
    city: RegionCode | None = Field(None, description="A city's code: only organisations inside it")


# Inferred tags are kept from inference.MIN_CONFIDENCE (0.6) up; three bands a reviewer can work through.
CONFIDENCE_BANDS: dict[str, tuple[float, float]] = {"low": (0.0, 0.75), "medium": (0.75, 0.9), "high": (0.9, 1.01)}
BAND_LABELS = {"low": _("Low (below 0.75)"), "medium": _("Medium (0.75–0.9)"), "high": _("High (0.9 and above)")}


class TagReviewFilter(BaseFilter):
    segment: str | None = Field(None, description="Segment key within the chain")
    city: str | None = Field(None, description="GB/T 2260 code of the organisation's city, district or province")
    confidence: Literal["low", "medium", "high"] | None = Field(None, description="Confidence band")

    def apply(self, qs: QuerySet[SegmentTag]) -> QuerySet[SegmentTag]:
        if self.segment:
            qs = qs.filter(segment__key=self.segment)
        if self.city:
            region_id = Region.objects.filter(code=self.city).values("pk")[:1]
            qs = qs.filter(Q(organisation__city_id=Subquery(region_id)) | Q(organisation__region_id=Subquery(region_id))
                           | Q(organisation__province_id=Subquery(region_id)))
        if self.confidence:
            low, high = CONFIDENCE_BANDS[self.confidence]
            qs = qs.filter(confidence__gte=low, confidence__lt=high)
        return qs
