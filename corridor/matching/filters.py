"""One filter for the listing page and the API: side, category, status and a text query."""

from __future__ import annotations

from typing import Literal

from django.db.models import QuerySet
from pydantic import Field

from corridor.core import registry
from corridor.core.toolkit import BaseFilter
from corridor.matching.models import Listing


class ListingFilter(BaseFilter):
    q: str = ""
    side: Literal["need", "offer", ""] = ""
    category: Literal["product", "technology", "capacity", "testing", "funding", "talent", "rnd", ""] = ""
    status: Literal["open", "closed", ""] = Field("open", description="open (default), closed, or empty for both")

    def apply(self, qs: QuerySet[Listing]) -> QuerySet[Listing]:
        if self.side:
            qs = qs.filter(side=self.side)
        if self.category:
            qs = qs.filter(category=self.category)
        if self.status:
            qs = qs.filter(status=self.status)
        if self.q:
            qs = registry.find(Listing, qs, self.q)  # the header box's search of listings
        return qs

    def is_active(self) -> bool:
        return bool(self.q or self.side or self.category)
