"""Region, park and corridor pages."""

from __future__ import annotations

from django.test import Client

from corridor.core.tests.test_pages_core import html_lang, make_g60
from corridor.regions.models import Park


def test_city_page(world):
    make_g60(world)
    Park.objects.create(
        slug="wuhu-robot-park",
        name_zh="芜湖机器人产业园",
        name_en="Wuhu Robot Industrial Park",
        kind="industrial_park",
        region=world.regions["340202"],
    )
    zh = Client().get("/regions/340200/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    en = Client().get("/regions/340200/", HTTP_ACCEPT_LANGUAGE="en")
    assert zh.status_code == en.status_code == 200
    assert html_lang(zh) == "zh-hans" and html_lang(en) == "en"
    assert 'data-testid="region-name">芜湖市' in zh.content.decode()
    page = en.content.decode()
    assert 'data-testid="region-name">Wuhu' in page
    assert 'data-testid="region-org-count">1<' in page and "Efort Intelligent" in page
    assert "/organisations/?city=340200" in page
    assert "Wuhu Robot Industrial Park" in page  # located in a district of the city
    enclaves = page[page.index('data-testid="region-enclaves"') :]
    assert "Wuhu Enclave Innovation Centre" in enclaves and "Songjiang District" in enclaves
    alliances = page[page.index('data-testid="region-alliances"') :]
    assert "G60 Robot Industry Alliance" in alliances


def test_region_counts_follow_visibility(world):
    visitor = Client().get("/regions/330400/").content.decode()
    officer = world.client_for("officer").get("/regions/330400/").content.decode()
    assert 'data-testid="region-org-count">1<' in visitor
    assert 'data-testid="region-org-count">2<' in officer


def test_park_and_corridor_pages(world):
    make_g60(world)
    for url in ("/regions/parks/wuhu-enclave/", "/regions/corridors/g60/", "/regions/"):
        zh = Client().get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        en = Client().get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert zh.status_code == en.status_code == 200, url
        assert html_lang(zh) == "zh-hans" and html_lang(en) == "en"
    park = Client().get("/regions/parks/wuhu-enclave/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="park-run-for"' in park and 'data-testid="synthetic-badge"' in park
    assert (
        "芜湖飞地创新中心"
        in Client().get("/regions/parks/wuhu-enclave/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    )
    corridor = Client().get("/regions/corridors/g60/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="timeline"' in corridor


def test_unknown_region_park_corridor_are_404(world):
    for url in ("/regions/999999/", "/regions/parks/nope/", "/regions/corridors/nope/", "/regions/12/"):
        assert Client().get(url).status_code == 404, url
