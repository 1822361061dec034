
import datetime
from typing import Literal

from ninja import Field, Schema

from corridor.core.schemas import WithActions

Side = Literal["need", "offer"]
Category = Literal["product", "technology", "capacity", "testing", "funding", "talent", "rnd"]
Visibility = Literal["public", "alliance", "secretariat"]


class ListingOut(Schema):
    id: int
    side: str
    category: str
    title: str
    title_zh: str
    title_en: str
    text: str
    organisation_id: int
    alliance_id: int | None
    segments: list[str]
    regions: list[str]
    quantity: str
    deadline: datetime.date | None
    contact: str
    visibility: str
    status: str
    created_at: datetime.datetime


class ListingIn(Schema):
    side: Side
    category: Category
    title_zh: str = ""
    title_en: str = ""
    text: str
    segments: list[str] = Field(default=[], description="chain segments as \"<chain slug>/<segment key>\", e.g. \"industrial-robots/reducers\" (see /api/chains/)")
    regions: list[str] = []
    quantity: str = ""
    deadline: datetime.date | None = None
    contact: str = ""
    visibility: Visibility = "public"
    organisation_id: int | None = None


class ListingPatch(Schema):
    side: Side | None = None
    category: Category | None = None
    title_zh: str | None = None
    title_en: str | None = None
    text: str | None = None
    segments: list[str] | None = Field(default=None, description="chain segments as \"<chain slug>/<segment key>\"")
    regions: list[str] | None = None
    quantity: str | None = None
    deadline: datetime.date | None = None
    contact: str | None = None
    visibility: Visibility | None = None


class ExplanationOut(Schema):
    semantic: float
    lexical: float
    specific: float
    concept: float
    figures: float | None
    category: float
    chain: float | None
    region: float | None
    contributions: dict[str, float]
    shared_terms: list[str]
    shared_segments: list[str]
    supplying_segments: list[str]
    shared_regions: list[str]


class SuggestionOut(Schema):
    listing: ListingOut
    score: float
    explanation: ExplanationOut


class InterestIn(Schema):
    message: str = ""
    counterpart_id: int | None = None


class IntroductionIn(Schema):
    counterpart_id: int
    message: str = ""


class StepIn(Schema):
    stage: Literal["accepted", "declined", "meeting", "agreement"]


class InterestOut(Schema):
    id: int
    listing_id: int
    organisation_id: int
    counterpart_id: int | None
    stage: str
    message: str
    introduced: bool
    expressed_at: datetime.datetime
    responded_at: datetime.datetime | None
    meeting_at: datetime.datetime | None
    agreement_at: datetime.datetime | None

    @staticmethod
    def resolve_introduced(obj: object) -> bool:
        return getattr(obj, "introduced_by_id", None) is not None


class FunnelRowOut(Schema):
    key: int | None
    name: str
    listings: int
    interests: int
    accepted: int
    meetings: int
    agreements: int
    event_meetings: int = 0
    event_interest: int = 0
    event_agreements: int = 0
    projects: int = 0


class ListingDetailOut(ListingOut, WithActions):
    """A listing with what the caller may do with it (`change`: edit, close, see suggestions)."""


class InterestDetailOut(InterestOut, WithActions):
    """An interest with what the caller may do with it (`answer`, `follow_up`)."""
