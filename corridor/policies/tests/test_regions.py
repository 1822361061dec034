"""Region containment by GB 2260 code, in both evaluators."""

import pytest

from corridor.policies.eligibility import Table, evaluate, evaluate_table
from corridor.policies.tests.helpers import ON, cond, item, org

SONGJIANG, SHANGHAI, HANGZHOU, XIHU, ZHEJIANG, WUHU = "310117", "310000", "330100", "330106", "330000", "340200"


@pytest.mark.parametrize(("policy", "organisation", "expected"), [
    ([SONGJIANG], SONGJIANG, "eligible"),  # a Songjiang district policy, an organisation in Songjiang
    ([SONGJIANG], HANGZHOU, "not_eligible"),  # …not in Hangzhou
    ([SONGJIANG], XIHU, "not_eligible"),
    ([SONGJIANG], "310104", "not_eligible"),  # another Shanghai district
    ([SHANGHAI], SONGJIANG, "eligible"),  # a municipality covers its districts
    ([HANGZHOU], XIHU, "eligible"),  # a city covers its districts
    ([HANGZHOU], HANGZHOU, "eligible"),
    ([ZHEJIANG], XIHU, "eligible"),  # a province covers its cities' districts
    ([ZHEJIANG], SONGJIANG, "not_eligible"),
    ([XIHU], HANGZHOU, "unknown"),  # we know the city only: which district decides
    ([SONGJIANG], SHANGHAI, "unknown"),
    ([XIHU], ZHEJIANG, "unknown"),
    ([SONGJIANG], ZHEJIANG, "not_eligible"),  # another province: no district of it can be in Songjiang
    ([SONGJIANG, WUHU], "340207", "eligible"),  # any of several regions
    ([SONGJIANG, XIHU], HANGZHOU, "unknown"),
    ([SONGJIANG, HANGZHOU], "330108", "eligible"),
])
def test_containment(policy, organisation, expected):
    rule = item(cond("region", "within_region", policy))
    profile = org(region=organisation)
    answer = evaluate(rule, profile, ON)
    assert answer.status == expected
    assert answer.missing == (("region",) if expected == "unknown" else ())
    assert next(evaluate_table([rule], Table([profile]), ON)).answer(0) == answer


def test_a_district_policy_in_a_mixed_population():
    profiles = [org(id="a", region=SONGJIANG), org(id="b", region=HANGZHOU), org(id="c", region=SHANGHAI), org(id="d")]
    answers = next(evaluate_table([item(cond("region", "within_region", [SONGJIANG]))], Table(profiles), ON))
    assert [answers.answer(i).status for i in range(4)] == ["eligible", "not_eligible", "unknown", "unknown"]
    assert answers.counts() == {"eligible": 1, "not_eligible": 1, "unknown": 2}
