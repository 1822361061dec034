"""Chain analytics on plain data: region × segment matrix, location quotients, strong links, gaps
and local sourcing rates. No Django: counts come in as dicts, results go out as dataclasses, and every
number can be checked by hand on a small case (see tests/test_analytics.py).

Definitions (per chain, over the regions given — the corridor's member cities, or one city's districts):

- n(r, s): organisations in region r tagged to segment s; T(r): organisations in r (all industries:
  the base a location quotient needs), T = Σ T(r); N(s) = Σ_r n(r, s).
- LQ(r, s) = (n(r, s) / T(r)) / (N(s) / T); undefined (None) when T(r) = 0 or N(s) = 0.
- Strong link (the US Cluster Mapping rule, per chain segment): n(r, s) > 0, LQ ≥ 1, the region is in
  the top quarter of regions by LQ (fewer than q regions have a higher LQ, q = ⌈k/4⌉ for k regions),
  and n(r, s) is above the bottom quarter (greater than the q-th smallest count).
- Level: strong; weak when n = 0 ("absent") or LQ < 0.5; otherwise present.
- Edge weight: the edge's share of the target's input cost; an edge without a share gets an equal part
  of what the target's stated shares leave (1 − Σ stated) / (edges without a share).
- Gap of region r: a segment absent or weak in r that supplies a segment strong in r. Its score is
  the sum of the weights of those edges; where to find it: the other regions where it is strong
  (by LQ), else those where it is present (by count).
- Local sourcing rate of r: over the edges whose target is found in r (n > 0), the weighted share whose
  source is present or strong in r (a weak source, a token presence with LQ < 0.5, does not supply a
  city: counting it made every city of a broad population read 100 %); the corridor rate counts a
  source present or strong in any of the regions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

WEAK_LQ = 0.5

STRONG, PRESENT, WEAK, ABSENT = "strong", "present", "weak", "absent"


@dataclass(frozen=True)
class Cell:
    orgs: int = 0
    heads: int = 0


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    share: float | None = None


@dataclass
class Matrix:
    regions: list[str]
    segments: list[str]
    cells: dict[tuple[str, str], Cell]
    region_totals: dict[str, int]

    def cell(self, region: str, segment: str) -> Cell:
        return self.cells.get((region, segment), Cell())

    def segment_total(self, segment: str) -> int:
        return sum(self.cell(r, segment).orgs for r in self.regions)

    def region_chain_total(self, region: str) -> int:
        return sum(self.cell(region, s).orgs for s in self.segments)

    @property
    def total(self) -> int:
        return sum(self.region_totals.get(r, 0) for r in self.regions)


def build_matrix(
    regions: Sequence[str], segments: Sequence[str], counts: Mapping[tuple[str, str], Cell | tuple[int, int]],
    region_totals: Mapping[str, int] | None = None,
) -> Matrix:
    """The matrix over the given regions and segments; counts outside them are ignored.

    Without region totals, each region's organisations on the chain stand in for them.
    """
    wanted_r, wanted_s = set(regions), set(segments)
    cells: dict[tuple[str, str], Cell] = {}
    for (r, s), value in counts.items():
        if r in wanted_r and s in wanted_s:
            cells[(r, s)] = value if isinstance(value, Cell) else Cell(*value)
    matrix = Matrix(list(regions), list(segments), cells, {})
    if region_totals is None:
        matrix.region_totals = {r: matrix.region_chain_total(r) for r in regions}
    else:
        matrix.region_totals = {r: int(region_totals.get(r, 0)) for r in regions}
    return matrix


def location_quotients(matrix: Matrix) -> dict[tuple[str, str], float | None]:
    total = matrix.total
    out: dict[tuple[str, str], float | None] = {}
    for s in matrix.segments:
        n_s = matrix.segment_total(s)
        for r in matrix.regions:
            t_r = matrix.region_totals.get(r, 0)
            if t_r == 0 or n_s == 0 or total == 0:
                out[(r, s)] = None
            else:
                out[(r, s)] = (matrix.cell(r, s).orgs / t_r) / (n_s / total)
    return out


def quarter(k: int) -> int:
    """How many of k regions make a quarter (at least one)."""
    return max(1, math.ceil(k / 4))


def levels(matrix: Matrix, lq: Mapping[tuple[str, str], float | None] | None = None) -> dict[tuple[str, str], str]:
    """strong / present / weak / absent for every region × segment."""
    lq = location_quotients(matrix) if lq is None else lq
    q = quarter(len(matrix.regions))
    out: dict[tuple[str, str], str] = {}
    for s in matrix.segments:
        values = [lq[(r, s)] or 0.0 for r in matrix.regions]
        counts = sorted(matrix.cell(r, s).orgs for r in matrix.regions)
        count_floor = counts[q - 1] if counts else 0
        for r in matrix.regions:
            n = matrix.cell(r, s).orgs
            value = lq[(r, s)]
            if n == 0:
                out[(r, s)] = ABSENT
                continue
            higher = sum(1 for v in values if v > (value or 0.0))
            if value is not None and value >= 1 and higher < q and n > count_floor:
                out[(r, s)] = STRONG
            elif value is None or value < WEAK_LQ:
                out[(r, s)] = WEAK
            else:
                out[(r, s)] = PRESENT
    return out


def edge_weights(edges: Iterable[Edge]) -> dict[tuple[str, str], float]:
    edges = list(edges)
    stated: dict[str, float] = {}
    unstated: dict[str, int] = {}
    for e in edges:
        if e.share is None:
            unstated[e.target] = unstated.get(e.target, 0) + 1
        else:
            stated[e.target] = stated.get(e.target, 0.0) + e.share
    out = {}
    for e in edges:
        if e.share is not None:
            out[(e.source, e.target)] = e.share
        else:
            out[(e.source, e.target)] = max(0.0, 1.0 - stated.get(e.target, 0.0)) / unstated[e.target]
    return out


@dataclass
class Supplier:
    region: str
    orgs: int
    lq: float | None
    strong: bool
    leaders: list[Any] = field(default_factory=list)


@dataclass
class Gap:
    segment: str
    level: str
    score: float
    feeds: list[str]  # the strong local segments it supplies
    suppliers: list[Supplier]


def gaps(matrix: Matrix, edges: Iterable[Edge], region: str, *, max_suppliers: int = 3) -> list[Gap]:
    """The region's gaps, highest score first (then in the chain's segment order)."""
    lq = location_quotients(matrix)
    level = levels(matrix, lq)
    weights = edge_weights(edges)
    order = {s: i for i, s in enumerate(matrix.segments)}
    found: dict[str, Gap] = {}
    for (source, target), weight in weights.items():
        if source not in order or target not in order:
            continue
        if level[(region, target)] != STRONG or level[(region, source)] not in (ABSENT, WEAK):
            continue
        gap = found.get(source)
        if gap is None:
            gap = found[source] = Gap(source, level[(region, source)], 0.0, [], [])
        gap.score += weight
        gap.feeds.append(target)
    for gap in found.values():
        s = gap.segment
        others = [r for r in matrix.regions if r != region]
        strong = sorted(
            (r for r in others if level[(r, s)] == STRONG), key=lambda r: (-(lq[(r, s)] or 0.0), r)
        )
        present = sorted(
            (r for r in others if matrix.cell(r, s).orgs > 0 and level[(r, s)] != STRONG),
            key=lambda r: (-matrix.cell(r, s).orgs, r),
        )
        chosen = (strong or present)[:max_suppliers]
        gap.suppliers = [Supplier(r, matrix.cell(r, s).orgs, lq[(r, s)], level[(r, s)] == STRONG) for r in chosen]
        gap.score = round(gap.score, 6)
        gap.feeds.sort(key=order.__getitem__)
    return sorted(found.values(), key=lambda g: (-g.score, order[g.segment]))


@dataclass
class Sourcing:
    region: str
    local: float | None
    corridor: float | None


def sourcing_rates(matrix: Matrix, edges: Iterable[Edge]) -> dict[str, Sourcing]:
    """Per region: the weighted share of its present segments' inputs found locally, and in the corridor."""
    weights = edge_weights(edges)
    segments = set(matrix.segments)
    level = levels(matrix)
    supplies = {(r, s) for (r, s), lv in level.items() if lv in (STRONG, PRESENT)}
    anywhere = {s for _r, s in supplies}
    out: dict[str, Sourcing] = {}
    for r in matrix.regions:
        here = {s for s in matrix.segments if matrix.cell(r, s).orgs > 0}
        demand = local = corridor = 0.0
        for (source, target), w in weights.items():
            if target not in here or source not in segments:
                continue
            demand += w
            local += w if (r, source) in supplies else 0.0
            corridor += w if source in anywhere else 0.0
        out[r] = Sourcing(r, local / demand if demand else None, corridor / demand if demand else None)
    return out


def as_dict(obj: Any) -> Any:
    """Dataclasses as JSON-ready data."""
    return asdict(obj)
