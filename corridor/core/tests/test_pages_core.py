"""Home page, base template (language switch, user box), error pages."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from corridor.regions.models import Corridor, CorridorVersion, Park


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "no lang attribute on <html>"
    return match.group(1)


def make_g60(world):
    regions = world.regions
    corridor = Corridor.objects.create(
        slug="g60",
        name_zh="G60科创走廊",
        name_en="G60 Science and Technology Innovation Corridor",
        head_enterprises=1280,
        alliance_count=13,
        demonstration_park_count=11,
    )
    v1 = CorridorVersion.objects.create(
        corridor=corridor,
        version="1.0",
        label_zh="松江",
        label_en="Songjiang",
        started_on=datetime.date(2016, 5, 1),
        length_km=40,
    )
    v1.regions.set([regions["310117"]])
    v3 = CorridorVersion.objects.create(
        corridor=corridor,
        version="3.0",
        label_zh="九城市",
        label_en="Nine cities",
        started_on=datetime.date(2018, 6, 1),
        area_km2=76200,
        population_millions="57.92",
    )
    v3.regions.set([regions["310117"], regions["330100"], regions["330400"], regions["340200"]])
    world.alliance.corridor = corridor
    world.alliance.save()
    Park.objects.create(
        slug="jiaxing-demo",
        name_zh="嘉兴示范园",
        name_en="Jiaxing Demonstration Park",
        kind="demonstration_park",
        region=regions["330400"],
        corridor=corridor,
    )
    Park.objects.create(
        slug="wuhu-enclave",
        name_zh="芜湖飞地创新中心",
        name_en="Wuhu Enclave Innovation Centre",
        kind="enclave_centre",
        region=regions["310117"],
        run_for=regions["340200"],
        corridor=corridor,
        is_synthetic=True,
    )
    return corridor


@pytest.mark.django_db
def test_home_handles_an_empty_database():
    for lang in ("zh-hans", "en"):
        response = Client().get("/", HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200
        assert html_lang(response) == lang
        assert 'data-testid="empty-corridor"' in response.content.decode()


def test_home_shows_the_corridor_in_both_languages(world):
    make_g60(world)
    zh = Client().get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    en = Client().get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(zh) == "zh-hans" and html_lang(en) == "en"
    zh_html, en_html = zh.content.decode(), en.content.decode()
    assert "<h1" in zh_html and "G60科创走廊</h1>" in zh_html
    assert "G60 Science and Technology Innovation Corridor</h1>" in en_html
    # Timeline, member cities (links), alliances, parks by kind with the enclave's owner.
    assert 'data-testid="version-1.0"' in en_html and 'data-testid="version-3.0"' in en_html
    assert "/regions/330400/" in en_html and "Jiaxing" in en_html and "嘉兴市" in zh_html
    assert "G60 Robot Industry Alliance" in en_html and "138" in en_html
    assert "in Songjiang District, run for Wuhu" in en_html
    assert 'data-testid="synthetic-badge"' in en_html
    assert "1,280" in en_html  # head enterprises stated
    assert 'id="corridor-map-data"' in en_html


def test_every_page_has_a_language_switch_that_remembers_the_choice(world):
    client = Client()
    page = client.get("/organisations/").content.decode()
    assert 'data-testid="lang-en"' in page and 'data-testid="lang-zh-hans"' in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/organisations/"})
    assert response.status_code == 302 and response["Location"] == "/organisations/"
    assert html_lang(client.get("/organisations/")) == "en"
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert html_lang(client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="en")) == "zh-hans"


def test_header_shows_user_and_roles(world):
    page = world.client_for("secretariat").get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="user-name"' in page and ">secretariat<" in page
    assert 'title="G60 Robot Industry Alliance">Secretariat · G60' in page and 'data-testid="user-role"' in page
    assert 'data-testid="logout"' in page
    visitor = Client().get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="login-link"' in visitor and 'data-testid="user-box"' not in visitor


def test_404_page_extends_the_base(world):
    for url in ("/organisations/999999/", "/no-such-page/"):
        response = Client().get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 404
        page = response.content.decode()
        assert 'data-testid="error-404"' in page and 'data-testid="lang-switch"' in page


def test_403_page_extends_the_base(world):
    response = world.client_for("member").get(f"/organisations/{world.owner_org.pk}/edit/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'data-testid="error-403"' in page and 'data-testid="lang-switch"' in page
