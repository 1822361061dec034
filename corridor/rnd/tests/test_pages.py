"""Pages: who gets what (access matrix), the overlap shown with its reasons, the form's bad input."""

from __future__ import annotations

import pytest

from corridor.core.testing import expect_matrix
from corridor.rnd.models import JointTeam, Overlap, RDProject
from corridor.rnd.testing import EN_LIFE_TEST, ZH_LIFE_TEST, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(world):
    zh = register(world, "member", ZH_LIFE_TEST)
    en = register(world, "owner", EN_LIFE_TEST)
    return zh, en, Overlap.objects.get()


def test_list_and_detail_by_role(world, pair):
    zh, _en, overlap = pair
    expect_matrix(world, "get", "/rnd/", {r: 200 for r in
                  ("visitor", "owner", "member", "outsider", "secretariat", "officer", "admin")})
    # Alliance-visible: fellow members, the secretariat and admins; not a visitor, an outsider or an officer.
    expect_matrix(world, "get", f"/rnd/{zh.pk}/", {"visitor": 404, "owner": 200, "member": 200, "outsider": 404,
                                                      "secretariat": 200, "officer": 404, "admin": 200})
    expect_matrix(world, "get", f"/rnd/overlaps/{overlap.pk}/", {
        "visitor": 302, "owner": 200, "member": 200, "outsider": 404, "secretariat": 200, "officer": 404, "admin": 200})
    expect_matrix(world, "get", "/rnd/board/", {"visitor": 302, "owner": 403, "member": 403, "outsider": 403,
                                                  "secretariat": 200, "officer": 403, "admin": 200})
    expect_matrix(world, "get", "/rnd/board.xlsx", {"visitor": 302, "owner": 403, "member": 403, "outsider": 403,
                                                    "secretariat": 200, "officer": 403, "admin": 200})
    expect_matrix(world, "get", f"/rnd/{zh.pk}/edit/", {"visitor": 302, "owner": 403, "member": 200,
                                                           "outsider": 404, "secretariat": 403, "officer": 404, "admin": 200})


def test_detail_shows_the_overlap_across_languages_and_why(world, pair):
    zh, en, _overlap = pair
    page = world.client_for("member").get(f"/rnd/{zh.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert en.title in page and world.owner_org.name_en in page
    assert "Parameters that agree" in page
    page = world.client_for("secretariat").get("/rnd/board/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert zh.title in page and en.title in page


def test_register_through_the_form_and_bad_input_names_the_field(world):
    client = world.client_for("member")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.post("/rnd/new/", {"organisation": world.member_org.pk, "title": "", "language": "zh",
                                            "trl": 12, "visibility": "alliance"})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'data-testid="error-title"' in body and 'data-testid="error-trl"' in body
    assert not RDProject.objects.exists()
    response = client.post("/rnd/new/", {"organisation": world.member_org.pk, "title": ZH_LIFE_TEST["title"],
                                            "language": "zh", "text": ZH_LIFE_TEST["text"], "trl": 4,
                                            "visibility": "alliance", "starts_on": "2026-05-01", "ends_on": "2026-01-01"})
    assert response.status_code == 422 and 'data-testid="error-ends_on"' in response.content.decode()
    response = client.post("/rnd/new/", {"organisation": world.member_org.pk, "title": ZH_LIFE_TEST["title"],
                                            "language": "zh", "text": ZH_LIFE_TEST["text"], "trl": 4,
                                            "visibility": "alliance", "parameters": "寿命 ≥ 10000 h\n回差 0.1 弧分",
                                            "patents": "CN112345678A F16H 1/32"})
    project = RDProject.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rnd/{project.pk}/"
    assert project.parameters == ["寿命 ≥ 10000 h", "回差 0.1 弧分"]
    assert project.patents == [{"number": "CN112345678A", "ipc": "F16H 1/32"}]
    # Another member's organisation cannot be chosen.
    response = client.post("/rnd/new/", {"organisation": world.owner_org.pk, "title": "x", "language": "en",
                                            "trl": 3, "visibility": "public"})
    assert response.status_code == 422 and RDProject.objects.count() == 1


def test_secretariat_proposes_on_the_page_and_both_accept(world, pair):
    _zh, _en, overlap = pair
    response = world.client_for("secretariat").post(f"/rnd/overlaps/{overlap.pk}/team/", {
        "title_zh": "联合攻关", "title_en": "Joint work", "objective": "", "lead": world.member_org.pk})
    team = JointTeam.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/rnd/teams/{team.pk}/"
    for role, org in (("member", world.member_org), ("owner", world.owner_org)):
        member = team.members.get(organisation=org)
        page = world.client_for(role).get(f"/rnd/teams/{team.pk}/").content.decode()
        assert 'data-testid="invitation-accept"' in page
        world.client_for(role).post(f"/rnd/teams/{team.pk}/members/{member.pk}/accept/", {"contribution": ""})
    team.refresh_from_db()
    assert team.status == JointTeam.Status.FORMED
    expect_matrix(world, "get", f"/rnd/teams/{team.pk}/", {"visitor": 302, "owner": 200, "member": 200,
                                                              "outsider": 404, "secretariat": 200, "officer": 404, "admin": 200})
    response = world.client_for("member").post(f"/rnd/teams/{team.pk}/milestones/", {
        "title": "Rig commissioned", "owner": world.owner_org.pk, "due_on": "2027-03-01"})
    assert response.status_code == 302 and team.milestones.count() == 1
    # The other party (not the lead) may not add milestones.
    world.client_for("owner").post(f"/rnd/teams/{team.pk}/milestones/", {
        "title": "x", "owner": world.owner_org.pk, "due_on": "2027-03-01"})
    assert team.milestones.count() == 1
