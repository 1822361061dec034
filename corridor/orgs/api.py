"""Organisations: list with the pages' filter, detail, create, edit and history.

Row access goes through the model's queryset methods only: `visible_to` decides 404,
`with_private_access` decides whether contacts are shown, the services decide 403.
"""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from corridor.accounts.api_auth import USER_REQUIRED, actor, signed_in
from corridor.audit.api import readable_history
from corridor.audit.schemas import ChangeRecordOut
from corridor.core.access import Actor
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.orgs import services
from corridor.orgs.counts import total_visible
from corridor.orgs.filters import OrganisationFilter
from corridor.orgs.models import Industry, Organisation, OrganisationQuerySet
from corridor.orgs.schemas import (
    IndustryOut,
    OrganisationDetailOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    OrganisationRef,
)
from corridor.search.orgs import autocomplete_organisations as autocomplete
from corridor.search.paging import CappedLimitOffset

router = Router(tags=["organisations"])


def organisations_for(user: Actor) -> OrganisationQuerySet:
    """What `user` may see, annotated with whether they may see contacts, loaded in constant queries."""
    return (
        Organisation.objects.restrict(user)
        .with_private_access(user)
        .select_related("region", "city", "province")
        .prefetch_related("industries")
        .defer("search_text", "search_tokens")  # never answered; the search reads them in the database
    )


def visible_organisation(user: Actor, org_id: int) -> Organisation:
    """The organisation, or 404 when it does not exist or `user` may not know it exists."""
    return get_object_or_404(organisations_for(user), pk=org_id)


@router.get("/industries", response={200: list[IndustryOut], **errors(422)}, summary="List industries")
@paginate(LimitOffsetPagination)
def list_industries(request: HttpRequest) -> Any:
    return Industry.objects.all()


@router.get("", response={200: list[OrganisationOut], **errors(422)}, summary="List organisations")
@paginate(CappedLimitOffset)
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilter]) -> Any:
    """Filtered exactly as the organisation pages are; `q` matches names, aliases, pinyin, descriptions,
    segments and industries, ranked. When `q` matches nothing but a near spelling does, the results are
    that spelling's and `suggestion` names it. Filtered or searched, `count` stops at 1000 (`count_capped`);
    unfiltered, it is the total."""
    user = actor(request)
    search = filters.search(organisations_for(user))
    if not search.searched and not filters.is_active():
        request.list_total = total_visible(user)  # type: ignore[attr-defined]  # kept, never counted here
    request.search_suggestion = search.suggestion  # type: ignore[attr-defined]
    if search.searched:  # ranked keys, read once; a page's rows are then loaded by key (corridor.search.paging)
        request.search_ids = search.ids  # type: ignore[attr-defined]
        request.search_rows = search.base  # type: ignore[attr-defined]
    return search.queryset


@router.post(
    "", response={201: OrganisationOut, **errors(401, 403, 409, 422)}, auth=USER_REQUIRED, summary="Add an organisation"
)
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status:
    user = signed_in(request)
    org = services.register_organisation(user, payload.model_dump(exclude_unset=True))
    return Status(201, visible_organisation(user, org.pk))


@router.get("/autocomplete", response={200: list[OrganisationRef], **errors(422)}, summary="Organisations by name, as typed")
def autocomplete_organisations(request: HttpRequest, q: str = "") -> Any:
    """Up to ten organisations the caller may see, for a form's organisation picker."""
    return autocomplete(Organisation.objects.restrict(actor(request)), q)


@router.get("/{int:org_id}", response={200: OrganisationDetailOut, **errors(404)}, summary="An organisation")
def get_organisation(request: HttpRequest, org_id: int) -> Organisation:
    return visible_organisation(actor(request), org_id)


@router.patch(
    "/{int:org_id}",
    response={200: OrganisationOut, **errors(401, 403, 404, 409, 422)},
    auth=USER_REQUIRED,
    summary="Edit an organisation",
)
def update_organisation(request: HttpRequest, org_id: int, payload: OrganisationPatch) -> Organisation:
    """Only the fields sent change; nothing changes when any of them is refused."""
    user = signed_in(request)
    org = visible_organisation(user, org_id)
    services.update_organisation(user, org, payload.model_dump(exclude_unset=True))
    return visible_organisation(user, org_id)


@router.get(
    "/{int:org_id}/history",
    response={200: list[ChangeRecordOut], **errors(401, 403, 404, 422)},
    auth=USER_REQUIRED,
    summary="Changes to an organisation",
)
@paginate(LimitOffsetPagination)
def organisation_history(request: HttpRequest, org_id: int) -> Any:
    return readable_history(request, visible_organisation(signed_in(request), org_id))
