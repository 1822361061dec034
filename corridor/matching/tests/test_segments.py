"""Listings on chain segments: identifiers validated everywhere, names on the page, and the chains'
supply adjacency in the ranking (following chain edits)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from corridor.chains import services as chains
from corridor.chains.testing import load_chains, segment
from corridor.matching import demo, segments, services
from corridor.matching.models import Listing

pytestmark = pytest.mark.django_db

OFFER_TEXT = "Precision gear units for six-axis industrial robot joints, backlash under 1 arcmin, 5,000 units a year."


@pytest.fixture
def chain_world(world):
    load_chains()
    return world


def _offers(world) -> tuple[Listing, Listing]:
    """Two offers with the same words; only their segments differ. The reducer maker posts second, so
    that without the chain rule it would lose the tie on id."""
    unrelated = services.create_listing(world.users["outsider"], {
        "side": "offer", "category": "product", "title_en": "Gear units", "text": OFFER_TEXT,
        "segments": ["new-materials/polymers"],
    })
    reducer = services.create_listing(world.users["member"], {
        "side": "offer", "category": "product", "title_en": "Gear units", "text": OFFER_TEXT,
        "segments": ["industrial-robots/reducers"],
    })
    return reducer, unrelated


def _need(world, segment_id: str = "industrial-robots/robot-bodies") -> Listing:
    return services.create_listing(world.users["owner"], {
        "side": "need", "category": "product", "title_en": "Gear units for robot joints",
        "text": "We need precision gear units for our six-axis robot joints.", "segments": [segment_id],
    })


def test_a_need_for_robot_bodies_prefers_the_reducer_supplier(chain_world) -> None:
    reducer, unrelated = _offers(chain_world)
    need = _need(chain_world)
    with translation.override("en"):
        found = services.suggestions(chain_world.users["owner"], need)
    order = [s.listing for s in found]
    assert order.index(reducer) < order.index(unrelated)
    first = found[order.index(reducer)]
    assert first.score > found[order.index(unrelated)].score
    assert first.explanation.supplying_segments == ["industrial-robots/reducers"]
    assert first.supplying_segment_names == ["Precision reducers"]
    with translation.override("zh-hans"):
        again = services.suggestions(chain_world.users["owner"], need)
    assert next(s for s in again if s.listing == reducer).supplying_segment_names == ["精密减速器"]


def test_the_adjacency_follows_a_chain_edit(chain_world) -> None:
    reducer, unrelated = _offers(chain_world)
    need = _need(chain_world, "industrial-robots/industrial-robot-bodies")
    found = {s.listing: s for s in services.suggestions(chain_world.users["owner"], need)}
    assert found[reducer].explanation.chain == 0.7
    robots = segment("industrial-robots", "reducers").chain
    edges = [e for e in chains.chain_spec(robots).as_data()["edges"]
             if not (e["from"] == "reducers" and e["to"] == "industrial-robot-bodies")]
    chains.edit_chain(chain_world.users["admin"], robots, {"edges": edges}, note="reducers no longer counted")
    found = {s.listing: s for s in services.suggestions(chain_world.users["owner"], need)}
    assert found[reducer].explanation.chain == 0.0 and found[reducer].explanation.supplying_segments == []
    assert found[reducer].score == found[unrelated].score


def test_unknown_segments_are_refused_by_service_api_and_page(chain_world) -> None:
    data = {"side": "offer", "category": "product", "title_en": "Arms", "text": "Robot arms", "segments": ["robots"]}
    with pytest.raises(ValidationError) as err:
        services.create_listing(chain_world.users["member"], data)
    assert "robots" in err.value.message_dict["segments"][0]
    client = chain_world.client_for("member")
    api = client.post("/api/matching/listings", data, content_type="application/json")
    assert api.status_code == 422 and "segments" in api.json()["errors"]
    page = client.post("/matching/new/", {**data, "visibility": "public"})
    assert page.status_code == 422 and "robots" in page.content.decode()
    assert not Listing.objects.filter(title_en="Arms").exists()
    ok = client.post("/api/matching/listings", {**data, "segments": ["industrial-robots/industrial-robot-bodies"]},
                     content_type="application/json")
    assert ok.status_code == 201 and ok.json()["segments"] == ["industrial-robots/industrial-robot-bodies"]


def test_the_form_offers_segments_by_chain_and_the_page_links_them(chain_world) -> None:
    client = chain_world.client_for("member")
    form = client.get("/matching/new/").content.decode()
    assert '<optgroup label="工业机器人">' in form and 'value="industrial-robots/reducers"' in form
    posted = client.post("/matching/new/", {
        "side": "offer", "category": "product", "title_zh": "RV减速器", "text": "RV减速器", "visibility": "public",
        "segments": ["industrial-robots/reducers", "industrial-robots/servo"],
    })
    assert posted.status_code == 302
    listing = Listing.objects.get(title_zh="RV减速器")
    assert listing.segments == ["industrial-robots/reducers", "industrial-robots/servo"]
    page = client.get(f"/matching/{listing.pk}/").content.decode()
    assert '<a href="/chains/industrial-robots/segments/reducers/">精密减速器</a>' in page
    edit = client.get(f"/matching/{listing.pk}/edit/").content.decode()
    assert 'value="industrial-robots/reducers" selected' in edit


def test_an_organisation_posting_without_segments_gets_its_declared_ones(chain_world) -> None:
    org = chain_world.member_org
    chains.declare_tag(chain_world.users["admin"], org, segment("industrial-robots", "servo"), "produces")
    chains.declare_tag(chain_world.users["admin"], org, segment("industrial-robots", "reducers"), "uses")
    base = {"category": "product", "title_en": "x", "text": "servo drives"}
    offer = services.create_listing(chain_world.users["member"], {**base, "side": "offer"})
    need = services.create_listing(chain_world.users["member"], {**base, "side": "need"})
    assert offer.segments == ["industrial-robots/servo"]
    assert need.segments == ["industrial-robots/reducers"]


def test_old_free_text_names_become_identifiers(chain_world) -> None:
    listing = Listing.objects.create(
        side="offer", category="product", text="x", organisation=chain_world.member_org,
        segments=["精密减速器", "precision reducers ", "something else"],
    )
    migration = importlib.import_module("corridor.matching.migrations.0003_listing_segments_to_identifiers")
    migration.to_identifiers(apps, None)
    listing.refresh_from_db()
    assert listing.segments == ["industrial-robots/reducers"]


def test_demo_listings_name_real_segments(chain_world) -> None:
    named = [s for row in demo.LISTINGS for s in row[7].split()]
    assert named and segments.unknown(named) == []
