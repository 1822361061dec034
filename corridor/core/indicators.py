"""The indicator registry: every figure a dashboard or report shows, declared once by the app that owns
the rows it counts.

An app declares its indicators in its `AppConfig.ready()`:

    from corridor.core import indicators

    indicators.register(indicators.Indicator(
        key="equipment.instruments", model=Instrument,
        name=_("Shared instruments"), unit=_("instruments"),
        definition=_("Active instruments in the catalogue, by the city where they stand."),
        source=_("Shared equipment"), dimensions={"region", "period"},
        compute=lambda rows, s: indicators.count_by_city(rows.filter(active=True), "city", s, stamp="created_at"),
        link=lambda s, city: "/equipment/",
    ))

The access rule is the registry's, not the indicator's: `compute(rows, slice)` receives
`model.objects.restrict(viewer)` (the rows the viewer may see, by the model's own rule) and must count
only those, so an aggregate never carries a hidden row (an unlisted organisation, a secretariat-only
listing, someone else's booking). Joins to other models go through their `restrict` too (the helpers
below take a viewer's rows, never a bare manager). `corridor/dashboards/tests/test_leaks.py` adds
hidden rows and checks that every registered indicator still gives the visitor the same values.

A slice (`Slice`) says what to compute: the cities to break down by (a value per city id; the total
under `TOTAL`), and optionally one alliance, chain, segment, and a period (`start`..`end`, dates).
An indicator lists the dimensions it understands; asked for one it does not, it answers `None`
("not broken down that way") rather than a wrong number. `kind` says how the period applies: a
`stock` is counted as of `end` (rows stamped on or before it), a `flow` within `start`..`end`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, Q, QuerySet, Sum

from corridor.core import access
from corridor.core.access import Actor

REGION, CHAIN, SEGMENT, ALLIANCE, PERIOD = "region", "chain", "segment", "alliance", "period"
DIMENSIONS = (REGION, CHAIN, SEGMENT, ALLIANCE, PERIOD)
STOCK, FLOW = "stock", "flow"
TOTAL = 0  # the key of the total over the slice's cities in a compute result (region ids are never 0)

Values = dict[int, float]


@dataclass(frozen=True)
class Slice:
    viewer: Actor
    cities: tuple[int, ...] = ()
    alliance_id: int | None = None
    chain_id: int | None = None
    segment_id: int | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None

    def asks(self) -> set[str]:
        """The dimensions this slice narrows by (region is always the breakdown)."""
        asked = {REGION}
        if self.alliance_id is not None:
            asked.add(ALLIANCE)
        if self.chain_id is not None:
            asked.add(CHAIN)
        if self.segment_id is not None:
            asked.add(SEGMENT)
        if self.start is not None or self.end is not None:
            asked.add(PERIOD)
        return asked

    def replace(self, **changes: Any) -> Slice:
        from dataclasses import replace

        return replace(self, **changes)


@dataclass(frozen=True)
class Indicator:
    key: str  # "<app>.<name>", stable: snapshots, the API and reports use it
    model: type[models.Model]  # the rows counted; compute gets model.objects.restrict(viewer)
    name: Any  # lazy translated strings (gettext_lazy), so each is shown in the reader's language
    unit: Any
    definition: Any
    source: Any  # where the rows come from, in words (the app's list)
    compute: Callable[[QuerySet[Any], Slice], Values]
    dimensions: frozenset[str] = frozenset({REGION})
    kind: str = STOCK
    decimals: int = 0
    # The list behind the figure (None: no page); the second argument is the city's GB/T 2260 code, or
    # None for the whole slice.
    link: Callable[[Slice, str | None], str | None] | None = None
    # Who is shown the figure at all (e.g. voucher flows: those who hold or manage vouchers).
    audience: Callable[[Actor], bool] | None = None
    order: int = 100

    @property
    def app(self) -> str:
        return self.key.split(".", 1)[0]

    def shown_to(self, viewer: Actor) -> bool:
        return self.audience is None or self.audience(viewer)

    def supports(self, s: Slice) -> bool:
        return s.asks() <= set(self.dimensions)

    def rows(self, viewer: Actor) -> QuerySet[Any]:
        qs = self.model._default_manager.all()
        if not isinstance(qs, access.RestrictedQuerySet):
            raise TypeError(f"indicator {self.key}: {self.model.__name__} has no access rule to count through")
        return qs.restrict(viewer)

    def values(self, s: Slice) -> Values | None:
        """Values per city id (and TOTAL) over what `s.viewer` may see; None if the slice asks for a
        dimension this indicator does not have, or the viewer is not its audience."""
        if not self.supports(s) or not self.shown_to(s.viewer):
            return None
        found = self.compute(self.rows(s.viewer), s)
        out = {city: _number(found.get(city, 0)) for city in s.cities}
        out[TOTAL] = _number(found[TOTAL]) if TOTAL in found else sum(out[c] for c in s.cities)
        return out


_registry: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    unknown = set(indicator.dimensions) - set(DIMENSIONS)
    if unknown:
        raise ValueError(f"indicator {indicator.key}: unknown dimensions {sorted(unknown)}")
    if indicator.kind not in (STOCK, FLOW):
        raise ValueError(f"indicator {indicator.key}: kind must be stock or flow")
    _registry[indicator.key] = indicator
    return indicator


def get(key: str) -> Indicator | None:
    return _registry.get(key)


def all_indicators() -> list[Indicator]:
    return sorted(_registry.values(), key=lambda i: (i.order, i.key))


def for_slice(s: Slice) -> list[Indicator]:
    return [i for i in all_indicators() if i.supports(s) and i.shown_to(s.viewer)]


# ---- helpers for compute functions ---------------------------------------------------------------


def _number(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, Decimal):
        return float(value)
    return float(value)


def in_period(qs: QuerySet[Any], s: Slice, stamp: str | None, kind: str = STOCK) -> QuerySet[Any]:
    """Rows of a stock stamped on or before `s.end`; of a flow, within `s.start`..`s.end` (dates, inclusive).
    A datetime stamp is compared with the day's bounds in the site's time zone (an index range, no function
    per row)."""
    if stamp is None:
        return qs
    dated = _is_datetime(qs, stamp)
    bound: dict[str, Any]
    if s.end is not None:
        bound = {f"{stamp}__lt": _day_start(s.end + datetime.timedelta(days=1))} if dated else {f"{stamp}__lte": s.end}
        qs = qs.filter(**bound)
    if kind == FLOW and s.start is not None:
        bound = {f"{stamp}__gte": _day_start(s.start) if dated else s.start}
        qs = qs.filter(**bound)
    return qs


def _day_start(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _is_datetime(qs: QuerySet[Any], path: str) -> bool:
    model: Any = qs.model
    parts = path.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return isinstance(model._meta.get_field(parts[-1]), models.DateTimeField)


def by_city(qs: QuerySet[Any], city_field: str, s: Slice, *, value: Any = None) -> Values:
    """Group `qs` by `city_field` (a region id column) over the slice's cities: COUNT(*) or `value`
    (an aggregate such as Sum("amount")). TOTAL is the sum over the slice's cities."""
    rows = (
        qs.filter(**{f"{city_field}__in": list(s.cities)}).order_by().values(city_field)
        .annotate(v=value if value is not None else Count("pk"))
    )
    out: Values = {r[city_field]: _number(r["v"]) for r in rows}
    out[TOTAL] = sum(out.values())
    return out


def count_by_city(qs: QuerySet[Any], city_field: str, s: Slice, *, stamp: str | None = None,
                  kind: str = STOCK, value: Any = None) -> Values:
    return by_city(in_period(qs, s, stamp, kind), city_field, s, value=value)


def sum_of(field_name: str) -> Any:
    return Sum(field_name)


def ids_in(qs: QuerySet[Any], field_name: str = "pk") -> QuerySet[Any]:
    """A subquery of ids, for joining a viewer's rows of another model (`organisation__in=ids_in(orgs)`)."""
    return qs.values(field_name)


def merge(parts: Iterable[Values]) -> Values:
    out: Values = {}
    for part in parts:
        for k, v in part.items():
            out[k] = out.get(k, 0.0) + v
    return out


@dataclass
class Figure:
    """One indicator's values for one slice, with what a reader needs to trust it."""

    indicator: Indicator
    values: Values
    computed_at: datetime.datetime
    previous: Values | None = None  # the same slice a period earlier (the change)
    extra: dict[str, Any] = field(default_factory=dict)

    def value(self, city: int = TOTAL) -> float:
        return self.values.get(city, 0.0)

    def change(self, city: int = TOTAL) -> float | None:
        if self.previous is None:
            return None
        return self.values.get(city, 0.0) - self.previous.get(city, 0.0)


def compute(s: Slice, keys: Iterable[str] | None = None, *, previous_end: datetime.date | None = None) -> list[Figure]:
    """The figures of a slice, for the indicators named (default: all that support it), as `s.viewer` may see them."""
    from django.utils import timezone

    chosen = [get(k) for k in keys] if keys is not None else for_slice(s)
    figures = []
    for ind in chosen:
        if ind is None:
            continue
        values = ind.values(s)
        if values is None:
            continue
        previous = None
        if previous_end is not None and PERIOD in ind.dimensions and s.start is None:
            # A stock as it stood then; a flow counted up to then (so the change is the flow since).
            previous = ind.values(s.replace(end=previous_end))
        figures.append(Figure(ind, values, timezone.now(), previous))
    return figures


def visible_q(viewer: Actor, model: type[models.Model], path: str) -> Q:
    """`path__in` the viewer's rows of `model`: for counting one model through a relation to another."""
    qs: Any = model._default_manager.all()
    return Q(**{f"{path}__in": qs.restrict(viewer).values("pk")})
