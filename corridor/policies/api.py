"""Policies, their items and an organisation's eligibility answers over the REST API.

Rows come through `Policy.objects.restrict`: a draft the caller may not see is a 404, as is another
organisation's answers. The services decide 403 and every rule (a bad rule: 422 naming the condition).
"""


from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from corridor.accounts.api_auth import USER_REQUIRED, actor, signed_in
from corridor.alliances.models import Alliance
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.orgs.models import Industry, Organisation
from corridor.policies import services
from corridor.policies.filters import PolicyFilter
from corridor.policies.models import Policy
from corridor.policies.schemas import AnswerOut, ItemIn, ItemOut, PolicyDetailOut, PolicyIn, PolicyOut
from corridor.regions.models import Region

router = Router(tags=["policies"])


def _policy(request: HttpRequest, policy_id: int) -> Policy:
    return get_object_or_404(services.library(actor(request)).prefetch_related("items", "industries"), pk=policy_id)


def _policy_data(payload: PolicyIn) -> dict[str, Any]:
    """The payload with codes and slugs turned into rows; an unknown one is a 422 naming its field."""
    data = payload.dict(exclude_unset=True)
    if data.get("home_region") is not None:
        found = Region.objects.filter(code=data["home_region"]).first()
        if found is None:
            raise ValidationError({"home_region": _("No region has the code %(code)s.") % {"code": data["home_region"]}})
        data["home_region"] = found
    if data.get("alliance") is not None:
        alliance = Alliance.objects.filter(slug=data["alliance"]).first()
        if alliance is None:
            raise ValidationError({"alliance": _("No alliance is called %(slug)s.") % {"slug": data["alliance"]}})
        data["alliance"] = alliance
    if data.get("regions") is not None:
        codes = list(dict.fromkeys(data["regions"]))
        regions = list(Region.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {r.code for r in regions})
        if unknown:
            raise ValidationError({"regions": _("No region has the code %(code)s.") % {"code": ", ".join(unknown)}})
        data["regions"] = regions
    if data.get("industries") is not None:
        industries = list(Industry.objects.filter(slug__in=data["industries"]))
        unknown = sorted(set(data["industries"]) - {i.slug for i in industries})
        if unknown:
            raise ValidationError({"industries": _("Unknown industry: %(slug)s.") % {"slug": ", ".join(unknown)}})
        data["industries"] = industries
    return {key: ("" if value is None and key in ("issuer_en", "summary_zh", "summary_en", "text_zh", "text_en",
                                                    "source_url", "document_number", "title_zh", "title_en") else value)
            for key, value in data.items()}


@router.get("/", response={200: list[PolicyOut], **errors(422)}, summary="The policy library")
@paginate(LimitOffsetPagination)
def list_policies(request: HttpRequest, filters: Query[PolicyFilter]) -> Any:
    """Filtered exactly as the library page is (by default: not expired nor superseded; drafts only for who manages them)."""
    return filters.apply(services.library(actor(request)))


@router.get("/{int:policy_id}", response={200: PolicyDetailOut, **errors(404)}, summary="A policy with its items")
def get_policy(request: HttpRequest, policy_id: int) -> Policy:
    return _policy(request, policy_id)


@router.post("/", response={201: PolicyDetailOut, **errors(401, 403, 422)}, auth=USER_REQUIRED,
             summary="Record a draft policy (officers for their region, secretariats for their alliance, admins)")
def create_policy(request: HttpRequest, payload: PolicyIn) -> Status:
    policy = services.create_policy(signed_in(request), _policy_data(payload))
    return Status(201, policy)


@router.patch("/{int:policy_id}", response={200: PolicyDetailOut, **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
              summary="Change a policy's fields")
def update_policy(request: HttpRequest, policy_id: int, payload: PolicyIn) -> Policy:
    return services.update_policy(signed_in(request), _policy(request, policy_id), _policy_data(payload))


@router.post("/{int:policy_id}/items", response={201: ItemOut, **errors(401, 403, 404, 422)}, auth=USER_REQUIRED,
             summary="Add an application item (its rule is checked by the eligibility engine)")
def add_item(request: HttpRequest, policy_id: int, payload: ItemIn) -> Status:
    data = {key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None}
    return Status(201, services.save_item(signed_in(request), _policy(request, policy_id), data))


@router.post("/{int:policy_id}/publish", response={200: PolicyDetailOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Publish a draft: eligible members are told once it is in force")
def publish(request: HttpRequest, policy_id: int) -> Policy:
    return services.publish(signed_in(request), _policy(request, policy_id))


@router.get("/organisations/{int:org_id}/policies", response={200: list[AnswerOut], **errors(401, 404)},
            auth=USER_REQUIRED, summary="Policies for an organisation: every item in force with its answer and reasons")
def organisation_policies(request: HttpRequest, org_id: int, answer: str | None = None) -> list[dict[str, Any]]:
    """Its members and admins only; anyone else gets 404, as if the organisation did not exist."""
    user = signed_in(request)
    organisation = Organisation.objects.filter(pk=org_id).first()
    if organisation is None or not services.may_see_answers(user, organisation):
        raise Http404
    results = services.answers_for(user, organisation)
    return [{
        "item": r.item.pk, "item_title": r.item.title, "policy": r.item.policy_id, "policy_title": r.policy.title,
        "benefit": r.item.benefit, "answer": r.status, "reasons": r.reasons(),
        "missing": [{"field": m["field"], "label": m["label"]} for m in r.missing()], "window": r.answer.window,
    } for r in results if answer is None or r.status == answer]
