"""Category compatibility, chain adjacency and region preference: plain rules on plain data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

CATEGORIES = ("product", "technology", "capacity", "testing", "funding", "talent", "rnd")

# Same category is a full match. A few neighbours are partial: a need for a technology can be met by a
# joint R&D offer and vice versa; a need for products can be met by someone offering manufacturing
# capacity (they make it to order) and the other way round. Anything else (funding for a product,
# talent for a test) is a mismatch: it lowers the score (MISMATCH) rather than hiding the candidate,
# because people pick categories loosely (a need for "harmonic reducer technology" is met by an offer
# of harmonic reducers filed as a product). The matcher keeps a mismatched candidate only when its
# evidence alone is plain (matcher.PLAIN), so a funding need is not padded with robots.
RELATED: dict[frozenset[str], float] = {
    frozenset(("technology", "rnd")): 0.5,
    frozenset(("product", "capacity")): 0.5,
}


MISMATCH = -1.0


def category_fit(need: str, offer: str) -> float:
    """1 for the same category, a partial value for related ones, MISMATCH (negative) for the others."""
    if need == offer:
        return 1.0
    return RELATED.get(frozenset((need, offer)), MISMATCH)


Supplies = Mapping[str, Iterable[str]]
"""Chain adjacency as plain data: supplier segment slug → the segments it supplies."""


def suppliers_of(supplies: Supplies) -> dict[str, set[str]]:
    """Invert the adjacency once: segment → segments that supply it."""
    inverted: dict[str, set[str]] = {}
    for supplier, customers in supplies.items():
        for customer in customers:
            inverted.setdefault(customer, set()).add(supplier)
    return inverted


def chain_fit(
    need_segments: Iterable[str], offer_segments: Iterable[str], upstream: Mapping[str, set[str]]
) -> tuple[float | None, list[str], list[str]]:
    """(fit, shared segments, offer segments that supply a need segment).

    None when either side names no segment: the rule is silent rather than a penalty, so that a
    corpus without chain data ranks exactly as before.
    """
    need_set, offer_set = set(need_segments), set(offer_segments)
    if not need_set or not offer_set:
        return None, [], []
    shared = sorted(need_set & offer_set)
    supplying = sorted({s for n in need_set for s in upstream.get(n, ()) if s in offer_set} - set(shared))
    if shared:
        return 1.0, shared, supplying
    if supplying:
        return 0.7, shared, supplying
    return 0.0, shared, supplying


def _region_key(code: str) -> str:
    # Administrative codes nest by prefix (330000 province, 330100 city, 330108 district):
    # drop the trailing zero pairs so a district matches its city and province.
    code = code.strip()
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def region_fit(need_regions: Iterable[str], offer_regions: Iterable[str]) -> tuple[float | None, list[str]]:
    """(fit, regions in common). Same or nested region 1, none in common 0, unknown None."""
    need_keys = {_region_key(r): r for r in need_regions if r}
    offer_keys = {_region_key(r): r for r in offer_regions if r}
    if not need_keys or not offer_keys:
        return None, []
    common = sorted(
        {need_keys[n] for n in need_keys for o in offer_keys if n.startswith(o) or o.startswith(n)}
    )
    return (1.0 if common else 0.0), common
