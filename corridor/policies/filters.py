"""The policy library's filter: the page and the API both use it."""

from __future__ import annotations

from typing import Literal

from django.db.models import Q, QuerySet
from pydantic import Field

from corridor.core import registry
from corridor.core.toolkit import BaseFilter
from corridor.policies.models import ApplicationItem, Policy
from corridor.regions.models import Region, within_q


class PolicyFilter(BaseFilter):
    q: str | None = Field(None, description="Words in the title, issuer, document number or summary")
    city: str | None = Field(None, description="GB/T 2260 code: policies issued in or applying in this region")
    level: Policy.Level | None = None
    benefit: ApplicationItem.Benefit | None = Field(None, description="Has an application item of this kind")
    segment: str | None = Field(None, description="Chain segment as chain.key, e.g. industrial-robots.reducers")
    industry: str | None = Field(None, description="Industry slug")
    status: Literal["current", "all", "draft", "effective", "expired", "superseded"] | None = Field(
        None, description="current (default: not expired nor superseded), all, or one status")

    def apply(self, qs: QuerySet[Policy]) -> QuerySet[Policy]:
        if self.q:
            qs = registry.find(Policy, qs, self.q)  # the header box's search of policies
        if self.city:
            inside = Region.objects.filter(within_q("", self.city.strip()))
            qs = qs.filter(Q(home_region__in=inside) | Q(regions__in=inside))
        if self.level:
            qs = qs.filter(level=self.level)
        if self.benefit:
            qs = qs.filter(items__benefit=self.benefit)
        if self.segment:
            chain, _dot, key = self.segment.partition(".")
            qs = qs.filter(segments__chain__slug=chain, segments__key=key)
        if self.industry:
            qs = qs.filter(industries__slug=self.industry)
        status = self.status or "current"
        if status == "current":
            qs = qs.current()  # type: ignore[attr-defined]
        elif status != "all":
            qs = qs.filter(status=status)
        return qs.distinct()
