"""List filters of R&D projects and of the overlap board (pages and API alike)."""

from __future__ import annotations

from typing import Literal

from django.db.models import Q, QuerySet
from pydantic import Field

from corridor.core import registry
from corridor.core.toolkit import BaseFilter
from corridor.rnd.models import Overlap, RDProject, Visibility


def _city_q(prefix: str, code: str) -> Q:
    return (Q(**{f"{prefix}region__code": code}) | Q(**{f"{prefix}city__code": code})
            | Q(**{f"{prefix}province__code": code}))


class ProjectFilter(BaseFilter):
    q: str | None = Field(None, description="Words of the title, description or objective (Chinese or English)")
    city: str | None = Field(None, description="GB/T 2260 code of the owner's city, district or province")
    chain: str | None = Field(None, description="Slug of an industry chain the project is tagged with")
    trl: int | None = Field(None, ge=1, le=9, description="Stage: technology readiness level 1–9")
    language: Literal["zh", "en"] | None = None
    visibility: Visibility | None = None
    organisation: int | None = Field(None, ge=1, le=2_147_483_647, description="Id of the owner organisation")

    def apply(self, qs: QuerySet[RDProject]) -> QuerySet[RDProject]:
        if self.q:
            qs = registry.find(RDProject, qs, self.q)  # the header box's search of R&D projects
        if self.city:
            qs = qs.filter(_city_q("organisation__", self.city))
        if self.chain:
            qs = qs.filter(segments__chain__slug=self.chain).distinct()
        if self.trl is not None:
            qs = qs.filter(trl=self.trl)
        if self.language:
            qs = qs.filter(language=self.language)
        if self.visibility:
            qs = qs.filter(visibility=self.visibility)
        if self.organisation:
            qs = qs.filter(organisation_id=self.organisation)
        return qs


class BoardFilter(BaseFilter):
    chain: str | None = Field(None, description="Slug of an industry chain either project is tagged with")
    city: str | None = Field(None, description="GB/T 2260 code of either owner's city, district or province")
    trl: int | None = Field(None, ge=1, le=9, description="Stage of either project")
    status: Overlap.Status | None = None
    relation: Literal["overlap", "complementary"] | None = None

    def apply(self, qs: QuerySet[Overlap]) -> QuerySet[Overlap]:
        if self.chain:
            qs = qs.filter(Q(project_a__segments__chain__slug=self.chain) | Q(project_b__segments__chain__slug=self.chain)).distinct()
        if self.city:
            qs = qs.filter(_city_q("project_a__organisation__", self.city) | _city_q("project_b__organisation__", self.city))
        if self.trl is not None:
            qs = qs.filter(Q(project_a__trl=self.trl) | Q(project_b__trl=self.trl))
        if self.status:
            qs = qs.filter(status=self.status)
        if self.relation:
            qs = qs.filter(relation=self.relation)
        return qs
