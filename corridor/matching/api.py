"""Matchmaking API: listings (same filter as the pages), suggestions with explanations, interests
and their steps, the funnel. `visible_to` decides 404; services decide 403."""


from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from corridor.accounts.api_auth import USER_REQUIRED, actor, signed_in
from corridor.core.access import Actor
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.matching import services
from corridor.matching.filters import ListingFilter
from corridor.matching.models import Interest, Listing
from corridor.matching.schemas import (
    FunnelRowOut,
    InterestDetailOut,
    InterestIn,
    InterestOut,
    IntroductionIn,
    ListingDetailOut,
    ListingIn,
    ListingOut,
    ListingPatch,
    StepIn,
    SuggestionOut,
)
from corridor.orgs.models import Organisation

router = Router(tags=["matchmaking"])


def visible_listing(user: Actor, listing_id: int) -> Listing:
    return get_object_or_404(Listing.objects.restrict(user), pk=listing_id)


@router.get("/listings", response={200: list[ListingOut], **errors(422)}, summary="List offers and needs")
@paginate(LimitOffsetPagination)
def list_listings(request: HttpRequest, filters: Query[ListingFilter]) -> Any:
    return filters.apply(Listing.objects.restrict(actor(request)))


@router.post("/listings", response={201: ListingOut, **errors(401, 403, 422)}, auth=USER_REQUIRED, summary="Post a listing")
def create_listing(request: HttpRequest, payload: ListingIn) -> Status:
    user = signed_in(request)
    data = payload.model_dump()
    org_id = data.pop("organisation_id")
    # Unknown and hidden look the same (404): a 403 would confirm that an unlisted organisation exists.
    org = get_object_or_404(Organisation.objects.visible_to(user), pk=org_id) if org_id else None
    return Status(201, services.create_listing(user, data, organisation=org))


@router.get("/listings/{int:listing_id}", response={200: ListingDetailOut, **errors(404)}, summary="A listing")
def get_listing(request: HttpRequest, listing_id: int) -> Listing:
    return visible_listing(actor(request), listing_id)


@router.patch("/listings/{int:listing_id}", response={200: ListingOut, **errors(401, 403, 404, 422)},
              auth=USER_REQUIRED, summary="Edit a listing")
def update_listing(request: HttpRequest, listing_id: int, payload: ListingPatch) -> Listing:
    user = signed_in(request)
    return services.update_listing(user, visible_listing(user, listing_id), payload.model_dump(exclude_unset=True))


@router.post("/listings/{int:listing_id}/close", response={200: ListingOut, **errors(401, 403, 404)},
             auth=USER_REQUIRED, summary="Close a listing")
def close_listing(request: HttpRequest, listing_id: int) -> Listing:
    user = signed_in(request)
    return services.close_listing(user, visible_listing(user, listing_id))


@router.get("/listings/{int:listing_id}/suggestions", response={200: list[SuggestionOut], **errors(401, 403, 404, 422)},
            auth=USER_REQUIRED, summary="Suggested counterparts, each with why")
def suggestions(request: HttpRequest, listing_id: int, k: int = 10) -> Any:
    user = signed_in(request)
    found = services.suggestions(user, visible_listing(user, listing_id), k=max(1, min(k, 50)))
    return [{"listing": s.listing, "score": s.score, "explanation": s.explanation.as_dict()} for s in found]


@router.post("/listings/{int:listing_id}/interests", response={201: InterestOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Express interest in a listing")
def express_interest(request: HttpRequest, listing_id: int, payload: InterestIn) -> Status:
    user = signed_in(request)
    counterpart = visible_listing(user, payload.counterpart_id) if payload.counterpart_id else None
    return Status(201, services.express_interest(user, visible_listing(user, listing_id), payload.message, counterpart))


@router.post("/listings/{int:listing_id}/introductions", response={201: InterestOut, **errors(401, 403, 404, 409, 422)},
             auth=USER_REQUIRED, summary="Introduce two parties (secretariat)")
def introduce(request: HttpRequest, listing_id: int, payload: IntroductionIn) -> Status:
    user = signed_in(request)
    listing = visible_listing(user, listing_id)
    return Status(201, services.introduce(user, listing, visible_listing(user, payload.counterpart_id), payload.message))


@router.get("/interests", response={200: list[InterestOut], **errors(401, 422)}, auth=USER_REQUIRED,
            summary="Interests you are party to or oversee")
@paginate(LimitOffsetPagination)
def list_interests(request: HttpRequest) -> Any:
    return services.interests_visible_to(signed_in(request))


@router.post("/interests/{int:interest_id}/step", response={200: InterestDetailOut, **errors(401, 403, 404, 422)},
             auth=USER_REQUIRED, summary="Accept, decline, record a meeting or an agreement")
def step(request: HttpRequest, interest_id: int, payload: StepIn) -> Interest:
    user = signed_in(request)
    interest = get_object_or_404(services.interests_visible_to(user), pk=interest_id)
    return services.advance(user, interest, payload.stage)


@router.get("/funnel", response={200: list[FunnelRowOut], **errors(422)}, summary="Listings → agreements per alliance or city")
def funnel(request: HttpRequest, by: Literal["alliance", "city"] = "alliance") -> Any:
    return services.funnel(by, viewer=request.user)
