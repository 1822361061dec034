"""`reach.every_answer` (every organisation × every item, from the database, set-based) gives the per-organisation
evaluator's answers — status, reasons, what is missing — on hand-built organisations and items, all three answers."""

from __future__ import annotations

import datetime as dt

import pytest

from corridor.orgs.models import Organisation
from corridor.policies.eligibility import evaluate, parse_item
from corridor.policies.profiles import profiles
from corridor.policies.reach import every_answer
from corridor.policies.testing import synthetic_regions
from corridor.policies.tests.helpers import ON, cond
from corridor.policies.tests.test_reach_sql import _organisation, _vocabulary

pytestmark = pytest.mark.django_db


def test_every_answer_equals_the_per_organisation_evaluator():
    regions = synthetic_regions()
    vocabulary = _vocabulary(["ind-a"], ["chain-x.seg1"], ["all-a"])
    orgs = [
        _organisation(regions, vocabulary, "甲", {
            "kind": "enterprise", "region": "340202", "size_band": "small", "founded_on": dt.date(2015, 5, 1),
            "industries": ["ind-a"], "alliances": ["all-a"], "rnd_share": 4.5, "employees": 120,
            "certificates": [{"kind": "hnte", "valid_from": dt.date(2024, 1, 1), "valid_until": dt.date(2027, 12, 31)}]}),
        _organisation(regions, vocabulary, "乙", {
            "kind": "institute", "region": "330106", "size_band": "large", "founded_year": 2020,
            "certificates_declared": True, "rnd_share": 1.0, "revenue_band": "1b_plus", "employees": 900}),
        _organisation(regions, vocabulary, "丙", {"kind": "", "region": "340200"}),  # almost nothing known
    ]
    items = [parse_item({"id": f"i{i}", "rule": rule}) for i, rule in enumerate([
        {"all": [cond("kind", "eq", "enterprise"), cond("rnd_share", "gte", 3, clause="第三条")]},
        {"any": [cond("certificates", "valid_on", ["hnte"]), cond("industries", "has_any", ["ind-a"])]},
        {"all": [cond("region", "within_region", ["340202"]),
                 {"any": [cond("employees", "lte", 500), cond("revenue_band", "lte", "50m_200m")]}]},
        cond("alliances", "has_any", ["all-a"]),
        None,
    ])]
    found = every_answer(Organisation.objects.filter(pk__in=[o.pk for o in orgs]), items, ON)
    assert sorted(found.ids) == sorted(o.pk for o in orgs)
    assert set(found.seconds) == {"read", "columns", "evaluate"}
    expected = profiles(found.ids)
    seen = set()
    for item, answers in zip(items, found.answers, strict=True):
        for row, pk in enumerate(found.ids):
            got, want = answers.answer(row), evaluate(item, expected[pk], ON)
            assert (got.status, got.because, got.missing) == (want.status, want.because, want.missing), (item.id, pk)
            seen.add(got.status)
    assert seen == {"eligible", "not_eligible", "unknown"}
    # The R&D subsidy: 甲 eligible, 乙 not (names the clause), 丙 unknown (names what to fill in).
    by_pk = {pk: found.answers[0].answer(row) for row, pk in enumerate(found.ids)}
    first, second, third = (by_pk[o.pk] for o in orgs)
    assert (first.status, second.status, third.status) == ("eligible", "not_eligible", "unknown")
    assert {c.clause for c in second.because} == {"第二条", "第三条"}  # an institute, and R&D under 3 %
    assert "rnd_share" in third.missing


def test_every_answer_defaults_to_the_items_in_force():
    assert every_answer(Organisation.objects.none()).answers == []
