"""Clustering the compared pairs: strongest evidence first, into clusters that never hold two records
that cannot be one organisation (two credit codes, two cities, two kinds, two registered names that
differ); a record that fits two organisations equally well joins neither. Plain module, no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from corridor.resolution.names import ParsedName
from corridor.resolution.records import Evidence, Prepared, _compatible_concepts, _registered


@dataclass
class _Cluster:
    usccs: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    concepts: set[tuple[bool, frozenset[str]]] = field(default_factory=set)  # (latin?, concepts)
    zh_trades: set[tuple[str, str]] = field(default_factory=set)  # (trade, key)
    registered: set[tuple[str, frozenset[str]]] = field(default_factory=set)  # (script, concepts) of full names
    extras: set[tuple[str, frozenset[str]]] = field(default_factory=set)  # (script, unknown industry words)


class _UnionFind:
    def __init__(self, prepared: Sequence[Prepared]) -> None:
        self.parent = list(range(len(prepared)))
        self.state: dict[int, _Cluster] = {}
        self.prepared = prepared

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def _state(self, root: int) -> _Cluster:
        if root not in self.state:
            item = self.prepared[root]
            c = _Cluster()
            if item.uscc:
                c.usccs.add(item.uscc)
            for p in item.parses:
                place = p.place or item.address_place
                if place is not None:
                    if place.city:
                        c.cities.add(place.city)
                    if place.province:
                        c.provinces.add(place.province)
                if p.kind:
                    c.kinds.add(p.kind)
                if p.concepts:
                    c.concepts.add((p.script == "latin", p.concepts))
                if p.script == "zh" and (p.kind is not None or p.place is not None) and not _institution_short(p):
                    # A short name (九鼎新材, no place, no legal form) is drawn from the trade name and
                    # more: it is checked against the full name when compared, not held as a trade name.
                    c.zh_trades.add((p.trade, p.key))
                if _registered(p) and p.script not in ("alias", "part"):
                    c.registered.add((p.script, p.concepts))
                if p.extras and p.script not in ("alias", "part"):
                    c.extras.add((p.script, p.extras))
            self.state[root] = c
        return self.state[root]

    def union(self, i: int, j: int, decisive: bool = False) -> bool:
        """Merge two clusters unless that puts incompatible records together; a shared credit code decides alone."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self._state(ri), self._state(rj)
        if len(a.usccs | b.usccs) > 1 or (not decisive and _conflict(a, b)):
            return False
        merged = _Cluster(a.usccs | b.usccs, a.cities | b.cities, a.provinces | b.provinces, a.kinds | b.kinds,
                          a.concepts | b.concepts, a.zh_trades | b.zh_trades, a.registered | b.registered, a.extras | b.extras)
        if ri > rj:
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.state[ri] = merged
        self.state.pop(rj, None)
        return True


def _institution_short(p: ParsedName) -> bool:
    """上海交大, 杭电: an institution's abbreviation with its place holds no trade name of its own (交大 is
    drawn from 交通大学, it names no other institution)."""
    if p.kind in ("university", "institute") and len(p.exact) <= 3:
        return True  # 上理工: its kind word is part of the abbreviation
    return p.kind is None and 2 <= len(p.core) <= 4 and p.core[-1] in "大院所校"


def _conflict(a: _Cluster, b: _Cluster) -> bool:
    if len(a.usccs | b.usccs) > 1 or len(a.cities | b.cities) > 1 or len(a.provinces | b.provinces) > 1:
        return True
    if len(a.kinds | b.kinds) > 1:
        return True
    for x in a.concepts:
        for y in b.concepts:
            if not _compatible_concepts(x[1], y[1], x[0] != y[0]):
                return True
    for script_a, concepts_a in a.registered:
        for script_b, concepts_b in b.registered:
            if script_a == script_b and concepts_a != concepts_b:
                return True
    for script_a, words_a in a.extras:
        for script_b, words_b in b.extras:
            if script_a == script_b and not (words_a & words_b):
                return True
    for ta, ka in a.zh_trades:
        for tb, kb in b.zh_trades:
            if ta != tb and ka != kb:
                return True
    return False


MERGE_AT = 0.70
"""Evidence at or above this merges records (precision first: a typo between two pinyin names does not)."""
REVIEW_FROM = 0.55
"""Evidence from here up to MERGE_AT is not merged but offered for review (the duplicates page)."""


def cluster(prepared: Sequence[Prepared], pairs: Sequence[tuple[int, int, Evidence]], merge_at: float = MERGE_AT) -> list[int]:
    """The cluster root of every record: strongest evidence first, no merge that breaks a constraint."""
    uf = _UnionFind(prepared)
    ambiguous = _ambiguous(prepared, pairs, merge_at)
    for i, j, ev in sorted(pairs, key=lambda p: (-p[2].score, p[0], p[1])):
        if ev.score >= merge_at and (i, j) not in ambiguous:
            uf.union(i, j, decisive=ev.reason in ("uscc", "confirmed"))
    return [uf.find(i) for i in range(len(prepared))]


def _ambiguous(
    prepared: Sequence[Prepared], pairs: Sequence[tuple[int, int, Evidence]], merge_at: float
) -> set[tuple[int, int]]:
    """Pairs of a record that fits two organisations equally well (嘉辰微电子 against the Wuxi and the
    Shanghai 嘉辰微电子): it is merged with neither, and the pairs go to review."""
    best: dict[int, list[tuple[float, int, int, int]]] = {}
    for i, j, ev in pairs:
        if ev.score < merge_at or ev.reason in ("uscc", "confirmed"):
            continue
        for me, other in ((i, j), (j, i)):
            best.setdefault(me, []).append((ev.score, other, i, j))
    out: set[tuple[int, int]] = set()
    for options in best.values():
        if len(options) < 2:
            continue
        top = max(score for score, *_rest in options)
        tied = [o for o in options if o[0] >= top - 0.005]
        partners = [prepared[other] for _s, other, _i, _j in tied]
        if any(_apart(a, b) for n, a in enumerate(partners) for b in partners[n + 1 :]):
            # Lesser evidence towards one of them would only pick one at random: dropped too.
            out.update((i, j) for _s, other, i, j in options
                       if any(_apart(prepared[other], t) or prepared[other] is t for t in partners))
    return out


def _apart(a: Prepared, b: Prepared) -> bool:
    """Two records that cannot be one organisation: two credit codes, two places, or two registered
    Chinese names with other trade names (宁国泰钧轴承 and 慈溪泰钧轴承: a short name 泰钧轴承 fits both)."""
    if a.uscc and b.uscc and a.uscc != b.uscc:
        return True
    trades_a = {p.key for p in a.parses if p.script == "zh" and _registered(p)}
    trades_b = {p.key for p in b.parses if p.script == "zh" and _registered(p)}
    if trades_a and trades_b and not trades_a & trades_b:
        return True
    place_a = next((p.place for p in a.parses if p.place is not None), None) or a.address_place
    place_b = next((p.place for p in b.parses if p.place is not None), None) or b.address_place
    return place_a is not None and place_b is not None and place_a.conflicts(place_b)
