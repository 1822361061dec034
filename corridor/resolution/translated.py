"""English names that translate a Chinese trade name (金螳螂 / Gold Mantis, 红箭 / Red Arrow). Plain module.

A second pass, after the clustering: an English record still without any Chinese name in its cluster
is compared with the Chinese names registered in the same city with the same industries, trade name
against the English words before the industry words, by the multilingual embedding. Only a clear best
match counts (similar enough, and clearly more similar than the next), so two companies of one city and
one industry are not confused; a city and an industry keep the candidates few at any size.
"""

from __future__ import annotations

from collections.abc import Sequence

from corridor.resolution import translate
from corridor.resolution.records import ORGANISATIONAL, Evidence, Prepared
from corridor.resolution.translate import similarity

SIMILAR_TRADE = 0.6  # 金桥 / golden bridge 0.68, 熊猫 / panda 0.70; unrelated names stay near 0.3
MARGIN = 0.12  # over the next candidate: the best must stand out
MAX_CANDIDATES = 50  # same city, same industries: more than this and the embedding cannot pick one
TRANSLATED = 0.8


def _city(p_place: object) -> str | None:
    city = getattr(p_place, "city", None) or getattr(p_place, "province", None)
    return city if isinstance(city, str) else None


def translated_pairs(prepared: Sequence[Prepared], roots: Sequence[int]) -> list[tuple[int, int, Evidence]]:
    has_chinese: set[int] = set()
    for idx, item in enumerate(prepared):
        if any(p.script == "zh" for p in item.parses):
            has_chinese.add(roots[idx])
    index: dict[tuple[str, frozenset[str]], list[tuple[int, str]]] = {}
    by_concept: dict[str, list[tuple[int, str]]] = {}  # any city or none: for English names without one
    for idx, item in enumerate(prepared):
        for p in item.parses:
            if p.script == "zh" and p.concepts and len(p.trade) >= 2 and not p.key.startswith("#"):
                city = _city(p.place or item.address_place)
                if city:
                    index.setdefault((city, p.concepts), []).append((idx, p.trade))
                for concept in p.concepts - ORGANISATIONAL:
                    by_concept.setdefault(concept, []).append((idx, p.trade))
    out: list[tuple[int, int, Evidence]] = []
    for idx, item in enumerate(prepared):
        if roots[idx] in has_chinese:
            continue
        if translate.spent() >= translate.BUDGET // 2:
            break  # half the embedding budget at most: the rules' own checks need the rest
        for p in item.parses:
            if p.script != "latin" or not p.head or not p.concepts or p.key.startswith("#"):
                continue
            city = _city(p.place or item.address_place)
            found = index.get((city, p.concepts), []) if city else _by_concept(by_concept, p.concepts)
            candidates = list({other: trade for other, trade in found if roots[other] != roots[idx]}.items())
            if not candidates or len(candidates) > MAX_CANDIDATES:
                continue
            scored = sorted(((similarity(trade, p.head), other) for other, trade in candidates), reverse=True)
            best, other = scored[0]
            runner_up = max((s for s, o in scored[1:] if roots[o] != roots[other]), default=0.0)
            if best >= SIMILAR_TRADE and best - runner_up >= MARGIN:
                out.append((min(idx, other), max(idx, other), Evidence(TRANSLATED, "translated")))
    return out


def _by_concept(index: dict[str, list[tuple[int, str]]], concepts: frozenset[str]) -> list[tuple[int, str]]:
    """StarBalance Sensors, with no city: the Chinese names of its industry, wherever they are, while they
    are few (a large registry has too many of any industry to pick one, and this gives nothing there)."""
    found: list[tuple[int, str]] = []
    for concept in concepts - ORGANISATIONAL:
        some = index.get(concept, [])
        if len(some) > MAX_CANDIDATES:
            return []
        found.extend(some)
    return found
