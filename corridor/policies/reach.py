"""Who items reach: an officer's view of one item (`reach`), and every (organisation, item) answer over
organisations read from the database (`every_answer`).

`every_answer` is the set-based path of issue 20 (100k organisations × 200 items): the profiles of all
organisations in scope are read once (`profiles.profiles_in`: seven queries, compiled once, rows in bulk),
turned into columns once (`eligibility.Table`), and each item is answered over the columns
(`eligibility.evaluate_table`), which gives the per-organisation evaluator's answers and reasons.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from corridor.core import access
from corridor.core.access import Actor
from corridor.orgs.models import Organisation
from corridor.policies.eligibility import Answer, Item, ItemAnswers, Table, evaluate_table
from corridor.policies.models import ApplicationItem, Policy
from corridor.policies.profiles import profiles_in
from corridor.policies.registry_sql import item_answers
from corridor.policies.services import _require_change, engine_item, in_force_list
from corridor.regions.models import within_q


@dataclass
class AllAnswers:
    """Every item's answers for every organisation: row i of each `ItemAnswers` is organisation `ids[i]`."""

    ids: list[int]
    answers: list[ItemAnswers]  # in the order of the items given
    # Wall and CPU seconds of each step ("read", "columns", "evaluate"): what the bench reports.
    seconds: dict[str, tuple[float, float]] = field(default_factory=dict)


def every_answer(scope: QuerySet[Any], items: Iterable[Item] | None = None, on: datetime.date | None = None) -> AllAnswers:
    """Each item (default: every item in force on `on`) answered for each organisation of `scope`, set-based.

    Visibility is the caller's: `scope` is the organisations the reader may count (`reach_scope`)."""
    on = on or timezone.localdate()
    if items is None:
        items = [engine_item(item) for item in in_force_list(on)]
    clock = (time.perf_counter(), time.process_time())
    seconds: dict[str, tuple[float, float]] = {}

    def step(name: str) -> None:
        nonlocal clock
        now = (time.perf_counter(), time.process_time())
        seconds[name] = (now[0] - clock[0], now[1] - clock[1])
        clock = now

    found = profiles_in(scope)
    step("read")
    ids = list(found)
    table = Table([found[pk] for pk in ids])
    step("columns")
    answers = list(evaluate_table(items, table, on))
    step("evaluate")
    return AllAnswers(ids, answers, seconds)


# ---- an officer's view of an item: who it reaches -----------------------------------------------------

class _Orgs(Sequence[tuple[Organisation, Answer]]):
    """(organisation, answer) pairs of some rows of a reach, read from the database only for the slice asked for
    (a page of 20 costs one query, however many thousands the item reaches)."""

    def __init__(self, ids: list[int], rows: Any, answers: ItemAnswers) -> None:
        self.ids, self.rows, self.answers = ids, rows, answers

    def __len__(self) -> int:
        return len(self.rows)

    def _fetch(self, rows: Any) -> list[tuple[Organisation, Answer]]:
        wanted = [self.ids[int(r)] for r in rows]
        orgs = Organisation.objects.select_related("region").in_bulk(wanted)
        return [(orgs[pk], self.answers.answer(int(r))) for pk, r in zip(wanted, rows, strict=True) if pk in orgs]

    @overload
    def __getitem__(self, index: int) -> tuple[Organisation, Answer]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[Organisation, Answer]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return self._fetch(self.rows[index])
        return self._fetch([self.rows[index]])[0]

    def __iter__(self) -> Iterator[tuple[Organisation, Answer]]:
        for start in range(0, len(self.rows), 2000):
            yield from self._fetch(self.rows[start:start + 2000])


@dataclass
class Reach:
    item: ApplicationItem
    eligible: Sequence[tuple[Organisation, Answer]]
    unknown: Sequence[tuple[Organisation, Answer]]
    not_eligible: int

    @property
    def total(self) -> int:
        return len(self.eligible) + len(self.unknown) + self.not_eligible


def reach_scope(actor: Actor, policy: Policy) -> Any:
    """The organisations an item's reach is counted over: those the actor may see, inside the policy's regions,
    and for an officer inside their own region, for a secretariat its alliances' members."""
    orgs = Organisation.objects.restrict(actor)
    region_ids = list(policy.regions.values_list("pk", flat=True))
    if region_ids:
        orgs = orgs.filter(within_q("region", region_ids, ancestors=("city", "province")))
    if not access.is_admin(actor):
        mine = Q(pk__in=[])
        if access.officer_region_ids(actor):
            mine |= within_q("region", access.officer_region_ids(actor), ancestors=("city", "province"))
        if access.secretariat_alliance_ids(actor):
            mine |= Q(memberships__alliance_id__in=access.secretariat_alliance_ids(actor))
        orgs = orgs.filter(mine)
    return orgs.distinct()


def reach(actor: Actor, item: ApplicationItem, on: datetime.date | None = None) -> Reach:
    """Who the item reaches among the organisations the actor looks after (who manages the policy only).

    Set-based, in the database: the item's conditions are compiled to one SQL query over the registry's tables
    (`registry_sql`), which answers every organisation at once; organisations are read back only for the rows
    a page shows."""
    _require_change(actor, item.policy)
    if actor is None:
        raise PermissionDenied
    on = on or timezone.localdate()
    ids, answers = item_answers(engine_item(item), reach_scope(actor, item.policy), on)
    status = answers.status
    eligible = _Orgs(ids, np.flatnonzero(status == 2), answers)
    unknown = _Orgs(ids, np.flatnonzero(status == 1), answers)
    return Reach(item, eligible, unknown, int(np.count_nonzero(status == 0)))
