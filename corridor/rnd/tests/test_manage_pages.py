"""Pages to edit directions and delete projects, and the teams' Excel export: who may, what changes."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from corridor.core.testing import expect_matrix
from corridor.rnd import services, teams
from corridor.rnd.models import Overlap, RDDirection, RDProject
from corridor.rnd.testing import EN_LIFE_TEST, ZH_LIFE_TEST, register
from corridor.rnd.tests.test_confidentiality import xlsx_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def direction(world):
    return services.create_direction(world.users["member"], world.member_org,
                                     {"title_zh": "精密减速器可靠性", "title_en": "Precision reducer reliability",
                                      "keywords": "RV减速器, 寿命"})


def test_a_member_edits_its_direction_from_the_list(world, direction):
    member = world.client_for("member")
    member.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert f"/rnd/directions/{direction.pk}/edit/" in member.get("/rnd/").content.decode()
    expect_matrix(world, "get", f"/rnd/directions/{direction.pk}/edit/", {
        "visitor": 302, "owner": 403, "member": 200, "outsider": 404, "secretariat": 403, "officer": 404, "admin": 200})
    form = {"title_zh": "", "title_en": "", "description_zh": "", "description_en": "", "keywords": "",
            "visibility": "public"}
    page = member.post(f"/rnd/directions/{direction.pk}/edit/", form).content.decode()
    assert "Give the direction a title in Chinese or English." in page
    direction.refresh_from_db()
    assert direction.title_en == "Precision reducer reliability" and direction.visibility == "alliance"

    form.update(title_zh="精密减速器寿命与可靠性", keywords="RV减速器, 可靠性, 寿命")
    response = member.post(f"/rnd/directions/{direction.pk}/edit/", form)
    assert response.status_code == 302
    direction.refresh_from_db()
    assert direction.title_zh == "精密减速器寿命与可靠性" and direction.title_en == ""
    assert direction.keywords == ["RV减速器", "可靠性", "寿命"] and direction.visibility == "public"
    # Another organisation's staff cannot change it.
    world.client_for("owner").post(f"/rnd/directions/{direction.pk}/edit/", {**form, "title_zh": "x"})
    assert RDDirection.objects.get(pk=direction.pk).title_zh == "精密减速器寿命与可靠性"


def test_a_member_deletes_its_project_from_its_page_with_its_overlaps(world):
    zh = register(world, "member", ZH_LIFE_TEST)
    register(world, "owner", EN_LIFE_TEST)
    assert Overlap.objects.count() == 1
    member = world.client_for("member")
    member.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert f"/rnd/{zh.pk}/delete/" in member.get(f"/rnd/{zh.pk}/").content.decode()
    expect_matrix(world, "get", f"/rnd/{zh.pk}/delete/", {
        "visitor": 302, "owner": 403, "member": 200, "outsider": 404, "secretariat": 403, "officer": 404, "admin": 200})
    assert "1 overlap record" in member.get(f"/rnd/{zh.pk}/delete/").content.decode()
    assert "1 条重叠记录" in member.get(f"/rnd/{zh.pk}/delete/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert world.client_for("owner").post(f"/rnd/{zh.pk}/delete/").status_code == 403
    assert world.client_for("outsider").post(f"/rnd/{zh.pk}/delete/").status_code == 404
    assert RDProject.objects.filter(pk=zh.pk).exists()
    response = member.post(f"/rnd/{zh.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/rnd/"
    assert not RDProject.objects.filter(pk=zh.pk).exists() and not Overlap.objects.exists()


def test_teams_export_lists_the_teams_the_reader_may_see(world):
    register(world, "member", ZH_LIFE_TEST)
    register(world, "owner", EN_LIFE_TEST)
    team = teams.propose_team(world.users["secretariat"], [Overlap.objects.get()], title_zh="RV减速器寿命试验联合攻关",
                                 title_en="Joint RV reducer life testing", lead=world.member_org)
    teams.accept_invitation(world.users["member"], team.members.get(organisation=world.member_org))
    expect_matrix(world, "get", "/rnd/teams.xlsx", {"visitor": 302, "owner": 200, "member": 200, "outsider": 200,
                                                    "secretariat": 200, "officer": 200, "admin": 200})
    member = world.client_for("member")
    member.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert "/rnd/teams.xlsx" in member.get("/rnd/teams/").content.decode()
    cells = xlsx_text(member.get("/rnd/teams.xlsx").content)
    assert "Joint RV reducer life testing" in cells
    assert world.member_org.name_en in cells and world.owner_org.name_en in cells  # accepted, invited
    assert "Team" in cells and "Proposed" in cells
    outsider = xlsx_text(world.client_for("outsider").get("/rnd/teams.xlsx").content)
    assert "RV" not in outsider and world.member_org.name_zh not in outsider


def test_the_lead_shares_an_instrument_linked_to_its_booking_page(world):
    from corridor.equipment.testing import make_instrument

    register(world, "member", ZH_LIFE_TEST)
    register(world, "owner", EN_LIFE_TEST)
    team = teams.propose_team(world.users["secretariat"], [Overlap.objects.get()], title_en="Joint RV reducer life testing",
                                 lead=world.member_org)
    bench = make_instrument(world.outsider_org, world.regions["340200"])
    url = f"/rnd/teams/{team.pk}/instruments/"
    member = world.client_for("member")
    member.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    member.post(url, {"instrument": bench.pk})  # not formed yet: refused
    assert not team.instruments.exists()
    teams.accept_invitation(world.users["member"], team.members.get(organisation=world.member_org))
    teams.accept_invitation(world.users["owner"], team.members.get(organisation=world.owner_org))
    page = member.get(f"/rnd/teams/{team.pk}/").content.decode()
    assert 'data-testid="instrument-form"' in page
    assert 'data-testid="instrument-form"' not in world.client_for("owner").get(f"/rnd/teams/{team.pk}/").content.decode()
    assert world.client_for("owner").post(url, {"instrument": bench.pk}).status_code == 403
    assert not team.instruments.exists()  # a participant, not the lead: refused
    assert member.post(url, {"instrument": bench.pk}).status_code == 302
    assert list(team.instruments.all()) == [bench]
    page = member.get(f"/rnd/teams/{team.pk}/").content.decode()
    assert f'href="/en/equipment/{bench.pk}/"' in page or f'href="/equipment/{bench.pk}/"' in page
    zh = world.client_for("member").get(f"/rnd/teams/{team.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "共享仪器" in zh and "RV减速器综合性能试验台" in zh
    bench.active = False
    bench.save(update_fields=["active"])
    other = make_instrument(world.outsider_org, world.regions["340200"], name_zh="扫描电镜", active=False)
    with pytest.raises(ValidationError):
        teams.share_instrument(world.users["member"], team, other)


def test_directions_export_lists_the_directions_the_reader_may_see(world, direction):
    """Every list of R&D has an Excel export: directions too, by the reader's rule (a secretariat-only one
    reaches the alliance's secretariat, not a visitor), with the projects of each the reader sees."""
    register(world, "member", ZH_LIFE_TEST, direction=direction, visibility="public")
    services.create_direction(world.users["owner"], world.owner_org, {"title_en": "Robot vision",
                                                                      "visibility": "secretariat"})
    client = world.client_for("member")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert "/rnd/directions.xlsx" in client.get("/rnd/").content.decode()
    visitor = world.client_for("visitor")
    visitor.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = visitor.get("/rnd/directions.xlsx")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('rnd-directions.xlsx"')
    cells = xlsx_text(response.content)
    assert "Title" in cells and "R&D projects" in cells
    assert "Robot vision" not in cells and "Precision reducer reliability" not in cells  # alliance-only, secret
    member = xlsx_text(client.get("/rnd/directions.xlsx").content)
    assert "Precision reducer reliability" in member and "Robot vision" not in member
    secretariat = world.client_for("secretariat")
    secretariat.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    cells = xlsx_text(secretariat.get("/rnd/directions.xlsx").content)
    assert "Precision reducer reliability" in cells and "Robot vision" in cells
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(client.get("/rnd/directions.xlsx").content)).active.iter_rows(values_only=True))
    assert [(r[0], r[-1]) for r in rows[1:]] == [("Precision reducer reliability", 1)]  # its one project
