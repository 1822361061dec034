"""/api/policies: the library, a policy, recording through the API, and an organisation's answers."""

from __future__ import annotations

import json

import pytest

from corridor.core.testing import build_world, expect_matrix
from corridor.policies import services
from corridor.policies.tests.world import RND_RULE, rnd_policy, wuhu_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _post(client, url, data, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **extra)


def test_library_and_detail_hide_drafts(world):
    officer = wuhu_officer(world)
    draft, _item = rnd_policy(world, officer)
    assert world.client_for("visitor").get("/api/policies/").json() == {"items": [], "count": 0} or \
        world.client_for("visitor").get("/api/policies/").json()["count"] == 0
    expect_matrix(world, "get", f"/api/policies/{draft.pk}", {"visitor": 404, "owner": 404, "member": 404,
                                                              "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200})
    client = world.client_for("visitor")
    client.force_login(officer)
    detail = client.get(f"/api/policies/{draft.pk}").json()
    assert detail["actions"] == ["change", "view"]
    assert detail["items"][0]["rule"] == RND_RULE
    services.publish(officer, draft)
    found = world.client_for("visitor").get("/api/policies/?benefit=subsidy&city=340200").json()
    assert [p["id"] for p in found["items"]] == [draft.pk]
    assert world.client_for("visitor").get("/api/policies/?city=330100").json()["count"] == 0
    bad = world.client_for("visitor").get("/api/policies/?level=galactic")
    assert bad.status_code == 422 and "level" in bad.content.decode()


def test_record_through_the_api_names_bad_fields(world):
    officer = wuhu_officer(world)
    client = world.client_for("visitor")
    client.force_login(officer)
    made = _post(client, "/api/policies/", {"title_zh": "芜湖人才政策", "issuer_zh": "芜湖市人社局", "home_region": "340200",
                                             "regions": ["340200"], "level": "city"})
    assert made.status_code == 201, made.content
    policy_id = made.json()["id"]
    bad = _post(client, "/api/policies/", {"title_zh": "x", "issuer_zh": "y", "home_region": "999999"})
    assert bad.status_code == 422 and "home_region" in bad.content.decode()
    elsewhere = _post(client, "/api/policies/", {"title_zh": "x", "issuer_zh": "y", "home_region": "330400"})
    assert elsewhere.status_code == 403
    rule = {"all": [{"field": "employees", "op": "gte", "value": 50, "label_zh": "从业人员不少于50人",
                     "label_en": "At least 50 employees", "clause": "第四条"},
                    {"field": "nonsense", "op": "eq", "value": 1, "label_zh": "甲", "label_en": "A"}]}
    refused = _post(client, f"/api/policies/{policy_id}/items", {"title_zh": "人才补贴", "benefit": "talent", "rule": rule})
    assert refused.status_code == 422
    assert "rule.all[1]" in refused.content.decode()
    rule["all"].pop()
    added = _post(client, f"/api/policies/{policy_id}/items", {"title_zh": "人才补贴", "benefit": "talent", "amount": 50000, "rule": rule})
    assert added.status_code == 201, added.content
    assert _post(world.client_for("member"), f"/api/policies/{policy_id}/publish", {}).status_code == 404
    assert _post(client, f"/api/policies/{policy_id}/publish", {}).json()["status"] == "effective"
    assert _post(client, f"/api/policies/{policy_id}/publish", {}).status_code == 409


def test_organisation_answers_are_its_members_only(world):
    officer = wuhu_officer(world)
    rnd_policy(world, officer, publish=True)
    url = f"/api/policies/organisations/{world.member_org.pk}/policies"
    expect_matrix(world, "get", url, {"visitor": 401, "owner": 404, "member": 200, "outsider": 404,
                                      "secretariat": 404, "officer": 404, "admin": 200})
    assert world.client_for("member").get("/api/policies/organisations/999999/policies").status_code == 404
    [answer] = world.client_for("member").get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer["answer"] == "unknown"
    assert answer["missing"] == [{"field": "rnd_share", "label": "R&D spending share of revenue (%)"}]
    assert [r["clause"] for r in answer["reasons"]] == ["第三条（二）"]
    services.save_profile(world.users["member"], world.member_org, {"rnd_share": "3"})
    [answer] = world.client_for("member").get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert answer["answer"] == "eligible"
    # The organisation's own figure (3) is never part of the answer, only the policy's words.
    assert "3.0" not in json.dumps(answer)
