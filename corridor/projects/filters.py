"""The one filter of the project pipeline: the list page, the board, the export and the API use it."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.db.models import Q, QuerySet
from pydantic import Field

from corridor.core import registry
from corridor.core.schemas import inline_choices
from corridor.core.toolkit import BaseFilter
from corridor.projects.models import Project, Stage
from corridor.regions.models import Region


def inside(code: str) -> Q:
    """Projects in the region with this code, read off the one indexed column of its level (a city's
    projects are `city_id = X`, not an OR over every level, which no index serves)."""
    region = Region.objects.filter(code=code).values("pk", "level").first()
    if region is None:
        return Q(pk__in=[])
    column = {"province": "province_id", "city": "city_id"}.get(region["level"], "region_id")
    if column == "region_id":
        # A district, or a municipality's district standing as a city (Songjiang): itself or inside it.
        return Q(region_id=region["pk"]) | Q(city_id=region["pk"])
    return Q(**{column: region["pk"]})


class ProjectFilter(BaseFilter):
    q: str | None = Field(None, max_length=100, description="Words in the project's or the investor's name")
    city: str | None = Field(None, pattern=r"^\d{6}$", description="GB/T 2260 code of the target city or district")
    # Spelled out in place: other models have a Stage, a Kind and a Source (see core.schemas.inline_choices).
    stage: Annotated[Stage, inline_choices(Stage)] | None = None
    kind: Annotated[Project.Kind, inline_choices(Project.Kind)] | None = None
    source: Annotated[Project.Source, inline_choices(Project.Source)] | None = None
    park: int | None = Field(None, ge=1, description="A park's id (the park's board)")
    segment: int | None = Field(None, ge=1, description="A chain segment's id")
    stalled: bool | None = Field(None, description="Only projects with no stage change for longer than their stage allows")
    # A reporting period: projects recorded in it (leads, conversion) and the figures of those signed in it.
    since: datetime.date | None = Field(None, ge=datetime.date(1990, 1, 1), le=datetime.date(2100, 12, 31),
                                        description="Recorded (or signed) on or after this day")
    until: datetime.date | None = Field(None, ge=datetime.date(1990, 1, 1), le=datetime.date(2100, 12, 31),
                                        description="Recorded (or signed) on or before this day")

    def apply(self, qs: QuerySet[Project]) -> QuerySet[Project]:
        if self.q:
            qs = registry.find(Project, qs, self.q)  # the header box's search of projects
        if self.city:
            qs = qs.filter(inside(self.city))
        if self.stage:
            qs = qs.filter(stage=self.stage)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.source:
            qs = qs.filter(source=self.source)
        if self.park:
            qs = qs.filter(park_id=self.park)
        if self.segment:
            qs = qs.filter(segments__id=self.segment)
        if self.since:
            qs = qs.filter(Q(signed_on__gte=self.since) | Q(signed_on__isnull=True, created_at__date__gte=self.since))
        if self.until:
            qs = qs.filter(Q(signed_on__lte=self.until) | Q(signed_on__isnull=True, created_at__date__lte=self.until))
        if self.stalled:
            from corridor.projects.services import stalled

            qs = stalled(qs)
        return qs
