"""A secretariat-only project is never named to another member (pages, API, search, notifications,
explanations), yet the secretariat sees the overlap; its owner is asked whether to be introduced."""

from __future__ import annotations

import io
import json

import pytest

from corridor.core.testing import expect_matrix
from corridor.notifications.models import Notification
from corridor.rnd import services, teams
from corridor.rnd.models import Overlap, Visibility
from corridor.rnd.testing import EN_LIFE_TEST, ZH_LIFE_TEST, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(world):
    hidden = register(world, "member", ZH_LIFE_TEST, visibility=Visibility.SECRETARIAT)
    public = register(world, "owner", EN_LIFE_TEST, visibility=Visibility.PUBLIC)
    overlap = Overlap.objects.get()
    return hidden, public, overlap


def secrets_of(world, hidden) -> list[str]:
    """What would give the hidden project away: its title, words of its text, its owner's names."""
    return [hidden.title, "RV减速器加速寿命", "10000小时", world.member_org.name_zh, world.member_org.name_en]


def xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c is not None)


def assert_nothing_of(text: str, secrets: list[str]) -> None:
    for secret in secrets:
        assert secret not in text, secret


def test_the_other_member_is_told_only_that_a_similar_project_exists(world, secret):
    hidden, public, overlap = secret
    secrets = secrets_of(world, hidden)
    owner = world.client_for("owner")
    owner.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = owner.get(f"/rnd/{public.pk}/").content.decode()
    assert "A closely similar project exists at another member" in page
    assert_nothing_of(page, secrets)
    page = owner.get(f"/rnd/overlaps/{overlap.pk}/").content.decode()
    assert "A closely similar project exists at another member" in page
    assert_nothing_of(page, secrets)
    assert "Parameters that agree" not in page  # the reasons would quote the hidden project
    for url in ("/rnd/", "/rnd/?q=RV", "/search/?q=RV减速器"):
        assert_nothing_of(owner.get(url).content.decode(), secrets)
    cells = xlsx_text(owner.get("/rnd/projects.xlsx").content)
    assert public.title in cells
    assert_nothing_of(cells, secrets)
    for url in (f"/api/rnd/projects/{public.pk}", f"/api/rnd/overlaps/{overlap.pk}", "/api/rnd/overlaps",
                "/api/rnd/projects?q=RV"):
        response = owner.get(url)
        assert response.status_code == 200
        assert_nothing_of(json.dumps(response.json(), ensure_ascii=False), secrets)
    body = owner.get(f"/api/rnd/overlaps/{overlap.pk}").json()
    assert body["hidden"] is True and body["other"] is None and body["reasons"] is None and body["score"] is None
    for note in Notification.objects.filter(user=world.users["owner"]):
        assert_nothing_of(json.dumps(note.params, ensure_ascii=False) + note.message, secrets)
    assert_nothing_of(owner.get("/notifications/").content.decode(), secrets)
    # The hidden project itself, and the overlap's history, are not there at all.
    expect_matrix(world, "get", f"/rnd/{hidden.pk}/", {"visitor": 404, "owner": 404, "member": 200, "outsider": 404,
                                                       "secretariat": 200, "officer": 404, "admin": 200})
    expect_matrix(world, "get", f"/api/rnd/projects/{hidden.pk}", {
        "visitor": 404, "owner": 404, "member": 200, "outsider": 404, "secretariat": 200, "officer": 404, "admin": 200})
    assert owner.get(f"/history/rnd/overlap/{overlap.pk}/").status_code in (403, 404)


def test_the_secretariat_sees_the_overlap_and_the_owner_is_asked(world, secret):
    hidden, public, overlap = secret
    side = "a" if overlap.project_a_id == hidden.pk else "b"
    assert getattr(overlap, f"consent_{side}") == Overlap.Consent.ASKED
    assert getattr(overlap, f"consent_{'b' if side == 'a' else 'a'}") == ""  # the public one needs no consent
    board = world.client_for("secretariat").get("/rnd/board/").content.decode()
    assert hidden.title in board and public.title in board
    body = world.client_for("secretariat").get(f"/api/rnd/overlaps/{overlap.pk}").json()
    assert {body["a"]["id"], body["b"]["id"]} == {hidden.pk, public.pk} and body["reasons"]["parameters"]
    asked = Notification.objects.filter(user=world.users["member"], message__contains="Do you agree to be introduced")
    assert asked.count() == 1
    # The owner of the hidden project sees the public one in full.
    page = world.client_for("member").get(f"/rnd/overlaps/{overlap.pk}/").content.decode()
    assert public.title in page and 'data-testid="consent-yes"' in page
    # Nobody may propose a team until the owner agreed.
    with pytest.raises(Exception, match="not yet agreed"):
        teams.propose_team(world.users["secretariat"], [overlap], title_en="Joint")
    # The other party cannot answer for it.
    with pytest.raises(Exception, match="Nobody asked"):
        services.answer_introduction(world.users["owner"], overlap, True)
    response = world.client_for("member").post(f"/rnd/overlaps/{overlap.pk}/introduction/", {"agree": "yes"})
    assert response.status_code == 302
    overlap.refresh_from_db()
    assert getattr(overlap, f"consent_{side}") == Overlap.Consent.AGREED
    # Now the other party is shown who it is (the project page itself stays the owner's to share).
    page = world.client_for("owner").get(f"/rnd/overlaps/{overlap.pk}/").content.decode()
    assert hidden.title in page
    assert world.client_for("owner").get(f"/rnd/{hidden.pk}/").status_code == 404
    told = Notification.objects.filter(user=world.users["owner"], message__contains="agreed to be introduced")
    assert told.count() == 1
    team = teams.propose_team(world.users["secretariat"], [overlap], title_en="Joint")
    assert team.members.count() == 2


def test_a_declined_introduction_blocks_a_team_and_stays_anonymous(world, secret):
    _hidden, _public, overlap = secret
    services.answer_introduction(world.users["member"], overlap, False)
    overlap.refresh_from_db()
    with pytest.raises(Exception, match="declined to be introduced"):
        teams.propose_team(world.users["secretariat"], [overlap], title_en="Joint")
    page = world.client_for("owner").get(f"/rnd/overlaps/{overlap.pk}/").content.decode()
    assert world.member_org.name_zh not in page


def test_a_member_cannot_propose_a_team_with_a_project_it_may_not_see(world, secret):
    _hidden, _public, overlap = secret
    with pytest.raises(Exception, match="may not see"):
        teams.propose_team(world.users["owner"], [overlap], title_en="Joint")


def test_third_parties_see_no_overlap(world, secret):
    _hidden, _public, overlap = secret
    for role in ("outsider", "officer"):
        assert world.client_for(role).get("/api/rnd/overlaps").json() == [] or \
            world.client_for(role).get("/api/rnd/overlaps").json().get("items") == []
    expect_matrix(world, "get", f"/api/rnd/overlaps/{overlap.pk}", {
        "visitor": 401, "owner": 200, "member": 200, "outsider": 404, "secretariat": 200, "officer": 404, "admin": 200})
