"""List filters of standards and brands: the same class for pages and API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from pydantic import Field

from corridor.core import registry
from corridor.core.toolkit import BaseFilter
from corridor.standards.models import Brand, Standard, Status


class StandardFilter(BaseFilter):
    q: str | None = Field(None, max_length=100, description="Words in the title, scope or publication number")
    status: Status | None = Field(None, description="State")
    alliance: str | None = Field(None, max_length=80, description="Alliance slug")

    def apply(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if self.status:
            qs = qs.filter(status=self.status)
        if self.alliance:
            qs = qs.filter(alliance__slug=self.alliance)
        return registry.find(Standard, qs, self.q)  # the header box's search of standards


class BrandFilter(BaseFilter):
    q: str | None = Field(None, max_length=100, description="Words in the name or products")
    holder: int | None = Field(None, ge=1, description="Holder organisation number")
    category: Brand.Category | None = Field(None, description="Category")
    alliance: str | None = Field(None, max_length=80, description="Alliance slug")

    def apply(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if self.holder:
            qs = qs.filter(holder_id=self.holder)
        if self.category:
            qs = qs.filter(category=self.category)
        if self.alliance:
            qs = qs.filter(alliance__slug=self.alliance)
        return registry.find(Brand, qs, self.q)  # the header box's search of brands
