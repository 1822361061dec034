"""API schemas of regions, corridors and parks. `name` is in the request's language."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from corridor.core.schemas import inline_choices
from corridor.regions.models import Park, Region

ParkKind = Annotated[Park.Kind, inline_choices(Park.Kind)]


class RegionRef(Schema):
    code: str = Field(description="GB/T 2260 administrative code")
    name: str
    name_zh: str
    name_en: str
    level: Region.Level


class RegionOut(RegionRef):
    parent: RegionRef | None
    longitude: float | None
    latitude: float | None


class RegionDetail(RegionOut):
    children: list[RegionRef]


class CorridorVersionOut(Schema):
    version: str
    label: str
    label_zh: str
    label_en: str
    started_on: datetime.date
    length_km: int | None
    area_km2: int | None
    population_millions: float | None
    regions: list[RegionRef] = Field(description="Member regions in this version")


class CorridorOut(Schema):
    slug: str
    name: str
    name_zh: str
    name_en: str
    description_zh: str
    description_en: str
    head_enterprises: int | None
    alliance_count: int | None
    demonstration_park_count: int | None


class ParkOut(Schema):
    slug: str
    name: str
    name_zh: str
    name_en: str
    kind: ParkKind
    region: RegionRef = Field(description="Where the park is")
    run_for: RegionRef | None = Field(description="For an enclave centre: the city that owns and runs it")
    corridor: str | None = Field(description="Slug of the corridor the park belongs to")
    area_km2: float | None
    description_zh: str
    description_en: str

    @staticmethod
    def resolve_corridor(obj: Park) -> str | None:
        return obj.corridor.slug if obj.corridor is not None else None


class CorridorDetail(CorridorOut):
    versions: list[CorridorVersionOut]
    parks: list[ParkOut]
