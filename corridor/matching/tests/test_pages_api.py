"""Pages and API: who gets what, and the secretariat-only need kept from everyone else everywhere."""

from __future__ import annotations

import pytest

from corridor.core.testing import expect_matrix
from corridor.matching import services
from corridor.matching.testing import make_listings

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(world):
    return make_listings(world)


SECRET_SEEN_BY = {"visitor": 404, "owner": 404, "member": 200, "outsider": 404, "secretariat": 200, "officer": 404, "admin": 200}


def test_secret_need_page_and_api_matrix(world, listings) -> None:
    pk = listings.secret_need.pk
    expect_matrix(world, "get", f"/matching/{pk}/", SECRET_SEEN_BY)
    expect_matrix(world, "get", f"/api/matching/listings/{pk}", SECRET_SEEN_BY)


def test_secret_need_absent_from_lists_search_and_suggestion_explanations(world, listings) -> None:
    secret = listings.secret_need
    for role in ("visitor", "owner", "outsider", "officer"):
        client = world.client_for(role)
        for url in ("/matching/", "/matching/?q=扩产", "/api/matching/listings?q=融资", "/api/matching/listings"):
            body = client.get(url).content.decode()
            assert "扩产融资需求" not in body and f'"id": {secret.pk},' not in body, (role, url)
    outsider = world.client_for("outsider")
    response = outsider.get(f"/api/matching/listings/{listings.other_offer.pk}/suggestions")
    assert response.status_code == 200
    assert "保密" not in response.content.decode() and "暂不公开" not in response.content.decode()
    page = outsider.get(f"/matching/{listings.other_offer.pk}/").content.decode()
    assert "保密" not in page
    # An admin, on the same offer page, sees the secret need suggested.
    assert "保密" in world.client_for("admin").get(f"/matching/{listings.other_offer.pk}/").content.decode()


def test_suggestions_api_matrix_and_explanation_shape(world, listings) -> None:
    url = f"/api/matching/listings/{listings.need_zh.pk}/suggestions"
    expect_matrix(world, "get", url, {"visitor": 401, "owner": 200, "member": 403, "outsider": 403,
                                      "secretariat": 200, "officer": 403, "admin": 200})
    body = world.client_for("owner").get(url).json()
    assert body[0]["listing"]["id"] == listings.offer_en.pk
    assert {"semantic", "specific", "category", "chain", "region", "contributions", "shared_terms"} <= set(body[0]["explanation"])


def test_post_a_listing_through_the_page_and_the_api(world) -> None:
    client = world.client_for("owner")
    response = client.post("/matching/new/", {"side": "need", "category": "testing", "title_zh": "盐雾试验",
                                              "text": "汽车零部件中性盐雾试验", "visibility": "public"})
    assert response.status_code == 302
    bad = client.post("/matching/new/", {"side": "need", "category": "testing", "text": "", "visibility": "public"})
    assert bad.status_code == 422
    api = client.post("/api/matching/listings", {"side": "offer", "category": "funding", "title_en": "Seed",
                                                 "text": "Seed funding", "visibility": "alliance"}, content_type="application/json")
    assert api.status_code == 201 and api.json()["alliance_id"] == world.alliance.pk
    refused = client.post("/api/matching/listings", {"side": "offer", "category": "gadgets", "text": "x"},
                          content_type="application/json")
    assert refused.status_code == 422 and "category" in refused.json()["errors"]
    assert world.client_for("visitor").post("/api/matching/listings", {}, content_type="application/json").status_code == 401


def test_workflow_through_the_api(world, listings) -> None:
    member, owner = world.client_for("member"), world.client_for("owner")
    created = member.post(f"/api/matching/listings/{listings.need_zh.pk}/interests", {"message": "hi"}, content_type="application/json")
    assert created.status_code == 201
    interest = created.json()["id"]
    assert member.post(f"/api/matching/interests/{interest}/step", {"stage": "accepted"}, content_type="application/json").status_code == 422
    assert world.client_for("outsider").post(f"/api/matching/interests/{interest}/step", {"stage": "accepted"},
                                              content_type="application/json").status_code == 404
    accepted = owner.post(f"/api/matching/interests/{interest}/step", {"stage": "accepted"}, content_type="application/json")
    assert accepted.status_code == 200 and accepted.json()["responded_at"]
    funnel = world.client_for("visitor").get("/api/matching/funnel?by=alliance").json()
    assert any(row["accepted"] == 1 for row in funnel)


def test_listing_pages_render(world, listings) -> None:
    owner = world.client_for("owner")
    page = owner.get(f"/matching/{listings.need_zh.pk}/").content.decode()
    assert "Six-axis arc welding robots" in page  # suggested counterpart
    assert owner.get("/matching/funnel/?by=city").status_code == 200
    services.express_interest(world.users["member"], listings.need_zh)
    assert "采购六轴弧焊机器人" in owner.get("/matching/notifications/").content.decode()
    expect_matrix(world, "get", f"/matching/{listings.need_zh.pk}/edit/", {"visitor": 302, "owner": 200, "member": 403,
                  "outsider": 403, "secretariat": 200, "officer": 403, "admin": 200})
