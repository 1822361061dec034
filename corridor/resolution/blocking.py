"""Blocks: records meet only when they share a key (a trade name, its one-typo neighbourhoods, a credit code,
an address). Keys are hashed to 64 bits and sorted, so a million rows need no all-pairs pass; within a block
the pairs `compare` would reject for want of a common place or for two credit codes are never made."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain

import numpy as np

from corridor.resolution.records import Prepared

Progress = Callable[[str, int, int], None]

BIG_BLOCK = 1000  # a trade-name block larger than this is compared within places only
TYPO_BLOCK = 60  # typo neighbourhoods larger than this carry no information


def block_pairs(
    prepared: Sequence[Prepared], keys_of: Callable[[Prepared], set[str]], seen: set[int], progress: Progress | None = None,
    part: int = 0, parts: int = 1,
) -> Iterator[tuple[int, int]]:
    """Each pair (i < j) of records that share a block, once; `seen` collects them (as i * n + j). With
    `parts`, only every parts-th block from `part` on (the blocks of one of several processes)."""
    latin = [any(p.script == "latin" for p in item.parses) for item in prepared]
    # A Chinese name's other readings and typos are read against English names alone: of those keys, only
    # the ones an English name has are kept (most of a million rows' keys are typo neighbourhoods).
    wanted = {key for item, is_latin in zip(prepared, latin, strict=True) if is_latin
              for key in keys_of(item) if key[0] in _ACROSS}
    # Typed arrays, not lists: a million rows have tens of millions of keys, and a list holds an int object
    # per entry (each forked worker builds its own).
    hashes, owners, kinds = array("q"), array("q"), array("b")
    for idx, item in enumerate(prepared):
        for key in keys_of(item):
            if key[0] in _ACROSS and key not in wanted:
                continue
            hashes.append(hash(key))
            owners.append(idx)
            kinds.append(_KINDS.get(key[0], _LOOSE_BLOCK))
    h = np.frombuffer(hashes, dtype=np.int64)
    o = np.frombuffer(owners, dtype=np.int64)
    t = np.frombuffer(kinds, dtype=np.int8)
    del hashes, owners, kinds
    if not len(h):
        return  # no record has a key (no names, or none that say anything)
    order = np.argsort(h, kind="stable")
    h, o, t = h[order], o[order], t[order]
    bounds = np.flatnonzero(np.diff(h)) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [len(h)]))
    cities = [city_of(item) for item in prepared]
    coded = [item.uscc is not None for item in prepared]
    # Blocks of those kinds with no English name left in them are dropped here, in numpy.
    with_latin = np.maximum.reduceat(np.array(latin, dtype=np.int8)[o], starts)
    across = (t[starts] == _READING_BLOCK) | (t[starts] == _TYPO_BLOCK)
    multi = np.flatnonzero((ends - starts > 1) & (~across | (with_latin > 0)))[part::parts]
    n = len(prepared)
    for count, b in enumerate(multi):
        start, end = int(starts[b]), int(ends[b])
        members = sorted(set(o[start:end].tolist()))
        if len(members) < 2:
            continue
        kind = int(t[start])
        limit = TYPO_BLOCK if kind in (_TYPO_BLOCK, _LOOSE_BLOCK) else BIG_BLOCK
        groups = [members] if len(members) <= limit else split_by_place(prepared, members, limit)
        for group in groups:
            if kind == _OWN_BLOCK:
                candidates = _all_pairs(group)
            elif kind in (_READING_BLOCK, _TYPO_BLOCK):
                candidates = _with_latin(group, latin, cities, coded)
            else:
                candidates = _pairs_that_may_agree(group, cities, coded)
            for i, j in candidates:
                code = i * n + j
                if code not in seen:
                    seen.add(code)
                    yield i, j
        if progress and count % 50000 == 0:
            progress("compare", count + 1, len(multi))
    if progress:
        progress("compare", len(multi), len(multi))


_OWN_BLOCK, _NAME_BLOCK, _READING_BLOCK, _TYPO_BLOCK, _LOOSE_BLOCK = 0, 1, 2, 3, 4
# a credit code or an address; a trade name; other readings and initials; typos; acronyms and institutions
_KINDS = {"u": _OWN_BLOCK, "k": _NAME_BLOCK, "r": _READING_BLOCK, "d": _TYPO_BLOCK}
_ACROSS = ("r", "d")


def city_of(item: Prepared) -> str | None:
    """The one city every name of the record is placed in (by the name or else the address), or None when
    some name has no city or the names disagree. Institutions get None: they meet across places."""
    if item.institution:
        return None
    city = None
    for p in item.parses:
        place = p.place or item.address_place
        if place is None or not place.city or (city is not None and place.city != city):
            return None
        city = place.city
    return city


def _all_pairs(group: list[int]) -> Iterable[tuple[int, int]]:
    return ((group[x], group[y]) for x in range(len(group)) for y in range(x + 1, len(group)))


def _pairs_that_may_agree(group: list[int], cities: list[str | None], coded: list[bool]) -> Iterable[tuple[int, int]]:
    """The pairs of a name block `compare` could accept, without calling it: a trade name shared by a hundred
    companies across the corridor's cities is a hundred squared comparisons otherwise, and most of a
    million rows' time. Left out, exactly as `compare` would reject them: two records in different cities
    (every name of each placed, so every pair of names conflicts; institutions are never left out), and two
    records that both carry a credit code (decisive: equal codes meet in their own block)."""
    if len(group) <= 8:
        candidates = _all_pairs(group)
    else:
        by_city: dict[str | None, list[int]] = {}
        for i in group:
            by_city.setdefault(cities[i], []).append(i)
        anywhere = by_city.pop(None, [])
        candidates = chain(
            *(_all_pairs(members) for members in by_city.values()),
            _all_pairs(anywhere),
            ((min(i, j), max(i, j)) for i in anywhere for members in by_city.values() for j in members),
        )
    return ((i, j) for i, j in candidates if not (coded[i] and coded[j]))


def _with_latin(group: list[int], latin: list[bool], cities: list[str | None], coded: list[bool]) -> Iterable[tuple[int, int]]:
    """Each English name of the group with every other record (two Chinese names are not compared by their
    other readings or one character apart: compare would reject them), the same two exclusions as above."""
    for i in group:
        if not latin[i]:
            continue
        for j in group:
            if j == i or (latin[j] and j < i) or (coded[i] and coded[j]):
                continue
            if cities[i] is not None and cities[j] is not None and cities[i] != cities[j]:
                continue
            yield (i, j) if i < j else (j, i)


def split_by_place(prepared: Sequence[Prepared], members: list[int], limit: int) -> list[list[int]]:
    """A huge block (a common short name) is compared within each city, and records with no place are left out."""
    by_city: dict[str, list[int]] = {}
    for i in members:
        item = prepared[i]
        place = next((p.place for p in item.parses if p.place is not None), None) or item.address_place
        if place is not None:
            by_city.setdefault(place.city or place.province or "", []).append(i)
    return [g for g in by_city.values() if 1 < len(g) <= limit]


