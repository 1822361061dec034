"""Organisation list (search, filters, paging), profile (privacy) and edit form."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from corridor.audit.models import ChangeRecord
from corridor.core.testing import expect_matrix
from corridor.core.tests.test_pages_core import html_lang
from corridor.orgs.forms import OrganisationForm
from corridor.orgs.models import Organisation
from corridor.orgs.services import create_organisation


def listed_names(response) -> set[str]:
    """Names of the organisations in the result table."""
    return set(re.findall(r'class="org-name">([^<]+)</a>', response.content.decode()))


def test_list_renders_in_both_languages(world):
    zh = Client().get("/organisations/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    en = Client().get("/organisations/", HTTP_ACCEPT_LANGUAGE="en")
    assert zh.status_code == en.status_code == 200
    assert html_lang(zh) == "zh-hans" and html_lang(en) == "en"
    assert "浙江国自机器人技术股份有限公司" in listed_names(zh)
    assert "Zhejiang Guozi Robot Technology Co., Ltd." in listed_names(en)
    assert 'data-testid="org-search"' in en.content.decode()


@pytest.mark.parametrize("query", ["机器人", "Guozi", "guozi", "gzjqr"])
def test_search_finds_guozi(world, query):
    response = Client().get("/organisations/", {"q": query}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "浙江国自机器人技术股份有限公司" in listed_names(response)
    assert "嘉兴外联科技有限公司" not in listed_names(response)


def test_search_box_returns_a_partial_for_htmx(world):
    response = Client().get("/organisations/", {"q": "Guozi"}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page and 'data-testid="org-table"' in page
    assert "Zhejiang Guozi Robot Technology Co., Ltd." in listed_names(response)
    assert "HX-Request" in response["Vary"]
    # A back-button history restore must get the whole page.
    full = Client().get(
        "/organisations/", {"q": "Guozi"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in full.content.decode()


def test_filters(world):
    client = Client()

    def names(**params: str) -> set[str]:
        return listed_names(client.get("/organisations/", params, HTTP_ACCEPT_LANGUAGE="en"))

    guozi, efort, outsider = (
        "Zhejiang Guozi Robot Technology Co., Ltd.",
        "Efort Intelligent Equipment Co., Ltd.",
        "Jiaxing Outsider Tech Co., Ltd.",
    )
    assert names() == {guozi, efort, outsider}  # the unlisted one is not there for a visitor
    assert names(city="330400") == {outsider}
    assert names(city="330000") == {guozi, outsider}  # a province code works too
    assert names(city="330108") == {guozi}  # and a district
    assert names(industry="robots") == {guozi, efort}
    assert names(head="true") == {efort}
    assert names(head="false") == {guozi, outsider}
    assert names(alliance="g60-robot") == {guozi, efort}
    assert names(kind="university") == set()
    assert names(synthetic="true") == set()
    assert names(city="330100", industry="robots") == {guozi}
    # Malformed values are ignored, not a server error.
    assert names(head="maybe", kind="nonsense") == {guozi, efort, outsider}
    page = client.get("/organisations/", {"city": "330108"}).content.decode()
    assert '<option value="330108" selected>' in page  # any region code stays visible in the city select


def test_synthetic_badge_on_list_and_profile(world):
    org = create_organisation(None, {"name_zh": "合成示例公司", "region": "330402"}, is_synthetic=True)
    assert 'data-testid="synthetic-badge"' in Client().get("/organisations/", {"synthetic": "true"}).content.decode()
    assert 'data-testid="synthetic-badge"' in Client().get(f"/organisations/{org.pk}/").content.decode()


def test_pagination(world):
    for i in range(30):
        create_organisation(None, {"name_zh": f"分页测试公司{i:02d}", "region": "330402"})
    first = Client().get("/organisations/", {"q": "分页测试"})
    assert len(listed_names(first)) == 25 and 'data-testid="page-next"' in first.content.decode()
    second = Client().get("/organisations/", {"q": "分页测试", "page": "2"})
    assert len(listed_names(second)) == 5


def _list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/organisations/").status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_page_size(world):
    client = world.client_for("officer")  # signed in: the role box and scope are part of the page too
    create_organisation(None, {"name_zh": "计数公司0", "region": "330402", "industries": ["robots"]})
    assert Organisation.objects.visible_to(world.users["officer"]).count() == 5
    few = _list_queries(client)
    for i in range(1, 21):
        create_organisation(
            None, {"name_zh": f"计数公司{i}", "region": "330402", "industries": ["robots", "new-materials"]}
        )
    assert Organisation.objects.visible_to(world.users["officer"]).count() == 25
    many = _list_queries(client)
    assert few == many, (few, many)


def test_unlisted_organisation(world):
    url = f"/organisations/{world.unlisted_org.pk}/"
    expect_matrix(
        world,
        "get",
        url,
        {
            "visitor": 404,
            "owner": 404,
            "member": 404,
            "outsider": 404,
            "secretariat": 404,
            "officer": 200,
            "admin": 200,
        },
    )
    assert "Jiaxing Quiet Materials" in world.client_for("officer").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Jiaxing Quiet Materials" not in listed_names(Client().get("/organisations/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Jiaxing Quiet Materials Co., Ltd." in listed_names(
        world.client_for("officer").get("/organisations/", HTTP_ACCEPT_LANGUAGE="en")
    )


def test_detail_shows_names_memberships_and_private_contacts_only_when_allowed(world):
    url = f"/organisations/{world.owner_org.pk}/"
    for role in ("visitor", "outsider", "member"):
        page = world.client_for(role).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "owner@guozi.example" not in page and "0571-0000-0001" not in page, role
        assert 'data-testid="org-contacts"' not in page
        assert 'data-testid="org-edit"' not in page and 'data-testid="org-history"' not in page
    for role in ("owner", "secretariat", "admin"):
        page = world.client_for(role).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "owner@guozi.example" in page, role
        assert 'data-testid="org-history"' in page
    page = world.client_for("owner").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="org-edit"' in page
    assert "浙江国自机器人技术股份有限公司" in page and "Zhejiang Guozi Robot Technology Co., Ltd." in page
    assert "G60 Robot Industry Alliance" in page and "Member" in page
    zh = Client().get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert re.search(r'data-testid="org-name">浙江国自机器人技术股份有限公司', zh)


def edit_payload(org: Organisation, **changes) -> dict:
    data = OrganisationForm.initial_for(org)
    data.update(changes)
    payload = {}
    for key, value in data.items():
        if value is None or value is False:
            continue
        payload[key] = "on" if value is True else value
    return payload


def test_edit_matrix(world):
    expect_matrix(
        world,
        "get",
        f"/organisations/{world.owner_org.pk}/edit/",
        {
            "visitor": 403,
            "owner": 200,
            "member": 403,
            "outsider": 403,
            "secretariat": 403,
            "officer": 403,
            "admin": 200,
        },
    )


def test_owner_edits_own_organisation(world):
    org = world.owner_org
    client = world.client_for("owner")
    payload = edit_payload(
        org, short_name="国自", aliases="Guozi Robot\n国自机器人\n", industries=["robots", "new-materials"]
    )
    response = client.post(f"/organisations/{org.pk}/edit/", payload)
    assert response.status_code == 302 and response["Location"] == f"/organisations/{org.pk}/"
    org.refresh_from_db()
    assert org.short_name == "国自"
    assert org.aliases == ["Guozi Robot", "国自机器人"]
    assert sorted(org.industries.values_list("slug", flat=True)) == ["new-materials", "robots"]
    assert org.contact_email == "owner@guozi.example"  # untouched fields stay
    assert ChangeRecord.objects.filter(object_id=str(org.pk), action="update").exists()


def test_member_cannot_edit_and_nothing_changes(world):
    org = world.owner_org
    response = world.client_for("member").post(
        f"/organisations/{org.pk}/edit/", edit_payload(org, short_name="hijacked")
    )
    assert response.status_code == 403
    org.refresh_from_db()
    assert org.short_name == ""


def test_wrong_uscc_names_the_field_and_changes_nothing(world):
    org = world.owner_org
    before = Organisation.objects.filter(pk=org.pk).values().get()
    response = world.client_for("owner").post(
        f"/organisations/{org.pk}/edit/",
        edit_payload(org, uscc="91330000123456789X", short_name="should-not-save"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'data-testid="error-uscc"' in page
    assert "Unified social credit code" in page and "Invalid unified social credit code" in page
    assert Organisation.objects.filter(pk=org.pk).values().get() == before


def test_unknown_region_code_names_the_field(world):
    org = world.owner_org
    response = world.client_for("owner").post(f"/organisations/{org.pk}/edit/", edit_payload(org, region="999999"))
    assert response.status_code == 422
    assert 'data-testid="error-region"' in response.content.decode()
    org.refresh_from_db()
    assert org.region.code == "330108"


def test_list_page_queries_do_not_grow_with_per_page(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from corridor.orgs.services import create_organisation

    for i in range(30):
        create_organisation(None, {"name_zh": f"嘉兴测试{i}号科技有限公司", "region": "330402", "industries": ["robots"]})
    client = world.client_for("visitor")
    client.get("/organisations/")  # the first read after the changes counts the total once (orgs.counts)
    counts = []
    for per_page in (10, 100):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/organisations/?per_page={per_page}").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
