"""API schemas of investment projects. Confidential fields (amounts, agreement, jobs, land, source details)
are null unless the caller may `view_private` the project: the same rule as the pages."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from corridor.core.schemas import InputSchema, WithActions, inline_choices
from corridor.orgs.schemas import OrganisationRef
from corridor.projects.models import Project, Site, Stage
from corridor.regions.schemas import RegionRef

StageName = Annotated[Stage, inline_choices(Stage)]
KindName = Annotated[Project.Kind, inline_choices(Project.Kind)]
SourceName = Annotated[Project.Source, inline_choices(Project.Source)]
Activity = Annotated[Site.Activity, inline_choices(Site.Activity)]


def _private(obj: Any, name: str) -> Any:
    return getattr(obj, name) if getattr(obj, "may_view_private", False) else None


class SegmentRef(Schema):
    id: int
    key: str
    name: str
    chain: str = Field(description="The chain's slug")

    @staticmethod
    def resolve_chain(obj: Any) -> str:
        return str(obj.chain.slug)


class ProjectOut(Schema):
    id: int
    name: str
    name_zh: str
    name_en: str
    investor: OrganisationRef
    region: RegionRef
    city: RegionRef | None
    kind: KindName
    stage: StageName
    stage_changed_at: datetime.datetime
    published: bool
    segments: list[SegmentRef]
    amount_band: str = Field(description="The public summary's amount band (published projects)")
    investment: Decimal | None = Field(None, description="CNY; null unless you may see the project's figures")
    arrived: Decimal | None = Field(None, description="Capital arrived, CNY; null unless you may see the figures")

    @staticmethod
    def resolve_segments(obj: Any) -> list[Any]:
        return list(obj.segments.all())

    @staticmethod
    def resolve_amount_band(obj: Any) -> str:
        return obj.amount_band if obj.published or getattr(obj, "may_view_private", False) else ""

    @staticmethod
    def resolve_investment(obj: Any) -> Any:
        return _private(obj, "investment")

    @staticmethod
    def resolve_arrived(obj: Any) -> Any:
        return _private(obj, "arrived")


class SiteOut(Schema):
    id: int
    region: RegionRef
    activity: Activity
    organisation: OrganisationRef | None
    landed_at: datetime.datetime | None


class StageChangeOut(Schema):
    from_stage: str
    to_stage: StageName
    at: datetime.datetime
    on: datetime.date | None
    note: str


class ArrivalOut(Schema):
    on: datetime.date
    amount: Decimal
    note: str


class OriginOut(Schema):
    """The meeting or interest a lead came from; its details only to a reader who may see it (`hidden`)."""

    kind: Literal["meeting", "interest"]
    hidden: bool = False
    meeting: int | None = None
    event: int | None = None
    event_title: str | None = None
    interest: int | None = None
    listing: int | None = None
    listing_title: str | None = None
    parties: list[str] = Field(default_factory=list)


def _origin_out(request: Any, obj: Any) -> dict[str, Any] | None:
    from corridor.accounts.api_auth import actor
    from corridor.projects.leads import origin

    if not getattr(obj, "may_view_private", False) or request is None:
        return None
    found = origin(actor(request), obj)
    if found is None:
        return None
    if found.get("hidden"):
        return {"kind": found["kind"], "hidden": True}
    parties = [o.name for o in found["sides"]]
    if found["kind"] == "meeting":
        return {"kind": "meeting", "meeting": found["meeting"].pk, "event": found["event"].pk,
                "event_title": found["event"].title, "parties": parties}
    return {"kind": "interest", "interest": found["interest"].pk, "listing": found["listing"].pk,
            "listing_title": found["listing"].title, "parties": parties}


class ProjectDetailOut(ProjectOut, WithActions):
    source: SourceName | None = None
    origin: OriginOut | None = Field(None, description="The meeting or matchmaking interest the lead came from")
    registered_capital: Decimal | None = None
    land_mu: Decimal | None = None
    floor_area_m2: Decimal | None = None
    jobs: int | None = None
    annual_output: Decimal | None = None
    annual_tax: Decimal | None = None
    signed_on: datetime.date | None = None
    agreement_parties: str | None = None
    agreement_amount: Decimal | None = None
    agreement_document: str | None = None
    sites: list[SiteOut] = Field(default_factory=list)
    history: list[StageChangeOut] = Field(default_factory=list, description="Stage timeline (with view_private)")
    arrivals: list[ArrivalOut] = Field(default_factory=list, description="Capital arrived (with view_private)")

    @staticmethod
    def resolve_sites(obj: Any) -> list[Any]:
        return list(obj.sites.select_related("region", "organisation"))

    @staticmethod
    def resolve_history(obj: Any) -> list[Any]:
        return list(obj.stage_changes.all()) if getattr(obj, "may_view_private", False) else []

    @staticmethod
    def resolve_arrivals(obj: Any) -> list[Any]:
        return list(obj.arrivals.all()) if getattr(obj, "may_view_private", False) else []

    @staticmethod
    def resolve_source(obj: Any) -> Any:
        return _private(obj, "source")

    @staticmethod
    def resolve_origin(obj: Any, context: Any) -> Any:
        return _origin_out((context or {}).get("request"), obj)

    @staticmethod
    def resolve_registered_capital(obj: Any) -> Any:
        return _private(obj, "registered_capital")

    @staticmethod
    def resolve_land_mu(obj: Any) -> Any:
        return _private(obj, "land_mu")

    @staticmethod
    def resolve_floor_area_m2(obj: Any) -> Any:
        return _private(obj, "floor_area_m2")

    @staticmethod
    def resolve_jobs(obj: Any) -> Any:
        return _private(obj, "jobs")

    @staticmethod
    def resolve_annual_output(obj: Any) -> Any:
        return _private(obj, "annual_output")

    @staticmethod
    def resolve_annual_tax(obj: Any) -> Any:
        return _private(obj, "annual_tax")

    @staticmethod
    def resolve_signed_on(obj: Any) -> Any:
        return _private(obj, "signed_on")

    @staticmethod
    def resolve_agreement_parties(obj: Any) -> Any:
        return _private(obj, "agreement_parties")

    @staticmethod
    def resolve_agreement_amount(obj: Any) -> Any:
        return _private(obj, "agreement_amount")

    @staticmethod
    def resolve_agreement_document(obj: Any) -> Any:
        return _private(obj, "agreement_document")


class ProjectIn(InputSchema):
    """A project's fields. On create `region` (the target's code) and `investor` (an organisation id) or
    `new_investor` are needed, and a Chinese or English name."""

    name_zh: str | None = None
    name_en: str | None = None
    description_zh: str | None = None
    description_en: str | None = None
    investor: int | None = None
    new_investor: str | None = Field(None, max_length=200)
    new_investor_region: str | None = Field(None, max_length=6)
    region: str | None = Field(None, description="GB/T 2260 code of the target city or district")
    park: int | None = None
    alliance: int | None = Field(None, description="The helping alliance (its secretariat sees and manages it)")
    activity: Activity | None = None
    kind: KindName | None = None
    source: SourceName | None = None
    source_note: str | None = Field(None, max_length=300)
    segments: list[int] | None = None
    meeting: int | None = Field(None, description="On create: the 1:1 meeting (interest or agreement) the lead came from")
    interest: int | None = Field(None, description="On create: the matchmaking interest (accepted) the lead came from")
    account_manager: int | None = None
    investment: Decimal | None = None
    registered_capital: Decimal | None = None
    land_mu: Decimal | None = None
    floor_area_m2: Decimal | None = None
    jobs: int | None = Field(None, ge=0)
    annual_output: Decimal | None = None
    annual_tax: Decimal | None = None

    def data(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump().items() if v is not None}


class StepIn(InputSchema):
    note: str = Field("", max_length=300)
    reason: str | None = Field(None, description="Why (drop)")
    signed_on: datetime.date | None = None
    agreement_parties: str | None = Field(None, max_length=300)
    agreement_amount: Decimal | None = None
    agreement_document: str | None = Field(None, max_length=300)
    investment: Decimal | None = None


class SiteIn(InputSchema):
    region: str = Field(description="GB/T 2260 code")
    activity: Activity
    park: int | None = None
    organisation: int | None = Field(None, description="The local entity, when it already exists")


class ArrivalIn(InputSchema):
    amount: Decimal
    on: datetime.date
    note: str = Field("", max_length=300)


class FiguresOut(Schema):
    projects: int
    by_stage: dict[str, int]
    signed: int
    started: int
    producing: int
    dropped: int
    signed_amount: Decimal = Field(description="Over the projects whose figures you may see")
    arrived_amount: Decimal
    start_rate: float | None = Field(description="开工率: started or later / signed or later")
    production_rate: float | None = Field(description="投产率: producing or later / signed or later")
    funding_rate: float | None = Field(description="资金到位率: arrived / agreed (figures you may see)")
    conversion: float | None = Field(description="Signed or later / all")
