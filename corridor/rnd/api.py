"""R&D projects, overlaps and joint teams over the REST API.

Rows through the models' `restrict` (hidden ⇒ 404); an overlap is answered as its caller may see it:
a project the caller may not see is never named (`hidden`, with only the message).
"""


from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from corridor.accounts.api_auth import USER_REQUIRED, actor, signed_in
from corridor.chains.models import Segment
from corridor.core import access
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.orgs.models import Organisation
from corridor.rnd import services, teams
from corridor.rnd.filters import ProjectFilter
from corridor.rnd.models import JointTeam, Milestone, Overlap, RDDirection, RDProject, TeamMember, WorkPackage
from corridor.rnd.presenting import shown
from corridor.rnd.schemas import (
    AcceptIn,
    ConsentIn,
    DeclineIn,
    MarkIn,
    MilestoneIn,
    MilestoneOut,
    OverlapOut,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    TeamIn,
    TeamOut,
)

router = Router(tags=["rnd"])


def _ref(p: RDProject | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"id": p.pk, "title": p.title, "organisation": {"id": p.organisation_id, "name": p.organisation.name}}


def overlap_out(user: Any, overlap: Overlap, mine: RDProject | None = None) -> dict[str, Any]:
    view = shown(user, overlap, mine)
    judge = view["judge"]
    return {
        "id": overlap.pk, "relation": overlap.relation, "status": overlap.status, "hidden": view["hidden"],
        "message": _("A closely similar project exists at another member; the secretariat can introduce you.")
        if view["hidden"] else None,
        "mine": _ref(view["mine"]), "other": _ref(view["other"]),
        "a": _ref(overlap.project_a) if judge else None, "b": _ref(overlap.project_b) if judge else None,
        "score": None if view["hidden"] else overlap.score, "reasons": view["reasons"],
        "consent_a": overlap.consent_a if judge or view["side"] == "a" else None,
        "consent_b": overlap.consent_b if judge or view["side"] == "b" else None,
        "actions": sorted(access.permitted_actions(user, overlap)),
    }


def _projects(request: HttpRequest) -> Any:
    return RDProject.objects.restrict(actor(request)).select_related("organisation")


def _detail(request: HttpRequest, project: RDProject) -> RDProject:
    user = actor(request)
    rows = Overlap.objects.restrict(user).filter(Q(project_a=project) | Q(project_b=project)).select_related(
        "project_a__organisation", "project_b__organisation")
    project.overlaps_shown = [overlap_out(user, o, mine=project) for o in rows]  # type: ignore[attr-defined]
    return project


def _service_data(payload: ProjectIn, organisation: int) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    data.pop("organisation", None)
    if "segments" in data:
        ids = data["segments"] or []
        found = list(Segment.objects.filter(pk__in=ids))
        if len(found) != len(set(ids)):
            raise ValidationError({"segments": _("Unknown chain segment.")})
        data["segments"] = found
    if "direction" in data and data["direction"] is not None:
        direction = RDDirection.objects.filter(pk=data["direction"], organisation_id=organisation).first()
        if direction is None:
            raise ValidationError({"direction": _("Choose one of this organisation's R&D directions.")})
        data["direction"] = direction
    for name in ("budget_band", "visibility"):
        if name in data and data[name] is not None:
            data[name] = str(data[name])
    return data


@router.get("/projects", response={200: list[ProjectOut], **errors(422)}, summary="R&D projects you may see")
@paginate(LimitOffsetPagination)
def list_projects(request: HttpRequest, filters: Query[ProjectFilter]) -> Any:
    return filters.apply(_projects(request))


@router.post("/projects", response={201: ProjectDetailOut, **errors(401, 403, 422)}, auth=USER_REQUIRED,
             summary="Register a project (the organisation's staff); its overlaps are found at once")
def create_project(request: HttpRequest, payload: ProjectIn) -> Status:
    user = signed_in(request)
    org_id = payload.organisation
    if org_id is None:
        mine = sorted(access.member_org_ids(user))
        org_id = mine[0] if mine else None
    organisation = Organisation.objects.filter(pk=org_id).first() if org_id else None
    if organisation is None:
        raise ValidationError({"organisation": _("Choose the organisation.")})
    project = services.create_project(user, organisation, _service_data(payload, organisation.pk))
    return Status(201, _detail(request, project))


@router.get("/projects/{int:project_id}", response={200: ProjectDetailOut, **errors(404)}, summary="A project and its overlaps")
def get_project(request: HttpRequest, project_id: int) -> Any:
    return _detail(request, get_object_or_404(_projects(request), pk=project_id))


@router.patch("/projects/{int:project_id}", response={200: ProjectDetailOut, **errors(401, 403, 404, 422)},
              auth=USER_REQUIRED, summary="Change a project (the organisation's staff); overlaps found again")
def update_project(request: HttpRequest, project_id: int, payload: ProjectIn) -> Any:
    user = signed_in(request)
    project = get_object_or_404(_projects(request), pk=project_id)
    project = services.update_project(user, project, _service_data(payload, project.organisation_id))
    return _detail(request, project)


@router.get("/overlaps", response={200: list[OverlapOut], **errors(401)}, auth=USER_REQUIRED,
            summary="Overlaps you are party to (the secretariat: among its members)")
@paginate(LimitOffsetPagination)
def list_overlaps(request: HttpRequest, relation: str | None = None) -> Any:
    user = signed_in(request)
    rows = Overlap.objects.restrict(user).select_related("project_a__organisation", "project_b__organisation")
    if relation:
        rows = rows.filter(relation=relation)
    return [overlap_out(user, o) for o in rows]


def _overlap(request: HttpRequest, overlap_id: int) -> Overlap:
    return get_object_or_404(Overlap.objects.restrict(signed_in(request)).select_related(
        "project_a__organisation", "project_b__organisation"), pk=overlap_id)


@router.get("/overlaps/{int:overlap_id}", response={200: OverlapOut, **errors(401, 404)}, auth=USER_REQUIRED, summary="An overlap")
def get_overlap(request: HttpRequest, overlap_id: int) -> Any:
    return overlap_out(signed_in(request), _overlap(request, overlap_id))


@router.post("/overlaps/{int:overlap_id}/mark", response={200: OverlapOut, **errors(401, 403, 404, 422)},
             auth=USER_REQUIRED, summary="Judge an overlap (the secretariat)")
def mark_overlap(request: HttpRequest, overlap_id: int, payload: MarkIn) -> Any:
    user = signed_in(request)
    overlap = services.mark_overlap(user, _overlap(request, overlap_id), str(payload.status), payload.note)
    return overlap_out(user, overlap)


@router.post("/overlaps/{int:overlap_id}/introduction", response={200: OverlapOut, **errors(401, 403, 404, 422)},
             auth=USER_REQUIRED, summary="Agree (or not) to be introduced to the other party")
def answer_introduction(request: HttpRequest, overlap_id: int, payload: ConsentIn) -> Any:
    user = signed_in(request)
    overlap = services.answer_introduction(user, _overlap(request, overlap_id), payload.agree)
    return overlap_out(user, overlap)


def _team(request: HttpRequest, team_id: int) -> JointTeam:
    return get_object_or_404(JointTeam.objects.restrict(signed_in(request)).select_related("lead"), pk=team_id)


@router.post("/teams", response={201: TeamOut, **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
             summary="Propose a joint R&D team from overlaps (the secretariat, or a party)")
def propose_team(request: HttpRequest, payload: TeamIn) -> Status:
    user = signed_in(request)
    overlaps = list(Overlap.objects.restrict(user).select_related("project_a", "project_b").filter(pk__in=payload.overlaps))
    if len(overlaps) != len(set(payload.overlaps)):
        raise ValidationError({"overlaps": _("Unknown overlap.")})
    lead = Organisation.objects.filter(pk=payload.lead).first() if payload.lead else None
    if payload.lead and lead is None:
        raise ValidationError({"lead": _("The lead must be one of the organisations of these projects.")})
    team = teams.propose_team(user, overlaps, title_zh=payload.title_zh, title_en=payload.title_en,
                                 objective=payload.objective, lead=lead)
    return Status(201, team)


@router.get("/teams", response={200: list[TeamOut], **errors(401)}, auth=USER_REQUIRED, summary="Joint R&D teams you may see")
@paginate(LimitOffsetPagination)
def list_teams(request: HttpRequest) -> Any:
    return JointTeam.objects.restrict(signed_in(request)).select_related("lead")


@router.get("/teams/{int:team_id}", response={200: TeamOut, **errors(401, 404)}, auth=USER_REQUIRED, summary="A joint R&D team")
def get_team(request: HttpRequest, team_id: int) -> JointTeam:
    return _team(request, team_id)


def _member(request: HttpRequest, team_id: int, member_id: int) -> TeamMember:
    team = _team(request, team_id)
    return get_object_or_404(TeamMember.objects.restrict(signed_in(request)), pk=member_id, team=team)


@router.post("/teams/{int:team_id}/members/{int:member_id}/accept", response={200: TeamOut, **errors(401, 403, 404, 409)},
             auth=USER_REQUIRED, summary="Accept an invitation (the invited organisation's staff)")
def accept(request: HttpRequest, team_id: int, member_id: int, payload: AcceptIn) -> JointTeam:
    teams.accept_invitation(signed_in(request), _member(request, team_id, member_id), payload.contribution)
    return _team(request, team_id)


@router.post("/teams/{int:team_id}/members/{int:member_id}/decline",
             response={200: TeamOut, **errors(401, 403, 404, 409, 422)}, auth=USER_REQUIRED,
             summary="Decline an invitation with a reason (the invited organisation's staff)")
def decline(request: HttpRequest, team_id: int, member_id: int, payload: DeclineIn) -> JointTeam:
    teams.decline_invitation(signed_in(request), _member(request, team_id, member_id), payload.reason)
    return _team(request, team_id)


@router.post("/teams/{int:team_id}/milestones", response={201: MilestoneOut, **errors(401, 403, 404, 422)},
             auth=USER_REQUIRED, summary="Add a milestone (the lead, the secretariat)")
def add_milestone(request: HttpRequest, team_id: int, payload: MilestoneIn) -> Status:
    team = _team(request, team_id)
    owner = Organisation.objects.filter(pk=payload.owner).first()
    package = WorkPackage.objects.filter(pk=payload.work_package, team=team).first() if payload.work_package else None
    if payload.work_package and package is None:
        raise ValidationError({"work_package": _("Choose one of this team's work packages.")})
    milestone: Milestone = teams.add_milestone(signed_in(request), team, payload.title, owner, payload.due_on, package)
    return Status(201, milestone)
