"""The group-standards figures of the dashboards and reports (docs/architecture.md, "Indicators").

Each compute function counts only `rows`, the viewer's standards (`Standard.objects.restrict(viewer)`:
proposals only for the proposer and the insiders; every initiated standard's record is public). A standard
counts in the city of its proposing organisation, when the viewer may see that organisation (an unlisted
proposer places its standards in no city for a visitor).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from corridor.core import indicators as ind
from corridor.core.indicators import ALLIANCE, CHAIN, PERIOD, REGION, SEGMENT, Indicator, Slice, Values

IN_DRAFTING = ("initiated", "drafting", "comment", "review", "approved")


def _narrow(rows: QuerySet[Any], s: Slice) -> QuerySet[Any]:
    from corridor.orgs.models import Organisation
    from corridor.standards.models import Standard

    rows = rows.filter(ind.visible_q(s.viewer, Organisation, "proposing_org"))
    if s.alliance_id is not None:
        rows = rows.filter(alliance_id=s.alliance_id)
    through = Standard.segments.through.objects
    if s.segment_id is not None:
        rows = rows.filter(pk__in=through.filter(segment_id=s.segment_id).values("standard_id"))
    elif s.chain_id is not None:
        rows = rows.filter(pk__in=through.filter(segment__chain_id=s.chain_id).values("standard_id"))
    return rows


def published(rows: QuerySet[Any], s: Slice) -> Values:
    from corridor.standards.models import PUBLISHED_STATES

    return ind.count_by_city(_narrow(rows, s).filter(status__in=PUBLISHED_STATES), "proposing_org__city_id", s,
                             stamp="published_at")


def drafting(rows: QuerySet[Any], s: Slice) -> Values:
    return ind.count_by_city(_narrow(rows, s).filter(status__in=IN_DRAFTING), "proposing_org__city_id", s)


def comment_open(rows: QuerySet[Any], s: Slice) -> Values:
    now = timezone.now()
    rows = _narrow(rows, s).filter(status="comment", comment_opens_at__lte=now, comment_closes_at__gt=now)
    return ind.count_by_city(rows, "proposing_org__city_id", s)


def register_all() -> None:
    from corridor.standards.models import Standard

    now = frozenset({REGION, ALLIANCE, CHAIN, SEGMENT})
    link = lambda s, city: reverse("standards:list")  # noqa: E731
    for item in (
        Indicator(
            key="standards.published", model=Standard, order=120, compute=published, dimensions=now | {PERIOD},
            name=_("Group standards published"), unit=pgettext_lazy("unit", "standards"), source=_("Group standards"),
            definition=_("Group standards published (in force or under re-review), by the city of the proposing "
                         "organisation, as of the date published."),
            link=link,
        ),
        Indicator(
            key="standards.drafting", model=Standard, order=121, compute=drafting, dimensions=now,
            name=_("Standards in drafting"), unit=pgettext_lazy("unit", "standards"), source=_("Group standards"),
            definition=_("Initiated standards not yet published (drafting, public comment, technical review, "
                         "approved), by the city of the proposing organisation, today."),
            link=link,
        ),
        Indicator(
            key="standards.comment_open", model=Standard, order=122, compute=comment_open, dimensions=now,
            name=_("Drafts open for comment"), unit=pgettext_lazy("unit", "standards"), source=_("Group standards"),
            definition=_("Draft standards whose public comment window is open now, by the city of the proposing "
                         "organisation."),
            link=link,
        ),
    ):
        ind.register(item)
