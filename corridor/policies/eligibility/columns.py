"""The set-based evaluator: every organisation at once, one numpy array per field.

The same rule tree and the same three-valued encoding as `evaluate` (F=0 < U=1 < T=2; `all` = minimum,
`any` = maximum), computed over columns: a condition is one or two array operations over all
organisations. Per (organisation, item) it yields the status and the reasons as a bit mask over the
item's conditions (bit i = condition i), which `ItemAnswers.answer` turns into the same `Answer` as the
per-organisation evaluator; a test checks both agree on random organisations and rules.

The same tree compiles to SQL as directly: a condition becomes a boolean expression that is NULL when its
column is NULL, and SQL's AND/OR on NULL are Kleene's — which is how the Django app can count who is
eligible or unknown in one query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridor.policies.eligibility.evaluate import STATUS, Answer, F, T, U, answer_of, timing
from corridor.policies.eligibility.fields import BAND, BOOL, CERTIFICATES, CHOICE, FIELDS, NUMBER, REGION, SET
from corridor.policies.eligibility.rules import Condition, Item, Node

MAX_CONDITIONS = 64  # reasons are a 64-bit mask per (organisation, item)
_NO_DATE = np.iinfo(np.int32).max


@dataclass
class Pairs:
    """A many-valued field exploded into (organisation row, value code) pairs, plus which rows are known."""

    rows: np.ndarray
    codes: np.ndarray
    known: np.ndarray
    vocabulary: dict[str, int]
    starts: np.ndarray | None = None  # certificates: valid from / until as day ordinals
    ends: np.ndarray | None = None


class Table:
    """Columns of many organisation profiles (from `load_org`), row i = orgs[i]."""

    def __init__(self, orgs: Sequence[Mapping[str, Any]]) -> None:
        self.ids = [o["id"] for o in orgs]
        self.size = n = len(orgs)
        self.columns: dict[str, Any] = {}
        for name, spec in FIELDS.items():
            if name == "age":
                continue
            values = [o.get(name) for o in orgs]
            if spec.type in (CHOICE, BAND):
                code = {c: i for i, c in enumerate(spec.choices)}
                self.columns[name] = np.array([-1 if v is None else code[v] for v in values], dtype=np.int16)
            elif spec.type == BOOL:
                self.columns[name] = np.array([-1 if v is None else int(v) for v in values], dtype=np.int8)
            elif spec.type == NUMBER:
                self.columns[name] = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
            elif spec.type == REGION:
                self.columns[name] = (
                    np.array([int(v.ljust(6, "0")) if v else 0 for v in values], dtype=np.int64),
                    np.array([len(v) if v else 0 for v in values], dtype=np.int64),  # 2, 4 or 6 digits; 0 unknown
                )
            elif spec.type in (SET, CERTIFICATES):
                self.columns[name] = _pairs(values, certificates=spec.type == CERTIFICATES)
        founded = [o.get("founded_on") for o in orgs]
        self.founded_year = np.array([-1 if o.get("founded_year") is None else o["founded_year"] for o in orgs], np.int32)
        # Month and day as one number (founded 5 May → 505); -1 when only the year is known.
        self.founded_md = np.array([-1 if d is None else d.month * 100 + d.day for d in founded], dtype=np.int32)
        self._ages: dict[dt.date, tuple[np.ndarray, np.ndarray]] = {}
        assert all(len(c) == n for c in self.columns.values() if isinstance(c, np.ndarray))

    def ages(self, on: dt.date) -> tuple[np.ndarray, np.ndarray]:
        """Lowest and highest possible age on `on` (NaN unknown), as `profile.age_bounds` computes one."""
        if on not in self._ages:
            year = self.founded_year
            exact = (on.year - year - ((on.month * 100 + on.day) < self.founded_md)).astype(np.float64)
            latest = np.float64(on.year) - year - (0 if (on.month, on.day) == (12, 31) else 1)
            has_date = self.founded_md >= 0
            lo = np.where(has_date, exact, latest)
            hi = np.where(has_date, exact, on.year - year)
            lo[year < 0] = hi[year < 0] = np.nan
            self._ages[on] = (lo, hi)
        return self._ages[on]


def _pairs(values: list[Any], certificates: bool) -> Pairs:
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    codes: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for row, value in enumerate(values):
        for entry in value or ():
            name = entry[0] if certificates else entry
            rows.append(row)
            codes.append(vocabulary.setdefault(name, len(vocabulary)))
            if certificates:
                starts.append(entry[1].toordinal() if entry[1] else -_NO_DATE)
                ends.append(entry[2].toordinal() if entry[2] else _NO_DATE)
    known = np.array([v is not None for v in values], dtype=bool)
    out = Pairs(np.array(rows, dtype=np.int32), np.array(codes, dtype=np.int32), known, vocabulary)
    if certificates:
        out.starts, out.ends = np.array(starts, dtype=np.int32), np.array(ends, dtype=np.int32)
    return out


@dataclass
class ItemAnswers:
    """One item's answers for every organisation of a table."""

    item: Item
    on: dt.date
    status: np.ndarray  # int8, F/U/T per organisation
    reasons: np.ndarray  # uint64, bit i set when condition i is among the reasons
    timing: str

    def counts(self) -> dict[str, int]:
        counts = np.bincount(self.status, minlength=3)
        return {STATUS[s]: int(counts[s]) for s in (T, F, U)}

    def answer(self, row: int) -> Answer:
        mask = int(self.reasons[row])
        because = [c for c in self.item.conditions if mask >> c.index & 1]
        return answer_of(self.item, int(self.status[row]), because, self.on)


def evaluate_table(items: Iterable[Item], table: Table, on: dt.date) -> Iterator[ItemAnswers]:
    """Each item's answers for all organisations of `table` on `on`, item by item (memory: one item at a time)."""
    for item in items:
        if len(item.conditions) > MAX_CONDITIONS:
            raise ValueError(f"item {item.id}: more than {MAX_CONDITIONS} conditions")
        if item.rule is None:
            status = np.full(table.size, T, dtype=np.int8)
            reasons = np.zeros(table.size, dtype=np.uint64)
        else:
            status, reasons = _node(item.rule, table, on)
        yield ItemAnswers(item, on, status, reasons, timing(item, on))


def _node(node: Node, table: Table, on: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """Status of the node and the reason mask of the conditions it passes up (those of its deciding parts)."""
    if isinstance(node, Condition):
        status = condition(node, table, on)
        return status, np.full(table.size, np.uint64(1) << np.uint64(node.index), dtype=np.uint64)
    parts = [_node(child, table, on) for child in node.children]
    reduce = np.minimum if node.how == "all" else np.maximum
    status = reduce.reduce([s for s, _ in parts])
    reasons = np.zeros(table.size, dtype=np.uint64)
    for part_status, part_reasons in parts:
        reasons |= np.where(part_status == status, part_reasons, np.uint64(0))
    return status, reasons


def _three(test: np.ndarray, known: np.ndarray) -> np.ndarray:
    out = np.where(test, np.int8(T), np.int8(F))
    out[~known] = U
    return out


def condition(c: Condition, table: Table, on: dt.date) -> np.ndarray:
    """One condition over all organisations: int8 array of F/U/T."""
    kind = FIELDS[c.field].type
    if c.field == "age":
        lo, hi = table.ages(on)
        known = ~np.isnan(lo)
        if c.op == "exists":
            return np.where(known == c.value, np.int8(T), np.int8(F))
        a, b = _numbers(c.op, lo, c.value), _numbers(c.op, hi, c.value)
        out = np.where(a & b, np.int8(T), np.where(~a & ~b, np.int8(F), np.int8(U)))
        out[~known] = U
        return out
    column = table.columns[c.field]
    if kind in (CHOICE, BAND, BOOL):
        known = column >= 0
        if c.op == "exists":
            return np.where(known == c.value, np.int8(T), np.int8(F))
        return _three(_coded(c, column), known)
    if kind == NUMBER:
        known = ~np.isnan(column)
        if c.op == "exists":
            return np.where(known == c.value, np.int8(T), np.int8(F))
        return _three(_numbers(c.op, column, c.value), known)
    if kind == REGION:
        code, length = column
        if c.op == "exists":
            return np.where((length > 0) == c.value, np.int8(T), np.int8(F))
        out = np.full(table.size, F, dtype=np.int8)
        for prefix in c.value:
            k, p = len(prefix), int(prefix)
            inside = (length >= k) & (code // 10 ** (6 - k) == p)
            # The organisation's known region is an ancestor of the policy's: undecided (see evaluate.truth).
            ancestor = (length > 0) & (length < k) & (p // 10 ** np.maximum(k - length, 0) == code // 10 ** (6 - length))
            out = np.maximum(out, np.where(inside, np.int8(T), np.where(ancestor, np.int8(U), np.int8(F))))
        out[length == 0] = U
        return out
    pairs: Pairs = column
    if c.op == "exists":
        present = np.zeros(table.size, dtype=bool)
        present[pairs.rows] = True
        return np.where((pairs.known & present) == c.value, np.int8(T), np.int8(F))
    wanted = [pairs.vocabulary[v] for v in c.value if v in pairs.vocabulary]
    hit = np.isin(pairs.codes, wanted)
    if kind == CERTIFICATES and c.op == "valid_on":
        day = (c.at or on).toordinal()
        assert pairs.starts is not None and pairs.ends is not None
        hit &= (pairs.starts <= day) & (day <= pairs.ends)
    if c.op == "has_all":
        # Count distinct wanted values per organisation (pairs are distinct per row since sets have no repeats).
        if len(wanted) < len(set(c.value)):
            test = np.zeros(table.size, dtype=bool)
        else:
            test = np.bincount(pairs.rows[hit], minlength=table.size) == len(wanted)
    else:
        test = np.zeros(table.size, dtype=bool)
        test[pairs.rows[hit]] = True
        if c.op == "has_none":
            test = ~test
    return _three(test, pairs.known)


def _coded(c: Condition, column: np.ndarray) -> np.ndarray:
    spec = FIELDS[c.field]
    if spec.type == BOOL:
        return (column == int(c.value)) if c.op == "eq" else (column != int(c.value))
    rank = {v: i for i, v in enumerate(spec.choices)}
    if c.op == "eq":
        return column == rank[c.value]
    if c.op == "ne":
        return column != rank[c.value]
    if c.op in ("in", "not_in"):
        inside = np.isin(column, [rank[v] for v in c.value])
        return inside if c.op == "in" else ~inside
    if c.op == "gte":
        return column >= rank[c.value]
    if c.op == "lte":
        return column <= rank[c.value]
    if c.op == "between":
        return (column >= rank[c.value[0]]) & (column <= rank[c.value[1]])
    raise AssertionError(f"unhandled operator {c.op}")  # pragma: no cover


def _numbers(op: str, column: np.ndarray, x: Any) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        if op == "between":
            return (column >= x[0]) & (column <= x[1])
        return {"eq": np.equal, "ne": np.not_equal, "gt": np.greater, "gte": np.greater_equal,
                "lt": np.less, "lte": np.less_equal}[op](column, x)
