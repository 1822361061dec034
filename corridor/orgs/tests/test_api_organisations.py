"""The organisations API: who sees what, who edits what, search, paging cost, all-or-nothing edits."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corridor.audit.models import ChangeRecord
from corridor.core.testing import ROLES, expect_matrix
from corridor.orgs import uscc
from corridor.orgs.models import Organisation
from corridor.orgs.services import create_organisation, update_organisation

JSON = "application/json"
GOOD_USCC = uscc.make("9", "1", "330108", "MA27U8Q81")
PRIVATE = Organisation.PRIVATE_FIELDS


def test_detail_of_a_listed_organisation_is_public(world):
    url = f"/api/organisations/{world.owner_org.pk}"
    expect_matrix(world, "GET", url, dict.fromkeys(ROLES, 200))


def test_detail_of_an_unlisted_organisation_is_404_for_those_who_may_not_see_it(world):
    url = f"/api/organisations/{world.unlisted_org.pk}"
    expected = dict.fromkeys(ROLES, 404) | {"officer": 200, "admin": 200}
    expect_matrix(world, "GET", url, expected)


def test_unknown_organisation_is_404(world):
    assert world.client_for("admin").get("/api/organisations/999999").status_code == 404


@pytest.mark.parametrize(
    ("role", "org_attr", "shown"),
    [
        ("visitor", "owner_org", False),
        ("outsider", "owner_org", False),
        ("member", "owner_org", False),
        ("officer", "owner_org", False),
        ("owner", "owner_org", True),
        ("secretariat", "owner_org", True),
        ("admin", "owner_org", True),
        ("officer", "outsider_org", True),
    ],
)
def test_contact_fields_only_for_those_with_private_access(world, role, org_attr, shown):
    org = getattr(world, org_attr)
    client = world.client_for(role)
    detail = client.get(f"/api/organisations/{org.pk}").json()
    listed = {o["id"]: o for o in client.get("/api/organisations?limit=500").json()["items"]}[org.pk]
    for body in (detail, listed):
        assert body["private_visible"] is shown
        if shown:
            assert body["contact_email"] == org.contact_email
        else:
            assert all(body[field] is None for field in PRIVATE), body


def test_list_hides_unlisted_organisations_from_visitors(world):
    ids = {o["id"] for o in world.client_for("visitor").get("/api/organisations").json()["items"]}
    assert world.unlisted_org.pk not in ids and world.owner_org.pk in ids
    ids = {o["id"] for o in world.client_for("officer").get("/api/organisations").json()["items"]}
    assert world.unlisted_org.pk in ids


@pytest.mark.parametrize("query", ["机器人", "guozi", "Guozi", "国自", "gzjqr"])
def test_search_finds_guozi_in_chinese_english_and_pinyin(world, query):
    body = world.client_for("visitor").get("/api/organisations", {"q": query}).json()
    assert world.owner_org.pk in [o["id"] for o in body["items"]]
    assert world.outsider_org.pk not in [o["id"] for o in body["items"]]


def test_list_uses_the_pages_filter(world):
    client = world.client_for("visitor")
    ids = [o["id"] for o in client.get("/api/organisations", {"industry": "robots"}).json()["items"]]
    assert sorted(ids) == sorted([world.owner_org.pk, world.member_org.pk])
    ids = [o["id"] for o in client.get("/api/organisations", {"city": "330400"}).json()["items"]]
    assert ids == [world.outsider_org.pk]
    ids = [o["id"] for o in client.get("/api/organisations", {"alliance": "g60-robot", "head": "true"}).json()["items"]]
    assert ids == [world.member_org.pk]
    response = client.get("/api/organisations", {"kind": "spaceship"})
    assert response.status_code == 422 and "kind" in response.json()["errors"]


def test_list_is_paginated(world):
    body = world.client_for("admin").get("/api/organisations", {"limit": 2, "offset": 1}).json()
    assert body["count"] == 4 and len(body["items"]) == 2
    response = world.client_for("admin").get("/api/organisations", {"limit": 501})
    assert response.status_code == 422 and "limit" in response.json()["errors"]


def test_names_in_both_languages_and_display_name_follows_the_request(world):
    url = f"/api/organisations/{world.owner_org.pk}"
    zh = world.client_for("visitor").get(url).json()
    en = world.client_for("visitor").get(url, headers={"accept-language": "en"}).json()
    assert zh["name_zh"] == en["name_zh"] == "浙江国自机器人技术股份有限公司"
    assert zh["name_en"] == en["name_en"] == "Zhejiang Guozi Robot Technology Co., Ltd."
    assert zh["name"] == zh["name_zh"] and en["name"] == en["name_en"]
    assert en["industries"][0]["name"] == "Robots" and zh["industries"][0]["name"] == "机器人"
    assert zh["city"]["code"] == "330100" and zh["province"]["name_zh"] == "浙江省"


@pytest.mark.parametrize("role", ["visitor", "secretariat"])
def test_list_query_count_does_not_grow_with_page_size(world, role):
    for i in range(60):
        create_organisation(
            None,
            {
                "name_zh": f"测试机器人企业{i}",
                "name_en": f"Test Robot {i}",
                "region": "330402",
                "industries": ["robots"],
            },
        )
    client = world.client_for(role)
    client.get("/api/organisations")  # the first read after the changes counts the total once (orgs.counts)
    counts = []
    for limit in (5, 50):
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/api/organisations", {"limit": limit}).json()
        assert len(body["items"]) == limit
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_patch_matrix(world):
    url = f"/api/organisations/{world.owner_org.pk}"
    expected = {
        "visitor": 401,
        "owner": 200,
        "member": 403,
        "outsider": 403,
        "secretariat": 403,
        "officer": 403,
        "admin": 200,
    }
    expect_matrix(world, "PATCH", url, expected, data={"short_name": "国自"}, content_type=JSON)
    expected = dict.fromkeys(ROLES, 404) | {"visitor": 401, "officer": 403, "admin": 200}
    expect_matrix(
        world,
        "PATCH",
        f"/api/organisations/{world.unlisted_org.pk}",
        expected,
        data={"short_name": "隐名"},
        content_type=JSON,
    )


def test_patch_changes_only_what_is_sent_and_records_history(world):
    client = world.client_for("owner")
    response = client.patch(
        f"/api/organisations/{world.owner_org.pk}",
        {"uscc": GOOD_USCC.lower(), "industries": ["robots", "new-materials"]},
        content_type=JSON,
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["uscc"] == GOOD_USCC
    assert {i["slug"] for i in body["industries"]} == {"robots", "new-materials"}
    assert body["contact_email"] == "owner@guozi.example" and body["name_en"].startswith("Zhejiang Guozi")
    record = ChangeRecord.objects.filter(object_id=str(world.owner_org.pk), action="update").get()
    assert record.actor == world.users["owner"] and record.after["uscc"] == GOOD_USCC


def test_patch_with_a_bad_credit_code_changes_nothing(world):
    org = world.owner_org
    history_before = ChangeRecord.objects.count()
    response = world.client_for("owner").patch(
        f"/api/organisations/{org.pk}", {"name_en": "Renamed Ltd.", "uscc": "91330108MA27U8Q810"}, content_type=JSON
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["uscc"]
    org.refresh_from_db()
    assert org.name_en == "Zhejiang Guozi Robot Technology Co., Ltd." and org.uscc is None
    assert ChangeRecord.objects.count() == history_before


@pytest.mark.parametrize(
    ("payload", "field", "status"),
    [
        ({"region": "999999"}, "region", 422),
        ({"industries": ["space"]}, "industries", 422),
        ({"contact_email": "not-an-email"}, "contact_email", 422),
        ({"name_zh": "", "name_en": ""}, "name_zh", 422),
        ({"colour": "red"}, "colour", 422),
        ({"founded_year": "soon"}, "founded_year", 422),
    ],
)
def test_patch_refusals_name_the_field(world, payload, field, status):
    response = world.client_for("owner").patch(f"/api/organisations/{world.owner_org.pk}", payload, content_type=JSON)
    assert response.status_code == status
    assert field in response.json()["errors"], response.json()


def test_patch_with_a_credit_code_taken_is_a_conflict(world):
    update_organisation(world.users["admin"], world.member_org, {"uscc": GOOD_USCC})
    response = world.client_for("owner").patch(
        f"/api/organisations/{world.owner_org.pk}", {"uscc": GOOD_USCC}, content_type=JSON
    )
    assert response.status_code == 409 and "uscc" in response.json()["errors"]


def test_create_is_for_admins(world):
    payload = {"name_zh": "上海新时达机器人有限公司", "region": "310117", "industries": ["robots"]}
    expected = dict.fromkeys(ROLES, 403) | {"visitor": 401, "admin": 201}
    expect_matrix(world, "POST", "/api/organisations", expected, data=payload, content_type=JSON)
    created = Organisation.objects.get(name_zh="上海新时达机器人有限公司")
    assert created.city is not None and created.city.code == "310117"
    assert ChangeRecord.objects.filter(object_id=str(created.pk), action="create").exists()


def test_history_matrix(world):
    update_organisation(world.users["admin"], world.owner_org, {"short_name": "国自"})
    expected = {
        "visitor": 401,
        "owner": 200,
        "member": 403,
        "outsider": 403,
        "secretariat": 200,
        "officer": 403,
        "admin": 200,
    }
    expect_matrix(world, "GET", f"/api/organisations/{world.owner_org.pk}/history", expected)
    expected = dict.fromkeys(ROLES, 404) | {"visitor": 401, "officer": 200, "admin": 200}
    expect_matrix(world, "GET", f"/api/organisations/{world.unlisted_org.pk}/history", expected)
    items = world.client_for("owner").get(f"/api/organisations/{world.owner_org.pk}/history").json()["items"]
    assert [i["action"] for i in items] == ["update", "create"]
    assert items[0]["actor"] == "admin"
    assert items[0]["changes"] == [{"field": "short_name", "before": "", "after": "国自"}]


def test_industries(world):
    body = world.client_for("visitor").get("/api/organisations/industries").json()
    assert [i["slug"] for i in body["items"]] == ["new-materials", "robots"]
