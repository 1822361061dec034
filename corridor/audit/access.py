"""Who may read an object's history: the same people who may see its private side."""

from __future__ import annotations

from typing import Any

from django.db import models

from corridor.accounts.scope import scope_of


def can_view_history(user: Any, obj: models.Model) -> bool:
    from corridor.alliances.models import AllianceMembership, Declaration, MembershipApplication
    from corridor.orgs.models import Organisation

    scope = scope_of(user)
    if scope.is_admin:
        return True
    if not scope.is_authenticated:
        return False
    if isinstance(obj, Organisation):
        return Organisation.objects.privately_visible_to(user).filter(pk=obj.pk).exists()
    if isinstance(obj, (AllianceMembership, MembershipApplication)):
        return obj.alliance_id in scope.secretariat_alliance_ids or obj.organisation_id in scope.org_ids
    if isinstance(obj, Declaration):
        return obj.alliance_id in scope.secretariat_alliance_ids
    return False
