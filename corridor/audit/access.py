"""Who may read an object's history: the rule its model registered (`core.registry`), one place."""

from __future__ import annotations

from django.db import models

from corridor.core.access import Actor
from corridor.core.registry import history_allowed


def can_view_history(user: Actor, obj: models.Model) -> bool:
    return history_allowed(user, obj)
