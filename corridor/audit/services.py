"""Recording changes. Every service that writes an audited object calls `record` in its transaction."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from corridor.audit.models import ChangeRecord, CreatedRange
from corridor.core.access import Actor, user_of


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
    actor: Actor,
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
        actor=user_of(actor),
        before=before,
        after=after,
        note=note[:300],
    )


def history_of(obj: models.Model) -> models.QuerySet[ChangeRecord]:
    """The object's own records, and the bulk entry (an import) that created it, if any."""
    content_type = ContentType.objects.get_for_model(obj)
    own = Q(content_type=content_type, object_id=str(obj.pk))
    if isinstance(obj.pk, int):
        own |= Q(pk__in=CreatedRange.objects.filter(
            content_type=content_type, first_id__lte=obj.pk, last_id__gte=obj.pk).values("record_id"))
    return ChangeRecord.objects.filter(own).select_related("actor")


def id_ranges(ids: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted ids as inclusive runs: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for pk in sorted(set(ids)):
        if runs and pk == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], pk)
        else:
            runs.append((pk, pk))
    return runs


def record_bulk(
    actor: Actor, model: type[models.Model], label: str, summary: dict[str, Any], created: list[tuple[int, int]],
    note: str = "",
) -> ChangeRecord:
    """One history entry for a bulk change (an import): `summary` as its content, `created` the id runs of
    the objects it created (each object's history page shows the entry)."""
    content_type = ContentType.objects.get_for_model(model)
    entry = ChangeRecord.objects.create(
        content_type=content_type, object_id="", object_repr=label[:300], action=ChangeRecord.Action.IMPORT,
        actor=user_of(actor), before={}, after=summary, note=note[:300],
    )
    CreatedRange.objects.bulk_create(
        [CreatedRange(record=entry, content_type=content_type, first_id=a, last_id=b) for a, b in created],
        batch_size=1000,
    )
    return entry


# Public name for writers that build a snapshot from column values rather than a model instance (imports).
plain = _plain
