"""The dashboard pages per role and language: figures as each may see them, hidden rows nowhere."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from corridor.core.testing import ROLES, expect_matrix
from corridor.dashboards.testing import build_dash_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def dw():
    return build_dash_world()


def figure(html: str, key: str) -> str:
    found = re.search(rf'data-key="{re.escape(key)}" data-value="([^"]+)"', html)
    assert found, f"no figure {key}"
    return found.group(1)


def test_every_role_may_read_the_dashboards_and_unknown_ones_are_404(dw):
    ok = dict.fromkeys(ROLES, 200)
    expect_matrix(dw.world, "get", "/dashboards/corridor/", ok)
    expect_matrix(dw.world, "get", "/dashboards/city/330400/", ok)
    expect_matrix(dw.world, "get", f"/dashboards/alliance/{dw.world.alliance.slug}/", ok)
    expect_matrix(dw.world, "get", f"/dashboards/chain/{dw.chain.slug}/", ok)
    expect_matrix(dw.world, "get", "/dashboards/indicators/", ok)
    missing = dict.fromkeys(ROLES, 404)
    expect_matrix(dw.world, "get", "/dashboards/city/999999/", missing)
    expect_matrix(dw.world, "get", "/dashboards/city/330108/", missing)  # a district, not a corridor city
    expect_matrix(dw.world, "get", "/dashboards/alliance/nope/", missing)


def test_an_officer_lands_on_their_city_and_others_on_the_corridor(dw):
    response = dw.world.client_for("officer").get("/dashboards/")
    assert response.status_code == 302 and response["Location"] == "/dashboards/city/330400/"
    assert Client().get("/dashboards/")["Location"] == "/dashboards/corridor/"


def test_the_city_page_splits_public_and_private_figures(dw):
    public = Client().get("/dashboards/city/330400/").content.decode()
    officer = dw.world.client_for("officer").get("/dashboards/city/330400/").content.decode()
    assert figure(public, "orgs.organisations") == "1.0"
    assert figure(officer, "orgs.organisations") == "2.0"
    # Hidden rows leave no trace: neither the unlisted organisation nor the secretariat-only need.
    for html in (public, officer):
        assert "隐名材料" not in html and "Quiet Materials" not in html
        assert "谐波减速器" not in html
    assert "equipment.vouchers_in" not in public  # voucher flows are not shown to visitors
    assert "data-testid=\"dash-map\"" in public and "dash-data" in public


def test_both_languages(dw):
    zh = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/dashboards/city/330400/").content.decode()
    en = Client(HTTP_ACCEPT_LANGUAGE="en").get("/dashboards/city/330400/").content.decode()
    assert "嘉兴市" in zh and "机构" in zh
    assert "Jiaxing" in en and "Organisations" in en and "See the list" in en


def test_comparison_of_chosen_cities_and_a_bad_city_named(dw):
    response = Client().get("/dashboards/corridor/?city=330100&city=330400&city=340200&i=orgs.organisations")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="compared-city"') == 3
    bad = Client(HTTP_ACCEPT_LANGUAGE="en").get("/dashboards/corridor/?city=123456")
    assert bad.status_code == 422 and "123456" in bad.content.decode()


def test_kept_figures_follow_the_change_events(dw):
    from corridor.orgs.services import create_organisation

    client = Client()
    assert figure(client.get("/dashboards/city/330400/").content.decode(), "orgs.organisations") == "1.0"
    create_organisation(None, {"name_zh": "嘉兴新来科技有限公司", "region": "330402"})  # fires organisations_changed
    assert figure(client.get("/dashboards/city/330400/").content.decode(), "orgs.organisations") == "2.0"


def test_kept_figures_are_per_role_grants(dw):
    public = Client().get("/dashboards/city/330400/").content.decode()
    officer = dw.world.client_for("officer").get("/dashboards/city/330400/").content.decode()
    again = Client().get("/dashboards/city/330400/").content.decode()
    assert figure(public, "orgs.organisations") == figure(again, "orgs.organisations") == "1.0"
    assert figure(officer, "orgs.organisations") == "2.0"


def test_composite_index_by_hand(dw):
    """Visitor's values (Songjiang, Hangzhou, Jiaxing, Wuhu): organisations 0/1/1/1, head enterprises 0/0/0/1,
    segments covered 0/1/0/0, open listings 0/0/1/0, instruments 0/1/0/0, alliance members 0/1/0/1; each
    scaled to the cities' mean = 100, weighted .2/.2/.2/.15/.15/.1."""
    from corridor.dashboards import services

    index = services.composite(services.board(None))
    by_code = {c.code: index["scores"][c.pk] for c in services.corridor_cities()}
    assert by_code == {"310117": 0.0, "330100": 186.7, "330400": 86.7, "340200": 126.7}
    assert [w["weight"] for w in index["weights"]] == [0.2, 0.2, 0.2, 0.15, 0.15, 0.1]
