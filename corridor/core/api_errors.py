"""Service errors become HTTP statuses with the field named: 422 invalid, 409 conflict, 403 forbidden.

Every error body has the same shape, `{"detail": str, "errors": {field: [message, …]}?}`, whether
the service refused the data or the request did not even parse, so clients handle one format.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as InputError

from corridor.core.errors import Conflict

PARAM_SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})


def _fields(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"__all__": [str(m) for m in exc.messages]}


def input_field(loc: tuple[Any, ...] | list[Any]) -> str:
    """The field a pydantic error location points at, as the client named it.

    ("body", "payload", "uscc") → "uscc"; ("query", "limit") → "limit"; list indexes are dropped
    so an error in `industries[2]` names `industries`.
    """
    parts = [str(p) for p in loc if isinstance(p, str)]
    source = parts[0] if parts and parts[0] in PARAM_SOURCES else None
    if source:
        parts = parts[1:]
    # A JSON body is one parameter (the schema) whose name the client never sees.
    if source == "body" and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def _input_fields(exc: InputError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        fields.setdefault(input_field(error.get("loc", ())), []).append(str(error.get("msg", "invalid")))
    return fields


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(Conflict)
    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        return api.create_response(request, {"detail": "conflict", "errors": _fields(exc)}, status=409)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": "invalid", "errors": _fields(exc)}, status=422)

    @api.exception_handler(InputError)
    def invalid_input(request: HttpRequest, exc: InputError) -> HttpResponse:
        return api.create_response(request, {"detail": "invalid", "errors": _input_fields(exc)}, status=422)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
        response["WWW-Authenticate"] = 'Bearer realm="corridor"'
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": "not found"}, status=404)
