"""The signed-in user: who am I, what may I act for, and my personal API tokens."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from corridor.accounts import services
from corridor.accounts.api_auth import USER_REQUIRED, signed_in
from corridor.accounts.models import ApiToken, RoleGrant
from corridor.accounts.schemas import MeOut, TokenCreated, TokenIn, TokenOut
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors

router = Router(tags=["accounts"])


@router.get(
    "/me", response={200: MeOut, **errors(401)}, auth=USER_REQUIRED, summary="The signed-in user and their roles"
)
def me(request: HttpRequest) -> dict[str, Any]:
    user = signed_in(request)
    grants = RoleGrant.objects.filter(user=user).select_related("organisation", "alliance", "region").order_by("id")
    return {
        "username": user.get_username(),
        "email": user.email,
        "is_admin": bool(user.is_superuser),
        "roles": list(grants),
    }


@router.get(
    "/tokens", response={200: list[TokenOut], **errors(401, 422)}, auth=USER_REQUIRED, summary="Your API tokens"
)
@paginate(LimitOffsetPagination)
def list_tokens(request: HttpRequest) -> Any:
    return ApiToken.objects.filter(user=signed_in(request))


@router.post(
    "/tokens", response={201: TokenCreated, **errors(401, 403, 422)}, auth=USER_REQUIRED, summary="Create an API token"
)
def create_token(request: HttpRequest, payload: TokenIn) -> Status:
    token, plain = services.create_api_token(signed_in(request), payload.name)
    return Status(
        201,
        {
            "id": token.pk,
            "name": token.name,
            "prefix": token.prefix,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "token": plain,
        },
    )


@router.delete(
    "/tokens/{int:token_id}",
    response={204: None, **errors(401, 403, 404)},
    auth=USER_REQUIRED,
    summary="Revoke an API token",
)
def revoke_token(request: HttpRequest, token_id: int) -> Status:
    user = signed_in(request)
    # The service answers "forbidden" for a token that is not yours; to the API that is simply absent.
    if not ApiToken.objects.filter(user=user, pk=token_id).exists():
        raise Http404
    services.revoke_api_token(user, token_id)
    return Status(204, None)
