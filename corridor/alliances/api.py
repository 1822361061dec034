"""Alliances: members, declarations and their actions, membership applications, histories.

Alliances, their members and declarations are public; an unlisted member organisation is left
out (or named as null) for those who may not see it. Applications are seen only by the applying
organisation's users, the alliance's secretariat and admins (`MembershipApplication.visible_to`).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Value, When
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate
from pydantic import Field

from corridor.accounts.api_auth import USER_REQUIRED, actor, signed_in
from corridor.alliances import services
from corridor.alliances.models import (
    Alliance,
    AllianceMembership,
    AllianceOffice,
    Commitment,
    CommitmentAction,
    Declaration,
    MembershipApplication,
)
from corridor.alliances.schemas import (
    ActionIn,
    ActionOut,
    AllianceDetail,
    AllianceOut,
    ApplicationIn,
    ApplicationOut,
    DecisionIn,
    DeclarationOut,
    MembershipOut,
)
from corridor.audit.api import readable_history
from corridor.audit.schemas import ChangeRecordOut
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.core.toolkit import BaseFilter
from corridor.orgs.models import Organisation

router = Router(tags=["alliances"])

ROLE_RANK = Case(
    *(When(role=role, then=Value(rank)) for role, rank in AllianceMembership.ROLE_ORDER.items()),
    default=Value(len(AllianceMembership.ROLE_ORDER)),
    output_field=IntegerField(),
)


class ApplicationFilter(BaseFilter):
    status: MembershipApplication.Status | None = None
    alliance: str | None = Field(None, description="Alliance slug")

    def apply(self, qs: QuerySet[MembershipApplication]) -> QuerySet[MembershipApplication]:
        if self.status:
            qs = qs.filter(status=self.status)
        if self.alliance:
            qs = qs.filter(alliance__slug=self.alliance)
        return qs


def _org_visible(user: Any, field: str) -> Exists:
    """Annotation: may `user` see the organisation referenced by `field` (one subquery, no per-row query)."""
    return Exists(Organisation.objects.restrict(user).filter(pk=OuterRef(field)))


def _alliances() -> QuerySet[Alliance]:
    return Alliance.objects.select_related("industry", "corridor", "founded_in").annotate(
        member_count=Count("memberships", distinct=True)
    )


def _applications(user: Any) -> QuerySet[MembershipApplication]:
    return MembershipApplication.objects.restrict(user).select_related("alliance", "organisation", "applicant")


def _actions(user: Any) -> QuerySet[CommitmentAction]:
    return CommitmentAction.objects.select_related("organisation").annotate(
        organisation_visible=_org_visible(user, "organisation_id")
    )


def _named_organisation(user: Any, org_id: int, field: str = "organisation_id") -> Organisation:
    """The organisation the body names, or a 422 naming `field`; unknown and hidden look the same."""
    org = Organisation.objects.restrict(user).filter(pk=org_id).first()
    if org is None:
        raise ValidationError({field: _("No organisation with id %(id)s.") % {"id": org_id}})
    return org


# Fixed paths come before /{slug}: Django tries URL patterns in order and a slug is any word.
@router.get(
    "/applications",
    response={200: list[ApplicationOut], **errors(401, 422)},
    auth=USER_REQUIRED,
    summary="Applications you may see",
)
@paginate(LimitOffsetPagination)
def list_applications(request: HttpRequest, filters: Query[ApplicationFilter]) -> Any:
    return filters.apply(_applications(signed_in(request)))


@router.post(
    "/applications/{int:application_id}/decision",
    response={200: ApplicationOut, **errors(401, 403, 404, 409, 422)},
    auth=USER_REQUIRED,
    summary="Approve or reject an application (secretariat)",
)
def decide_application(request: HttpRequest, application_id: int, payload: DecisionIn) -> MembershipApplication:
    user = signed_in(request)
    application = get_object_or_404(_applications(user), pk=application_id)
    services.decide_application(
        user, application, approve=payload.approve, reason=payload.reason, role=payload.role, batch=payload.batch
    )
    return get_object_or_404(_applications(user), pk=application_id)


@router.post(
    "/applications/{int:application_id}/withdraw",
    response={200: ApplicationOut, **errors(401, 403, 404, 409)},
    auth=USER_REQUIRED,
    summary="Withdraw your organisation's pending application",
)
def withdraw_application(request: HttpRequest, application_id: int) -> MembershipApplication:
    user = signed_in(request)
    services.withdraw_application(user, get_object_or_404(_applications(user), pk=application_id))
    return get_object_or_404(_applications(user), pk=application_id)


@router.get(
    "/applications/{int:application_id}/history",
    response={200: list[ChangeRecordOut], **errors(401, 403, 404, 422)},
    auth=USER_REQUIRED,
    summary="Changes to an application",
)
@paginate(LimitOffsetPagination)
def application_history(request: HttpRequest, application_id: int) -> Any:
    return readable_history(request, get_object_or_404(_applications(signed_in(request)), pk=application_id))


@router.post(
    "/commitments/{int:commitment_id}/actions",
    response={201: ActionOut, **errors(401, 403, 404, 422)},
    auth=USER_REQUIRED,
    summary="Record an action taken on a commitment (secretariat)",
)
def record_action(request: HttpRequest, commitment_id: int, payload: ActionIn) -> Status:
    user = signed_in(request)
    commitment = get_object_or_404(Commitment.objects.select_related("declaration"), pk=commitment_id)
    action = services.record_action(
        user,
        commitment,
        taken_on=payload.taken_on,
        description=payload.description,
        organisation=None if payload.organisation_id is None else _named_organisation(user, payload.organisation_id),
    )
    return Status(201, _actions(user).get(pk=action.pk))


@router.get(
    "/memberships/{int:membership_id}/history",
    response={200: list[ChangeRecordOut], **errors(401, 403, 404, 422)},
    auth=USER_REQUIRED,
    summary="Changes to a membership",
)
@paginate(LimitOffsetPagination)
def membership_history(request: HttpRequest, membership_id: int) -> Any:
    user = signed_in(request)
    visible = AllianceMembership.objects.filter(organisation__in=Organisation.objects.restrict(user))
    return readable_history(request, get_object_or_404(visible, pk=membership_id))


@router.get(
    "/declarations/{int:declaration_id}/history",
    response={200: list[ChangeRecordOut], **errors(401, 403, 404, 422)},
    auth=USER_REQUIRED,
    summary="Changes to a declaration, including actions recorded on it",
)
@paginate(LimitOffsetPagination)
def declaration_history(request: HttpRequest, declaration_id: int) -> Any:
    return readable_history(request, get_object_or_404(Declaration, pk=declaration_id))


@router.get("", response={200: list[AllianceOut], **errors(422)}, summary="List alliances")
@paginate(LimitOffsetPagination)
def list_alliances(request: HttpRequest) -> Any:
    return _alliances()


@router.get("/{slug}", response={200: AllianceDetail, **errors(404)}, summary="An alliance")
def get_alliance(request: HttpRequest, slug: str) -> Alliance:
    qs = (
        _alliances()
        .select_related("secretariat")
        .annotate(secretariat_visible=_org_visible(actor(request), "secretariat_id"))
        .prefetch_related(Prefetch("offices", AllianceOffice.objects.select_related("region")))
    )
    return get_object_or_404(qs, slug=slug)


@router.get(
    "/{slug}/members",
    response={200: list[MembershipOut], **errors(404, 422)},
    summary="Members: chair, vice-chairs, directors, then members",
)
@paginate(LimitOffsetPagination)
def list_members(request: HttpRequest, slug: str) -> Any:
    alliance = get_object_or_404(Alliance, slug=slug)
    return (
        AllianceMembership.objects.filter(
            alliance=alliance, organisation__in=Organisation.objects.restrict(actor(request))
        )
        .select_related("organisation")
        .annotate(role_rank=ROLE_RANK)
        .order_by("role_rank", "batch", "organisation__name_zh", "id")
    )


@router.get(
    "/{slug}/declarations",
    response={200: list[DeclarationOut], **errors(404, 422)},
    summary="Declarations with their commitments and the actions taken",
)
@paginate(LimitOffsetPagination)
def list_declarations(request: HttpRequest, slug: str) -> Any:
    alliance = get_object_or_404(Alliance, slug=slug)
    commitments = Commitment.objects.prefetch_related(Prefetch("actions", _actions(actor(request))))
    return (
        Declaration.objects.filter(alliance=alliance)
        .select_related("issued_in")
        .prefetch_related(Prefetch("commitments", commitments))
    )


@router.post(
    "/{slug}/applications",
    response={201: ApplicationOut, **errors(401, 403, 404, 409, 422)},
    auth=USER_REQUIRED,
    summary="Apply for membership on behalf of your organisation",
)
def apply(request: HttpRequest, slug: str, payload: ApplicationIn) -> Status:
    user = signed_in(request)
    alliance = get_object_or_404(Alliance, slug=slug)
    organisation = _named_organisation(user, payload.organisation_id)
    application = services.apply_for_membership(user, alliance, organisation, payload.message)
    return Status(201, get_object_or_404(_applications(user), pk=application.pk))
