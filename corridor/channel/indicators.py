"""The government–enterprise channel's figures of the dashboards and reports (docs/architecture.md, "Indicators").

Each compute function counts only `rows`, the viewer's rows (`EnterpriseRequest.objects.restrict(viewer)`:
public requests to everyone signed in, private ones to the organisation, the offices they were routed to and
admins; `Target.objects.restrict(viewer)`: targets are public). The three rates (response on time,
resolution, satisfaction) are those of `services.rates`, computed per city in one grouped query each, over
the requests filed during the period. Requests and targets count in the city of their region.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from corridor.core import indicators as ind
from corridor.core.indicators import FLOW, PERIOD, REGION, Indicator, Slice, Values
from corridor.dashboards.regional import by_region, city_of, count_by_region, ratio


def _routed(rows: QuerySet[Any], s: Slice) -> QuerySet[Any]:
    return ind.in_period(rows.exclude(status__in=("received", "merged")), s, "filed_at", FLOW)


def requests(rows: QuerySet[Any], s: Slice) -> Values:
    """Requests filed during the period and routed to an office."""
    return by_region(_routed(rows, s), "region_id", s)


def _share(rows: QuerySet[Any], s: Slice, part: Q, whole: Q) -> Values:
    rows = _routed(rows, s)
    return ratio(by_region(rows, "region_id", s, value=Count("pk", filter=whole & part)),
                 by_region(rows, "region_id", s, value=Count("pk", filter=whole)), s.cities)


def response_rate(rows: QuerySet[Any], s: Slice) -> Values:
    now = timezone.now()
    return _share(rows, s, Q(contacted_at__isnull=False, contacted_at__lte=F("contact_due")),
                  Q(contacted_at__isnull=False) | Q(contact_due__lt=now))


def resolution_rate(rows: QuerySet[Any], s: Slice) -> Values:
    return _share(rows, s, Q(resolved=True), ~Q(satisfaction=""))


def satisfaction_rate(rows: QuerySet[Any], s: Slice) -> Values:
    from corridor.channel.models import EnterpriseRequest

    return _share(rows, s, Q(satisfaction__in=EnterpriseRequest.SATISFIED_VALUES), ~Q(satisfaction=""))


def overdue(rows: QuerySet[Any], s: Slice) -> Values:
    """Open requests whose answer is late, now."""
    from corridor.channel.services import overdue as late

    return count_by_region(late(rows), "region_id", s)


def target_progress(rows: QuerySet[Any], s: Slice) -> Values:
    """The average progress of the city's regional targets (latest figure on or before the date over the goal,
    at most 100 %)."""
    from corridor.channel.models import TargetSnapshot

    inside = city_of(s)
    on = s.end or timezone.localdate()
    goals = dict(rows.filter(region_id__in=list(inside)).values_list("pk", "goal"))
    cities = dict(rows.filter(pk__in=list(goals)).values_list("pk", "region_id"))
    latest: dict[int, int] = {}
    for target_id, value in TargetSnapshot.objects.filter(target_id__in=list(goals), taken_on__lte=on) \
            .order_by("target_id", "taken_on").values_list("target_id", "value"):
        latest[target_id] = value  # ordered by date: the last one wins
    sums: dict[int, float] = {}
    counts: dict[int, int] = {}
    for pk, goal in goals.items():
        city = inside[cities[pk]]
        sums[city] = sums.get(city, 0.0) + min(100.0, 100.0 * latest.get(pk, 0) / goal)
        counts[city] = counts.get(city, 0) + 1
    out: Values = {c: round(sums[c] / counts[c], 1) for c in counts}
    out[ind.TOTAL] = round(sum(sums.values()) / sum(counts.values()), 1) if counts else 0.0
    return out


def register_all() -> None:
    from corridor.channel.models import EnterpriseRequest, Target

    flow = frozenset({REGION, PERIOD})
    home = lambda s, city: reverse("channel:home")  # noqa: E731
    for item in (
        Indicator(
            key="channel.requests", model=EnterpriseRequest, order=110, compute=requests, kind=FLOW, dimensions=flow,
            name=_("Enterprise requests"), unit=pgettext_lazy("unit", "requests"), source=_("Government–enterprise channel"),
            definition=_("Requests of enterprises filed in the city during the period and routed to an office."),
            link=home,
        ),
        Indicator(
            key="channel.response_rate", model=EnterpriseRequest, order=111, compute=response_rate, kind=FLOW,
            dimensions=flow, decimals=1, unit="%", source=_("Government–enterprise channel"),
            name=_("Response rate"),
            definition=_("Of the requests filed during the period that were contacted or are past their contact "
                         "deadline, the share first contacted by the deadline."),
            link=home,
        ),
        Indicator(
            key="channel.resolution_rate", model=EnterpriseRequest, order=112, compute=resolution_rate, kind=FLOW,
            dimensions=flow, decimals=1, unit="%", source=_("Government–enterprise channel"),
            name=_("Resolution rate"),
            definition=_("Of the requests filed during the period and rated by the enterprise, the share it "
                         "says were resolved."),
            link=home,
        ),
        Indicator(
            key="channel.satisfaction_rate", model=EnterpriseRequest, order=113, compute=satisfaction_rate,
            kind=FLOW, dimensions=flow, decimals=1, unit="%", source=_("Government–enterprise channel"),
            name=_("Satisfaction rate"),
            definition=_("Of the requests filed during the period and rated by the enterprise, the share rated "
                         "satisfied or basically satisfied."),
            link=home,
        ),
        Indicator(
            key="channel.overdue", model=EnterpriseRequest, order=114, compute=overdue,
            dimensions=frozenset({REGION}),
            name=_("Overdue requests"), unit=pgettext_lazy("unit", "requests"), source=_("Government–enterprise channel"),
            definition=_("Open requests of the city whose answer is past its deadline, now."),
            link=home,
        ),
        Indicator(
            key="channel.target_progress", model=Target, order=115, compute=target_progress, decimals=1,
            dimensions=frozenset({REGION, PERIOD}), unit="%", source=_("Government–enterprise channel"),
            name=_("Regional target progress"),
            definition=_("The average progress of the city's regional targets: the latest figure on or before the "
                         "date over the goal, each at most 100 %."),
            link=lambda s, city: reverse("channel:targets"),
        ),
    ):
        ind.register(item)
