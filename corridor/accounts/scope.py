"""What a user is allowed to act for: computed once per request from their role grants.

Every `.visible_to(user)` queryset method reads this, so roles are resolved in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    is_admin: bool = False
    org_ids: frozenset[int] = field(default_factory=frozenset)
    secretariat_alliance_ids: frozenset[int] = field(default_factory=frozenset)
    officer_region_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None


ANONYMOUS = Scope()


def scope_of(user: Any) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    cached = getattr(user, "_corridor_scope", None)
    if cached is not None:
        return cached
    from corridor.accounts.models import RoleGrant

    org_ids: set[int] = set()
    alliance_ids: set[int] = set()
    region_ids: set[int] = set()
    for role, org_id, alliance_id, region_id in RoleGrant.objects.filter(user_id=user.pk).values_list(
        "role", "organisation_id", "alliance_id", "region_id"
    ):
        if role == RoleGrant.Role.MEMBER:
            org_ids.add(org_id)
        elif role == RoleGrant.Role.SECRETARIAT:
            alliance_ids.add(alliance_id)
        elif role == RoleGrant.Role.CITY_OFFICER:
            region_ids.add(region_id)
    scope = Scope(
        user_id=user.pk,
        is_admin=bool(user.is_superuser),
        org_ids=frozenset(org_ids),
        secretariat_alliance_ids=frozenset(alliance_ids),
        officer_region_ids=frozenset(region_ids),
    )
    user._corridor_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    """Call after changing a user's grants within the same request."""
    if hasattr(user, "_corridor_scope"):
        del user._corridor_scope
