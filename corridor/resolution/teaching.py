"""What reviewers teach the resolver: confirmed pairs merge the records carrying those names, rejected
pairs never merge. (Brand aliases learned from confirmed pairs: `resolver.learn_aliases`.)"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from corridor.resolution.names import exact_key
from corridor.resolution.records import Evidence, Prepared


def _name_keys(item: Prepared) -> set[str]:

    return {k for k in (exact_key(n) for n in (item.record.name, *item.record.other_names)) if k}


def taught_pairs(
    prepared: Sequence[Prepared], confirmed: Iterable[tuple[str, str]]
) -> list[tuple[int, int, Evidence]]:
    """Records carrying the two names of a confirmed pair are one organisation (a reviewer said so)."""

    wanted = [(exact_key(a), exact_key(b)) for a, b in confirmed]
    if not wanted:
        return []
    by_name: dict[str, list[int]] = {}
    for idx, item in enumerate(prepared):
        for key in _name_keys(item):
            by_name.setdefault(key, []).append(idx)
    out = []
    for a, b in wanted:
        for i in by_name.get(a, ())[:50]:
            for j in by_name.get(b, ())[:50]:
                if i != j:
                    out.append((min(i, j), max(i, j), Evidence(0.99, "confirmed")))
    return out


def drop_rejected(
    prepared: Sequence[Prepared], pairs: list[tuple[int, int, Evidence]], rejected: Iterable[tuple[str, str]]
) -> list[tuple[int, int, Evidence]]:
    """Pairs a reviewer said are two organisations never merge, whatever the evidence (a credit code aside)."""

    refused = {frozenset((exact_key(a), exact_key(b))) for a, b in rejected}
    if not refused:
        return pairs
    names: dict[int, set[str]] = {}

    def keys(i: int) -> set[str]:
        if i not in names:
            names[i] = _name_keys(prepared[i])
        return names[i]

    return [(i, j, ev) for i, j, ev in pairs
            if ev.reason == "uscc" or not any(frozenset((x, y)) in refused for x in keys(i) for y in keys(j))]
