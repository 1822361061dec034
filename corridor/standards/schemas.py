"""API schemas of standards, drafts, ballots, comments and brands. `title`/`name` follow the request's language."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from corridor.core.schemas import InputSchema, WithActions, inline_choices
from corridor.orgs.schemas import OrganisationRef
from corridor.standards.models import Brand, Comment, PatentDeclaration, Position, Status

StatusField = Annotated[Status, inline_choices(Status)]
PositionValue = Annotated[Position.Value, inline_choices(Position.Value)]
Disposition = Annotated[Comment.Disposition, inline_choices(Comment.Disposition)]
Licensing = Annotated[PatentDeclaration.Licensing, inline_choices(PatentDeclaration.Licensing)]
BrandCategory = Annotated[Brand.Category, inline_choices(Brand.Category)]


class AllianceRef(Schema):
    id: int
    slug: str
    name: str


class StandardOut(Schema):
    id: int
    alliance: AllianceRef
    title: str
    title_zh: str
    title_en: str
    status: StatusField
    publication_number: str = Field(description="T/<alliance code> <number>—<year> once published, else empty")
    published_at: datetime.datetime | None
    next_review_on: datetime.date | None
    is_synthetic: bool


class ParticipantOut(Schema):
    organisation: OrganisationRef
    role: str


class BallotOut(Schema):
    id: int
    kind: str
    share: float
    opened_at: datetime.datetime
    closes_on: datetime.date | None
    closed_at: datetime.datetime | None
    outcome: str = Field(description="passed, failed, or empty while open")
    counts: dict[str, int] = Field(description="Once closed: eligible, yes, yes_comments, no, abstain, not_voted, percent")


class HolderOut(Schema):
    who: str
    what: str


class RndRef(Schema):
    id: int
    title: str


class StandardDetailOut(StandardOut, WithActions):
    scope_zh: str
    scope_en: str
    rationale_zh: str
    rationale_en: str
    related_projects: str
    rnd_projects: list[RndRef] = Field(default_factory=list, description="Linked R&D projects the caller may see")
    proposing_org: OrganisationRef | None
    participants: list[ParticipantOut]
    reason: str
    comment_opens_at: datetime.datetime | None
    comment_closes_at: datetime.datetime | None
    public_comment: bool
    ballots: list[BallotOut]
    transitions: list[str] = Field(description="State changes the caller may take now (POST …/transitions/{name})")
    action_holders: list[HolderOut] = Field(description="Who must act now, and what")

    @staticmethod
    def resolve_rnd_projects(obj: Any, context: dict[str, Any] | None) -> list[Any]:
        from corridor.accounts.api_auth import actor
        from corridor.standards.rnd_links import rnd_projects_of

        request = (context or {}).get("request")
        return list(rnd_projects_of(actor(request), obj)) if request is not None else []

    @staticmethod
    def resolve_participants(obj: Any) -> list[Any]:
        return list(obj.participants.select_related("organisation"))

    @staticmethod
    def resolve_ballots(obj: Any) -> list[Any]:
        return list(obj.ballots.order_by("opened_at"))

    @staticmethod
    def resolve_transitions(obj: Any, context: dict[str, Any] | None) -> list[str]:
        from corridor.accounts.api_auth import actor
        from corridor.standards.services import transitions_for

        request = (context or {}).get("request")
        return transitions_for(actor(request), obj) if request is not None else []

    @staticmethod
    def resolve_action_holders(obj: Any) -> list[dict[str, str]]:
        from corridor.standards.duties import action_holders

        return [{"who": str(who), "what": str(what)} for who, what in action_holders(obj)]


class ProposeIn(InputSchema):
    alliance: str = Field(description="Alliance slug")
    organisation: int = Field(description="Your organisation (a member of the alliance): the lead drafter")
    title_zh: str = ""
    title_en: str = ""
    scope_zh: str = ""
    scope_en: str = ""
    rationale_zh: str = ""
    rationale_en: str = ""
    related_projects: str = Field("", description="Related R&D projects outside Corridor, as text")
    rnd_projects: list[int] = Field(default_factory=list, description="R&D projects in Corridor (ids you may see)")
    drafting_orgs: list[int] = Field(default_factory=list, description="Other drafting organisations")


class ReasonIn(InputSchema):
    reason: str = ""


class VoteIn(InputSchema):
    value: PositionValue
    comment: str = ""


class PositionOut(Schema):
    id: int
    value: PositionValue
    comment: str
    cast_at: datetime.datetime


class DraftIn(InputSchema):
    text: str = Field(description="The text, one numbered clause per paragraph (e.g. “4.2 …”)")
    change_summary_zh: str = ""
    change_summary_en: str = ""


class DraftOut(Schema):
    id: int
    number: int
    change_summary_zh: str
    change_summary_en: str
    created_at: datetime.datetime
    for_comment: bool
    is_final: bool


class ClauseOut(Schema):
    number: str
    text: str


class DraftDetailOut(DraftOut):
    text: str
    clauses: list[ClauseOut]

    @staticmethod
    def resolve_clauses(obj: Any) -> list[Any]:
        return obj.clauses()


class DiffRowOut(Schema):
    number: str
    change: str = Field(description="same, changed, added, removed")
    old: str
    new: str
    html: str = Field(description="The new text with <ins> and <del> marks (escaped)")


class WindowIn(InputSchema):
    closes_on: datetime.date | None = Field(None, description="Last day of comments; at least the committee's days ahead")
    public: bool = Field(False, description="Open to comments from the public, not only members")


class CommentIn(InputSchema):
    clause: str
    text: str
    proposal: str = ""
    language: str = Field("", description="zh or en; empty: detected")


class CommentOut(Schema):
    id: int
    draft: int = Field(description="Draft number")
    clause: str
    text: str
    proposal: str
    language: str
    organisation: OrganisationRef | None
    created_at: datetime.datetime
    disposition: Disposition
    response: str

    @staticmethod
    def resolve_draft(obj: Any) -> int:
        return int(obj.draft.number)


class DisposeIn(InputSchema):
    disposition: Disposition
    response: str = ""


class PublishIn(InputSchema):
    number: int | None = Field(None, description="Empty: the next free number of the alliance this year")


class PatentIn(InputSchema):
    organisation: int
    patent_number: str
    title: str
    clause: str = ""
    licensing: Licensing


class PatentOut(Schema):
    id: int
    organisation: OrganisationRef
    patent_number: str
    title: str
    clause: str
    licensing: Licensing


class NeedOut(Schema):
    standard: StandardOut
    what: str
    due: datetime.date | None


class BrandOut(Schema):
    id: int
    alliance: AllianceRef
    holder: OrganisationRef
    name: str
    name_zh: str
    name_en: str
    category: BrandCategory
    products_zh: str
    products_en: str
    certificate: str
    valid_from: datetime.date
    valid_until: datetime.date
    revoked: bool
    is_synthetic: bool


class BrandIn(InputSchema):
    alliance: str = Field(description="Alliance slug")
    holder: int
    name_zh: str = ""
    name_en: str = ""
    category: BrandCategory = Brand.Category.PRODUCT
    products_zh: str = ""
    products_en: str = ""
    certificate: str
    valid_from: datetime.date
    valid_until: datetime.date
