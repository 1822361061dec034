"""The one filter definition for organisation lists: the page, the API and exports all use it."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet
from pydantic import Field

from corridor.audit.models import CreatedRange
from corridor.core.toolkit import BaseFilter
from corridor.orgs.models import ORGANISATION_REGION_COLUMNS, Organisation
from corridor.regions.models import within_q
from corridor.search.orgs import SearchResult, search_organisations


class OrganisationFilter(BaseFilter):
    q: str | None = Field(None, description="Search names, aliases, pinyin, descriptions, segments and industries; all words must match")
    city: str | None = Field(None, description="GB/T 2260 code of a city, district or province")
    kind: Organisation.Kind | None = None
    industry: str | None = Field(None, description="Industry slug")
    head: bool | None = Field(None, description="Head enterprises only (true) or none of them (false)")
    alliance: str | None = Field(None, description="Alliance slug: members of that alliance")
    synthetic: bool | None = Field(None, description="Synthetic demo data (true) or real (false)")
    imported: int | None = Field(None, ge=1, description="History entry of an import: the organisations it created")

    def apply(self, qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
        return self.search(qs).queryset

    def search(self, qs: QuerySet[Organisation]) -> SearchResult:
        """The filters, then `q` through the search (ranked, with a spelling suggestion when nothing matches)."""
        return search_organisations(self._apply_filters(qs), self.q)

    def _apply_filters(self, qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
        from corridor.alliances.models import AllianceMembership

        if self.city:
            qs = qs.filter(within_q("region", self.city, ancestors=ORGANISATION_REGION_COLUMNS))
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.industry:
            through = Organisation.industries.through
            qs = qs.filter(Exists(through.objects.filter(organisation_id=OuterRef("pk"), industry__slug=self.industry)))
        if self.head is not None:
            qs = qs.filter(is_head_enterprise=self.head)
        if self.alliance:
            qs = qs.filter(
                Exists(AllianceMembership.objects.filter(organisation=OuterRef("pk"), alliance__slug=self.alliance))
            )
        if self.synthetic is not None:
            qs = qs.filter(is_synthetic=self.synthetic)
        if self.imported:
            qs = qs.filter(Exists(CreatedRange.objects.filter(
                record_id=self.imported, content_type=ContentType.objects.get_for_model(Organisation),
                first_id__lte=OuterRef("pk"), last_id__gte=OuterRef("pk"))))
        return qs
