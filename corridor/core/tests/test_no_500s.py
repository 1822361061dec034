"""Requests the probe turned into 500s answer 4xx naming the parameter."""

from __future__ import annotations

import pytest

from corridor.equipment.testing import make_instrument
from corridor.matching.testing import make_listings

HUGE = str(2**63)


@pytest.fixture
def instrument(world):
    return make_instrument(world.owner_org, world.regions["330108"])


@pytest.mark.parametrize("url", [
    "/api/organisations", "/api/equipment/instruments", "/api/matching/listings", "/api/regions",
    "/api/alliances",
])
def test_offsets_beyond_64_bits_are_a_422_naming_offset(world, url):
    response = world.client_for("admin").get(url, {"offset": HUGE})
    assert response.status_code == 422, (url, response.status_code)
    assert "offset" in response.json()["errors"]
    # The largest offset both databases take is still an empty page, not an error.
    assert world.client_for("admin").get(url, {"offset": str(2**63 - 1)}).status_code == 200


@pytest.mark.parametrize("query, field", [
    ("week=9999-12-31", "week"), ("week=0001-01-01", "week"),
    ("find_minutes=60&find_from=9999-12-31", "find_from"), ("find_minutes=60&find_from=0001-01-01", "find_from"),
])
def test_far_dates_on_the_instrument_page_are_a_400_naming_the_parameter(world, instrument, query, field):
    response = world.client_for("member").get(f"/equipment/{instrument.pk}/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert field in response.content.decode()


def test_far_dates_on_the_utilisation_page_and_api(world, instrument):
    client = world.client_for("admin")
    page = client.get("/equipment/utilisation/?start=0001-01-01&end=0001-12-31", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400 and "start" in page.content.decode()
    api = client.get("/api/equipment/utilisation", {"start": "9999-01-01", "end": "9999-12-31"})
    assert api.status_code == 422 and set(api.json()["errors"]) == {"start"}
    api = client.get(f"/api/equipment/instruments/{instrument.pk}/calendar", {"start": "9999-12-31"})
    assert api.status_code == 422 and "start" in api.json()["errors"]
    api = client.get("/api/equipment/instruments", {"free_from": "9999-12-31T00:00", "free_until": "9999-12-31T10:00"})
    assert api.status_code == 422 and "free_from" in api.json()["errors"]
    # Ordinary dates still work.
    assert client.get("/api/equipment/utilisation", {"start": "2025-01-01", "end": "2025-02-01"}).status_code == 200


def test_introduce_with_a_counterpart_that_is_not_a_number(world):
    listings = make_listings(world)
    client = world.client_for("secretariat")
    for bad in ("abc", "", "1e3", HUGE * 2):
        response = client.post(f"/matching/{listings.need_zh.pk}/introduce/", {"counterpart": bad}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400 and "counterpart" in response.content.decode(), bad


@pytest.mark.parametrize("url", ["/equipment/{n}/", "/matching/{n}/", "/api/equipment/instruments/{n}",
                                 "/api/organisations/{n}"])
def test_ids_beyond_64_bits_are_not_found(world, url):
    response = world.client_for("admin").get(url.format(n=HUGE * 2))
    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/api/equipment/instruments/abc", "/api/organisations/1.5", "/api/nothing-here"])
def test_api_paths_that_do_not_parse_are_a_json_404(world, url):
    response = world.client_for("visitor").get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json") and response.json() == {"detail": "not found"}
    page = world.client_for("visitor").get("/equipment/abc/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
