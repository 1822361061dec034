"""The set-based evaluator: every organisation at once, one numpy array per field.

The same rule tree and the same three-valued encoding as `evaluate` (F=0 < U=1 < T=2; `all` = minimum,
`any` = maximum), computed over columns: a condition is one or two array operations over all
organisations. Per (organisation, item) it yields the status and the reasons as a bit mask over the
item's conditions (bit i = condition i), which `ItemAnswers.answer` turns into the same `Answer` as the
per-organisation evaluator; a test checks both agree on random organisations and rules.

`combine` is the one place where conditions' answers become an item's answer and reasons; `sql.evaluate_sql`
feeds it the conditions' answers computed by a database instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridor.policies.eligibility.evaluate import STATUS, Answer, F, T, U, answer_of, timing, truth
from corridor.policies.eligibility.fields import BAND, BOOL, CERTIFICATES, CHOICE, FIELDS, NUMBER, REGION, SET
from corridor.policies.eligibility.profile import gc_paused
from corridor.policies.eligibility.rules import MAX_CONDITIONS, Condition, Group, Item

_NO_DATE = np.iinfo(np.int32).max


@dataclass
class Categories:
    """A single-valued field with few distinct values (kind, bands, booleans, regions): row → value number."""

    rows: np.ndarray  # int32 index into `values` per organisation
    values: list[Any]  # the distinct values; None (unknown) among them


@dataclass
class Pairs:
    """A many-valued field exploded into (organisation row, value code) pairs, plus which rows are known."""

    rows: np.ndarray
    codes: np.ndarray
    known: np.ndarray
    unknown_rows: np.ndarray
    vocabulary: dict[str, int]
    starts: np.ndarray | None = None  # certificates: valid from / until as day ordinals
    ends: np.ndarray | None = None


class Table:
    """Columns of many organisation profiles (from `load_org`), row i = orgs[i]."""

    def __init__(self, orgs: Sequence[Mapping[str, Any]]) -> None:
        with gc_paused():
            self._build(orgs)

    def _build(self, orgs: Sequence[Mapping[str, Any]]) -> None:
        self.ids = [o["id"] for o in orgs]
        self.size = len(orgs)
        self.columns: dict[str, Any] = {}
        for name, spec in FIELDS.items():
            if name == "age":
                continue
            values = [o.get(name) for o in orgs]
            if spec.type in (CHOICE, BAND, BOOL, REGION):
                numbers: dict[Any, int] = {}
                rows = np.array([numbers.setdefault(v, len(numbers)) for v in values], dtype=np.int32)
                self.columns[name] = Categories(rows, list(numbers))
            elif spec.type == NUMBER:
                column = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
                self.columns[name] = (column, np.flatnonzero(np.isnan(column)))
            elif spec.type in (SET, CERTIFICATES):
                self.columns[name] = _pairs(values, certificates=spec.type == CERTIFICATES)
        founded = [o.get("founded_on") for o in orgs]
        self.founded_year = np.array([-1 if o.get("founded_year") is None else o["founded_year"] for o in orgs], np.int32)
        # Month and day as one number (founded 5 May → 505); -1 when only the year is known.
        self.founded_md = np.array([-1 if d is None else d.month * 100 + d.day for d in founded], dtype=np.int32)
        self._ages: dict[dt.date, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def ages(self, on: dt.date) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lowest and highest possible age on `on` (NaN unknown), as `profile.age_bounds` computes one; unknown rows."""
        if on not in self._ages:
            year = self.founded_year
            exact = (on.year - year - ((on.month * 100 + on.day) < self.founded_md)).astype(np.float64)
            latest = np.float64(on.year) - year - (0 if (on.month, on.day) == (12, 31) else 1)
            has_date = self.founded_md >= 0
            lo = np.where(has_date, exact, latest)
            hi = np.where(has_date, exact, on.year - year)
            lo[year < 0] = hi[year < 0] = np.nan
            self._ages[on] = (lo, hi, np.flatnonzero(year < 0))
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
    out = Pairs(np.array(rows, dtype=np.int32), np.array(codes, dtype=np.int32), known, np.flatnonzero(~known), vocabulary)
    if certificates:
        out.starts, out.ends = np.array(starts, dtype=np.int32), np.array(ends, dtype=np.int32)
    return out


@dataclass
class ItemAnswers:
    """One item's answers for every organisation of a table."""

    item: Item
    on: dt.date
    status: np.ndarray  # int8, F/U/T per organisation
    reasons: np.ndarray  # unsigned, bit i set when condition i is among the reasons (8–64 bits: as few as fit)
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
        yield combine(item, on, table.size, lambda c: condition(c, table, on))


def combine(item: Item, on: dt.date, size: int, leaf: Callable[[Condition], np.ndarray]) -> ItemAnswers:
    """An item's answers from its conditions' answers (`leaf(c)`: int8 F/U/T per organisation, from columns or SQL)."""
    # The narrowest mask that holds the item's conditions: with every answer of 100k × 200 kept, 8 or 16
    # bits instead of 64 take the reasons from 160 MB to about 30 MB.
    assert len(item.conditions) <= MAX_CONDITIONS  # parse_item refuses more
    bits = next(b for b in (np.uint8, np.uint16, np.uint32, np.uint64) if np.iinfo(b).bits >= len(item.conditions))
    if item.rule is None:
        status, reasons = np.full(size, T, dtype=np.int8), np.zeros(size, dtype=bits)
    elif isinstance(item.rule, Condition):
        status, reasons = leaf(item.rule), np.full(size, 1 << item.rule.index, dtype=bits)
    else:
        status, reasons = _group(item.rule, size, leaf, bits)
    return ItemAnswers(item, on, status, reasons, timing(item, on))


def _group(node: Group, size: int, leaf: Callable[[Condition], np.ndarray],
           bits: type[np.unsignedinteger]) -> tuple[np.ndarray, np.ndarray]:
    """Status of the group and the reason mask of the conditions it passes up (those of its deciding parts)."""
    parts = [(child, _group(child, size, leaf, bits) if isinstance(child, Group) else (leaf(child), None))
             for child in node.children]
    reduce = np.minimum if node.how == "all" else np.maximum
    status = reduce.reduce([s for _, (s, _) in parts])
    reasons = np.zeros(size, dtype=bits)
    for child, (part_status, part_reasons) in parts:
        deciding = part_status == status
        if part_reasons is None:  # a condition: its own bit where it decides
            assert isinstance(child, Condition)
            reasons |= deciding * bits(1 << child.index)
        else:
            reasons |= deciding * part_reasons
    return status, reasons


def _three(test: np.ndarray, unknown_rows: np.ndarray) -> np.ndarray:
    out = test.view(np.int8) << 1  # True → T (2), False → F (0)
    out[unknown_rows] = U
    return out


def condition(c: Condition, table: Table, on: dt.date) -> np.ndarray:
    """One condition over all organisations: int8 array of F/U/T."""
    column = table.columns.get(c.field)
    if isinstance(column, Categories):
        # Few distinct values: answer each with the per-organisation rule itself, then look the rows up.
        answers = np.array([truth(c, {c.field: value}, on) for value in column.values], dtype=np.int8)
        return answers[column.rows]
    if FIELDS[c.field].type == NUMBER:
        hi: np.ndarray | None = None
        if c.field == "age":
            lo, hi, unknown_rows = table.ages(on)
        else:
            lo, unknown_rows = table.columns[c.field]
        if c.op == "exists":
            known = np.ones(table.size, dtype=bool)
            known[unknown_rows] = False
            return np.where(known == c.value, np.int8(T), np.int8(F))
        a = _numbers(c.op, lo, c.value)
        if hi is None:
            return _three(a, unknown_rows)
        b = _numbers(c.op, hi, c.value)
        # Both possible ages pass: T; neither: F; one of them: U (the founding date decides).
        out = a.view(np.int8) + b.view(np.int8)
        out[unknown_rows] = U
        return out
    pairs = column
    assert isinstance(pairs, Pairs)
    if c.op == "exists":
        present = np.zeros(table.size, dtype=bool)
        present[pairs.rows] = True
        return np.where(present == c.value, np.int8(T), np.int8(F))  # rows with pairs are known
    wanted = np.zeros(len(pairs.vocabulary) + 1, dtype=bool)
    wanted_codes = sorted({pairs.vocabulary[v] for v in c.value if v in pairs.vocabulary})
    wanted[wanted_codes] = True
    hit = wanted[pairs.codes]
    if c.op == "valid_on":
        day = (c.at or on).toordinal()
        assert pairs.starts is not None and pairs.ends is not None
        hit &= (pairs.starts <= day) & (day <= pairs.ends)
    if c.op == "has_all":
        # Count the wanted values each organisation has (a set holds each value once).
        if len(wanted_codes) < len(set(c.value)):
            test = np.zeros(table.size, dtype=bool)
        else:
            test = np.bincount(pairs.rows[hit], minlength=table.size) == len(wanted_codes)
    else:
        test = np.zeros(table.size, dtype=bool)
        test[pairs.rows[hit]] = True
        if c.op == "has_none":
            test = ~test
    return _three(test, pairs.unknown_rows)


def _numbers(op: str, column: np.ndarray, x: Any) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        if op == "between":
            return (column >= x[0]) & (column <= x[1])
        return {"eq": np.equal, "ne": np.not_equal, "gt": np.greater, "gte": np.greater_equal,
                "lt": np.less, "lte": np.less_equal}[op](column, x)
