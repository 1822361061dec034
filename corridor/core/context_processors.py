from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from corridor.accounts.scope import scope_of


def corridor(request: HttpRequest) -> dict[str, Any]:
    return {"scope": scope_of(getattr(request, "user", None))}
