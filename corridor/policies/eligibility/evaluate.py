"""The per-organisation evaluator: three answers per item, with the conditions that decide them.

Conditions answer true, false or unknown (a field they need is unknown) and groups combine them in
Kleene's three-valued logic: `all` is false if any part is false, else unknown if any part is unknown;
`any` is true if any part is true, else unknown if any part is. Encoded F=0 < U=1 < T=2, `all` is the
minimum and `any` the maximum — the vectorised evaluator (`columns`) uses the same encoding.

The reasons of an answer are the conditions reached from the root through parts whose answer equals
the root's: for "not eligible" every failing condition that makes it fail, for "unknown" the undecided
ones (their fields are what the member should fill in), for "eligible" the conditions that are met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from corridor.policies.eligibility.fields import BAND, BOOL, CERTIFICATES, CHOICE, FIELDS, NUMBER, REGION, SET
from corridor.policies.eligibility.profile import age_bounds
from corridor.policies.eligibility.rules import Condition, Item, Node

F, U, T = 0, 1, 2
STATUS = {T: "eligible", F: "not_eligible", U: "unknown"}
IN_FORCE = "in_force"


@dataclass(frozen=True)
class Answer:
    item_id: str
    status: str  # eligible | not_eligible | unknown
    because: tuple[Condition, ...]  # met (eligible), failing (not eligible) or undecided (unknown) conditions
    missing: tuple[str, ...]  # profile fields to fill in (unknown only), sorted
    timing: str  # in_force | draft | not_yet_effective | expired | superseded
    window: str | None  # upcoming | open | closed; None when the item has no application window

    @property
    def applies(self) -> bool:
        return self.status == "eligible" and self.timing == IN_FORCE

    def as_dict(self) -> dict[str, Any]:
        return {
            "item": self.item_id, "answer": self.status, "timing": self.timing, "window": self.window,
            "because": [
                {"index": c.index, "id": c.id, "field": c.field, "label_zh": c.label_zh, "label_en": c.label_en,
                 "clause": c.clause}
                for c in self.because
            ],
            "missing": list(self.missing),
        }


def timing(item: Item, on: dt.date) -> str:
    """Whether the item is in force on `on`, or why not."""
    if item.status == "draft":
        return "draft"
    if item.status == "superseded" or (item.superseded_by and (item.superseded_on is None or item.superseded_on <= on)):
        return "superseded"
    if item.status == "expired" or (item.expires_on is not None and on > item.expires_on):
        return "expired"
    if item.effective_from is not None and on < item.effective_from:
        return "not_yet_effective"
    return IN_FORCE


def window(item: Item, on: dt.date) -> str | None:
    if item.window_opens is None and item.window_closes is None:
        return None
    if item.window_opens is not None and on < item.window_opens:
        return "upcoming"
    if item.window_closes is not None and on > item.window_closes:
        return "closed"
    return "open"


def evaluate(item: Item, org: Mapping[str, Any], on: dt.date) -> Answer:
    """The answer of one item for one organisation (a profile from `load_org`) on a date.

    The answer is the rule's, whatever the dates; `timing` says whether the item is in force (an officer
    previews who a draft would reach; a member's list keeps the items in force, see `policies_for`).
    """
    status, because = _node(item.rule, org, on) if item.rule is not None else (T, [])
    return answer_of(item, status, because, on)


def answer_of(item: Item, status: int, because: Iterable[Condition], on: dt.date) -> Answer:
    because = tuple(sorted(because, key=lambda c: c.index))
    missing = tuple(sorted({FIELDS[c.field].fill_in for c in because})) if status == U else ()
    return Answer(item.id, STATUS[status], because, missing, timing(item, on), window(item, on))


def policies_for(org: Mapping[str, Any], items: Iterable[Item], on: dt.date) -> list[Answer]:
    """A member's "policies for us": every item in force on `on`, with its answer."""
    return [evaluate(item, org, on) for item in items if timing(item, on) == IN_FORCE]


def _node(node: Node, org: Mapping[str, Any], on: dt.date) -> tuple[int, list[Condition]]:
    if isinstance(node, Condition):
        return truth(node, org, on), [node]
    parts = [_node(child, org, on) for child in node.children]
    status = min(s for s, _ in parts) if node.how == "all" else max(s for s, _ in parts)
    return status, [c for s, conditions in parts if s == status for c in conditions]


def truth(c: Condition, org: Mapping[str, Any], on: dt.date) -> int:
    """One condition: T, F or U."""
    kind = FIELDS[c.field].type
    if c.field == "age":
        bounds = age_bounds(org, on)
        if c.op == "exists":
            return T if (bounds is not None) == c.value else F
        if bounds is None:
            return U
        lo, hi = (_NUMBER[c.op](x, c.value) for x in bounds)
        return T if lo and hi else F if not lo and not hi else U
    value = org.get(c.field)
    if c.op == "exists":
        return T if (value is not None and value != frozenset() and value != ()) == c.value else F
    if value is None:
        return U
    if kind == CHOICE or kind == BOOL:
        return T if _CHOICE[c.op](value, c.value) else F
    if kind == BAND:
        ranks = FIELDS[c.field].choices
        return T if _BAND[c.op](ranks.index(value), c.value, ranks) else F
    if kind == NUMBER:
        return T if _NUMBER[c.op](value, c.value) else F
    if kind == REGION:
        # Contained: true. The organisation's region is an ancestor of the policy's (we know only its city,
        # the policy names a district of it): unknown, the member should say which district. Else false.
        return max((T if value.startswith(p) else U if p.startswith(value) else F) for p in c.value)
    if kind == SET:
        return T if _SET[c.op](value, c.value) else F
    if kind == CERTIFICATES:
        day = c.at or on
        held = [k for k, start, end in value
                if c.op == "has_any" or ((start is None or start <= day) and (end is None or day <= end))]
        return T if any(k in c.value for k in held) else F
    raise AssertionError(f"unhandled field type {kind}")  # pragma: no cover


_CHOICE: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda v, x: v == x, "ne": lambda v, x: v != x, "in": lambda v, x: v in x, "not_in": lambda v, x: v not in x,
}
_BAND: dict[str, Callable[[int, Any, tuple[str, ...]], bool]] = {
    "eq": lambda r, x, ranks: r == ranks.index(x),
    "ne": lambda r, x, ranks: r != ranks.index(x),
    "in": lambda r, x, ranks: ranks[r] in x,
    "not_in": lambda r, x, ranks: ranks[r] not in x,
    "gte": lambda r, x, ranks: r >= ranks.index(x),
    "lte": lambda r, x, ranks: r <= ranks.index(x),
    "between": lambda r, x, ranks: ranks.index(x[0]) <= r <= ranks.index(x[1]),
}
_NUMBER: dict[str, Callable[[float, Any], bool]] = {
    "eq": lambda v, x: v == x, "ne": lambda v, x: v != x, "gt": lambda v, x: v > x, "gte": lambda v, x: v >= x,
    "lt": lambda v, x: v < x, "lte": lambda v, x: v <= x, "between": lambda v, x: x[0] <= v <= x[1],
}
_SET: dict[str, Callable[[frozenset[str], tuple[str, ...]], bool]] = {
    "has_any": lambda v, x: not v.isdisjoint(x),
    "has_all": lambda v, x: v.issuperset(x),
    "has_none": lambda v, x: v.isdisjoint(x),
}
