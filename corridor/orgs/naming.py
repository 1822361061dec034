"""May this viewer see an organisation's name? The one rule for every place an organisation is named.

An unlisted organisation is hidden by `Organisation.objects.visible_to`; wherever something of its
own is shown (an instrument's owner, a public listing's poster) its name must be hidden the same way,
or the listing would say what the organisation directory does not.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from corridor.core.access import Actor
from corridor.orgs.models import Organisation


def may_name(user: Actor, org: Organisation | None) -> bool:
    if org is None:
        return False
    if org.listed:
        return True  # no query: listed organisations are visible to everyone
    # Unlisted ones are rare; remembered on the user object, which lives as long as the request.
    memo: dict[int, bool] = user.__dict__.setdefault("_corridor_nameable_orgs", {})
    if org.pk not in memo:
        memo[org.pk] = Organisation.objects.visible_to(user).filter(pk=org.pk).exists()
    return memo[org.pk]


def hidden_name() -> str:
    return _("An organisation that keeps its name private")
