"""The organisation tally: organisations per (day created, city, listed, head enterprise), so that the
organisation figures of every dashboard, report and snapshot read a few thousand rows instead of grouping
a million organisations (twice: the figure and its value a month earlier) on every page.

Kept in step through the kernel's change events: organisations changed (created, edited, merged, restored,
imported) or about to be deleted recount the days they were created on (a day holds a few thousand
organisations at most, found through the `created_at` index; an import of many rows is followed in a job,
see `core.events`). Bulk writers that bypass the services (`core.events.BULK_WRITERS`: the demo loader,
the benchmarks) call `rebuild()` themselves, as they recount the chains.

What a viewer is shown stays the access rule's: the tally's listed rows count for everyone, its unlisted
rows only for admins; anyone else who may see some unlisted organisations (their own, their alliance's,
their region's) has those counted live from `Organisation.objects.restrict(viewer)` (a few, by index).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from corridor.core import access
from corridor.core import indicators as ind
from corridor.core.indicators import TOTAL, Slice, Values

# Off only inside `bypassed()`: the benchmark's baseline (the plain grouping, as before the tally).
ENABLED = True


@contextmanager
def bypassed() -> Iterator[None]:
    global ENABLED
    ENABLED = False
    try:
        yield
    finally:
        ENABLED = True


def _zone() -> Any:
    # The day of a timestamp in the site's time zone, as `indicators.in_period` bounds a period.
    return timezone.get_default_timezone()


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), _zone())


def _grouped(orgs: QuerySet[Any]) -> list[Any]:
    from corridor.dashboards.models import OrgTally

    rows = (orgs.filter(city__isnull=False).annotate(day=TruncDate("created_at", tzinfo=_zone())).order_by()
            .values("day", "city_id", "listed", "is_head_enterprise").annotate(n=Count("pk")))
    return [OrgTally(day=r["day"], city_id=r["city_id"], listed=r["listed"], head=r["is_head_enterprise"], count=r["n"])
            for r in rows]


def rebuild(days: Iterable[datetime.date] | None = None, *, without: Iterable[int] = ()) -> int:
    """Recount the given days (default: every day); `without`: organisations about to be deleted.
    Returns the number of tally rows written."""
    from corridor.dashboards.models import OrgTally
    from corridor.orgs.models import Organisation

    orgs = Organisation.objects.all()
    excluded = list(without)
    if excluded:
        orgs = orgs.exclude(pk__in=excluded)
    with transaction.atomic():
        if days is None:
            OrgTally.objects.all().delete()
        else:
            wanted = sorted(set(days))
            if not wanted:
                return 0
            within = Q()
            for day in wanted:
                within |= Q(created_at__gte=_day_start(day),
                            created_at__lt=_day_start(day + datetime.timedelta(days=1)))
            orgs = orgs.filter(within)
            OrgTally.objects.filter(day__in=wanted).delete()
        made = _grouped(orgs)
        OrgTally.objects.bulk_create(made, batch_size=2000)
    return len(made)


def days_of(ids: Iterable[int]) -> set[datetime.date]:
    from corridor.orgs.models import Organisation

    wanted = list(ids)
    return {timezone.localtime(stamp, _zone()).date()
            for stamp in Organisation.objects.filter(pk__in=wanted).values_list("created_at", flat=True).distinct()}


def follow_organisations(ids: list[int]) -> None:
    """Organisations changed (or were created): recount the days they were created on."""
    rebuild(days_of(ids))


def forget_organisations(ids: list[int]) -> None:
    """Organisations about to be deleted (still there): recount their days without them."""
    rebuild(days_of(ids), without=ids)


def org_counts(rows: QuerySet[Any], s: Slice, *, head: bool = False) -> Values:
    """Organisations (head enterprises only if `head`) per city of the slice as of `s.end`, among `rows`
    (the viewer's organisations): the tally's listed rows (all rows for admins) plus the unlisted
    organisations in `rows`, counted live. The same numbers as grouping `rows` (tests hold the two equal)."""
    from corridor.dashboards.models import OrgTally

    scope = access.roles(s.viewer)
    kept = OrgTally.objects.filter(city_id__in=list(s.cities))
    if s.end is not None:
        kept = kept.filter(day__lte=s.end)
    if head:
        kept = kept.filter(head=True)
    if not scope.is_admin:
        kept = kept.filter(listed=True)
    out: Values = {r["city_id"]: ind._number(r["n"])
                   for r in kept.order_by().values("city_id").annotate(n=Sum("count"))}
    if not scope.is_admin and (scope.org_ids or scope.secretariat_alliance_ids or scope.officer_region_ids):
        unlisted = rows.filter(listed=False)
        if head:
            unlisted = unlisted.filter(is_head_enterprise=True)
        for city, n in ind.count_by_city(unlisted, "city_id", s, stamp="created_at").items():
            if city != TOTAL:
                out[city] = out.get(city, 0.0) + n
    out[TOTAL] = sum(out.get(c, 0.0) for c in s.cities)
    return out
