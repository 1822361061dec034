"""Investment projects over the REST API: list (the page's filters), detail with `actions`, create, edit,
stage steps, sites, capital arrived and a city's figures. Hidden projects are 404; confidential fields are
null for callers who may not see them; the services decide 403 and every rule."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from corridor.accounts.api_auth import USER_REQUIRED, actor, signed_in
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.projects import reports, services
from corridor.projects.filters import ProjectFilter
from corridor.projects.models import Project
from corridor.projects.schemas import (
    ArrivalIn,
    FiguresOut,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    SiteIn,
    SiteOut,
    StepIn,
)

router = Router(tags=["projects"])


def _projects(request: HttpRequest) -> Any:
    return reports.projects_for(actor(request)).prefetch_related("segments__chain")


def _project(request: HttpRequest, project_id: int) -> Project:
    return get_object_or_404(_projects(request), pk=project_id)


@router.get("", response={200: list[ProjectOut], **errors(422)}, summary="Projects you may see")
@paginate(LimitOffsetPagination)
def list_projects(request: HttpRequest, filters: Query[ProjectFilter]) -> Any:
    """Filtered exactly as the list page is. Before signing a project is seen only by its region's officers,
    the secretariat named on it, the investor's users and admins; published summaries by everyone."""
    return filters.apply(_projects(request))


@router.get("/figures", response={200: FiguresOut, **errors(422)}, summary="The figures a city reports")
def project_figures(request: HttpRequest, filters: Query[ProjectFilter]) -> Any:
    """Counts over the projects you may see; amounts only over those whose figures you may see."""
    found = reports.figures(actor(request), filters.apply(_projects(request)))
    return {**found.__dict__, "start_rate": found.start_rate, "production_rate": found.production_rate,
            "funding_rate": found.funding_rate, "conversion": found.conversion}


@router.get("/{int:project_id}", response={200: ProjectDetailOut, **errors(404)}, summary="A project")
def get_project(request: HttpRequest, project_id: int) -> Project:
    return _project(request, project_id)


@router.post("", response={201: ProjectDetailOut, **errors(401, 403, 409, 422)}, auth=USER_REQUIRED,
             summary="Record a project (officers of the target region, secretariats, admins)")
def create_project(request: HttpRequest, payload: ProjectIn) -> Status:
    project = services.create_project(signed_in(request), payload.data())
    return Status(201, _project(request, project.pk))


@router.patch("/{int:project_id}", response={200: ProjectDetailOut, **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
              summary="Change a project's fields (those who manage it)")
def update_project(request: HttpRequest, project_id: int, payload: ProjectIn) -> Project:
    services.update_project(signed_in(request), _project(request, project_id), payload.data())
    return _project(request, project_id)


@router.post("/{int:project_id}/steps/{step}", response={200: ProjectDetailOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Move a project: contact, visit, negotiate, sign, start, produce, operate, drop, reopen")
def take_step(request: HttpRequest, project_id: int, step: str, payload: StepIn) -> Project:
    """`sign` takes the agreement (signed_on, agreement_parties, agreement_amount, agreement_document,
    investment; the region's rule says which are required); `drop` needs a reason."""
    values = {k: v for k, v in payload.model_dump().items() if v not in (None, "") and k != "note"}
    services.advance(signed_in(request), _project(request, project_id), step, note=payload.note, **values)
    return _project(request, project_id)


@router.post("/{int:project_id}/sites", response={201: SiteOut, **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
             summary="Add a site (R&D in one city, manufacturing in another)")
def add_site(request: HttpRequest, project_id: int, payload: SiteIn) -> Status:
    site = services.add_site(signed_in(request), _project(request, project_id), payload.model_dump())
    return Status(201, site)


@router.post("/{int:project_id}/capital", response={200: ProjectDetailOut, **errors(401, 403, 404, 422)},
             auth=USER_REQUIRED, summary="Record capital arrived (到资)")
def add_arrival(request: HttpRequest, project_id: int, payload: ArrivalIn) -> Project:
    services.record_arrival(signed_in(request), _project(request, project_id), payload.amount, payload.on, payload.note)
    return _project(request, project_id)


@router.post("/{int:project_id}/publish", response={200: ProjectDetailOut, **errors(401, 403, 404, 422)},
             auth=USER_REQUIRED, summary="Publish (or withdraw, published=false) the public summary, once signed")
def publish(request: HttpRequest, project_id: int, published: bool = True) -> Project:
    services.publish(signed_in(request), _project(request, project_id), published)
    return _project(request, project_id)
