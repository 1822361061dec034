"""Listings refer to chain segments by a stable identifier, "<chain slug>/<segment key>".

Only this module of matchmaking knows the chains app: the form's choices, validation of what a user
or the API sends, the names a page shows, and the supply adjacency the engine reads (plain data).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models import Q
from django.urls import reverse

from corridor.chains.models import Chain, ChainVersion, Segment, SegmentTag, SupplyEdge


def identifier(chain_slug: str, key: str) -> str:
    return f"{chain_slug}/{key}"


def _active() -> Any:
    return Segment.objects.filter(active=True).select_related("chain").order_by("chain__slug", "position", "id")


def choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Segments grouped by chain, names in the current language (for a select with optgroups)."""
    groups: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for s in _active():
        group = groups.setdefault(s.chain.slug, (s.chain.name, []))
        group[1].append((identifier(s.chain.slug, s.key), s.name))
    return [group for _slug, group in groups.items()]


def unknown(values: Iterable[str]) -> list[str]:
    """The values that name no segment of a current chain template."""
    values = list(values)
    known = set(resolve(values))
    return [v for v in values if v not in known]


def resolve(values: Iterable[str]) -> dict[str, Segment]:
    """Identifier → active segment, for those of `values` that name one."""
    wanted = [v.split("/", 1) for v in values if v.count("/") == 1]
    if not wanted:
        return {}
    rule = Q()
    for slug, key in wanted:
        rule |= Q(chain__slug=slug, key=key)
    return {identifier(s.chain.slug, s.key): s for s in _active().filter(rule)}


def labelled(values: Iterable[str]) -> list[dict[str, str]]:
    """What a page shows for stored identifiers: name (current language) and the chain page's link.
    A value naming no current segment (an old free-text entry) is shown as it was typed, unlinked."""
    values = list(values)
    found = resolve(values)
    out = []
    for value in values:
        s = found.get(value)
        if s is None:
            out.append({"id": value, "name": value, "url": ""})
        else:
            out.append({"id": value, "name": s.name, "url": reverse("chains:segment", args=[s.chain.slug, s.key])})
    return out


def names(values: Iterable[str]) -> list[str]:
    return [row["name"] for row in labelled(values)]


def of_organisation(organisation_id: int, side: str) -> list[str]:
    """An organisation's confirmed or declared segments: what it produces (for an offer) or uses (for a need)."""
    role = SegmentTag.Role.USES if side == "need" else SegmentTag.Role.PRODUCES
    tags = (
        SegmentTag.objects.filter(organisation_id=organisation_id, role=role, segment__active=True)
        .filter(Q(status=SegmentTag.Status.CONFIRMED) | Q(source=SegmentTag.Source.DECLARED))
        .exclude(status=SegmentTag.Status.REJECTED)
        .select_related("segment__chain").order_by("segment__chain__slug", "segment__position")
    )
    return [identifier(t.segment.chain.slug, t.segment.key) for t in tags]


def signature() -> tuple:
    """Changes whenever a chain's segments or edges may have changed (every edit records a version
    and recreates the chain's edges)."""
    # One round trip: the engine asks before every ranking.
    chain, version, edge = (m._meta.db_table for m in (Chain, ChainVersion, SupplyEdge))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {chain}), (SELECT MAX(updated_at) FROM {chain}), "
            f"(SELECT MAX(id) FROM {version}), (SELECT COUNT(*) FROM {edge}), (SELECT MAX(id) FROM {edge})"
        )
        return tuple(cursor.fetchone() or ())


def supplies() -> dict[str, list[str]]:
    """The engine's adjacency from the current templates: supplier identifier → identifiers it supplies.

    A supplier of a segment also supplies that segment's parent (reducers supply industrial robot
    bodies, so also "robot bodies"): a need is often posted against the broader segment.
    """
    parent_of = {
        s.pk: s.parent_id for s in Segment.objects.filter(active=True, parent__isnull=False).only("id", "parent_id")
    }
    ident = {s.pk: identifier(s.chain.slug, s.key) for s in _active()}
    out: dict[str, set[str]] = {}
    edges = SupplyEdge.objects.filter(source__active=True, target__active=True).values_list("source_id", "target_id")
    for source, target in edges:
        customers = out.setdefault(ident[source], set())
        seen: set[int] = set()
        current: int | None = target
        while current is not None and current in ident and current not in seen:
            seen.add(current)
            if current != source:
                customers.add(ident[current])
            current = parent_of.get(current)
    return {k: sorted(v) for k, v in sorted(out.items())}
