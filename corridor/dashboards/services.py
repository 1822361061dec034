"""Read use cases of the dashboards: the figures of a city, the corridor, an alliance or a chain, the
comparison of cities, trends and the composite index, each as the viewer may see it.

Every number comes from `core.indicators` (each indicator counts only the viewer's rows); nothing here
reads a model's rows except through an indicator, the snapshots' own rule, and the names of regions,
alliances and chains (public).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.core import access
from corridor.core import indicators as ind
from corridor.core.access import Actor
from corridor.core.indicators import TOTAL, Figure, Indicator, Slice
from corridor.regions.models import Region

CHANGE_DAYS = 30
TREND_MONTHS = 12


def corridor_cities() -> list[Region]:
    """The member cities of the featured corridor's current version, in code order."""
    from corridor.chains.reports import corridor_cities as cities

    return cities()


def city_of(code: str) -> Region | None:
    return next((c for c in corridor_cities() if c.code == code), None)


def home_city(user: Actor) -> Region | None:
    """An officer's city among the corridor's (the prefecture of their region), else None."""
    cities = corridor_cities()
    ids = access.officer_region_ids(user)
    if not ids:
        return None
    by_id = {c.pk: c for c in cities}
    for region in Region.objects.filter(pk__in=ids).select_related("parent"):
        node: Region | None = region
        while node is not None:
            if node.pk in by_id:
                return by_id[node.pk]
            node = node.parent
        # An officer of a province: the first of its cities.
        for c in cities:
            if c.parent_id == region.pk:
                return c
    return None


def dimension_labels() -> dict[str, Any]:
    from django.utils.translation import gettext_lazy

    return {ind.REGION: gettext_lazy("city"), ind.CHAIN: gettext_lazy("chain"), ind.SEGMENT: gettext_lazy("segment"),
            ind.ALLIANCE: gettext_lazy("alliance"), ind.PERIOD: gettext_lazy("period")}


def fmt(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{decimals}f}"


@dataclass
class Row:
    """One figure on a page: what it is, its value, change, rank among the cities, and the list behind it."""

    key: str
    name: str
    unit: str
    definition: str
    source: str
    value: float
    text: str
    change: float | None
    change_text: str
    link: str | None
    rank: int | None = None
    of: int = 0
    corridor_total: float | None = None
    values: dict[int, float] = field(default_factory=dict)
    decimals: int = 0


def _row(fig: Figure, s: Slice, city: Region | None) -> Row:
    i = fig.indicator
    key = city.pk if city is not None else TOTAL
    value = fig.value(key)
    change = fig.change(key)
    rank = None
    if city is not None:
        ordered = sorted((fig.values.get(c, 0.0) for c in s.cities), reverse=True)
        rank = ordered.index(value) + 1 if value in ordered else None
    return Row(
        key=i.key, name=str(i.name), unit=str(i.unit), definition=str(i.definition), source=str(i.source),
        value=value, text=fmt(value, i.decimals), change=change,
        change_text="" if change is None else ("+" if change > 0 else "") + fmt(change, i.decimals),
        link=i.link(s, city.code if city is not None else None) if i.link else None,
        rank=rank, of=len(s.cities), corridor_total=fig.value(TOTAL),
        values={c: fig.values.get(c, 0.0) for c in s.cities}, decimals=i.decimals,
    )


@dataclass
class Board:
    """What a dashboard page shows."""

    title: str
    rows: list[Row]
    cities: list[Region]
    computed_at: datetime.datetime
    city: Region | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    @property
    def table(self) -> list[tuple[Region, list[str]]]:
        """Each city with its value of every figure, formatted (the page's table)."""
        return [(c, [fmt(r.values.get(c.pk, 0.0), r.decimals) for r in self.rows]) for c in self.cities]


def _slice(user: Actor, cities: list[Region], **dims: Any) -> Slice:
    return Slice(viewer=user, cities=tuple(c.pk for c in cities), **dims)


def board(user: Actor, *, city: Region | None = None, alliance_id: int | None = None, chain_id: int | None = None,
          keys: list[str] | None = None, title: str = "", start: datetime.date | None = None,
          end: datetime.date | None = None) -> Board:
    """`start`/`end`: a period (flows within it, stocks at its end; figures without a period left out)."""
    cities = corridor_cities()
    s = _slice(user, cities, alliance_id=alliance_id, chain_id=chain_id, start=start, end=end)
    previous = timezone.localdate() - datetime.timedelta(days=CHANGE_DAYS)
    figures = cached_figures(s, keys, previous)
    rows = [_row(f, s, city) for f in figures]
    return Board(title=title, rows=rows, cities=cities, computed_at=timezone.now(), city=city)


def city_board(user: Actor, city: Region) -> Board:
    result = board(user, city=city, title=city.name)
    result.extra["chains"] = cached(user, f"chains:{city.pk}", lambda: city_chains(user, city), language=True)
    return result


# ---- the warm path: figures kept for a short while per set of role grants ---------------------------

CACHE_SECONDS = 60
VERSION_KEY = "dashboards:version"


def forget() -> None:
    """Drop every kept figure (called on the kernel's change events: organisations changed or deleted, a
    workflow transition applied). Writes without an event are seen within CACHE_SECONDS."""
    from django.core.cache import cache

    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _grants(user: Actor) -> str:
    """Who sees what: users with the same role grants see the same rows (no rule reads anything else)."""
    scope = access.roles(user)
    if scope.is_admin:
        return "admin"
    parts = (sorted(scope.org_ids), sorted(scope.secretariat_alliance_ids), sorted(scope.officer_region_ids))
    return "visitor" if not any(parts) else "o{}s{}r{}".format(*(",".join(map(str, p)) for p in parts))


def cached(user: Actor, name: str, compute: Any, *, language: bool = False) -> Any:
    from django.core.cache import cache
    from django.utils import translation

    version = cache.get(VERSION_KEY, 0)
    key = f"dashboards:{version}:{_grants(user)}:{name}"
    if language:
        key += f":{translation.get_language()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def cached_figures(s: Slice, keys: list[str] | None, previous: datetime.date) -> list[Figure]:
    """`ind.compute` for the slice, kept as plain numbers (so in any language) for CACHE_SECONDS."""
    def compute() -> list[tuple[str, dict[int, float], dict[int, float] | None]]:
        return [(f.indicator.key, f.values, f.previous) for f in ind.compute(s, keys, previous_end=previous)]

    name = "figures:{}:{}:{}:{}:{}:{}:{}:{}".format(",".join(map(str, s.cities)), s.alliance_id, s.chain_id,
                                                   s.segment_id, ",".join(keys or ()), previous.isoformat(), s.start,
                                                   s.end)
    raw = cached(s.viewer, name, compute)
    now = timezone.now()
    out = []
    for key, values, prev in raw:
        found = ind.get(key)
        if found is not None:
            out.append(Figure(found, values, now, prev))
    return out


def city_chains(user: Actor, city: Region) -> list[dict[str, Any]]:
    """The city's chains: strong links and gaps per chain, as the viewer may see them."""
    from corridor.chains import analytics
    from corridor.chains.models import Chain
    from corridor.chains.reports import chain_map, strong_links

    out = []
    for chain in Chain.objects.order_by("slug"):
        cmap = cached(user, f"chainmap:{chain.pk}", lambda chain=chain: chain_map(user, chain))
        if city.code not in cmap.matrix.regions:
            continue
        strong = strong_links(cmap, city.code)
        gaps = analytics.gaps(cmap.matrix, cmap.edges, city.code)
        covered = sum(1 for seg in cmap.segments if cmap.matrix.cell(city.code, seg.key).orgs)
        out.append({
            "chain": chain, "covered": covered, "segments": len(cmap.segments),
            "strong": [s.name for s in strong], "gaps": [cmap.segment(g.segment).name for g in gaps[:5]],
        })
    return out


def parse_keys(raw: list[str] | str | None) -> list[str]:
    """Indicator keys from a query (`?i=a&i=b` or `a,b`); an unknown key is refused by name."""
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    keys = [k.strip() for item in items for k in item.split(",") if k.strip()]
    unknown = [k for k in keys if ind.get(k) is None]
    if unknown:
        raise ValidationError({"indicator": _("Unknown indicator: %(keys)s") % {"keys": ", ".join(unknown)}})
    return keys


def parse_cities(raw: list[str] | str | None) -> list[Region]:
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    codes = [c.strip() for item in items for c in item.split(",") if c.strip()]
    by_code = {c.code: c for c in corridor_cities()}
    unknown = [c for c in codes if c not in by_code]
    if unknown:
        raise ValidationError({"city": _("Not a city of the corridor: %(codes)s") % {"codes": ", ".join(unknown)}})
    return [by_code[c] for c in dict.fromkeys(codes)]


def comparison(board_: Board, cities: list[Region], keys: list[str]) -> dict[str, Any]:
    """Chosen cities side by side on chosen indicators (the board's values: as the viewer may see them)."""
    rows = [r for r in board_.rows if not keys or r.key in keys]
    return {
        "cities": cities,
        "rows": [
            {"key": r.key, "name": r.name, "unit": r.unit,
             "values": [fmt(r.values.get(c.pk, 0.0), r.decimals) for c in cities],
             "raw": [r.values.get(c.pk, 0.0) for c in cities]}
            for r in rows
        ],
    }


def map_data(user: Actor, board_: Board) -> dict[str, Any]:
    """What the map draws: each city's value of every indicator on the board (numbers already on the page)."""
    from corridor.core.views import MAP_FILES

    cities = board_.cities
    return {
        "files": sorted({MAP_FILES[c.code[:2]] for c in cities if c.code[:2] in MAP_FILES}),
        "cities": [{"code": c.code, "name": c.name_zh, "label": c.name} for c in cities],
        "center": _centre(cities),
        "indicators": [
            {"key": r.key, "name": r.name, "unit": r.unit, "values": {c.code: r.values.get(c.pk, 0.0) for c in cities}}
            for r in board_.rows
        ],
    }


def _centre(regions: list[Region]) -> list[float] | None:
    points = [(r.longitude, r.latitude) for r in regions if r.longitude is not None and r.latitude is not None]
    if not points:
        return None
    return [sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)]


# ---- the composite index ----------------------------------------------------------------------------

DEFAULT_WEIGHTS = {
    "orgs.organisations": 0.2, "orgs.head_enterprises": 0.2, "chains.segments_covered": 0.2,
    "matching.listings": 0.15, "equipment.instruments": 0.15, "alliances.members": 0.1,
}


def composite(board_: Board, weights: dict[str, float] | None = None) -> dict[str, Any]:
    """Each city's weighted score: every indicator scaled so that the corridor's average city is 100."""
    weights = weights or DEFAULT_WEIGHTS
    used = {k: w for k, w in weights.items() if board_.row(k) is not None}
    total_weight = sum(used.values()) or 1.0
    scores = {}
    for city in board_.cities:
        score = 0.0
        for key, weight in used.items():
            row = board_.row(key)
            assert row is not None
            mean = sum(row.values.values()) / max(len(row.values), 1)
            score += weight * (100.0 * row.values.get(city.pk, 0.0) / mean if mean else 0.0)
        scores[city.pk] = round(score / total_weight, 1)
    return {
        "weights": [{"key": k, "name": str(board_.row(k).name if board_.row(k) else k), "weight": w}  # type: ignore[union-attr]
                    for k, w in used.items()],
        "scores": scores,
        "rows": [(c, scores[c.pk]) for c in board_.cities],
    }


# ---- trends -----------------------------------------------------------------------------------------


def month_starts(months: int = TREND_MONTHS, today: datetime.date | None = None) -> list[datetime.date]:
    today = today or timezone.localdate()
    first = today.replace(day=1)
    out = []
    for back in range(months - 1, -1, -1):
        year, month = first.year, first.month - back
        while month <= 0:
            month += 12
            year -= 1
        out.append(datetime.date(year, month, 1))
    return out


def trend(user: Actor, indicator: Indicator, city: Region | None = None, *, alliance_id: int | None = None,
          chain_id: int | None = None, live: float | None = None) -> list[dict[str, Any]]:
    """Monthly values from the snapshots the viewer may read (public ones; all for admins), and this
    month's live value as the viewer sees it."""
    from corridor.dashboards.models import Snapshot

    audience = Snapshot.Audience.FULL if access.is_admin(user) else Snapshot.Audience.PUBLIC
    narrow: dict[str, Any] = {"city": city, "alliance_id": alliance_id, "chain_id": chain_id}
    rows = Snapshot.objects.restrict(user).filter(indicator=indicator.key, audience=audience, **narrow) \
        .order_by("period").values_list("period", "value")
    points = {p: v for p, v in rows}
    this_month = timezone.localdate().replace(day=1)
    if live is None:
        now = indicator.values(_slice(user, [city] if city else corridor_cities(), alliance_id=alliance_id,
                                      chain_id=chain_id))
        live = None if now is None else now[city.pk if city else TOTAL]
    if live is not None:
        points[this_month] = live
    return [{"period": p.strftime("%Y-%m"), "value": v} for p, v in sorted(points.items())]
