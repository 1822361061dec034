"""The /api/rnd endpoints: register, overlaps with reasons, bad input, who may change, the team workflow."""

from __future__ import annotations

import pytest

from corridor.core.testing import expect_matrix
from corridor.rnd.models import JointTeam, Overlap, RDProject
from corridor.rnd.testing import EN_LIFE_TEST, ZH_LIFE_TEST, register

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_register_over_the_api_finds_the_overlap_with_reasons(world):
    zh = register(world, "member", ZH_LIFE_TEST)
    client = world.client_for("owner")
    response = post(client, "/api/rnd/projects", {**EN_LIFE_TEST, "organisation": world.owner_org.pk,
                                                  "patents": [{"number": "CN1", "ipc": "G01M 13/02"}]})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["patents"] == [{"number": "CN1", "ipc": "G01M 13/02"}]
    assert "change" in body["actions"]
    [overlap] = body["overlaps"]
    assert overlap["other"]["id"] == zh.pk and overlap["hidden"] is False
    assert overlap["reasons"]["objective"] > 50 and overlap["reasons"]["parameters"]
    assert "propose" in overlap["actions"] and "mark" not in overlap["actions"]


def test_bad_input_is_a_422_naming_the_field_and_nothing_is_written(world):
    client = world.client_for("member")
    for body, field in (({"title": "x", "trl": 10}, "trl"), ({"title": "", "trl": 3}, "title"),
                        ({"title": "x", "starts_on": "2027-01-01", "ends_on": "2026-01-01"}, "ends_on"),
                        ({"title": "x", "segments": [999999]}, "segments"),
                        ({"title": "x", "patents": [{"number": "", "ipc": "F16H"}]}, "patents"),
                        ({"title": "x", "visibility": "everyone"}, "visibility"),
                        ({"title": "x", "colour": "red"}, "colour")):
        response = post(client, "/api/rnd/projects", body)
        assert response.status_code == 422, (body, response.content)
        assert field in response.content.decode(), (field, response.content)
    assert not RDProject.objects.exists()
    # Registering for another organisation is refused.
    response = post(client, "/api/rnd/projects", {"title": "x", "organisation": world.owner_org.pk})
    assert response.status_code == 403 and not RDProject.objects.exists()


def test_who_may_change_a_project(world):
    zh = register(world, "member", ZH_LIFE_TEST)
    statuses = {}
    for role in ("visitor", "owner", "member", "outsider", "secretariat", "officer", "admin"):
        response = world.client_for(role).patch(f"/api/rnd/projects/{zh.pk}", {"trl": 6}, content_type="application/json")
        statuses[role] = response.status_code
    assert statuses == {"visitor": 401, "owner": 403, "member": 200, "outsider": 404, "secretariat": 403,
                        "officer": 404, "admin": 200}
    zh.refresh_from_db()
    assert zh.trl == 6


def test_team_workflow_over_the_api(world):
    register(world, "member", ZH_LIFE_TEST)
    register(world, "owner", EN_LIFE_TEST)
    overlap = Overlap.objects.get()
    # A party may not judge; the secretariat may.
    assert post(world.client_for("owner"), f"/api/rnd/overlaps/{overlap.pk}/mark", {"status": "same_work"}).status_code == 403
    response = post(world.client_for("secretariat"), f"/api/rnd/overlaps/{overlap.pk}/mark", {"status": "bogus"})
    assert response.status_code == 422
    response = post(world.client_for("secretariat"), f"/api/rnd/overlaps/{overlap.pk}/mark",
                    {"status": "same_work", "note": "Both build the same rig"})
    assert response.status_code == 200 and response.json()["status"] == "same_work"
    # The Hangzhou member proposes: its own organisation accepts at once, Wuhu is invited.
    response = post(world.client_for("owner"), "/api/rnd/teams", {"overlaps": [overlap.pk], "title_en": "Joint rig"})
    assert response.status_code == 201, response.content
    team = response.json()
    statuses = {m["organisation"]["id"]: m["status"] for m in team["members"]}
    assert statuses == {world.owner_org.pk: "accepted", world.member_org.pk: "invited"}
    invite = next(m for m in team["members"] if m["organisation"]["id"] == world.member_org.pk)
    url = f"/api/rnd/teams/{team['id']}/members/{invite['id']}/accept"
    expect_matrix(world, "post", url, {"visitor": 401, "owner": 403, "member": 200, "outsider": 404,
                                       "secretariat": 403, "officer": 404, "admin": 409},
                  data={}, content_type="application/json")
    assert JointTeam.objects.get().status == JointTeam.Status.FORMED
    response = post(world.client_for("owner"), f"/api/rnd/teams/{team['id']}/milestones",
                    {"title": "Rig commissioned", "owner": world.member_org.pk, "due_on": "2027-06-30"})
    assert response.status_code == 201 and response.json()["owner"]["id"] == world.member_org.pk
    response = post(world.client_for("owner"), f"/api/rnd/teams/{team['id']}/milestones",
                    {"title": "x", "owner": world.outsider_org.pk, "due_on": "2027-06-30"})
    assert response.status_code == 422 and "owner" in response.json()["errors"]
    assert world.client_for("outsider").get(f"/api/rnd/teams/{team['id']}").status_code == 404
