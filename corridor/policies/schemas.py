"""API shapes of policies, application items and eligibility answers."""


import datetime
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema

from corridor.core.schemas import InputSchema, WithActions, inline_choices
from corridor.policies.models import ApplicationItem, Policy
from corridor.regions.schemas import RegionRef

Level = Annotated[Policy.Level, inline_choices(Policy.Level)]
Benefit = Annotated[ApplicationItem.Benefit, inline_choices(ApplicationItem.Benefit)]
PolicyStatus = Annotated[Policy.Status, inline_choices(Policy.Status)]


class ItemOut(Schema):
    id: int
    title_zh: str
    title_en: str
    benefit: Benefit
    amount: Decimal | None
    rate: Decimal | None = Field(description="Percent")
    cap: Decimal | None
    target_zh: str
    target_en: str
    rule: dict[str, Any] = Field(description="Conditions as the eligibility engine reads them")
    window_opens: datetime.date | None
    window_closes: datetime.date | None
    no_application: bool = Field(description="免申即享: granted without application")
    office_zh: str
    office_en: str
    contact: str
    materials_zh: str
    materials_en: str


class PolicyOut(Schema):
    id: int
    title_zh: str
    title_en: str
    issuer_zh: str
    issuer_en: str
    document_number: str
    level: Level
    status: PolicyStatus
    home_region: RegionRef | None
    issued_on: datetime.date | None
    effective_from: datetime.date | None
    expires_on: datetime.date | None
    superseded_by_id: int | None
    is_synthetic: bool


class PolicyDetailOut(PolicyOut, WithActions):
    summary_zh: str
    summary_en: str
    text_zh: str
    text_en: str
    source_url: str
    regions: list[RegionRef]
    industries: list[str]
    items: list[ItemOut]

    @staticmethod
    def resolve_industries(obj: Policy) -> list[str]:
        return [i.slug for i in obj.industries.all()]

    @staticmethod
    def resolve_items(obj: Policy) -> list[ApplicationItem]:
        return list(obj.items.all())

    @staticmethod
    def resolve_regions(obj: Policy) -> list[Any]:
        return list(obj.regions.all())


class PolicyIn(InputSchema):
    """A policy's fields; regions by GB/T 2260 code, the alliance by slug, industries by slug."""

    title_zh: str | None = None
    title_en: str | None = None
    issuer_zh: str | None = None
    issuer_en: str | None = None
    document_number: str | None = None
    summary_zh: str | None = None
    summary_en: str | None = None
    text_zh: str | None = None
    text_en: str | None = None
    source_url: str | None = None
    level: Level | None = None
    home_region: str | None = Field(None, description="GB/T 2260 code of the issuing region")
    alliance: str | None = Field(None, description="Slug of the alliance (an alliance's own policy)")
    regions: list[str] | None = Field(None, description="GB/T 2260 codes of the regions it applies in")
    industries: list[str] | None = None
    issued_on: datetime.date | None = None
    effective_from: datetime.date | None = None
    expires_on: datetime.date | None = None


class ItemIn(InputSchema):
    title_zh: str | None = None
    title_en: str | None = None
    benefit: Benefit | None = None
    amount: Decimal | None = None
    rate: Decimal | None = None
    cap: Decimal | None = None
    target_zh: str | None = None
    target_en: str | None = None
    rule: dict[str, Any] | None = None
    window_opens: datetime.date | None = None
    window_closes: datetime.date | None = None
    no_application: bool | None = None
    office_zh: str | None = None
    office_en: str | None = None
    contact: str | None = None
    materials_zh: str | None = None
    materials_en: str | None = None


class ReasonOut(Schema):
    label: str = Field(description="The condition's label in the request's language")
    clause: str
    field: str


class MissingOut(Schema):
    field: str = Field(description="Profile field to fill in")
    label: str


class AnswerOut(Schema):
    item: int
    item_title: str
    policy: int
    policy_title: str
    benefit: Benefit
    answer: str = Field(description="eligible | not_eligible | unknown")
    reasons: list[ReasonOut] = Field(description="Met (eligible), failing (not eligible) or undecided (unknown) conditions")
    missing: list[MissingOut]
    window: str | None = Field(description="upcoming | open | closed; null without a window")
