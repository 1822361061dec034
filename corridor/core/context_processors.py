from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from corridor.accounts.scope import scope_of


def corridor(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)

    def unread_notifications() -> int:
        # A callable: the template asks only where it shows the count (the header of signed-in pages).
        from corridor.notifications.services import unread_count

        return unread_count(user)

    return {"scope": scope_of(user), "unread_notifications": unread_notifications}
