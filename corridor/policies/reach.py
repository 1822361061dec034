"""Who items reach: every (organisation, item) answer over organisations read from the database.

`every_answer` is the set-based path of issue 20 (100k organisations × 200 items): the profiles of all
organisations in scope are read once (`profiles.profiles_in`: seven queries, compiled once, rows in bulk),
turned into columns once (`eligibility.Table`), and each item is answered over the columns
(`eligibility.evaluate_table`), which gives the per-organisation evaluator's answers and reasons.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from corridor.policies.eligibility import Item, ItemAnswers, Table, evaluate_table
from corridor.policies.profiles import profiles_in


@dataclass
class AllAnswers:
    """Every item's answers for every organisation: row i of each `ItemAnswers` is organisation `ids[i]`."""

    ids: list[int]
    answers: list[ItemAnswers]  # in the order of the items given
    # Wall and CPU seconds of each step ("read", "columns", "evaluate"): what the bench reports.
    seconds: dict[str, tuple[float, float]] = field(default_factory=dict)


def every_answer(scope: QuerySet[Any], items: Iterable[Item] | None = None, on: datetime.date | None = None) -> AllAnswers:
    """Each item (default: every item in force on `on`) answered for each organisation of `scope`, set-based.

    Visibility is the caller's: `scope` is the organisations the reader may count (`services.reach_scope`)."""
    on = on or timezone.localdate()
    if items is None:
        from corridor.policies.services import engine_item, in_force_list

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
