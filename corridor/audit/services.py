"""Recording changes. Every service that writes an audited object calls `record` in its transaction."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from corridor.audit.models import ChangeRecord


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    names = fields if fields is not None else obj.AUDITED_FIELDS  # type: ignore[attr-defined]
    return {name: _plain(getattr(obj, name)) for name in names}


def record(
    actor: Any,
    obj: models.Model,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> ChangeRecord | None:
    before = before or {}
    after = after if after is not None else (snapshot(obj) if action != ChangeRecord.Action.DELETE else {})
    if action == ChangeRecord.Action.UPDATE and before == after:
        return None
    return ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        before=before,
        after=after,
        note=note[:300],
    )


def history_of(obj: models.Model) -> models.QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor")


# Public name for writers that build a snapshot from column values rather than a model instance (imports).
plain = _plain
