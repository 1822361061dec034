"""API schemas shared by every router: the error body and the documented error statuses."""

from __future__ import annotations

from typing import Any

from django.db import models
from ninja import Schema
from pydantic import ConfigDict, Field, WithJsonSchema


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, for people")
    errors: dict[str, list[str]] | None = Field(
        None, description="Messages by field name (422 invalid, 409 conflict); `__all__` when no one field is at fault"
    )


class InputSchema(Schema):
    """Request bodies refuse unknown fields, so a typo is a 422 naming it rather than a silent no-op."""

    model_config = ConfigDict(extra="forbid")


def inline_choices(choices: type[models.TextChoices]) -> WithJsonSchema:
    """Spell a model's choices out in place: several models have a `Kind` or `Role`, and OpenAPI
    components are keyed by class name, so as shared components one would overwrite the other."""
    return WithJsonSchema({"type": "string", "enum": [str(v) for v in choices.values]})


# Statuses an endpoint may answer besides its success, for `response={200: X, **errors(401, 403)}`.
def errors(*codes: int) -> dict[int, Any]:
    return dict.fromkeys(codes, ErrorOut)


class WithActions(Schema):
    """Detail responses say what the caller may do with the object (the same answer as the page's buttons)."""

    actions: list[str] = Field(
        default_factory=list, description="Actions the caller may take on this object: view, change, and the domain's own"
    )

    @staticmethod
    def resolve_actions(obj: Any, context: dict[str, Any] | None) -> list[str]:
        from corridor.accounts.api_auth import actor
        from corridor.core.access import permitted_actions

        request = (context or {}).get("request")
        if request is None or not isinstance(obj, models.Model):
            return []
        return sorted(permitted_actions(actor(request), obj))
