"""The same rules compiled to SQL, over a plain table of profiles (no Django): how the app can do it in the database.

A condition compiles to a boolean expression that is NULL when the data it needs is unknown; SQL's AND,
OR and NOT on NULL are Kleene's three-valued logic, so a whole rule is one expression and

    SELECT count(*) FROM org WHERE <rule>            -- eligible
    SELECT count(*) FROM org WHERE NOT (<rule>)      -- not eligible
    SELECT count(*) FROM org WHERE (<rule>) IS NULL  -- unknown

`evaluate_sql` selects each condition's answer (0/1/2) and lets `columns.combine` add the reasons, so it
returns the very `ItemAnswers` of the column evaluator. The schema below is the plain one `insert` fills
(used by the tests on SQLite in memory); the Django app maps the same fields to its own columns and
related tables. Portable SQL only: CASE, EXISTS, IN, substr, length, TRUE/FALSE (SQLite ≥ 3.23, PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from corridor.policies.eligibility.columns import ItemAnswers, combine
from corridor.policies.eligibility.fields import BAND, BOOL, CERTIFICATES, CHOICE, FIELDS, NUMBER, REGION, SET
from corridor.policies.eligibility.rules import Condition, Item, Node

SETS = [name for name, spec in FIELDS.items() if spec.type == SET]
SCALARS = [name for name, spec in FIELDS.items() if spec.type in (CHOICE, BAND, BOOL, NUMBER, REGION) and name != "age"]
SCHEMA = [
    # `row` numbers organisations 0..n-1 in input order; region holds the code's significant digits (3301, 330106).
    "CREATE TABLE org (row INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT, region TEXT, size_band TEXT, "
    "is_head_enterprise BOOLEAN, rnd_share REAL, revenue_band TEXT, employees REAL, has_rnd_project BOOLEAN, "
    "has_instrument BOOLEAN, founded_year INTEGER, founded_md INTEGER, "  # month*100+day; NULL: only the year known
    + ", ".join(f"{name}_known BOOLEAN NOT NULL" for name in [*SETS, "certificates"]) + ")",
    "CREATE TABLE org_value (row INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL)",
    "CREATE INDEX org_value_lookup ON org_value (row, field, value)",
    "CREATE TABLE org_certificate (row INTEGER NOT NULL, kind TEXT NOT NULL, valid_from DATE, valid_until DATE)",
    "CREATE INDEX org_certificate_lookup ON org_certificate (row, kind)",
]


def insert(connection: Any, orgs: Sequence[Mapping[str, Any]], placeholder: str = "?") -> None:
    """Write profiles (from `load_org`) into the plain schema (which must exist)."""
    columns = ["row", "id", *SCALARS, "founded_year", "founded_md", *(f"{n}_known" for n in [*SETS, "certificates"])]
    rows, values, certificates = [], [], []
    for row, org in enumerate(orgs):
        founded = org.get("founded_on")
        rows.append((row, org["id"], *(org.get(name) for name in SCALARS), org.get("founded_year"),
                     founded.month * 100 + founded.day if founded else None,
                     *(org.get(name) is not None for name in [*SETS, "certificates"])))
        values += [(row, name, value) for name in SETS for value in org.get(name) or ()]
        certificates += [(row, kind, start, end) for kind, start, end in org.get("certificates") or ()]
    marks = ", ".join([placeholder] * len(columns))
    cursor = connection.cursor()
    cursor.executemany(f"INSERT INTO org ({', '.join(columns)}) VALUES ({marks})", rows)
    cursor.executemany(f"INSERT INTO org_value VALUES ({', '.join([placeholder] * 3)})", values)
    cursor.executemany(f"INSERT INTO org_certificate VALUES ({', '.join([placeholder] * 4)})",
                       [(r, k, s.isoformat() if s else None, e.isoformat() if e else None) for r, k, s, e in certificates])


class Compiler:
    """Rule → SQL text with placeholders, collecting the parameters in order."""

    def __init__(self, on: dt.date, placeholder: str = "?") -> None:
        self.on, self.mark = on, placeholder
        self.params: list[Any] = []

    # Where the data is. The plain schema's names; a subclass maps them to other tables (the app's registry).
    def column(self, name: str) -> str:
        """A single-valued field (or founded_year / founded_md) of the organisation row."""
        return name

    def known(self, name: str) -> str:
        """A boolean expression: the many-valued field is known for the organisation row."""
        return f"{name}_known"

    def many(self, c: Condition) -> tuple[str, str, tuple[Any, ...]]:
        """(`table x WHERE <x belongs to the organisation row>`, the value column of x, the values to look for)."""
        if FIELDS[c.field].type == CERTIFICATES:
            return "org_certificate x WHERE x.row = org.row", "x.kind", c.value
        return f"org_value x WHERE x.row = org.row AND x.field = {self.value(c.field)}", "x.value", c.value

    def date(self, day: dt.date) -> Any:
        """A date as a parameter (the plain schema keeps ISO text)."""
        return day.isoformat()

    def value(self, value: Any) -> str:
        self.params.append(value)
        return self.mark

    def values(self, values: Iterable[Any]) -> str:
        return "(" + ", ".join(self.value(v) for v in values) + ")"

    def rule(self, node: Node) -> str:
        if isinstance(node, Condition):
            return self.condition(node)
        joiner = " AND " if node.how == "all" else " OR "  # Kleene's, on NULL too
        return "(" + joiner.join(self.rule(child) for child in node.children) + ")"

    def status(self, node: Node) -> str:
        """0 / 1 / 2 (not eligible / unknown / eligible) as one SQL expression (true → 2, false → 0, NULL → 1)."""
        return f"COALESCE(CAST({self.rule(node)} AS INTEGER) * 2, 1)"

    def condition(self, c: Condition) -> str:
        kind = FIELDS[c.field].type
        if c.field == "age":
            return self._age(c)
        if kind in (SET, CERTIFICATES):
            return self._many(c, kind)
        column = self.column(c.field)
        if c.op == "exists":
            return f"({column} IS {'NOT ' if c.value else ''}NULL)"
        if kind == BOOL:
            return f"({column} {'=' if c.op == 'eq' else '<>'} {'TRUE' if c.value else 'FALSE'})"
        if kind == REGION:
            # Inside: the organisation's digits start with the policy's. Its region an ancestor of the policy's
            # (only the city known, the policy names a district): unknown. See evaluate.truth.
            cases = []
            for prefix in c.value:
                p = self.value(prefix)
                cases.append(f"CASE WHEN substr({column}, 1, {len(prefix)}) = {p} THEN TRUE "
                             f"WHEN substr({self.value(prefix)}, 1, length({column})) = {column} THEN NULL ELSE FALSE END")
            return f"(CASE WHEN {column} IS NULL THEN NULL ELSE ({' OR '.join(cases)}) END)"
        if kind == BAND and c.op in ("gte", "lte", "between"):
            # An ordered band compiles to the list of its values in range: no ranks stored.
            ranks = FIELDS[c.field].choices
            lo, hi = c.value if c.op == "between" else (c.value, ranks[-1]) if c.op == "gte" else (ranks[0], c.value)
            return f"({column} IN {self.values(ranks[ranks.index(lo):ranks.index(hi) + 1])})"
        return self._compare(column, c.op, c.value)

    def _compare(self, column: str, op: str, value: Any) -> str:
        if op == "between":
            return f"({column} BETWEEN {self.value(value[0])} AND {self.value(value[1])})"
        if op in ("in", "not_in"):
            return f"({column} {'IN' if op == 'in' else 'NOT IN'} {self.values(value)})"
        return f"({column} {_SQL_OPERATORS[op]} {self.value(value)})"

    def _age(self, c: Condition) -> str:
        """Whole years since founding on the date: exact from month and day, else the two values it may be."""
        year, md = self.column("founded_year"), self.column("founded_md")
        if c.op == "exists":
            return f"({year} IS {'NOT ' if c.value else ''}NULL)"
        on = self.on
        exact = f"{on.year} - {year} - (CASE WHEN {md} > {on.month * 100 + on.day} THEN 1 ELSE 0 END)"
        latest = f"{on.year} - {year} - {0 if (on.month, on.day) == (12, 31) else 1}"
        lo = f"(CASE WHEN {md} IS NOT NULL THEN {exact} ELSE {latest} END)"
        hi = f"(CASE WHEN {md} IS NOT NULL THEN {exact} ELSE {on.year} - {year} END)"
        # Both possible ages pass: true; neither: false; one: NULL (the founding date decides).
        passes = f"CAST({self._compare(lo, c.op, c.value)} AS INTEGER) + CAST({self._compare(hi, c.op, c.value)} AS INTEGER)"
        return f"(CASE {passes} WHEN 2 THEN TRUE WHEN 0 THEN FALSE END)"

    def _many(self, c: Condition, kind: str) -> str:
        source, column, wanted = self.many(c)
        if kind == CERTIFICATES and c.op == "valid_on":
            day = self.date(c.at or self.on)
            source += f" AND (x.valid_from IS NULL OR x.valid_from <= {self.value(day)})" \
                      f" AND (x.valid_until IS NULL OR x.valid_until >= {self.value(day)})"
        if c.op == "exists":
            test = f"EXISTS (SELECT 1 FROM {source})"
            return f"({test})" if c.value else f"(NOT {test})"
        if not wanted:  # none of the values exists anywhere (a subclass looks them up): nobody has them
            test = "TRUE" if c.op == "has_none" else "FALSE"
        elif c.op == "has_all":
            test = f"(SELECT count(DISTINCT {column}) FROM {source} AND {column} IN {self.values(wanted)}) = {len(set(c.value))}"
        else:
            test = f"{'NOT ' if c.op == 'has_none' else ''}EXISTS (SELECT 1 FROM {source} AND {column} IN {self.values(wanted)})"
        return f"(CASE WHEN {self.known(c.field)} THEN {test} END)"  # no ELSE: NULL, unknown


_SQL_OPERATORS = {"eq": "=", "ne": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}


def evaluate_sql(connection: Any, items: Iterable[Item], on: dt.date, placeholder: str = "?") -> Iterator[ItemAnswers]:
    """Each item's answers for every row of `org`, the conditions answered by the database."""
    cursor = connection.cursor()
    cursor.execute("SELECT count(*) FROM org")
    size = cursor.fetchone()[0]
    for item in items:
        matrix = np.zeros((size, 0), dtype=np.int8)
        if item.conditions:
            compiler = Compiler(on, placeholder)
            selects = [compiler.status(c) for c in item.conditions]
            cursor.execute(f"SELECT {', '.join(selects)} FROM org ORDER BY row", compiler.params)
            matrix = np.array(cursor.fetchall(), dtype=np.int8).reshape(size, len(selects))
        yield combine(item, on, size, _column_of(matrix))


def _column_of(matrix: np.ndarray) -> Callable[[Condition], np.ndarray]:
    return lambda c: matrix[:, c.index]
