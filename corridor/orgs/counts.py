"""The total of the unfiltered organisation list, without an exact COUNT(*) of the table on every request.

Two totals are kept (model `KeptCount`): every organisation (what an admin sees) and the listed ones (what
anybody sees). A change event (create, edit, import, merge, delete) forgets them in the writer's transaction;
the next list request counts once and keeps the figure until the next change. Bulk writers that bypass the
services (the demo and synthetic loaders) call `forget()` themselves. A signed-in user who may also see some
unlisted organisations gets the listed total plus an exact count of those (few, through the `listed` index).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from corridor.core import access
from corridor.core.access import Actor
from corridor.orgs.models import KeptCount, Organisation

ALL = "all"
LISTED = "listed"


def _count(name: str) -> int:
    rows = Organisation.objects.all() if name == ALL else Organisation.objects.filter(listed=True)
    return rows.count()


def kept(name: str) -> int:
    """The kept total `name`, counted (once, then kept) when a change made it unknown."""
    row = KeptCount.objects.filter(name=name).values_list("value", "generation").first()
    if row is not None and row[0] is not None:
        return int(row[0])
    value = _count(name)
    if row is None:
        try:
            with transaction.atomic():
                KeptCount.objects.create(name=name, value=value)
        except IntegrityError:  # another request kept it first
            pass
    else:
        # Kept only if no change committed while counting (a change bumps the generation).
        KeptCount.objects.filter(name=name, generation=row[1], value__isnull=True).update(value=value)
    return value


def forget(ids: list[int] | None = None) -> None:
    """Organisations changed (a change-event follower; `ids` do not matter): the totals are unknown again."""
    KeptCount.objects.update(value=None, generation=F("generation") + 1)


def total_visible(user: Actor) -> int:
    """How many organisations `user` may see, unfiltered: the list's total."""
    if access.roles(user).is_admin:
        return kept(ALL)
    total = kept(LISTED)
    if access.is_signed_in(user):
        total += Organisation.objects.restrict(user).filter(listed=False).count()
    return total
