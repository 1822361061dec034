"""The investment-project figures of the dashboards and reports (docs/architecture.md, "Indicators").

Each compute function counts only `rows`, the viewer's projects (`Project.objects.restrict(viewer)`: everyone
sees published summaries; the pipeline before signing and unpublished projects only those who manage them and
the investor). Amounts are private even on a published project, so the investment figure sums only the
projects the viewer may `view_private`, and is shown only to the roles that may hold such a project.
Counts are by the target region's city (a district rolled up to its city).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from corridor.core import access
from corridor.core import indicators as ind
from corridor.core.indicators import ALLIANCE, CHAIN, PERIOD, REGION, SEGMENT, Indicator, Slice, Values
from corridor.dashboards.regional import by_region, count_by_region, ratio


def _narrow(rows: QuerySet[Any], s: Slice) -> QuerySet[Any]:
    from corridor.projects.models import Project

    if s.alliance_id is not None:
        rows = rows.filter(alliance_id=s.alliance_id)
    through = Project.segments.through.objects
    if s.segment_id is not None:
        rows = rows.filter(pk__in=through.filter(segment_id=s.segment_id).values("project_id"))
    elif s.chain_id is not None:
        rows = rows.filter(pk__in=through.filter(segment__chain_id=s.chain_id).values("project_id"))
    return rows


def _at_or_past(rows: QuerySet[Any], stage: str) -> QuerySet[Any]:
    from corridor.projects.models import at_or_past

    return rows.filter(stage__in=at_or_past(stage))


def signed(rows: QuerySet[Any], s: Slice) -> Values:
    """Projects signed or further along (started, in production, operating), by the date signed."""
    return count_by_region(_at_or_past(_narrow(rows, s), "signed"), "region_id", s, stamp="signed_on")


def investment(rows: QuerySet[Any], s: Slice) -> Values:
    """Planned investment of the signed projects whose amounts the viewer may see, in 亿元 (100 million CNY)."""
    from corridor.core.access import VIEW_PRIVATE
    from corridor.projects.models import Project

    private = rows.filter(pk__in=Project.objects.restrict(s.viewer, VIEW_PRIVATE).values("pk"))
    found = count_by_region(_at_or_past(_narrow(private, s), "signed").filter(investment__isnull=False), "region_id",
                            s, stamp="signed_on", value=Sum("investment"))
    return {k: round(v / 1e8, 2) for k, v in found.items()}


def _rate(rows: QuerySet[Any], s: Slice, stage: str) -> Values:
    rows = _narrow(rows, s)
    whole = by_region(_at_or_past(rows, "signed"), "region_id", s)
    part = by_region(_at_or_past(rows, stage), "region_id", s)
    return ratio(part, whole, s.cities)


def started_rate(rows: QuerySet[Any], s: Slice) -> Values:
    """开工率: of the signed projects, the share that started construction (or went further)."""
    return _rate(rows, s, "started")


def production_rate(rows: QuerySet[Any], s: Slice) -> Values:
    """投产率: of the signed projects, the share in production or operating."""
    return _rate(rows, s, "production")


def landed(rows: QuerySet[Any], s: Slice) -> Values:
    """Projects with at least one site landed (registered as a local organisation), as of the date."""
    from corridor.projects.models import Site

    sites = Site.objects.filter(project=OuterRef("pk"), landed_at__isnull=False)
    if s.end is not None:
        sites = ind.in_period(sites, s, "landed_at")
    return by_region(_narrow(rows, s).filter(Exists(sites)), "region_id", s)


def _may_hold_amounts(viewer: Any) -> bool:
    return (access.is_admin(viewer) or bool(access.officer_region_ids(viewer))
            or bool(access.secretariat_alliance_ids(viewer)) or access.acts_for_an_organisation(viewer))


def _link(s: Slice, city: str | None) -> str:
    return reverse("projects:list") + (f"?city={city}" if city else "")


def register_all() -> None:
    from corridor.projects.models import Project

    every = frozenset({REGION, ALLIANCE, CHAIN, SEGMENT, PERIOD})
    now = frozenset({REGION, ALLIANCE, CHAIN, SEGMENT})
    for item in (
        Indicator(
            key="projects.signed", model=Project, order=90, compute=signed, dimensions=every,
            name=_("Investment projects signed"), unit=pgettext_lazy("unit", "projects"), source=_("Investment projects"),
            definition=_("Investment projects signed, under construction, in production or operating in the city "
                         "(their target region), by the date signed."),
            link=_link,
        ),
        Indicator(
            key="projects.investment", model=Project, order=91, compute=investment, dimensions=every, decimals=2,
            audience=_may_hold_amounts,
            name=_("Investment of signed projects"), unit=pgettext_lazy("unit", "100 million CNY"),
            source=_("Investment projects"),
            definition=_("Planned investment of the signed projects in the city whose amounts you may see "
                         "(those you manage or invest in), by the date signed."),
            link=_link,
        ),
        Indicator(
            key="projects.started_rate", model=Project, order=92, compute=started_rate, dimensions=now, decimals=1,
            name=_("Construction start rate (开工率)"), unit="%", source=_("Investment projects"),
            definition=_("Of the signed projects in the city, the share that has started construction, is in "
                         "production or operating, today."),
            link=_link,
        ),
        Indicator(
            key="projects.production_rate", model=Project, order=93, compute=production_rate, dimensions=now,
            decimals=1,
            name=_("Production rate (投产率)"), unit="%", source=_("Investment projects"),
            definition=_("Of the signed projects in the city, the share in production or operating, today."),
            link=_link,
        ),
        Indicator(
            key="projects.landed", model=Project, order=94, compute=landed, dimensions=every,
            name=_("Projects landed"), unit=pgettext_lazy("unit", "projects"), source=_("Investment projects"),
            definition=_("Projects of the city with at least one site landed (registered as a local organisation), "
                         "as of the date."),
            link=_link,
        ),
    ):
        ind.register(item)
