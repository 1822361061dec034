"""The SQL compilation of the rules on the plain schema: same answers as the evaluators.

Always on SQLite in memory; also on PostgreSQL when DATABASE_URL names one (in a schema of its own,
dropped afterwards). No Django: plain sqlite3 / psycopg connections.
"""

import datetime as dt
import os
import random
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest

from corridor.policies.eligibility import Item, evaluate, load_org, parse_item, synthetic
from corridor.policies.eligibility.sql import SCHEMA, Compiler, evaluate_sql, insert
from corridor.policies.tests.helpers import ON, cond, item, org
from corridor.policies.tests.test_evaluate import CASES, R_AND_D_SUBSIDY

URL = os.environ.get("DATABASE_URL", "")
BACKENDS = ["sqlite", *(["postgres"] if URL.startswith("postgres") else [])]


@pytest.fixture(params=BACKENDS)
def connect(request) -> Iterator:
    """A function that creates the schema, loads profiles and returns (connection, placeholder)."""
    opened: list[tuple[Any, str]] = []

    def make(profiles):
        connection: Any
        if request.param == "sqlite":
            connection, mark = sqlite3.connect(":memory:"), "?"
        else:
            import psycopg

            connection, mark = psycopg.connect(URL, autocommit=True), "%s"
            schema = f"policies_sql_{os.getpid()}_{len(opened)}"
            connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            connection.execute(f"CREATE SCHEMA {schema}")
            connection.execute(f"SET search_path TO {schema}")
            opened.append((connection, schema))
        for statement in SCHEMA:
            connection.execute(statement)
        insert(connection, profiles, mark)
        return connection, mark

    yield make
    for connection, schema in opened:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")
        connection.close()


def whole_rule_statuses(connection, mark: str, item: Item, on: dt.date) -> list[int]:
    """The root rule as one expression (groups in SQL too), 0/1/2 per organisation in row order."""
    if item.rule is None:
        return []
    compiler = Compiler(on, mark)
    sql = f"SELECT {compiler.status(item.rule)} FROM org ORDER BY row"
    return [r[0] for r in connection.execute(sql, compiler.params).fetchall()]


def test_every_hand_built_case_agrees(connect):
    profiles = [org(id=f"o{i}", **fields) for i, (_, fields, _) in enumerate(CASES)]
    items = [item(condition, id=f"i{i}") for i, (condition, _, _) in enumerate(CASES)]
    connection, mark = connect(profiles)
    for i, answers in enumerate(evaluate_sql(connection, items, ON, mark)):
        assert answers.answer(i) == evaluate(items[i], profiles[i], ON)
        assert answers.answer(i).status == CASES[i][2]


@pytest.mark.parametrize("seed", range(3))
def test_random_organisations_and_rules_agree(connect, seed):
    rng = random.Random(100 + seed)
    on = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
    profiles = [load_org(synthetic.organisation(rng, i)) for i in range(250)]
    items = [parse_item(synthetic.item(rng, i, on, realistic=i % 3 == 0)) for i in range(30)]
    connection, mark = connect(profiles)
    seen = set()
    for answers in evaluate_sql(connection, items, on, mark):
        whole = whole_rule_statuses(connection, mark, answers.item, on)
        for row, profile in enumerate(profiles):
            expected = evaluate(answers.item, profile, on)
            assert answers.answer(row) == expected, (answers.item.id, profile["id"])
            if whole:
                assert whole[row] == answers.status[row], (answers.item.id, profile["id"])
            seen.add(expected.status)
    assert seen == {"eligible", "not_eligible", "unknown"}


def test_one_where_clause_counts_each_answer(connect):
    # SQL's NULL is "unknown": WHERE rule / WHERE NOT rule / WHERE rule IS NULL split the organisations.
    profiles = [org(id="a", region="340202", kind="enterprise", certificates=[], rnd_share=5, employees=20),
                org(id="b", region="340202", kind="enterprise", certificates=[]),
                org(id="c", region="330106", kind="enterprise"),
                org(id="d", region="340100", kind="enterprise", rnd_share=9, employees=300, certificates=[])]
    connection, mark = connect(profiles)
    rule = item(R_AND_D_SUBSIDY).rule

    def ids(template: str) -> list[str]:
        compiler = Compiler(ON, mark)
        sql = template.format(compiler.rule(rule))
        return [r[0] for r in connection.execute(f"SELECT id FROM org WHERE {sql} ORDER BY id", compiler.params).fetchall()]

    assert ids("{}") == ["a"]
    assert ids("NOT {}") == ["c", "d"]
    assert ids("({}) IS NULL") == ["b"]


def test_values_are_parameters_not_text():
    compiler = Compiler(ON)
    sql = compiler.rule(parse_item({"id": "x", "rule": cond("industries", "has_any", ["x'); DROP TABLE org; --"])}).rule)
    assert "DROP" not in sql and "x'); DROP TABLE org; --" in compiler.params
