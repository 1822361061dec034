"""Places are chosen by name or by browsing province › city › district, chain segments by typing part of a
name: no GB 2260 code typed, no 91-line list scrolled (headless Chromium, zh and en, 390 and 1366 px)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from corridor.chains.testing import load_chains
from corridor.core.testing import build_world
from corridor.matching.models import Listing
from corridor.orgs.models import Organisation
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW = 45_000


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW)
    yield
    expect.set_options(timeout=5_000)


def _open(new_page, locale: str, width: int):  # type: ignore[no-untyped-def]
    page = new_page(locale)
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": width, "height": 900})
    return page


def _fits(page, width: int) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("locale", "width", "typed", "district"), [
    ("zh-CN", 390, "松江", "松江区"), ("en-US", 1366, "Songjiang", "Songjiang District"),
])
def test_an_organisation_picks_its_district_by_name(new_page, locale, width, typed, district):
    world = build_world()
    page = _open(new_page, locale, width)
    sign_in(page, "owner")
    page.goto(f"/organisations/{world.owner_org.pk}/edit/")
    picker = page.get_by_test_id("region-picker-region")
    expect(picker.locator("input.picker-value")).to_be_hidden()  # no code box
    search = page.get_by_test_id("picker-search-region")
    search.fill(typed)
    choice = picker.locator('[data-testid="pick-region"][data-code="310117"]')
    expect(choice).to_contain_text(district)
    choice.click()
    expect(page.get_by_test_id("picker-chosen-region")).to_have_text(re.compile(district))
    _fits(page, width)
    page.screenshot(path=f"/tmp/ux-picker-org-{locale}-{width}.png", full_page=True)
    page.get_by_test_id("org-save").click()
    expect(page).to_have_url(re.compile(rf"/organisations/{world.owner_org.pk}/$"))
    assert Organisation.objects.get(pk=world.owner_org.pk).region.code == "310117"


@pytest.mark.parametrize(("locale", "width", "zhejiang", "hangzhou", "typed_city", "segment_word"), [
    ("en-US", 390, "Zhejiang", "Hangzhou", "Wuhu", "reduc"),
    ("zh-CN", 1366, "浙江省", "杭州市", "芜湖", "减速"),
])
def test_a_listing_picks_places_from_the_tree_and_segments_by_search(new_page, locale, width, zhejiang, hangzhou,
                                                                      typed_city, segment_word):
    build_world()
    load_chains()
    page = _open(new_page, locale, width)
    sign_in(page, "member")
    page.goto("/matching/new/")
    page.locator("#id_title_zh").fill("寻求RV减速器供应商")
    page.locator("#id_text").fill("寻求RV减速器供应商 / Looking for RV reducer suppliers")
    regions = page.get_by_test_id("region-picker-regions")
    # Browse: Zhejiang › Hangzhou, chosen from the tree.
    regions.locator('[data-testid="open-region"][data-code="330000"]').click()
    expect(regions.locator(".picker-trail")).to_contain_text(zhejiang)
    regions.locator('[data-testid="pick-region"][data-code="330100"]').click()
    # Search: Wuhu, chosen by name.
    page.get_by_test_id("picker-search-regions").fill(typed_city)
    regions.locator('[data-testid="pick-region"][data-code="340200"]').click()
    chosen = page.get_by_test_id("picker-chosen-regions")
    expect(chosen).to_contain_text(hangzhou)
    expect(chosen.locator("li")).to_have_count(2)
    # Segments: typed, not scrolled.
    expect(page.get_by_test_id("option-picker-segments").locator("select")).to_be_hidden()
    page.get_by_test_id("picker-search-segments").fill(segment_word)
    options = page.get_by_test_id("picker-results-segments").get_by_test_id("pick-option")
    expect(options.first).to_be_visible()
    picked = options.first.inner_text()
    options.first.click()
    expect(page.get_by_test_id("picker-chosen-segments")).to_contain_text(picked)
    _fits(page, width)
    page.screenshot(path=f"/tmp/ux-picker-listing-{locale}-{width}.png", full_page=True)
    page.get_by_test_id("listing-save").click()
    expect(page).to_have_url(re.compile(r"/matching/\d+/$"))
    listing = Listing.objects.get()
    assert sorted(listing.regions) == ["330100", "340200"]
    assert len(listing.segments) == 1 and "/" in listing.segments[0]
