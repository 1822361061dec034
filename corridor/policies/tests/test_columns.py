"""The set-based evaluator gives the per-organisation evaluator's answers, reasons included."""

import datetime as dt
import random

import pytest

from corridor.policies.eligibility import Table, evaluate, evaluate_table, load_org, parse_item, synthetic
from corridor.policies.tests.helpers import ON, cond, item, org
from corridor.policies.tests.test_evaluate import CASES, R_AND_D_SUBSIDY


def test_every_hand_built_case_agrees():
    profiles = [org(id=f"o{i}", **fields) for i, (_, fields, _) in enumerate(CASES)]
    table = Table(profiles)
    items = [item(condition, id=f"i{i}") for i, (condition, _, _) in enumerate(CASES)]
    for i, answers in enumerate(evaluate_table(items, table, ON)):
        assert answers.answer(i) == evaluate(items[i], profiles[i], ON)
        assert answers.answer(i).status == CASES[i][2]


@pytest.mark.parametrize("seed", range(6))
def test_random_organisations_and_rules_agree(seed):
    rng = random.Random(seed)
    on = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
    profiles = [load_org(synthetic.organisation(rng, i)) for i in range(300)]
    # Random rules use every field and operator, nested all/any; realistic ones the common mixes.
    items = [parse_item(synthetic.item(rng, i, on, realistic=i % 3 == 0)) for i in range(40)]
    seen = set()
    for answers in evaluate_table(items, Table(profiles), on):
        for row, profile in enumerate(profiles):
            expected = evaluate(answers.item, profile, on)
            assert answers.answer(row) == expected, (answers.item.id, profile["id"])
            seen.add(expected.status)
        assert answers.timing == expected.timing
    assert seen == {"eligible", "not_eligible", "unknown"}  # the comparison covered all three answers


def test_year_end_and_leap_day_ages_agree():
    # Founding anniversaries at the edges of the year; founded_year-only ages on 31 December.
    profiles = [org(id=f"o{i}", founded_on=d) for i, d in enumerate(["2020-02-29", "2019-12-31", "2021-01-01"])]
    profiles += [org(id="y", founded_year=2021)]
    items = [item(cond("age", op, v), id=f"{op}{v}") for op in ("lt", "gte", "eq") for v in (4, 5, 6)]
    for on in (dt.date(2025, 2, 28), dt.date(2025, 3, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 1)):
        for answers in evaluate_table(items, Table(profiles), on):
            for row, profile in enumerate(profiles):
                assert answers.answer(row) == evaluate(answers.item, profile, on)


def test_counts_and_unknown_reasons_over_a_table():
    profiles = [org(id="a", region="340202", kind="enterprise", certificates=[], rnd_share=5, employees=20),
                org(id="b", region="340202", kind="enterprise", certificates=[]),
                org(id="c", region="330106", kind="enterprise")]
    answers = next(evaluate_table([item(R_AND_D_SUBSIDY)], Table(profiles), ON))
    assert answers.counts() == {"eligible": 1, "not_eligible": 1, "unknown": 1}
    assert answers.answer(1).missing == ("employees", "rnd_share")
    assert [c.clause for c in answers.answer(2).because] == ["第二条"]


def test_an_empty_table():
    answers = next(evaluate_table([item(R_AND_D_SUBSIDY)], Table([]), ON))
    assert answers.counts() == {"eligible": 0, "not_eligible": 0, "unknown": 0}


def test_repeated_values_and_wide_rules():
    profiles = [org(id="a", industries=["ic", "ai"]), org(id="b", industries=["ic"]), org(id="c")]
    items = [item(cond("industries", "has_all", ["ic", "ic"]), id="dup"),
             item({"any": [cond("employees", "gte", i) for i in range(63)] + [cond("industries", "has_all", ["ai", "ic"])]},
                  id="wide")]
    for answers in evaluate_table(items, Table(profiles), ON):
        assert answers.reasons.dtype.itemsize == (1 if answers.item.id == "dup" else 8)
        for row, profile in enumerate(profiles):
            assert answers.answer(row) == evaluate(answers.item, profile, ON)
