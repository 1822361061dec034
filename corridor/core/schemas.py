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
