"""The policy figures of the dashboards and reports (docs/architecture.md, "Indicators").

Each compute function counts only `rows`, the viewer's policies (`Policy.objects.restrict(viewer)`: drafts
only for who may change them), and their application items. A policy counts in every corridor city it
applies in: its regions include the city, a region above it (a province) or a district of it; a policy
naming no region applies everywhere. Eligibility answers come from organisations' private profiles, so the
eligible-organisations figure is shown only to those who may see an item's reach (officers, secretariats,
admins) and counts only the organisations they look after (`reach.reach_scope`).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from corridor.core import access
from corridor.core import indicators as ind
from corridor.core.indicators import ALLIANCE, CHAIN, PERIOD, REGION, SEGMENT, Indicator, Slice, Values


def _on(s: Slice) -> datetime.date:
    return s.end or timezone.localdate()


def _in_force(rows: QuerySet[Any], s: Slice) -> QuerySet[Any]:
    from corridor.policies.models import Policy

    rows = rows.filter(pk__in=Policy.objects.in_force(_on(s)).filter(superseded_by__isnull=True).values("pk"))
    if s.alliance_id is not None:
        rows = rows.filter(alliance_id=s.alliance_id)
    through = Policy.segments.through.objects
    if s.segment_id is not None:
        rows = rows.filter(pk__in=through.filter(segment_id=s.segment_id).values("policy_id"))
    elif s.chain_id is not None:
        rows = rows.filter(pk__in=through.filter(segment__chain_id=s.chain_id).values("policy_id"))
    return rows


def _covering(s: Slice) -> dict[int, set[int]]:
    """Region id → the slice's cities a policy applying there applies in (the city, the regions above it,
    its districts)."""
    from corridor.regions.models import Region

    # The regions above the cities, one query per level of the tree (not one per city and level).
    parent_of: dict[int, int | None] = {}
    level = set(s.cities)
    while level:
        found = dict(Region.objects.filter(pk__in=level).values_list("pk", "parent_id"))
        parent_of.update(found)
        level = {parent for parent in found.values() if parent is not None and parent not in parent_of}
    covering: dict[int, set[int]] = {}
    for city in s.cities:
        covering.setdefault(city, set()).add(city)
        node = parent_of.get(city)
        while node is not None:
            covering.setdefault(node, set()).add(city)
            node = parent_of.get(node)
    for pk, parent in Region.objects.filter(parent_id__in=s.cities).values_list("pk", "parent_id"):
        covering.setdefault(pk, set()).add(parent)
    return covering


def _per_city(policy_weights: dict[int, int], s: Slice) -> Values:
    """Sum `policy_weights` (policy id → how much it counts) over the cities each policy applies in."""
    from corridor.policies.models import Policy

    covering = _covering(s)
    applies: dict[int, set[int]] = {pk: set() for pk in policy_weights}
    everywhere = set(policy_weights)
    for policy_id, region_id in Policy.regions.through.objects.filter(policy_id__in=list(policy_weights)) \
            .values_list("policy_id", "region_id"):
        everywhere.discard(policy_id)
        applies[policy_id] |= covering.get(region_id, set())
    out: Values = {}
    total = 0.0
    for pk, weight in policy_weights.items():
        cities = set(s.cities) if pk in everywhere else applies[pk]
        for city in cities:
            out[city] = out.get(city, 0.0) + weight
        if cities:
            total += weight
    out[ind.TOTAL] = total
    return out


def effective(rows: QuerySet[Any], s: Slice) -> Values:
    """Policies in force on the date that apply in the city (total: each policy once)."""
    return _per_city(dict.fromkeys(_in_force(rows, s).values_list("pk", flat=True), 1), s)


def items(rows: QuerySet[Any], s: Slice) -> Values:
    """Application items (subsidies, awards, tax relief…) of the policies in force that apply in the city."""
    from corridor.policies.models import ApplicationItem

    weights: dict[int, int] = {}
    for policy_id in ApplicationItem.objects.filter(policy__in=_in_force(rows, s).values("pk")) \
            .values_list("policy_id", flat=True):
        weights[policy_id] = weights.get(policy_id, 0) + 1
    return _per_city(weights, s)


def _looked_after(viewer: Any) -> QuerySet[Any]:
    """The organisations whose eligibility the viewer may count: as `reach.reach_scope`, without the
    policy's regions (the engine applies those)."""
    from corridor.orgs.models import Organisation
    from corridor.regions.models import within_q

    orgs = Organisation.objects.restrict(viewer)
    if access.is_admin(viewer):
        return orgs
    mine = Q(pk__in=[])
    if access.officer_region_ids(viewer):
        mine |= within_q("region", access.officer_region_ids(viewer), ancestors=("city", "province"))
    if access.secretariat_alliance_ids(viewer):
        mine |= Q(memberships__alliance_id__in=access.secretariat_alliance_ids(viewer))
    return orgs.filter(mine).distinct()


def eligible(rows: QuerySet[Any], s: Slice) -> Values:
    """Organisations of the city (among those the viewer looks after) with an eligibility profile on file that
    are eligible for at least one application item of the policies in force (the set-based evaluator)."""
    import numpy as np

    from corridor.policies.eligibility.evaluate import T
    from corridor.policies.models import ApplicationItem, EligibilityProfile
    from corridor.policies.reach import every_answer
    from corridor.policies.services import engine_item

    on = _on(s)
    # Over the organisations that filled in their profile: the cost follows the profiles on file, not the
    # registry's size (a million organisations' registry-only profiles would make a cold page take minutes).
    filed = EligibilityProfile.objects.filter(organisation_id=OuterRef("pk"))
    orgs = _looked_after(s.viewer).filter(Exists(filed), city_id__in=s.cities)
    if s.alliance_id is not None:
        orgs = orgs.filter(memberships__alliance_id=s.alliance_id)
    city_of = dict(orgs.values_list("pk", "city_id"))
    found = ApplicationItem.objects.filter(policy__in=_in_force(rows, s).values("pk")).select_related("policy")
    engine = [engine_item(i) for i in found]
    out: Values = {}
    if city_of and engine:
        every = every_answer(orgs, engine, on)
        hit = np.zeros(len(every.ids), dtype=bool)
        for answers in every.answers:
            hit |= answers.status == T
        for row in np.flatnonzero(hit):
            city = city_of[every.ids[row]]
            out[city] = out.get(city, 0.0) + 1
    out[ind.TOTAL] = sum(out.values())
    return out


def _managers(viewer: Any) -> bool:
    return access.is_admin(viewer) or bool(access.officer_region_ids(viewer)) or bool(access.secretariat_alliance_ids(viewer))


def register_all() -> None:
    from corridor.policies.models import Policy

    every = frozenset({REGION, ALLIANCE, CHAIN, SEGMENT, PERIOD})
    link = lambda s, city: reverse("policies:list")  # noqa: E731
    for item in (
        Indicator(
            key="policies.effective", model=Policy, order=100, compute=effective, dimensions=every,
            name=_("Policies in force"), unit=pgettext_lazy("unit", "policies"), source=_("Policies"),
            definition=_("Published policies in force on the date that apply in the city (named for it, for a "
                         "region above it or one of its districts, or for everywhere)."),
            link=link,
        ),
        Indicator(
            key="policies.items", model=Policy, order=101, compute=items, dimensions=every,
            name=_("Policy application items"), unit=pgettext_lazy("unit", "items"), source=_("Policies"),
            definition=_("Application items (subsidies, awards, relief…) of the policies in force that apply in "
                         "the city, on the date."),
            link=link,
        ),
        Indicator(
            key="policies.eligible", model=Policy, order=102, compute=eligible,
            dimensions=frozenset({REGION, ALLIANCE, CHAIN, SEGMENT, PERIOD}), audience=_managers,
            name=_("Organisations eligible for a policy"), unit=pgettext_lazy("unit", "organisations"),
            source=_("Policies"),
            definition=_("Organisations of the city you look after that have filled in their eligibility profile "
                         "and meet every condition of at least one application item in force."),
            link=link,
        ),
    ):
        ind.register(item)
