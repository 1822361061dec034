"""List filters of standards and brands: the same class for pages and API."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from pydantic import Field

from corridor.core.toolkit import BaseFilter
from corridor.standards.models import Brand, Status


class StandardFilter(BaseFilter):
    q: str | None = Field(None, max_length=100, description="Words in the title, scope or publication number")
    status: Status | None = Field(None, description="State")
    alliance: str | None = Field(None, max_length=80, description="Alliance slug")

    def apply(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        if self.status:
            qs = qs.filter(status=self.status)
        if self.alliance:
            qs = qs.filter(alliance__slug=self.alliance)
        for word in (self.q or "").split():
            qs = qs.filter(Q(title_zh__icontains=word) | Q(title_en__icontains=word) | Q(scope_zh__icontains=word)
                           | Q(scope_en__icontains=word) | Q(publication_number__icontains=word))
        return qs


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
        for word in (self.q or "").split():
            qs = qs.filter(Q(name_zh__icontains=word) | Q(name_en__icontains=word) | Q(products_zh__icontains=word)
                           | Q(products_en__icontains=word))
        return qs
