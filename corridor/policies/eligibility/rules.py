"""Rules as data: conditions (field, operator, value, bilingual label, clause) combined with all/any.

`parse_item` / `parse_rule` turn JSON-like dicts into frozen objects and refuse a malformed rule with a
`RuleError` that names the condition (its path in the rule, and its label when it has one):

    {"all": [
        {"field": "region", "op": "within_region", "value": ["340200"],
         "label_zh": "注册地在芜湖市", "label_en": "Registered in Wuhu", "clause": "第二条（一）"},
        {"any": [{"field": "certificates", "op": "valid_on", "value": ["hnte"], ...},
                 {"field": "rnd_share", "op": "gte", "value": 3, ...}]}]}
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from corridor.policies.eligibility.fields import (
    ALL_OPERATORS,
    BAND,
    BOOL,
    CERTIFICATE_KINDS,
    CERTIFICATES,
    CHOICE,
    FIELDS,
    NUMBER,
    OPERATORS,
    REGION,
    SET,
    region_prefix,
)

ITEM_STATUSES = ("draft", "effective", "expired", "superseded")
MAX_CONDITIONS = 64  # the column evaluator keeps an item's reasons as a bit mask of at most 64 bits
_CONDITION_KEYS = {"field", "op", "value", "label_zh", "label_en", "clause", "id"}
REGION_CODE = re.compile(r"^[1-9]\d{5}$")


class RuleError(ValueError):
    """A malformed rule. `path` locates the condition (e.g. `rule.all[1].any[0]`), `code` says what is wrong."""

    def __init__(self, path: str, code: str, detail: str, label: str = "") -> None:
        self.path, self.code, self.detail, self.label = path, code, detail, label
        where = f"{path} ({label})" if label else path
        super().__init__(f"{where}: {detail}")


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: Any  # normalised: str, float, bool, tuple of str (sets, kinds, region prefixes) or (lo, hi)
    label_zh: str
    label_en: str
    clause: str = ""
    index: int = 0  # position among the item's conditions, depth first (reasons refer to it)
    path: str = ""
    id: str = ""  # the rule author's own id for the condition, when given
    at: dt.date | None = None  # valid_on: a fixed date instead of the evaluation date

    def label(self, language: str = "zh") -> str:
        return self.label_en if language.startswith("en") else self.label_zh


@dataclass(frozen=True)
class Group:
    how: str  # "all" | "any"
    children: tuple[Node, ...]


Node = Condition | Group


@dataclass(frozen=True)
class Item:
    """An application item of a policy, with the dates that decide whether it is in force."""

    id: str
    title_zh: str = ""
    title_en: str = ""
    status: str = "effective"
    effective_from: dt.date | None = None
    expires_on: dt.date | None = None
    superseded_by: str = ""
    superseded_on: dt.date | None = None  # None with superseded_by set: superseded already
    window_opens: dt.date | None = None
    window_closes: dt.date | None = None
    rule: Node | None = None  # None: no conditions, every organisation is eligible
    conditions: tuple[Condition, ...] = field(default=(), compare=False)  # the leaves, by index


def parse_date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RuleError(where, "bad_date", f"{value!r} is not a date (YYYY-MM-DD)") from None


def parse_item(data: Mapping[str, Any], where: str = "item") -> Item:
    if not isinstance(data, Mapping):
        raise RuleError(where, "not_an_object", "expected an object")
    item_id = data.get("id")
    if not isinstance(item_id, str | int) or not str(item_id).strip():
        raise RuleError(where, "no_id", "field 'id' is missing or empty")
    where = f"{where} {item_id}"
    status = data.get("status", "effective")
    if status not in ITEM_STATUSES:
        raise RuleError(where, "bad_status", f"status {status!r} is not one of {', '.join(ITEM_STATUSES)}")
    window = data.get("window") or {}
    if not isinstance(window, Mapping):
        raise RuleError(f"{where}.window", "not_an_object", "expected an object with 'opens' and 'closes'")
    conditions: list[Condition] = []
    try:
        rule = parse_rule(data.get("rule"), "rule", conditions)
    except RuleError as exc:  # the condition's path stays relative to its item; the message names the item
        raise RuleError(f"{where}: {exc.path}", exc.code, exc.detail, exc.label) from None
    if len(conditions) > MAX_CONDITIONS:
        raise RuleError(f"{where}: rule", "too_many_conditions", f"{len(conditions)} conditions, at most {MAX_CONDITIONS}")
    item = Item(
        id=str(item_id),
        title_zh=str(data.get("title_zh") or ""),
        title_en=str(data.get("title_en") or ""),
        status=status,
        effective_from=parse_date(data.get("effective_from"), f"{where}.effective_from"),
        expires_on=parse_date(data.get("expires_on"), f"{where}.expires_on"),
        superseded_by=str(data.get("superseded_by") or ""),
        superseded_on=parse_date(data.get("superseded_on"), f"{where}.superseded_on"),
        window_opens=parse_date(window.get("opens"), f"{where}.window.opens"),
        window_closes=parse_date(window.get("closes"), f"{where}.window.closes"),
        rule=rule,
        conditions=tuple(conditions),
    )
    if item.effective_from and item.expires_on and item.expires_on < item.effective_from:
        raise RuleError(where, "bad_dates", "expires_on is before effective_from")
    if item.window_opens and item.window_closes and item.window_closes < item.window_opens:
        raise RuleError(f"{where}.window", "bad_dates", "the window closes before it opens")
    return item


def parse_rule(data: Any, path: str = "rule", leaves: list[Condition] | None = None) -> Node | None:
    """The rule tree (None for "no conditions"); `leaves` collects the conditions in index order."""
    leaves = [] if leaves is None else leaves
    if data is None or data == {}:
        return None
    return _node(data, path, leaves)


def _node(data: Any, path: str, leaves: list[Condition]) -> Node:
    if not isinstance(data, Mapping):
        raise RuleError(path, "not_an_object", "expected a condition or {\"all\": [...]} / {\"any\": [...]}")
    groups = [key for key in ("all", "any") if key in data]
    if groups:
        if len(data) != 1:
            raise RuleError(path, "bad_group", "a group has exactly one key, 'all' or 'any'")
        how = groups[0]
        children = data[how]
        if not isinstance(children, list) or not children:
            raise RuleError(f"{path}.{how}", "bad_group", "expected a non-empty list")
        return Group(how, tuple(_node(child, f"{path}.{how}[{i}]", leaves) for i, child in enumerate(children)))
    condition = _condition(data, path, len(leaves))
    leaves.append(condition)
    return condition


def _condition(data: Mapping[str, Any], path: str, index: int) -> Condition:
    label_zh, label_en = data.get("label_zh"), data.get("label_en")
    label = str(label_en or label_zh or "")
    unknown_keys = sorted(set(data) - _CONDITION_KEYS)
    if unknown_keys:
        raise RuleError(path, "unknown_key", f"unknown key(s) {', '.join(map(repr, unknown_keys))}", label)
    name, op = data.get("field"), data.get("op")
    if name not in FIELDS:
        raise RuleError(path, "unknown_field", f"unknown field {name!r} (known: {', '.join(FIELDS)})", label)
    spec = FIELDS[name]
    if op not in ALL_OPERATORS:
        raise RuleError(path, "unknown_operator", f"unknown operator {op!r}", label)
    if op not in OPERATORS[spec.type]:
        allowed = ", ".join(sorted(OPERATORS[spec.type]))
        raise RuleError(path, "bad_operator", f"operator {op!r} does not apply to {name} ({spec.type}; use {allowed})", label)
    for key, text in (("label_zh", label_zh), ("label_en", label_en)):
        if not isinstance(text, str) or not text.strip():
            raise RuleError(path, "no_label", f"{key} is missing: every condition needs a label in both languages", label)
    clause = data.get("clause") or ""
    if not isinstance(clause, str):
        raise RuleError(path, "bad_clause", "clause must be text", label)
    try:
        value, at = _value(spec.type, spec.choices, op, data.get("value", True if op == "exists" else None))
    except ValueError as exc:
        raise RuleError(path, "bad_value", f"{name} {op}: {exc}", label) from None
    return Condition(name, op, value, str(label_zh), str(label_en), clause, index, path, str(data.get("id") or ""), at)


def _value(kind: str, choices: tuple[str, ...], op: str, value: Any) -> tuple[Any, dt.date | None]:
    """The normalised value of a condition, or ValueError saying what was expected."""
    if op == "exists":
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value, None
    if kind in (CHOICE, BAND):
        def one(v: Any) -> str:
            if v not in choices:
                raise ValueError(f"{v!r} is not one of {', '.join(choices)}")
            return str(v)
        if op in ("in", "not_in"):
            return tuple(one(v) for v in _list(value)), None
        if op == "between":
            lo, hi = (one(v) for v in _pair(value))
            if choices.index(lo) > choices.index(hi):
                raise ValueError(f"{lo!r} ranks above {hi!r}")
            return (lo, hi), None
        return one(value), None
    if kind == BOOL:
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value, None
    if kind == NUMBER:
        def number(v: Any) -> float:
            if isinstance(v, bool) or not isinstance(v, int | float) or v != v:
                raise ValueError(f"expected a number, got {v!r}")
            return float(v)
        if op == "between":
            lo_n, hi_n = (number(v) for v in _pair(value))
            if lo_n > hi_n:
                raise ValueError(f"{lo_n:g} is above {hi_n:g}")
            return (lo_n, hi_n), None
        return number(value), None
    if kind == REGION:
        codes = _list(value if isinstance(value, list) else [value])
        for code in codes:
            if not isinstance(code, str) or not REGION_CODE.match(code):
                raise ValueError(f"{code!r} is not a six-digit GB 2260 code")
        return tuple(region_prefix(c) for c in codes), None
    if kind == SET:
        names = _list(value)
        if not all(isinstance(v, str) and v for v in names):
            raise ValueError("expected a list of non-empty names")
        return tuple(names), None
    if kind == CERTIFICATES:
        at = None
        if op == "valid_on" and isinstance(value, Mapping):
            at = dt.date.fromisoformat(str(value["on"])) if value.get("on") else None  # ValueError: bad value
            value = value.get("kinds")
        kinds = _list(value if isinstance(value, list) else [value])
        for k in kinds:
            if k not in CERTIFICATE_KINDS:
                raise ValueError(f"{k!r} is not a certificate kind ({', '.join(CERTIFICATE_KINDS)})")
        return tuple(kinds), at
    raise ValueError(f"unsupported field type {kind}")  # pragma: no cover - every type is handled above


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"expected a non-empty list, got {value!r}")
    return value


def _pair(value: Any) -> tuple[Any, Any]:
    if not isinstance(value, list) or len(value) != 2:
        raise ValueError(f"expected [low, high], got {value!r}")
    return value[0], value[1]
