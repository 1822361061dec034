"""API schemas of R&D projects, overlaps and joint teams."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

from corridor.core.schemas import InputSchema, WithActions, inline_choices
from corridor.rnd.models import JointTeam, Output, Overlap, RDProject, TeamMember, Visibility

RowId = Annotated[int, Field(ge=1, le=2_147_483_647)]
"""A row id as a client sends it: out of range is a 422 naming the field, never a database overflow."""
VisibilityField = Annotated[Visibility, inline_choices(Visibility)]
Budget = Annotated[RDProject.Budget, inline_choices(RDProject.Budget)]
OverlapStatus = Annotated[Overlap.Status, inline_choices(Overlap.Status)]
TeamStatus = Annotated[JointTeam.Status, inline_choices(JointTeam.Status)]
MemberStatus = Annotated[TeamMember.Status, inline_choices(TeamMember.Status)]
OutputKind = Annotated[Output.Kind, inline_choices(Output.Kind)]


class OrgRef(Schema):
    id: int
    name: str


class ProjectRef(Schema):
    id: int
    title: str
    organisation: OrgRef


class ProjectOut(ProjectRef):
    language: str
    trl: int
    visibility: VisibilityField
    keywords: list[str]
    is_synthetic: bool


class Patent(Schema):
    number: str
    ipc: str = ""


class ProjectIn(InputSchema):
    organisation: RowId | None = Field(None, description="Id of the owner organisation (on create; yours if you act for one)")
    title: str | None = None
    language: str | None = Field(None, description="zh or en")
    text: str | None = None
    objective: str | None = None
    parameters: list[str] | None = Field(None, description="Targets with units, e.g. “backlash ≤ 1 arcmin”")
    route: str | None = None
    trl: int | None = Field(None, ge=1, le=9, description="Technology readiness level 1–9")
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    budget_band: Budget | None = None
    team_size: int | None = Field(None, ge=1, le=1_000_000)
    segments: list[RowId] | None = Field(None, description="Ids of chain segments")
    keywords: list[str] | None = None
    patents: list[Patent] | None = None
    visibility: VisibilityField | None = None
    direction: RowId | None = Field(None, description="Id of one of the organisation's R&D directions")


class Reasons(Schema):
    semantic: int = Field(description="How close the texts are, in per cent")
    objective: int = Field(description="How close the objectives are, in per cent")
    activities: list[str]
    parameters: list[str]
    terms: list[str]
    concepts: list[str]
    segments: list[str]
    ipc: list[str]
    keywords: list[str]


class OverlapOut(Schema):
    id: int
    relation: str
    status: OverlapStatus
    hidden: bool = Field(description="True: the other project may not be shown to you; `message` says what you may know")
    message: str | None = None
    mine: ProjectRef | None = Field(None, description="Your project (when you are a party)")
    other: ProjectRef | None = Field(None, description="The other project, null when hidden")
    a: ProjectRef | None = Field(None, description="Both projects: for the secretariat only")
    b: ProjectRef | None = None
    score: float | None = None
    reasons: Reasons | None = None
    consent_a: str | None = None
    consent_b: str | None = None
    actions: list[str] = Field(default_factory=list)


class ProjectDetailOut(ProjectOut, WithActions):
    text: str
    objective: str
    parameters: list[str]
    route: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    budget_band: str
    team_size: int | None
    patents: list[dict[str, Any]]
    overlaps: list[OverlapOut] = Field(default_factory=list, description="Overlaps as you may see them")

    @staticmethod
    def resolve_overlaps(obj: RDProject) -> list[dict[str, Any]]:
        return getattr(obj, "overlaps_shown", [])


class MarkIn(InputSchema):
    status: OverlapStatus
    note: str = ""


class ConsentIn(InputSchema):
    agree: bool


class TeamIn(InputSchema):
    overlaps: list[RowId] = Field(min_length=1, max_length=200, description="Ids of the overlaps the team comes from")
    title_zh: str = ""
    title_en: str = ""
    objective: str = ""
    lead: RowId | None = Field(None, description="Id of the lead organisation (one of the projects' owners)")


class MemberOut(Schema):
    id: int
    organisation: OrgRef
    role: str
    status: MemberStatus
    contribution: str
    decided_at: datetime.datetime | None


class MilestoneOut(Schema):
    id: int
    title: str
    owner: OrgRef
    due_on: datetime.date
    done_on: datetime.date | None
    progress: str


class TeamOut(WithActions):
    id: int
    title: str
    title_zh: str
    title_en: str
    objective: str
    status: TeamStatus
    lead: OrgRef | None
    members: list[MemberOut]
    milestones: list[MilestoneOut]
    is_synthetic: bool

    @staticmethod
    def resolve_members(obj: JointTeam) -> list[TeamMember]:
        return list(obj.members.select_related("organisation"))

    @staticmethod
    def resolve_milestones(obj: JointTeam) -> list[Any]:
        return list(obj.milestones.select_related("owner"))


class AcceptIn(InputSchema):
    contribution: str = ""


class DeclineIn(InputSchema):
    reason: str = ""


class MilestoneIn(InputSchema):
    title: str
    owner: RowId
    due_on: datetime.date
    work_package: RowId | None = None
