"""The condition builder: form rows become the rule the engine reads; a bad row is refused naming it."""

from __future__ import annotations

import datetime

import pytest

from corridor.core.testing import build_world
from corridor.policies import services
from corridor.policies.builder import Builder
from corridor.policies.eligibility import parse_rule
from corridor.policies.models import ApplicationItem

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def world():
    return build_world()


def _jiaxing_policy(world):
    return services.create_policy(world.users["officer"], {
        "title_zh": "嘉兴市科技型企业研发补助", "title_en": "Jiaxing R&D grant", "issuer_zh": "嘉兴市科学技术局",
        "level": "city", "home_region": world.regions["330400"],
        "effective_from": TODAY - datetime.timedelta(days=3), "expires_on": TODAY + datetime.timedelta(days=300)})


def _rows(*rows, how="all", **extra):
    data = {"how": how, "title_zh": "研发补助", "benefit": "subsidy", "rule_mode": "builder", **extra}
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"cond-{n}-{key}"] = value
    return data


THREE = (
    {"field": "region", "op": "within_region", "value": "嘉兴"},
    {"field": "rnd_share", "op": "gte", "value": "3"},
    {"field": "employees", "op": "lte", "value": "500"},
)


def test_rows_make_the_rule_the_engine_reads(world):
    builder = Builder.from_post(_rows(*THREE))
    rule = builder.rule()
    assert builder.errors == []
    assert [(c["field"], c["op"], c["value"]) for c in rule["all"]] == [
        ("region", "within_region", ["330400"]), ("rnd_share", "gte", 3), ("employees", "lte", 500)]
    assert rule["all"][0]["label_zh"] == "所在地区位于嘉兴市" and rule["all"][0]["label_en"] == "Region in Jiaxing"
    assert rule["all"][1]["label_en"] == "R&D spending share of revenue (%) at least 3%"
    assert rule["all"][2]["label_zh"] == "从业人员数不超过500人"
    parse_rule(rule)  # the engine accepts it as it is
    # …and the stored rule comes back as the same rows (editing shows the form again).
    again = Builder.from_rule(rule)
    assert again is not None and [(r.field, r.op, r.value) for r in again.rows] == [
        ("region", "within_region", "330400"), ("rnd_share", "gte", "3"), ("employees", "lte", "500")]


def test_sub_groups_become_any_groups(world):
    builder = Builder.from_post(_rows(
        {"field": "kind", "op": "eq", "value": "enterprise"},
        {"field": "certificates", "op": "valid_on", "value": "高新技术企业", "group": "1"},
        {"field": "rnd_share", "op": "gte", "value": "5", "group": "1"}, **{"group-1-how": "any"}))
    rule = builder.rule()
    assert builder.errors == []
    assert rule["all"][1]["any"][0]["value"] == ["hnte"] and rule["all"][1]["any"][1]["value"] == 5
    parse_rule(rule)


def test_officer_builds_conditions_without_json(world):
    policy = _jiaxing_policy(world)
    client = world.client_for("officer")
    url = f"/policies/{policy.pk}/items/new/"
    # "Add a condition" shows one more row and saves nothing.
    page = client.post(url, {**_rows(*THREE), "builder_add": "0"})
    assert page.status_code == 200 and 'data-testid="condition-3"' in page.content.decode()
    assert not ApplicationItem.objects.filter(policy=policy).exists()
    response = client.post(url, _rows(*THREE))
    assert response.status_code == 302
    item = ApplicationItem.objects.get(policy=policy)
    assert [c["field"] for c in item.rule["all"]] == ["region", "rnd_share", "employees"]
    # Editing shows the rows again.
    html = client.get(f"/policies/items/{item.pk}/edit/").content.decode()
    assert 'name="cond-2-value" value="500"' in html


def test_a_bad_condition_is_refused_naming_it(world):
    policy = _jiaxing_policy(world)
    client = world.client_for("officer")
    bad = _rows(THREE[0], {"field": "rnd_share", "op": "gte", "value": "three"}, THREE[2])
    response = client.post(f"/policies/{policy.pk}/items/new/", bad, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Condition 2 (R&amp;D spending share of revenue (%)): “three” is not a number." in html
    assert not ApplicationItem.objects.filter(policy=policy).exists()
    wrong_op = _rows({"field": "region", "op": "gte", "value": "嘉兴"})
    html = client.post(f"/policies/{policy.pk}/items/new/", wrong_op, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "条件 1" in html
    nowhere = _rows({"field": "region", "op": "within_region", "value": "Atlantis"})
    html = client.post(f"/policies/{policy.pk}/items/new/", nowhere, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Condition 1 (region): no region is called “Atlantis”" in html


def test_json_stays_as_the_advanced_view(world):
    policy = _jiaxing_policy(world)
    client = world.client_for("officer")
    rule = '{"all": [{"field": "employees", "op": "lte", "value": 50, "label_zh": "小微", "label_en": "Small"}]}'
    response = client.post(f"/policies/{policy.pk}/items/new/", {"title_zh": "x", "benefit": "subsidy", "rule_mode": "json", "rule": rule})
    assert response.status_code == 302
    assert ApplicationItem.objects.get(policy=policy).rule["all"][0]["label_zh"] == "小微"
