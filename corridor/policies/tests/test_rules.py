"""Malformed rules are refused with an error that names the condition; good ones parse to data."""

import datetime as dt

import pytest

from corridor.policies.eligibility import Condition, Group, RuleError, parse_item, parse_rule
from corridor.policies.tests.helpers import cond


def error(rule) -> RuleError:
    with pytest.raises(RuleError) as caught:
        parse_rule(rule)
    return caught.value


def test_parses_nested_groups_and_numbers_conditions_depth_first():
    leaves: list[Condition] = []
    rule = parse_rule({"all": [cond("kind", "eq", "enterprise"),
                               {"any": [cond("rnd_share", "gte", 3), cond("certificates", "valid_on", ["hnte"])]}]},
                      leaves=leaves)
    assert isinstance(rule, Group) and rule.how == "all"
    assert [c.field for c in leaves] == ["kind", "rnd_share", "certificates"]
    assert [c.index for c in leaves] == [0, 1, 2]
    assert leaves[2].path == "rule.all[1].any[1]"
    assert leaves[1].value == 3.0
    assert leaves[0].label_en == "condition: kind eq" and leaves[0].clause == "第二条"


def test_no_rule_means_no_conditions():
    assert parse_rule(None) is None and parse_rule({}) is None
    assert parse_item({"id": "x"}).rule is None


def test_unknown_field_names_the_condition_and_its_label():
    exc = error({"all": [cond("kind", "eq", "enterprise"), cond("turnover", "gte", 5)]})
    assert exc.code == "unknown_field" and exc.path == "rule.all[1]"
    assert "turnover" in str(exc) and "rule.all[1]" in str(exc) and "condition: turnover gte" in str(exc)


@pytest.mark.parametrize(("field", "op"), [
    ("kind", "gte"),  # an unordered choice has no ranks
    ("region", "eq"),  # regions are compared by containment
    ("industries", "valid_on"),
    ("rnd_share", "has_any"),
    ("is_head_enterprise", "in"),
])
def test_operator_not_valid_for_the_fields_type(field, op):
    exc = error(cond(field, op, "x"))
    assert exc.code == "bad_operator" and op in str(exc) and field in str(exc)


def test_unknown_operator():
    assert error(cond("kind", "like", "ent")).code == "unknown_operator"


@pytest.mark.parametrize(("field", "op", "value"), [
    ("kind", "eq", "company"),  # not a choice
    ("size_band", "between", ["large", "small"]),  # reversed
    ("size_band", "in", []),
    ("rnd_share", "gte", "3%"),
    ("rnd_share", "gte", True),
    ("employees", "between", [10]),
    ("employees", "between", [100, 10]),
    ("is_head_enterprise", "eq", "yes"),
    ("region", "within_region", ["3101"]),  # not six digits
    ("region", "within_region", []),
    ("industries", "has_any", "ic"),  # not a list
    ("certificates", "valid_on", ["iso9001"]),  # not a known kind
    ("certificates", "valid_on", {"kinds": ["hnte"], "on": "2026-13-01"}),
    ("kind", "exists", "yes"),
])
def test_bad_values_are_refused_naming_the_condition(field, op, value):
    exc = error({"all": [cond("kind", "eq", "enterprise"), cond(field, op, value)]})
    assert exc.code == "bad_value" and exc.path == "rule.all[1]" and field in str(exc)


def test_every_condition_needs_both_labels():
    data = cond("kind", "eq", "enterprise")
    del data["label_en"]
    exc = error(data)
    assert exc.code == "no_label" and "label_en" in str(exc)
    assert error({**cond("kind", "eq", "enterprise"), "label_zh": " "}).code == "no_label"


def test_misspelt_key_is_refused_not_ignored():
    exc = error({**cond("kind", "eq", "enterprise"), "vaule": "x"})
    assert exc.code == "unknown_key" and "vaule" in str(exc)


@pytest.mark.parametrize("rule", [{"all": []}, {"any": "x"}, {"all": [], "any": []}, ["kind"], "kind = enterprise"])
def test_malformed_groups(rule):
    assert error(rule).code in {"bad_group", "not_an_object"}


def test_item_dates_and_status_are_checked():
    item = parse_item({"id": 7, "status": "effective", "effective_from": "2026-01-01", "expires_on": "2027-12-31",
                       "window": {"opens": "2026-03-01", "closes": "2026-04-30"}, "rule": cond("kind", "eq", "enterprise")})
    assert item.id == "7" and item.effective_from == dt.date(2026, 1, 1) and item.window_closes == dt.date(2026, 4, 30)
    for bad, code in (({"status": "live"}, "bad_status"), ({"expires_on": "2026-02-30"}, "bad_date"),
                      ({"effective_from": "2027-01-01", "expires_on": "2026-01-01"}, "bad_dates"),
                      ({"window": {"opens": "2026-05-01", "closes": "2026-04-01"}}, "bad_dates"), ({"id": ""}, "no_id")):
        with pytest.raises(RuleError) as caught:
            parse_item({"id": "i", **bad})
        assert caught.value.code == code


def test_error_inside_an_item_names_the_item_too():
    with pytest.raises(RuleError) as caught:
        parse_item({"id": "wuhu-rnd", "rule": {"all": [cond("kind", "eq", "enterprise"), cond("size", "eq", "small")]}})
    assert "wuhu-rnd" in str(caught.value) and "all[1]" in str(caught.value)


def test_at_most_64_conditions_in_an_item():
    parse_item({"id": "big", "rule": {"all": [cond("employees", "gte", i) for i in range(64)]}})
    with pytest.raises(RuleError) as caught:
        parse_item({"id": "big", "rule": {"all": [cond("employees", "gte", i) for i in range(65)]}})
    assert caught.value.code == "too_many_conditions" and "big" in str(caught.value)
