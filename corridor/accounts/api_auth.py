"""API authentication: a personal token, else the Django session, else an anonymous visitor.

The API-wide `auth=CorridorAuth()` never rejects a request that carries no credentials, so public
data stays readable and every endpoint sees `request.auth` (a user or AnonymousUser). Endpoints
that need a signed-in user call `signed_in(request)`, which answers 401; they also declare
`auth=USER_REQUIRED` (the same class) so that the 401 comes before any complaint about the body.
A token that is sent but is wrong is a 401 at once: silently treating it as anonymous would hide a
misconfigured client.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security.http import HttpAuthBase
from ninja.utils import check_csrf

from corridor.accounts.services import user_for_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _sign_in_message() -> str:
    return _("Sign in or send an API token (Authorization: Bearer cor_…) to do this.")


class CorridorAuth(HttpAuthBase):
    openapi_scheme = "bearer"
    openapi_bearerFormat = "cor_…"
    openapi_description = (
        "A personal API token (`Authorization: Bearer cor_…`, created at /api/accounts/tokens). "
        "Browsers may instead use their session cookie with the CSRF token; visitors send nothing."
    )

    def __init__(self, *, required: bool = False) -> None:
        self.required = required
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if header:
            scheme, _sep, token = header.strip().partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise AuthenticationError(message=_("Use 'Authorization: Bearer <API token>'."))
            user = user_for_token(token.strip())
            if user is None:
                raise AuthenticationError(message=_("This API token is invalid or has been revoked."))
            # Code that reads request.user (services, scope) must see the token's user too.
            request.user = cast(Any, user)
            return user
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A cookie is sent by the browser on its own, so unsafe requests must prove they came
            # from our pages. Tokens need no such proof: no browser attaches them by itself.
            if request.method not in SAFE_METHODS and not getattr(request, "_ninja_csrf_exempt", False):
                if check_csrf(request) is not None:
                    raise HttpError(403, _("CSRF check failed: send the X-CSRFToken header with the csrftoken cookie."))
            return user
        if self.required:
            raise AuthenticationError(message=_sign_in_message())
        return AnonymousUser()


USER_REQUIRED = CorridorAuth(required=True)


def actor(request: HttpRequest) -> Any:
    """The user behind the request, or AnonymousUser."""
    return getattr(request, "auth", None) or AnonymousUser()


def signed_in(request: HttpRequest) -> Any:
    """The signed-in user, or a 401 that says how to sign in."""
    user = actor(request)
    if not user.is_authenticated:
        raise AuthenticationError(message=_sign_in_message())
    return user
