"""API schemas of chains and their maps. `name` fields are in the request's language."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import Field

from corridor.chains.models import Segment
from corridor.core.schemas import inline_choices

SegmentStage = Annotated[Segment.Stage, inline_choices(Segment.Stage)]


class ChainOut(Schema):
    slug: str
    name: str
    name_zh: str
    name_en: str
    version: int
    description: str


class SegmentOut(Schema):
    key: str
    name: str
    name_zh: str
    name_en: str
    stage: SegmentStage
    parent: str | None = Field(None, description="Key of the segment this one is part of")
    keywords_zh: list[str]
    keywords_en: list[str]


class EdgeOut(Schema):
    source: str = Field(description="Key of the supplier segment")
    target: str = Field(description="Key of the customer segment")
    share: float | None = Field(None, description="Typical share of the customer segment's input cost (0–1)")


class ChainDetail(ChainOut):
    segments: list[SegmentOut]
    edges: list[EdgeOut]


class MatrixCellOut(Schema):
    region: str = Field(description="Region code")
    region_name: str
    segment: str
    segment_name: str
    stage: SegmentStage
    orgs: int = Field(description="Organisations on the segment that the caller may see")
    heads: int = Field(description="Of which head enterprises")
    lq: float | None = Field(None, description="Location quotient; null when undefined")
    level: str = Field(description="strong, present, weak or absent")


class LQOut(Schema):
    region: str
    segment: str
    lq: float | None
    level: str


class FeedOut(Schema):
    segment: str
    segment_name: str


class LeaderOut(Schema):
    id: int
    name: str
    head: bool


class SupplierOut(Schema):
    region: str
    region_name: str
    orgs: int
    lq: float | None
    strong: bool
    leaders: list[LeaderOut]


class GapOut(Schema):
    segment: str
    segment_name: str
    level: str = Field(description="absent or weak in the region")
    score: float = Field(description="Sum of the shares of the strong local segments' inputs it would supply")
    feeds: list[FeedOut]
    suppliers: list[SupplierOut] = Field(description="Corridor cities where it is strong (else present)")


class SourcingOut(Schema):
    region: str
    region_name: str
    local: float | None
    corridor: float | None


class TagOut(Schema):
    chain: str
    segment: str
    segment_name: str
    role: str = Field(description="produces or uses")
    source: str = Field(description="declared by the organisation, or inferred from its text")
    status: str = Field(description="proposed (inferred, not reviewed), confirmed or rejected")
    confidence: float
