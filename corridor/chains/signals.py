"""Chains follow organisations through the change event, not model signals: every writer of
organisations (create, update, import, merge, undo-merge) fires `core.events.organisations_changed`,
and the chains infer tags and recount (`services.follow_organisations`). Bulk loaders listed in
`core.events.BULK_WRITERS` run `corridor chains infer` / `recount` themselves.
"""

from __future__ import annotations

from corridor.chains import services
from corridor.core import events


def connect() -> None:
    events.subscribe(events.ORGANISATIONS_CHANGED, services.follow_organisations)
    events.subscribe(events.ORGANISATIONS_DELETED, services.forget_organisations)
