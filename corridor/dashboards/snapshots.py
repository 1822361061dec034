"""The snapshot job: every indicator's value per corridor city (and for the corridor, each alliance and
each chain) at the end of a month, for the public and for admins. Trends read these rows.

Run monthly (`corridor dashboards snapshot`, or the job from the admin's dashboard); `months=N` fills
the N months before too, from the rows' own dates (organisations by `created_at`, bookings by their
start, …), for indicators with a period dimension. Running it again replaces that month's values.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from corridor.accounts.scope import Scope
from corridor.core import indicators as ind
from corridor.core.indicators import PERIOD, TOTAL, Slice
from corridor.jobs import services as jobs
from corridor.jobs.models import Job

SNAPSHOT_JOB = "dashboards.snapshot"


class _Everything:
    """The actor of the `full` audience: sees every row (as an admin), acts for no one."""

    is_authenticated = True
    is_superuser = True
    pk = None
    _corridor_scope = Scope(user_id=0, is_admin=True)


EVERYTHING: Any = _Everything()


def month_end(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def take(month: datetime.date, progress: jobs.Progress | None = None, *, live: bool = False) -> int:
    """Store the month's values (as of its last day); `live`: also indicators without a period, as they
    are now (only right for the current month). Returns the number of rows written."""
    from corridor.alliances.models import Alliance
    from corridor.chains.models import Chain
    from corridor.dashboards.models import Snapshot
    from corridor.dashboards.services import corridor_cities

    month = month.replace(day=1)
    cities = tuple(c.pk for c in corridor_cities())
    audiences = ((Snapshot.Audience.PUBLIC, None), (Snapshot.Audience.FULL, EVERYTHING))
    groups: list[dict[str, Any]] = [{}]
    groups += [{"alliance_id": pk} for pk in Alliance.objects.values_list("pk", flat=True)]
    groups += [{"chain_id": pk} for pk in Chain.objects.values_list("pk", flat=True)]
    written = 0
    total = len(audiences) * len(groups)
    step = 0
    for audience, viewer in audiences:
        for group in groups:
            step += 1
            if progress:
                progress(str(_("Snapshot of %(month)s") % {"month": month.strftime("%Y-%m")}), step, total)
            base = Slice(viewer=viewer, cities=cities, **group)
            rows: list[Snapshot] = []
            keys: list[str] = []
            for indicator in ind.all_indicators():
                dated = base.replace(end=month_end(month))
                if indicator.supports(dated):
                    values = indicator.values(dated)
                elif live and indicator.supports(base):
                    values = indicator.values(base)
                else:
                    continue
                if values is None:
                    continue
                keys.append(indicator.key)
                rows += [Snapshot(indicator=indicator.key, audience=audience, period=month,
                                  city_id=None if city == TOTAL else city, alliance_id=group.get("alliance_id"),
                                  chain_id=group.get("chain_id"), value=value) for city, value in values.items()]
            # The month's values of this audience and group replace the earlier ones in one statement each (a row
            # at a time cost most of the demo's loading time): a second run adds nothing.
            with transaction.atomic():
                scope = {"alliance_id": group.get("alliance_id"), "chain_id": group.get("chain_id")}  # None: IS NULL
                Snapshot.objects.filter(indicator__in=keys, audience=audience, period=month, **scope).delete()
                Snapshot.objects.bulk_create(rows, batch_size=1000)
            written += len(rows)
    return written


def months_back(month: datetime.date, count: int) -> list[datetime.date]:
    out = []
    year, m = month.year, month.month
    for _i in range(count):
        m -= 1
        if m == 0:
            m, year = 12, year - 1
        out.append(datetime.date(year, m, 1))
    return list(reversed(out))


def is_complete(month: datetime.date) -> bool:
    """Whether the month already holds a corridor-wide value of every indicator that has a period."""
    from corridor.dashboards.models import Snapshot

    month = month.replace(day=1)
    dated = Slice(viewer=EVERYTHING).replace(end=month_end(month))
    wanted = {indicator.key for indicator in ind.all_indicators() if indicator.supports(dated)}
    stored = set(Snapshot.objects.filter(period=month, audience=Snapshot.Audience.FULL, alliance__isnull=True,
                                         chain__isnull=True).values_list("indicator", flat=True).distinct())
    return wanted <= stored


def run(month: datetime.date, months: int = 0, progress: jobs.Progress | None = None, *, keep_past: bool = False) -> int:
    """`keep_past`: a month before `month` that is already complete is left as it is (the demo's second
    load: past months do not change, and taking six months of snapshots was most of that load's time)."""
    written = 0
    for earlier in months_back(month, months):
        if keep_past and is_complete(earlier):
            continue
        written += take(earlier, progress)
    written += take(month, progress, live=True)
    return written


@jobs.register(SNAPSHOT_JOB, _("Indicator snapshots"))
def snapshot_job(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    month = datetime.date.fromisoformat(job.params.get("month") or datetime.date.today().replace(day=1).isoformat())
    written = run(month, int(job.params.get("months", 0)), progress)
    return {"rows": written, "month": month.strftime("%Y-%m")}


def has_period(key: str) -> bool:
    found = ind.get(key)
    return found is not None and PERIOD in found.dimensions
