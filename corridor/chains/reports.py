"""Read use cases: the region × segment map of a chain, location quotients, strong links, gaps and
sourcing rates as a given user may see them, plus the .xlsx export. Pages, API and CLI call these.

Only what the user may see is counted: publicly listed organisations for everyone, plus the unlisted
ones the user has a reason to see (their own, their alliance's members, their city's), exactly as
`Organisation.objects.restrict(user)` decides.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from corridor.accounts.scope import scope_of
from corridor.chains import analytics
from corridor.chains.models import Chain, Segment, SegmentCount, SegmentTag, SupplyEdge
from corridor.core.access import Actor
from corridor.core.spreadsheet import xlsx_row
from corridor.orgs.models import Organisation
from corridor.regions.models import Region
from corridor.regions.services import featured_corridor

LEADERS = 3


@dataclass
class ChainMap:
    chain: Chain
    segments: list[Segment]
    regions: list[Region]
    level: str  # "corridor" (rows are member cities) or "city" (rows are one city's districts)
    matrix: analytics.Matrix
    edges: list[analytics.Edge]
    lq: dict[tuple[str, str], float | None] = field(default_factory=dict)
    levels: dict[tuple[str, str], str] = field(default_factory=dict)

    def region(self, code: str) -> Region:
        return next(r for r in self.regions if r.code == code)

    def segment(self, key: str) -> Segment:
        return next(s for s in self.segments if s.key == key)


def corridor_cities() -> list[Region]:
    """The member cities of the featured corridor's current version (Songjiang counts as a city)."""
    corridor = featured_corridor()
    version = corridor.current_version() if corridor else None
    if version is None:
        return list(Region.objects.filter(pk__in=SegmentCount.objects.values("city_id")).order_by("code"))
    return list(version.regions.order_by("code"))


def counted_tags() -> QuerySet[SegmentTag]:
    return SegmentTag.objects.filter(role=SegmentTag.Role.PRODUCES).exclude(status=SegmentTag.Status.REJECTED)


def active_segments(chain: Chain) -> list[Segment]:
    return list(chain.segments.filter(active=True).select_related("parent").order_by("position", "id"))


def chain_edges(chain: Chain) -> list[analytics.Edge]:
    return [
        analytics.Edge(s, t, float(share) if share is not None else None)
        for s, t, share in SupplyEdge.objects.filter(chain=chain).order_by("id")
        .values_list("source__key", "target__key", "share")
    ]


def _stored_cells(user: Actor, chain: Chain, regions: list[Region], by: str) -> dict[tuple[str, str], list[int]]:
    """Producers per (region, segment) the user may see: stored counts of listed organisations (all, for
    admins), plus the unlisted ones this user may see, counted live (few). `by` is "city" for the
    corridor's cities or "region" for one city's districts."""
    scope = scope_of(user)
    code_of = {r.pk: r.code for r in regions}
    key_of = dict(chain.segments.values_list("pk", "key"))
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    stored = SegmentCount.objects.filter(segment__chain=chain, **{f"{by}_id__in": list(code_of)})
    if not scope.is_admin:
        stored = stored.filter(listed=True)
    rows = stored.order_by().values("segment_id", f"{by}_id").annotate(orgs=Sum("orgs"), heads=Sum("heads"))
    for row in rows:
        cell = cells[(code_of[row[f"{by}_id"]], key_of[row["segment_id"]])]
        cell[0] += row["orgs"]
        cell[1] += row["heads"]
    if not scope.is_admin and (scope.org_ids or scope.secretariat_alliance_ids or scope.officer_region_ids):
        # Not narrowed to the regions in SQL: with the privilege terms OR-ed, SQLite then reads each
        # term's index (a few thousand rows) instead of scanning the table; other regions are skipped below.
        unlisted = Organisation.objects.restrict(user, "view_private").filter(listed=False)
        extra = (
            counted_tags().filter(segment__chain=chain, organisation__in=unlisted)
            .values("segment_id", f"organisation__{by}_id")
            .annotate(orgs=Count("id"), heads=Count("id", filter=Q(organisation__is_head_enterprise=True)))
            .order_by()
        )
        for row in extra:
            if row[f"organisation__{by}_id"] not in code_of:
                continue
            cell = cells[(code_of[row[f"organisation__{by}_id"]], key_of[row["segment_id"]])]
            cell[0] += row["orgs"]
            cell[1] += row["heads"]
    return cells


TOTALS_SECONDS = 300
TOTALS_VERSION = "chains:totals:version"


def _count_by(qs: QuerySet[Organisation], by: str, code_of: dict[int, str], *, narrow: bool = True) -> dict[str, int]:
    if narrow:
        qs = qs.filter(**{f"{by}_id__in": list(code_of)})
    rows = qs.order_by().values(f"{by}_id").annotate(n=Count("id"))
    return {code_of[r[f"{by}_id"]]: r["n"] for r in rows if r[f"{by}_id"] in code_of}


def region_totals(user: Actor, regions: list[Region], by: str = "city") -> dict[str, int]:
    """Organisations (all industries) per region that the user may see: the base of the location quotient.

    Counting a million rows costs most of a map's time, so the listed (or, for admins, all)
    totals are cached for a few minutes; any organisation saved or deleted, or a new highest id, makes
    a new key. The unlisted organisations a user may additionally see are always counted live.
    """
    code_of = {r.pk: r.code for r in regions}
    scope = scope_of(user)
    everything = scope.is_admin
    newest = Organisation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    key = "chains:totals:{}:{}:{}:{}:{}".format(
        by, "all" if everything else "listed", cache.get(TOTALS_VERSION, 0), newest, ",".join(map(str, sorted(code_of)))
    )
    totals = cache.get(key)
    if totals is None:
        base = Organisation.objects.all() if everything else Organisation.objects.filter(listed=True)
        totals = _count_by(base, by, code_of)
        cache.set(key, totals, TOTALS_SECONDS)
    if not everything and (scope.org_ids or scope.secretariat_alliance_ids or scope.officer_region_ids):
        # Not narrowed in SQL, for the same reason as in _stored_cells.
        extra = _count_by(Organisation.objects.restrict(user, "view_private").filter(listed=False), by, code_of,
                          narrow=False)
        totals = {code: totals.get(code, 0) + extra.get(code, 0) for code in set(totals) | set(extra)}
    return dict(totals)


def forget_totals() -> None:
    """Called when an organisation is saved or deleted: the cached totals may be wrong now."""
    try:
        cache.incr(TOTALS_VERSION)
    except ValueError:
        cache.set(TOTALS_VERSION, 1, None)


def districts_of(city: Region) -> list[Region]:
    children = list(city.children.order_by("code"))
    return children or [city]


def chain_map(user: Actor, chain: Chain, city: Region | None = None) -> ChainMap:
    """The chain over the corridor's cities, or over one city's districts."""
    segments = active_segments(chain)
    if city is None:
        regions, by, level = corridor_cities(), "city", "corridor"
    else:
        regions, by, level = districts_of(city), "region", "city"
    cells = _stored_cells(user, chain, regions, by)
    totals = region_totals(user, regions, by)
    matrix = analytics.build_matrix(
        [r.code for r in regions], [s.key for s in segments],
        {k: analytics.Cell(v[0], v[1]) for k, v in cells.items()}, totals,
    )
    result = ChainMap(chain, segments, regions, level, matrix, chain_edges(chain))
    result.lq = analytics.location_quotients(matrix)
    result.levels = analytics.levels(matrix, result.lq)
    return result


def segment_organisations(user: Actor, segment: Segment, city: Region | None = None) -> QuerySet[Organisation]:
    """The organisations on a segment that the user may see, head enterprises first."""
    qs = Organisation.objects.restrict(user).filter(
        pk__in=counted_tags().filter(segment=segment).values("organisation_id")
    )
    if city is not None:
        qs = qs.filter(city=city)
    return qs.select_related("city").order_by("-is_head_enterprise", "name_zh", "id")


def gaps_for(user: Actor, chain: Chain, city: Region, cmap: ChainMap | None = None) -> list[analytics.Gap]:
    """The city's gaps on the chain with the corridor cities that have them and their leading organisations."""
    cmap = cmap or chain_map(user, chain)
    if city.code not in cmap.matrix.regions:
        return []
    found = analytics.gaps(cmap.matrix, cmap.edges, city.code)
    for gap in found:
        segment = cmap.segment(gap.segment)
        for supplier in gap.suppliers:
            orgs = segment_organisations(user, segment, cmap.region(supplier.region))[:LEADERS]
            supplier.leaders = [{"id": o.pk, "name": o.name, "head": o.is_head_enterprise} for o in orgs]
    return found


def strong_links(cmap: ChainMap, region_code: str) -> list[Segment]:
    return [s for s in cmap.segments if cmap.levels.get((region_code, s.key)) == analytics.STRONG]


# -- plain data for the API, CLI and export -------------------------------------------------------


def matrix_rows(cmap: ChainMap) -> list[dict[str, Any]]:
    out = []
    for r in cmap.regions:
        for s in cmap.segments:
            cell = cmap.matrix.cell(r.code, s.key)
            lq = cmap.lq.get((r.code, s.key))
            out.append({
                "region": r.code, "region_name": r.name, "segment": s.key, "segment_name": s.name, "stage": s.stage,
                "orgs": cell.orgs, "heads": cell.heads, "lq": round(lq, 3) if lq is not None else None,
                "level": cmap.levels.get((r.code, s.key), analytics.ABSENT),
            })
    return out


def gap_rows(cmap: ChainMap, gaps: list[analytics.Gap]) -> list[dict[str, Any]]:
    return [
        {
            "segment": g.segment, "segment_name": cmap.segment(g.segment).name, "level": g.level, "score": g.score,
            "feeds": [{"segment": t, "segment_name": cmap.segment(t).name} for t in g.feeds],
            "suppliers": [
                {"region": s.region, "region_name": cmap.region(s.region).name, "orgs": s.orgs,
                 "lq": round(s.lq, 3) if s.lq is not None else None, "strong": s.strong, "leaders": s.leaders}
                for s in g.suppliers
            ],
        }
        for g in gaps
    ]


def sourcing_rows(cmap: ChainMap) -> list[dict[str, Any]]:
    rates = analytics.sourcing_rates(cmap.matrix, cmap.edges)
    return [
        {"region": r.code, "region_name": r.name, "local": _rounded(rates[r.code].local),
         "corridor": _rounded(rates[r.code].corridor)}
        for r in cmap.regions
    ]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def export_xlsx(user: Actor, chain: Chain) -> bytes:
    """The chain map as a workbook: matrix, location quotients, sourcing rates and each city's gaps."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    cmap = chain_map(user, chain)
    book = Workbook()
    bold = Font(bold=True)
    labels = [f"{s.name} ({s.get_stage_display()})" for s in cmap.segments]

    def grid(sheet: Any, value: Any) -> None:
        sheet.append(xlsx_row(sheet, [_("City"), *labels]))
        for r in cmap.regions:
            sheet.append(xlsx_row(sheet, [r.name, *(value(r.code, s.key) for s in cmap.segments)]))
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "B2"

    orgs_sheet = book.active
    orgs_sheet.title = _("Organisations")
    grid(orgs_sheet, lambda r, s: cmap.matrix.cell(r, s).orgs)
    grid(book.create_sheet(_("Head enterprises")), lambda r, s: cmap.matrix.cell(r, s).heads)
    grid(book.create_sheet(_("Location quotients")),
         lambda r, s: round(v, 3) if (v := cmap.lq.get((r, s))) is not None else None)
    sourcing = book.create_sheet(_("Local sourcing"))
    sourcing.append(xlsx_row(sourcing, [_("City"), _("Local sourcing rate"), _("Corridor sourcing rate")]))
    for row in sourcing_rows(cmap):
        sourcing.append(xlsx_row(sourcing, [row["region_name"], row["local"], row["corridor"]]))
    gaps_sheet = book.create_sheet(_("Gaps"))
    gaps_sheet.append(xlsx_row(gaps_sheet, [_("City"), _("Segment"), _("Presence"), _("Score"), _("Supplies"),
                                            _("Where to find it"), _("Leading organisations")]))
    for r in cmap.regions:
        for g in gap_rows(cmap, gaps_for(user, chain, r, cmap)):
            gaps_sheet.append(xlsx_row(gaps_sheet, [
                r.name, g["segment_name"], g["level"], g["score"], "、".join(f["segment_name"] for f in g["feeds"]),
                "、".join(s["region_name"] for s in g["suppliers"]),
                "、".join(leader["name"] for s in g["suppliers"] for leader in s["leaders"]),
            ]))
    for sheet in (sourcing, gaps_sheet):
        for cell in sheet[1]:
            cell.font = bold
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
