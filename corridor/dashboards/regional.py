"""Helpers for the indicators of the areas that keep a region (a city or a district inside it) rather than
an organisation's denormalised city: events, investment projects, policies, requests, targets.

A row counts for a corridor city when its region is the city itself or a district of it (a municipality's
district standing as a city, such as Songjiang, is its own city). One grouped query per figure, plus one
for the regions inside the slice's cities.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet

from corridor.core import indicators as ind
from corridor.core.indicators import Slice, Values


def city_of(s: Slice) -> dict[int, int]:
    """Every region id inside the slice's cities (the city itself and its districts) → the city's id."""
    from corridor.regions.models import Region

    found = {c: c for c in s.cities}
    for pk, parent in Region.objects.filter(parent_id__in=s.cities).values_list("pk", "parent_id"):
        found.setdefault(pk, parent)
    return found


def by_region(qs: QuerySet[Any], region_field: str, s: Slice, *, value: Any = None) -> Values:
    """COUNT(*) (or the aggregate `value`) of `qs` per corridor city, by the region at `region_field` (an id
    column) rolled up to its city; TOTAL is the sum over the slice's cities."""
    inside = city_of(s)
    rows = (qs.filter(**{f"{region_field}__in": list(inside)}).order_by().values(region_field)
            .annotate(v=value if value is not None else Count("pk")))
    out: Values = {}
    for r in rows:
        city = inside[r[region_field]]
        out[city] = out.get(city, 0.0) + ind._number(r["v"])
    out[ind.TOTAL] = sum(out.values())
    return out


def count_by_region(qs: QuerySet[Any], region_field: str, s: Slice, *, stamp: str | None = None,
                    kind: str = ind.STOCK, value: Any = None) -> Values:
    return by_region(ind.in_period(qs, s, stamp, kind), region_field, s, value=value)


def ratio(part: Values, whole: Values, cities: Iterable[int], *, percent: bool = True) -> Values:
    """part / whole per city and for the total (0 where the whole is 0), as a percentage by default."""
    scale = 100.0 if percent else 1.0
    out: Values = {}
    for key in (*cities, ind.TOTAL):
        w = whole.get(key, 0.0)
        out[key] = round(scale * part.get(key, 0.0) / w, 1) if w else 0.0
    return out
