"""The per-organisation evaluator on hand-built organisations: every operator, the three answers, reasons."""

import datetime as dt
import subprocess
import sys

import pytest

from corridor.policies.eligibility import evaluate, load_org, policies_for
from corridor.policies.tests.helpers import ON, cond, item, org

HNTE = {"kind": "hnte", "valid_from": "2024-01-01", "valid_until": "2026-12-31"}
OLD_SRDI = {"kind": "srdi", "valid_from": "2020-01-01", "valid_until": "2022-12-31"}

# (condition, organisation fields, expected answer). Each operator is shown eligible, not eligible and unknown
# (a field left out of the organisation is unknown), except `exists`, which is never unknown.
CASES = [
    (cond("kind", "eq", "enterprise"), {"kind": "enterprise"}, "eligible"),
    (cond("kind", "eq", "enterprise"), {"kind": "university"}, "not_eligible"),
    (cond("kind", "eq", "enterprise"), {}, "unknown"),
    (cond("kind", "ne", "government"), {"kind": "enterprise"}, "eligible"),
    (cond("kind", "ne", "government"), {"kind": "government"}, "not_eligible"),
    (cond("kind", "ne", "government"), {}, "unknown"),
    (cond("kind", "in", ["enterprise", "institute"]), {"kind": "institute"}, "eligible"),
    (cond("kind", "in", ["enterprise", "institute"]), {"kind": "investor"}, "not_eligible"),
    (cond("kind", "in", ["enterprise", "institute"]), {}, "unknown"),
    (cond("kind", "not_in", ["government"]), {"kind": "association"}, "eligible"),
    (cond("kind", "not_in", ["government"]), {"kind": "government"}, "not_eligible"),
    (cond("kind", "not_in", ["government"]), {}, "unknown"),
    # Bands are ordered: micro < small < medium < large.
    (cond("size_band", "lte", "medium"), {"size_band": "small"}, "eligible"),
    (cond("size_band", "lte", "medium"), {"size_band": "large"}, "not_eligible"),
    (cond("size_band", "lte", "medium"), {}, "unknown"),
    (cond("revenue_band", "gte", "50m_200m"), {"revenue_band": "1b_plus"}, "eligible"),
    (cond("revenue_band", "gte", "50m_200m"), {"revenue_band": "10m_50m"}, "not_eligible"),
    (cond("revenue_band", "gte", "50m_200m"), {}, "unknown"),
    (cond("size_band", "between", ["small", "medium"]), {"size_band": "medium"}, "eligible"),
    (cond("size_band", "between", ["small", "medium"]), {"size_band": "micro"}, "not_eligible"),
    (cond("size_band", "between", ["small", "medium"]), {}, "unknown"),
    (cond("size_band", "eq", "small"), {"size_band": "small"}, "eligible"),
    (cond("size_band", "eq", "small"), {"size_band": "medium"}, "not_eligible"),
    (cond("size_band", "ne", "large"), {"size_band": "large"}, "not_eligible"),
    (cond("size_band", "ne", "large"), {}, "unknown"),
    (cond("size_band", "in", ["micro", "small"]), {"size_band": "micro"}, "eligible"),
    (cond("size_band", "not_in", ["micro", "small"]), {"size_band": "micro"}, "not_eligible"),
    (cond("size_band", "exists"), {"size_band": "micro"}, "eligible"),
    (cond("is_head_enterprise", "exists"), {"is_head_enterprise": False}, "eligible"),
    (cond("is_head_enterprise", "eq", True), {"is_head_enterprise": True}, "eligible"),
    (cond("is_head_enterprise", "eq", True), {"is_head_enterprise": False}, "not_eligible"),
    (cond("is_head_enterprise", "eq", True), {}, "unknown"),
    (cond("has_instrument", "ne", True), {"has_instrument": False}, "eligible"),
    (cond("has_instrument", "ne", True), {"has_instrument": True}, "not_eligible"),
    # Numbers.
    (cond("rnd_share", "gte", 3), {"rnd_share": 3}, "eligible"),
    (cond("rnd_share", "gte", 3), {"rnd_share": 2.99}, "not_eligible"),
    (cond("rnd_share", "gte", 3), {}, "unknown"),
    (cond("rnd_share", "gt", 3), {"rnd_share": 3.5}, "eligible"),
    (cond("rnd_share", "gt", 3), {"rnd_share": 3}, "not_eligible"),
    (cond("employees", "lt", 300), {"employees": 299}, "eligible"),
    (cond("employees", "lt", 300), {"employees": 300}, "not_eligible"),
    (cond("employees", "lte", 300), {"employees": 300}, "eligible"),
    (cond("employees", "lte", 300), {"employees": 301}, "not_eligible"),
    (cond("employees", "eq", 50), {"employees": 50}, "eligible"),
    (cond("employees", "ne", 50), {"employees": 50}, "not_eligible"),
    (cond("employees", "between", [10, 99]), {"employees": 99}, "eligible"),
    (cond("employees", "between", [10, 99]), {"employees": 9}, "not_eligible"),
    (cond("employees", "between", [10, 99]), {}, "unknown"),
    # Age on ON (2026-06-15): from a date it is exact; from a year only it may be one of two values.
    (cond("age", "lte", 5), {"founded_on": "2021-06-15"}, "eligible"),  # exactly 5
    (cond("age", "lte", 5), {"founded_on": "2021-06-14"}, "eligible"),  # 5 years and a day
    (cond("age", "lt", 5), {"founded_on": "2021-06-15"}, "not_eligible"),
    (cond("age", "lt", 5), {"founded_on": "2021-06-16"}, "eligible"),  # 4 until tomorrow
    (cond("age", "lt", 5), {"founded_year": 2022}, "eligible"),  # 3 or 4
    (cond("age", "lt", 5), {"founded_year": 2021}, "unknown"),  # 4 or 5: the date decides
    (cond("age", "lt", 5), {"founded_year": 2020}, "not_eligible"),  # 5 or 6
    (cond("age", "lt", 5), {}, "unknown"),
    (cond("age", "exists"), {"founded_year": 2020}, "eligible"),
    # Regions: containment by GB 2260 code (see also test_regions).
    (cond("region", "within_region", ["310117"]), {"region": "310117"}, "eligible"),
    (cond("region", "within_region", ["310117"]), {"region": "330100"}, "not_eligible"),
    (cond("region", "within_region", ["310117"]), {}, "unknown"),
    # Sets.
    (cond("industries", "has_any", ["ic", "ai"]), {"industries": ["ai", "bio"]}, "eligible"),
    (cond("industries", "has_any", ["ic", "ai"]), {"industries": ["bio"]}, "not_eligible"),
    (cond("industries", "has_any", ["ic", "ai"]), {"industries": []}, "not_eligible"),  # known: none
    (cond("industries", "has_any", ["ic", "ai"]), {}, "unknown"),
    (cond("chain_segments", "has_all", ["ic.design", "ic.test"]), {"chain_segments": ["ic.test", "ic.design"]}, "eligible"),
    (cond("chain_segments", "has_all", ["ic.design", "ic.test"]), {"chain_segments": ["ic.design"]}, "not_eligible"),
    (cond("chain_segments", "has_all", ["ic.design", "ic.test"]), {}, "unknown"),
    (cond("alliances", "has_none", ["a1"]), {"alliances": ["a2"]}, "eligible"),
    (cond("alliances", "has_none", ["a1"]), {"alliances": ["a1"]}, "not_eligible"),
    (cond("alliances", "has_none", ["a1"]), {}, "unknown"),
    # Certificates: held at all (has_any) or valid on the evaluation date (valid_on) or on a fixed date.
    (cond("certificates", "valid_on", ["hnte"]), {"certificates": [HNTE]}, "eligible"),
    (cond("certificates", "valid_on", ["srdi"]), {"certificates": [HNTE, OLD_SRDI]}, "not_eligible"),  # expired
    (cond("certificates", "valid_on", ["hnte"]), {"certificates": []}, "not_eligible"),
    (cond("certificates", "valid_on", ["hnte"]), {}, "unknown"),
    (cond("certificates", "valid_on", {"kinds": ["srdi"], "on": "2022-06-30"}), {"certificates": [OLD_SRDI]}, "eligible"),
    (cond("certificates", "has_any", ["srdi", "little_giant"]), {"certificates": [OLD_SRDI]}, "eligible"),
    (cond("certificates", "has_any", ["little_giant"]), {"certificates": [OLD_SRDI]}, "not_eligible"),
    (cond("certificates", "has_any", ["little_giant"]), {}, "unknown"),
    (cond("certificates", "valid_on", ["hnte"]), {"certificates": [{"kind": "hnte"}]}, "eligible"),  # open-ended
    # exists is never unknown: it asks whether the field is filled in.
    (cond("rnd_share", "exists"), {"rnd_share": 0}, "eligible"),
    (cond("rnd_share", "exists"), {}, "not_eligible"),
    (cond("rnd_share", "exists", False), {}, "eligible"),
    (cond("industries", "exists"), {"industries": []}, "not_eligible"),
    (cond("region", "exists"), {"region": "340200"}, "eligible"),
    (cond("certificates", "exists"), {"certificates": [HNTE]}, "eligible"),
    (cond("kind", "exists"), {}, "not_eligible"),
]


@pytest.mark.parametrize(("condition", "fields", "expected"), CASES)
def test_each_operator_and_answer(condition, fields, expected):
    answer = evaluate(item(condition), org(**fields), ON)
    assert answer.status == expected
    if expected == "unknown":
        assert answer.missing == ("founded_on",) if condition["field"] == "age" else (condition["field"],)
    else:
        assert answer.missing == ()


def test_every_operator_of_every_type_is_covered_above():
    from corridor.policies.eligibility import FIELDS, OPERATORS

    covered = {(FIELDS[c["field"]].type, c["op"]) for c, _, _ in CASES}
    assert covered == {(kind, op) for kind, ops in OPERATORS.items() for op in ops}


R_AND_D_SUBSIDY = {"all": [
    cond("region", "within_region", ["340200"], clause="第二条"),
    cond("kind", "eq", "enterprise", clause="第二条"),
    {"any": [cond("certificates", "valid_on", ["hnte"], clause="第三条（一）"),
             cond("rnd_share", "gte", 3, clause="第三条（二）")]},
    cond("employees", "gte", 10, clause="第四条"),
]}


def test_not_eligible_names_every_failing_condition_with_label_and_clause():
    answer = evaluate(item(R_AND_D_SUBSIDY), org(region="340202", kind="university", certificates=[], rnd_share=1,
                                                 employees=50), ON)
    assert answer.status == "not_eligible"
    # Kind fails; the alternative fails on both sides: all three are named, with their clauses.
    assert [(c.field, c.clause) for c in answer.because] == [
        ("kind", "第二条"), ("certificates", "第三条（一）"), ("rnd_share", "第三条（二）")]
    assert answer.because[0].label("zh") == "条件：kind eq" and answer.because[0].label("en") == "condition: kind eq"
    assert answer.as_dict()["because"][2] == {"index": 3, "id": "", "field": "rnd_share", "label_zh": "条件：rnd_share gte",
                                              "label_en": "condition: rnd_share gte", "clause": "第三条（二）"}


def test_not_eligible_wins_over_unknown_and_names_only_the_failures():
    answer = evaluate(item(R_AND_D_SUBSIDY), org(region="330106", kind="enterprise"), ON)
    assert answer.status == "not_eligible"  # wrong city: the missing data would not help
    assert [c.field for c in answer.because] == ["region"] and answer.missing == ()


def test_unknown_names_the_fields_to_fill_in():
    answer = evaluate(item(R_AND_D_SUBSIDY), org(region="340202", kind="enterprise", certificates=[]), ON)
    assert answer.status == "unknown"
    assert [c.field for c in answer.because] == ["rnd_share", "employees"]
    assert answer.missing == ("employees", "rnd_share")
    # Filling them in decides it.
    answer = evaluate(item(R_AND_D_SUBSIDY), org(region="340202", kind="enterprise", certificates=[], rnd_share=4.2,
                                                 employees=12), ON)
    assert answer.status == "eligible"


def test_every_field_to_fill_in_has_labels_in_both_languages():
    from corridor.policies.eligibility import FIELDS, PROFILE_FIELDS

    for spec in FIELDS.values():
        zh, en = PROFILE_FIELDS[spec.fill_in]
        assert zh.strip() and en.strip() and zh != en
    assert PROFILE_FIELDS["founded_on"] == ("成立日期", "date founded")
    assert PROFILE_FIELDS["rnd_share"][1] == "R&D spending share of revenue (%)"


def test_eligible_names_the_conditions_met():
    answer = evaluate(item(R_AND_D_SUBSIDY), org(region="340207", kind="enterprise", certificates=[HNTE], employees=80), ON)
    assert answer.status == "eligible"
    # The alternative is met by the certificate; the unknown R&D share is not a reason.
    assert [c.field for c in answer.because] == ["region", "kind", "certificates", "employees"]


def test_an_item_without_conditions_is_for_everyone():
    assert evaluate(item(None), org(), ON).status == "eligible"


def test_condition_ids_and_paths_are_kept_for_the_reasons():
    answer = evaluate(item({"all": [cond("kind", "eq", "enterprise", id="k"), cond("rnd_share", "gte", 3)]}),
                      org(kind="institute", rnd_share=1), ON)
    assert [(c.id, c.path) for c in answer.because] == [("k", "rule.all[0]"), ("", "rule.all[1]")]


# Dates of the item: timing says whether it is in force; the rule's answer is given regardless.
@pytest.mark.parametrize(("dates", "timing"), [
    ({}, "in_force"),
    ({"effective_from": "2026-06-15", "expires_on": "2026-06-15"}, "in_force"),  # both ends count
    ({"effective_from": "2026-06-16"}, "not_yet_effective"),
    ({"expires_on": "2026-06-14"}, "expired"),
    ({"status": "expired"}, "expired"),
    ({"status": "draft"}, "draft"),
    ({"status": "superseded", "superseded_by": "i2"}, "superseded"),
    ({"superseded_by": "i2"}, "superseded"),
    ({"superseded_by": "i2", "superseded_on": "2026-06-15"}, "superseded"),
    ({"superseded_by": "i2", "superseded_on": "2026-07-01"}, "in_force"),  # the successor starts later
])
def test_timing(dates, timing):
    answer = evaluate(item(cond("kind", "eq", "enterprise"), **dates), org(kind="enterprise"), ON)
    assert answer.timing == timing and answer.status == "eligible"
    assert answer.applies == (timing == "in_force")


@pytest.mark.parametrize(("window", "state"), [
    (None, None),
    ({"opens": "2026-07-01", "closes": "2026-07-31"}, "upcoming"),
    ({"opens": "2026-06-01", "closes": "2026-06-15"}, "open"),
    ({"opens": "2026-05-01", "closes": "2026-06-14"}, "closed"),
    ({"closes": "2026-12-31"}, "open"),
    ({"opens": "2026-06-16"}, "upcoming"),
])
def test_application_window(window, state):
    answer = evaluate(item(None, window=window), org(), ON)
    assert answer.window == state


def test_policies_for_us_keeps_items_in_force_only():
    items = [item(cond("kind", "eq", "enterprise"), id="now"),
             item(cond("kind", "eq", "enterprise"), id="later", effective_from="2027-01-01"),
             item(cond("kind", "eq", "enterprise"), id="old", expires_on="2025-12-31"),
             item(cond("kind", "eq", "enterprise"), id="replaced", superseded_by="now"),
             item(cond("kind", "eq", "enterprise"), id="draft", status="draft"),
             item(cond("kind", "eq", "institute"), id="other")]
    answers = policies_for(org(kind="enterprise"), items, ON)
    assert [(a.item_id, a.status) for a in answers] == [("now", "eligible"), ("other", "not_eligible")]


def test_certificate_validity_follows_the_evaluation_date():
    rule = item(cond("certificates", "valid_on", ["hnte"]))
    holder = org(certificates=[HNTE])
    assert evaluate(rule, holder, dt.date(2026, 12, 31)).status == "eligible"
    assert evaluate(rule, holder, dt.date(2027, 1, 1)).status == "not_eligible"
    assert evaluate(rule, holder, dt.date(2023, 12, 31)).status == "not_eligible"


def test_bad_profiles_are_refused_naming_the_field():
    from corridor.policies.eligibility import ProfileError

    for fields, name in (({"kind": "company"}, "kind"), ({"rnd_share": "4%"}, "rnd_share"), ({"region": "3101"}, "region"),
                         ({"founded_on": "2020-02-30"}, "founded_on"), ({"industries": "ic"}, "industries"),
                         ({"certificates": [{"valid_from": "2020-01-01"}]}, "certificates[0]"),
                         ({"is_head_enterprise": 1}, "is_head_enterprise")):
        with pytest.raises(ProfileError) as caught:
            load_org({"id": "x", **fields}, where="orgs.jsonl:3")
        assert caught.value.field == name and "orgs.jsonl:3" in str(caught.value)


def test_the_evaluator_does_not_import_django():
    code = ("import sys, corridor.policies.eligibility, corridor.policies.eligibility.synthetic; "
            "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'")
    subprocess.run([sys.executable, "-c", code], check=True)
