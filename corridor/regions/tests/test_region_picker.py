"""Forms pick places by name (search, or province › city › district) and chain segments by search; nobody
types GB 2260 codes or scrolls a 91-line list. The field underneath still carries the codes."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from corridor.matching.forms import ListingForm
from corridor.orgs.forms import OrganisationForm


@pytest.mark.parametrize(("language", "name", "path"), [("zh-hans", "滨江区", "浙江省 › 杭州市"),
                                                      ("en", "Binjiang District", "Zhejiang › Hangzhou")])
def test_search_finds_a_district_by_name_with_its_path(world, language, name, path):
    html = Client(headers={"accept-language": language}).get("/regions/pick/", {"q": name[:2]}).content.decode()
    assert 'data-code="330108"' in html and name in html and path in html
    assert "<html" not in html


def test_browsing_starts_at_the_provinces_and_opens_one(world):
    client = Client(headers={"accept-language": "zh-hans"})
    top = client.get("/regions/pick/").content.decode()
    assert 'data-pick-open="330000"' in top and 'data-code="330108"' not in top
    inside = client.get("/regions/pick/", {"parent": "330100"}).content.decode()
    assert 'data-code="330108"' in inside and "浙江省" in inside  # the trail back up


def test_a_search_matching_nothing_says_so(world):
    html = Client(headers={"accept-language": "en"}).get("/regions/pick/", {"q": "Atlantis"}).content.decode()
    assert 'data-testid="region-pick-none"' in html


def test_the_organisation_form_shows_the_chosen_place_by_name_and_asks_no_code(world):
    client = world.client_for("owner")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    html = client.get(f"/organisations/{world.owner_org.pk}/edit/").content.decode()
    assert 'data-picker="region"' in html
    chosen = re.search(r'data-testid="picker-chosen-region"[^>]*>(.*?)</ul>', html, re.S)
    assert chosen and "滨江区" in chosen.group(1)
    assert "GB/T 2260" not in html and "区划代码" not in html


def test_the_listing_form_picks_regions_and_segments(world):
    form = ListingForm(initial={"regions": "330100, 340200"})
    html = str(form["regions"]) + str(form["segments"])
    assert 'data-picker="region"' in html and 'data-multiple' in html and 'data-picker="options"' in html
    assert "杭州" in html or "Hangzhou" in html
    bound = ListingForm({"side": "offer", "category": "product", "text": "x", "visibility": "public",
                         "regions": "330100, 340200"})
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["regions"] == "330100, 340200"


def test_without_javascript_the_code_field_still_works(world):
    form = OrganisationForm({"region": "330108"})
    form.is_valid()
    assert "region" not in form.errors and form.cleaned_data["region"] == "330108"
