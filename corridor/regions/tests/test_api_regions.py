"""The regions API: administrative regions, corridors with their versions, parks."""

import datetime
from decimal import Decimal

import pytest

from corridor.regions.models import Corridor, CorridorVersion, Park


@pytest.fixture
def g60(world):
    corridor = Corridor.objects.create(
        slug="g60", name_zh="G60科创走廊", name_en="G60 S&T Innovation Corridor", head_enterprises=1280
    )
    v1 = CorridorVersion.objects.create(
        corridor=corridor, version="1.0", started_on=datetime.date(2016, 5, 1), length_km=40
    )
    v1.regions.set([world.regions["310117"]])
    v3 = CorridorVersion.objects.create(
        corridor=corridor,
        version="3.0",
        started_on=datetime.date(2018, 6, 1),
        area_km2=76200,
        population_millions=Decimal("57.92"),
    )
    v3.regions.set([world.regions["310117"], world.regions["330400"], world.regions["340200"]])
    Park.objects.create(
        slug="jiaxing-enclave",
        name_zh="嘉兴飞地创新中心",
        name_en="Jiaxing Enclave Centre",
        kind="enclave_centre",
        region=world.regions["310117"],
        run_for=world.regions["330400"],
        corridor=corridor,
    )
    Park.objects.create(
        slug="wuhu-robot-park",
        name_zh="芜湖机器人产业园",
        kind="industrial_park",
        region=world.regions["340202"],
    )
    return corridor


def test_regions_list_filters(world):
    client = world.client_for("visitor")
    body = client.get("/api/regions", {"level": "province"}).json()
    assert [r["code"] for r in body["items"]] == ["310000", "330000", "340000"]
    body = client.get("/api/regions", {"parent": "330000"}).json()
    assert [r["code"] for r in body["items"]] == ["330100", "330400"]
    assert body["items"][0]["parent"]["code"] == "330000"
    assert [r["code"] for r in client.get("/api/regions", {"q": "嘉兴"}).json()["items"]] == ["330400"]
    assert [r["code"] for r in client.get("/api/regions", {"q": "wuhu"}).json()["items"]] == ["340200"]
    assert client.get("/api/regions", {"level": "planet"}).status_code == 422


def test_region_detail(world):
    body = world.client_for("visitor").get("/api/regions/330400", headers={"accept-language": "en"}).json()
    assert body["name"] == "Jiaxing" and body["name_zh"] == "嘉兴市" and body["level"] == "city"
    assert [c["code"] for c in body["children"]] == ["330402"]
    assert world.client_for("visitor").get("/api/regions/999999").status_code == 404


def test_corridor_with_versions_and_parks(world, g60):
    client = world.client_for("visitor")
    assert [c["slug"] for c in client.get("/api/regions/corridors").json()["items"]] == ["g60"]
    body = client.get("/api/regions/corridors/g60").json()
    assert body["head_enterprises"] == 1280
    assert [v["version"] for v in body["versions"]] == ["1.0", "3.0"]
    v3 = body["versions"][1]
    assert v3["area_km2"] == 76200 and v3["population_millions"] == 57.92
    assert [r["code"] for r in v3["regions"]] == ["310117", "330400", "340200"]
    [park] = body["parks"]
    assert park["kind"] == "enclave_centre" and park["run_for"]["code"] == "330400" and park["corridor"] == "g60"
    assert client.get("/api/regions/corridors/nowhere").status_code == 404


def test_parks_filter_and_detail(world, g60):
    client = world.client_for("visitor")
    assert [p["slug"] for p in client.get("/api/regions/parks", {"region": "340200"}).json()["items"]] == [
        "wuhu-robot-park"
    ]
    assert [p["slug"] for p in client.get("/api/regions/parks", {"region": "310000"}).json()["items"]] == [
        "jiaxing-enclave"
    ]
    assert [p["slug"] for p in client.get("/api/regions/parks", {"kind": "industrial_park"}).json()["items"]] == [
        "wuhu-robot-park"
    ]
    body = client.get("/api/regions/parks/wuhu-robot-park").json()
    assert body["name"] == "芜湖机器人产业园" and body["region"]["code"] == "340202" and body["run_for"] is None
    assert client.get("/api/regions/parks/none").status_code == 404
