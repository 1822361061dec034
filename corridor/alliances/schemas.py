"""API schemas of alliances, memberships, applications, declarations and their actions."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from corridor.alliances.models import AllianceMembership, MembershipApplication
from corridor.core.schemas import InputSchema, inline_choices
from corridor.orgs.schemas import IndustryOut, OrganisationRef
from corridor.regions.schemas import RegionRef

MembershipRole = Annotated[AllianceMembership.Role, inline_choices(AllianceMembership.Role)]


class AllianceRef(Schema):
    slug: str
    name: str
    name_zh: str
    name_en: str


class AllianceOut(AllianceRef):
    industry: IndustryOut | None
    corridor: str | None = Field(description="Slug of the corridor the alliance belongs to")
    founded_on: datetime.date | None
    founded_in: RegionRef | None
    first_batch_count: int | None = Field(description="First-batch members as stated at the founding")
    member_count: int = Field(description="Members recorded here")
    description_zh: str
    description_en: str

    @staticmethod
    def resolve_corridor(obj: Any) -> str | None:
        return obj.corridor.slug if obj.corridor is not None else None


class OfficeOut(Schema):
    region: RegionRef
    purpose: str
    purpose_zh: str
    purpose_en: str
    opened_on: datetime.date | None


class AllianceDetail(AllianceOut):
    secretariat: OrganisationRef | None = Field(description="Null when the secretariat's profile is not public")
    offices: list[OfficeOut]

    @staticmethod
    def resolve_secretariat(obj: Any) -> Any:
        return obj.secretariat if getattr(obj, "secretariat_visible", False) else None


class MembershipOut(Schema):
    id: int
    organisation: OrganisationRef
    role: MembershipRole
    batch: int
    joined_on: datetime.date | None


class ActionOut(Schema):
    id: int
    taken_on: datetime.date
    description: str
    organisation: OrganisationRef | None = Field(description="Null when none is named or its profile is not public")

    @staticmethod
    def resolve_organisation(obj: Any) -> Any:
        return obj.organisation if getattr(obj, "organisation_visible", False) else None


class CommitmentOut(Schema):
    id: int
    position: int
    title: str
    title_zh: str
    title_en: str
    actions: list[ActionOut]


class DeclarationOut(Schema):
    id: int
    title: str
    title_zh: str
    title_en: str
    issued_on: datetime.date | None
    issued_in: RegionRef | None
    summary_zh: str
    summary_en: str
    commitments: list[CommitmentOut]


class ApplicationOut(Schema):
    id: int
    alliance: AllianceRef
    organisation: OrganisationRef
    applicant: str | None
    message: str
    status: MembershipApplication.Status
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    reason: str

    @staticmethod
    def resolve_applicant(obj: MembershipApplication) -> str | None:
        return obj.applicant.get_username() if obj.applicant is not None else None


class ApplicationIn(InputSchema):
    organisation_id: int = Field(description="Your organisation (you must be one of its member users)")
    message: str = ""


class DecisionIn(InputSchema):
    approve: bool
    reason: str = Field("", description="Required when rejecting: the applicant reads it")
    role: MembershipRole = AllianceMembership.Role.MEMBER
    batch: int | None = Field(None, ge=1, description="Defaults to the alliance's latest batch")


class ActionIn(InputSchema):
    taken_on: datetime.date
    description: str
    organisation_id: int | None = Field(None, description="The organisation that acted, if one did")
