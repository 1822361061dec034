"""The R&D figures of the dashboards and reports (docs/architecture.md, "Indicators").

Each compute function counts only `rows`, the viewer's rows of its model (`Model.objects.restrict(viewer)`),
and reaches the projects of an overlap through `RDProject.objects.restrict(viewer)`: a secretariat-only or
alliance-only project never enters a visitor's figure.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from corridor.core import indicators as ind
from corridor.core.indicators import ALLIANCE, CHAIN, FLOW, PERIOD, REGION, SEGMENT, Indicator, Slice, Values


def _member_of(alliance_id: int, org_path: str) -> Q:
    from corridor.alliances.models import AllianceMembership

    return Q(Exists(AllianceMembership.objects.filter(organisation_id=OuterRef(org_path), alliance_id=alliance_id)))


def _narrow_projects(rows: QuerySet[Any], s: Slice, prefix: str = "") -> QuerySet[Any]:
    from corridor.rnd.models import RDProject

    if s.alliance_id is not None:
        rows = rows.filter(_member_of(s.alliance_id, f"{prefix}organisation_id"))
    through = RDProject.segments.through.objects
    if s.segment_id is not None:
        rows = rows.filter(**{f"{prefix}pk__in": through.filter(segment_id=s.segment_id).values("rdproject_id")})
    elif s.chain_id is not None:
        rows = rows.filter(**{f"{prefix}pk__in": through.filter(segment__chain_id=s.chain_id).values("rdproject_id")})
    return rows


def _shown_org(s: Slice, path: str) -> Q:
    """The organisation at `path` is one the viewer may see (an unlisted one places nothing in a city)."""
    from corridor.orgs.models import Organisation

    return ind.visible_q(s.viewer, Organisation, path)


def projects(rows: QuerySet[Any], s: Slice) -> Values:
    """R&D projects registered by organisations of the city, as of the date."""
    rows = _narrow_projects(rows, s).filter(_shown_org(s, "organisation"))
    return ind.count_by_city(rows, "organisation__city_id", s, stamp="created_at")


def overlaps(rows: QuerySet[Any], s: Slice) -> Values:
    """Overlaps found during the period, counted in the city of each party whose project the viewer may see
    (once per city; the total counts each overlap once)."""
    from corridor.rnd.models import RDProject

    rows = ind.in_period(rows, s, "found_at", FLOW)
    seen = _narrow_projects(RDProject.objects.restrict(s.viewer).filter(_shown_org(s, "organisation")), s).values("pk")
    rows = rows.filter(Q(project_a__in=seen) | Q(project_b__in=seen))
    visible = set(RDProject.objects.restrict(s.viewer).filter(_shown_org(s, "organisation")).filter(
        Q(pk__in=rows.values("project_a_id")) | Q(pk__in=rows.values("project_b_id"))).values_list("pk", flat=True))
    cities = set(s.cities)
    out: Values = {}
    total = 0
    for a, b, city_a, city_b in rows.values_list("project_a_id", "project_b_id", "project_a__organisation__city_id",
                                                  "project_b__organisation__city_id"):
        found = {city for pk, city in ((a, city_a), (b, city_b)) if pk in visible and city in cities}
        for city in found:
            out[city] = out.get(city, 0.0) + 1
        total += bool(found)
    out[ind.TOTAL] = float(total)
    return out


def teams(rows: QuerySet[Any], s: Slice) -> Values:
    """Joint teams formed (all invited organisations accepted), by the city of the lead organisation."""
    rows = rows.filter(_shown_org(s, "lead"), status="formed")
    if s.alliance_id is not None:
        rows = rows.filter(alliance_id=s.alliance_id)
    return ind.count_by_city(rows, "lead__city_id", s, stamp="formed_at")


def directions(rows: QuerySet[Any], s: Slice) -> Values:
    """R&D directions (standing themes) of organisations of the city, as of the date. A direction has no
    segments of its own: with a chain or segment, those with a project the viewer may see working on it."""
    from corridor.rnd.models import RDProject

    rows = rows.filter(_shown_org(s, "organisation"))
    if s.alliance_id is not None:
        rows = rows.filter(_member_of(s.alliance_id, "organisation_id"))
    if s.segment_id is not None or s.chain_id is not None:
        seen = _narrow_projects(RDProject.objects.restrict(s.viewer), s.replace(alliance_id=None))
        rows = rows.filter(pk__in=seen.filter(direction__isnull=False).values("direction_id"))
    return ind.count_by_city(rows, "organisation__city_id", s, stamp="created_at")


def teams_proposed(rows: QuerySet[Any], s: Slice) -> Values:
    """Joint teams proposed, whatever became of them (formed, not formed or still waiting), by the city of
    the lead organisation; beside rnd.teams it shows how many proposals became teams."""
    rows = rows.filter(_shown_org(s, "lead"))
    if s.alliance_id is not None:
        rows = rows.filter(alliance_id=s.alliance_id)
    return ind.count_by_city(rows, "lead__city_id", s, stamp="proposed_at")


def outputs(rows: QuerySet[Any], s: Slice) -> Values:
    """Outputs (patents, papers, standards, products) of joint teams, by the city of the team's lead, as of
    the date. An output without a date counts from its team's formation (outputs are added to formed teams)."""
    rows = rows.filter(_shown_org(s, "team__lead"))
    if s.alliance_id is not None:
        rows = rows.filter(team__alliance_id=s.alliance_id)
    if s.end is not None:
        next_day = ind._day_start(s.end + datetime.timedelta(days=1))
        rows = rows.filter(Q(on__lte=s.end) | Q(on__isnull=True, team__formed_at__lt=next_day))
    return ind.by_city(rows, "team__lead__city_id", s)


def register_all() -> None:
    from corridor.rnd.models import JointTeam, Output, Overlap, RDDirection, RDProject

    for item in (
        Indicator(
            key="rnd.projects", model=RDProject, order=70, compute=projects,
            dimensions=frozenset({REGION, ALLIANCE, CHAIN, SEGMENT, PERIOD}),
            name=_("R&D projects"), unit=pgettext_lazy("unit", "projects"), source=_("R&D coordination"),
            definition=_("R&D projects registered by organisations of the city (by their address), as of the date; "
                         "with a chain or segment, those working on it; with an alliance, its members' projects."),
            link=lambda s, city: reverse("rnd:list"),
        ),
        Indicator(
            key="rnd.overlaps", model=Overlap, order=71, compute=overlaps, kind=FLOW,
            dimensions=frozenset({REGION, ALLIANCE, CHAIN, SEGMENT, PERIOD}),
            name=_("R&D overlaps found"), unit=pgettext_lazy("unit", "overlaps"), source=_("R&D coordination"),
            definition=_("Pairs of R&D projects of different organisations found to overlap or complement each "
                         "other during the period, in the city of each party."),
            link=lambda s, city: reverse("rnd:board"),
        ),
        Indicator(
            key="rnd.teams", model=JointTeam, order=73, compute=teams,
            dimensions=frozenset({REGION, ALLIANCE, PERIOD}),
            name=_("Joint R&D teams formed"), unit=pgettext_lazy("unit", "teams"), source=_("R&D coordination"),
            definition=_("Joint R&D teams formed (every invited organisation accepted), by the city of the lead "
                         "organisation, as of the date."),
            link=lambda s, city: reverse("rnd:teams"),
        ),
        Indicator(
            key="rnd.directions", model=RDDirection, order=69, compute=directions,
            dimensions=frozenset({REGION, ALLIANCE, CHAIN, SEGMENT, PERIOD}),
            name=_("R&D directions"), unit=pgettext_lazy("unit", "directions"), source=_("R&D coordination"),
            definition=_("Standing R&D directions (themes) registered by organisations of the city (by their "
                         "address), as of the date; with a chain or segment, those with a project working on it; "
                         "with an alliance, its members' directions."),
            link=lambda s, city: reverse("rnd:list"),
        ),
        Indicator(
            key="rnd.teams_proposed", model=JointTeam, order=72, compute=teams_proposed,
            dimensions=frozenset({REGION, ALLIANCE, PERIOD}),
            name=_("Joint R&D teams proposed"), unit=pgettext_lazy("unit", "teams"), source=_("R&D coordination"),
            definition=_("Joint R&D teams proposed, whether formed since, not formed or still waiting for "
                         "answers, by the city of the lead organisation, as of the date."),
            link=lambda s, city: reverse("rnd:teams"),
        ),
        Indicator(
            key="rnd.outputs", model=Output, order=74, compute=outputs,
            dimensions=frozenset({REGION, ALLIANCE, PERIOD}),
            name=_("Joint R&D team outputs"), unit=pgettext_lazy("unit", "outputs"), source=_("R&D coordination"),
            definition=_("Patents, papers, standards and products recorded by joint R&D teams, by the city of "
                         "the lead organisation, as of the date (an undated output from the team's formation)."),
            link=lambda s, city: reverse("rnd:teams"),
        ),
    ):
        ind.register(item)
