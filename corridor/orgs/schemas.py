"""API schemas of organisations.

Contact fields (Organisation.PRIVATE_FIELDS) are null unless the object was loaded through
`with_private_access(user)` and the annotation says yes: an object loaded any other way shows no
contacts, so forgetting the annotation fails closed.
"""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from corridor.core.schemas import InputSchema, WithActions
from corridor.orgs.models import Organisation
from corridor.regions.schemas import RegionRef


class IndustryOut(Schema):
    slug: str
    name: str
    name_zh: str
    name_en: str


class OrganisationRef(Schema):
    id: int
    name: str
    name_zh: str
    name_en: str


def _private(obj: Any, field: str) -> str | None:
    if getattr(obj, "private_visible", False) is not True:
        return None
    return getattr(obj, field)


class OrganisationOut(OrganisationRef):
    short_name: str
    aliases: list[str]
    kind: Organisation.Kind
    uscc: str | None = Field(description="Unified social credit code")
    address: str
    region: RegionRef | None
    city: RegionRef | None
    province: RegionRef | None
    size_band: str
    is_head_enterprise: bool
    industries: list[IndustryOut]
    description_zh: str
    description_en: str
    website: str
    founded_year: int | None
    listed: bool
    private_visible: bool = Field(description="Whether the caller may see the contact fields")
    contact_name: str | None = Field(description="Null unless the caller may see contacts")
    contact_email: str | None = Field(description="Null unless the caller may see contacts")
    contact_phone: str | None = Field(description="Null unless the caller may see contacts")
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_private_visible(obj: Organisation) -> bool:
        return getattr(obj, "private_visible", False) is True

    @staticmethod
    def resolve_contact_name(obj: Organisation) -> str | None:
        return _private(obj, "contact_name")

    @staticmethod
    def resolve_contact_email(obj: Organisation) -> str | None:
        return _private(obj, "contact_email")

    @staticmethod
    def resolve_contact_phone(obj: Organisation) -> str | None:
        return _private(obj, "contact_phone")


class _OrganisationFields(InputSchema):
    name_zh: str | None = None
    name_en: str | None = None
    short_name: str | None = None
    aliases: list[str] | None = None
    kind: Organisation.Kind | None = None
    uscc: str | None = Field(None, description="Unified social credit code (18 characters, checked)")
    address: str | None = None
    region: str | None = Field(None, description="GB/T 2260 code; when empty, taken from the address")
    size_band: Organisation.SizeBand | None = None
    is_head_enterprise: bool | None = None
    industries: list[str] | None = Field(None, description="Industry slugs; replaces the current set")
    description_zh: str | None = None
    description_en: str | None = None
    website: str | None = None
    founded_year: int | None = None
    listed: bool | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


class OrganisationPatch(_OrganisationFields):
    """Only the fields sent are changed."""


class OrganisationIn(_OrganisationFields):
    """A new organisation: it needs a Chinese or an English name."""


class OrganisationDetailOut(OrganisationOut, WithActions):
    """An organisation with what the caller may do with it (`view_private`, `change`)."""
