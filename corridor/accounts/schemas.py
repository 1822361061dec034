"""API schemas of the signed-in user, their roles and their API tokens."""

from __future__ import annotations

import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field

from corridor.accounts.models import RoleGrant
from corridor.alliances.schemas import AllianceRef
from corridor.core.schemas import InputSchema, inline_choices
from corridor.orgs.schemas import OrganisationRef
from corridor.regions.schemas import RegionRef

GrantRole = Annotated[RoleGrant.Role, inline_choices(RoleGrant.Role)]


class RoleOut(Schema):
    role: GrantRole
    organisation: OrganisationRef | None = Field(description="For a member: the organisation they act for")
    alliance: AllianceRef | None = Field(description="For a secretariat: the alliance they run")
    region: RegionRef | None = Field(description="For a city officer: the region they serve")


class MeOut(Schema):
    username: str
    email: str
    is_admin: bool
    roles: list[RoleOut]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The first characters of the token, to recognise it")
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="The token itself: shown this once and never again")


class TokenIn(InputSchema):
    name: str = Field("", max_length=64, description="What the token is for, e.g. 'nightly export'")
