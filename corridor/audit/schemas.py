"""API schema of a change record, shared by every history endpoint."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from ninja import Schema

from corridor.audit.models import ChangeRecord
from corridor.core.schemas import inline_choices


class FieldChange(Schema):
    field: str
    before: Any = None
    after: Any = None


class ChangeRecordOut(Schema):
    id: int
    action: Annotated[ChangeRecord.Action, inline_choices(ChangeRecord.Action)]
    at: datetime.datetime
    actor: str | None
    object_repr: str
    note: str
    before: dict[str, Any]
    after: dict[str, Any]
    changes: list[FieldChange]

    @staticmethod
    def resolve_actor(obj: ChangeRecord) -> str | None:
        return obj.actor.get_username() if obj.actor is not None else None

    @staticmethod
    def resolve_changes(obj: ChangeRecord) -> list[dict[str, Any]]:
        return [{"field": k, "before": b, "after": a} for k, b, a in obj.changed_fields()]
