"""Every list page's and list endpoint's `q` is the header box's search of that kind (`registry.find`): the same
objects, restricted to what the viewer may see; English plurals and case are folded the same way for every kind."""

from __future__ import annotations

import pytest

from corridor.core import registry
from corridor.search.tests.test_header_search_kinds import _cases, may_see
from corridor.search.tests.test_header_search_kinds import everything as every_kind  # noqa: F401  (fixture)
from corridor.search.text import word_variants

# kind: (list endpoint, list page, parameters that show every state the header box shows)
LISTS = {
    "orgs.organisation": ("/api/organisations", "/organisations/", {}),
    "matching.listing": ("/api/matching/listings", "/matching/", {"status": ""}),
    "equipment.instrument": ("/api/equipment/instruments", "/equipment/", {}),
    "policies.policy": ("/api/policies/", "/policies/", {"status": "all"}),
    "projects.project": ("/api/projects", "/projects/", {}),
    "rnd.rdproject": ("/api/rnd/projects", "/rnd/", {}),
    "standards.standard": ("/api/standards", "/standards/", {}),
    "standards.brand": ("/api/standards/brands", "/standards/brands/", {}),
}
ROLES = ("visitor", "member", "outsider", "officer", "admin")


@pytest.fixture
def everything(every_kind):  # type: ignore[no-untyped-def]  # noqa: F811
    """Every kind, plus brands (the walk makes none): one recognised, one revoked (only its holder's users,
    the secretariat and admins see it)."""
    import datetime

    from corridor.standards.models import Brand

    for name, revoked in (("精工减速器", False), ("已撤销品牌", True)):
        Brand.objects.create(alliance=every_kind.alliance, holder=every_kind.member_org, name_zh=name,
                             products_zh="RV减速器", certificate=f"B-{name}", revoked=revoked,
                             valid_from=datetime.date(2024, 1, 1), valid_until=datetime.date(2030, 1, 1))
    return every_kind


def _box(user, label: str, q: str) -> set[int]:
    """What the header box shows of this kind for `q`."""
    return {hit.obj.pk for found, group in registry.search(user, q, limit=1000) if found.label == label
            for hit in group}


def _endpoint(client, url: str, params: dict[str, str], q: str) -> set[int]:
    response = client.get(url, {**params, "q": q, "limit": 500})
    assert response.status_code == 200, (url, q, response.content[:300])
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("role", ROLES)
def test_each_list_endpoint_finds_what_the_header_box_finds(everything, role):
    user = None if role == "visitor" else everything.users[role]
    client = everything.client_for(role)
    checked: dict[str, int] = {}
    for entry, obj, q in _cases(everything):
        if entry.label not in LISTS:
            continue
        url, _page, params = LISTS[entry.label]
        box = _box(user, entry.label, q)
        assert _endpoint(client, url, params, q) == box, (entry.label, q)
        # Restricted: an object the viewer may not see is never in the list, whatever is typed.
        assert (obj.pk in box) == may_see(entry, user).filter(pk=obj.pk).exists(), (entry.label, q)
        checked[entry.label] = checked.get(entry.label, 0) + 1
    assert set(checked) == set(LISTS), set(LISTS) - set(checked)


def test_each_list_page_shows_what_the_box_finds_and_not_what_the_visitor_may_not_see(everything):
    client = everything.client_for("visitor")
    shown = hidden = 0
    for entry, obj, q in _cases(everything):
        if entry.label not in LISTS:
            continue
        _url, page_url, params = LISTS[entry.label]
        page = client.get(page_url, {**params, "q": q})
        assert page.status_code == 200, (page_url, q)
        # A brand has no page of its own (its url is the list filtered by holder): its row shows its certificate.
        link = f">{obj.certificate}<" if entry.label == "standards.brand" else f'href="{entry.url(obj)}"'
        if obj.pk in _box(None, entry.label, q):
            assert link in page.content.decode(), (entry.label, q)
            shown += 1
        else:
            assert not may_see(entry, None).filter(pk=obj.pk).exists()
            assert link not in page.content.decode(), (entry.label, q)
            hidden += 1
    assert shown >= len(LISTS) and hidden >= 3, (shown, hidden)


def test_plurals_and_case_fold_alike_for_every_kind(world):
    from corridor.matching import services as matching

    listing = matching.create_listing(world.users["member"], {
        "side": "offer", "category": "product", "title_en": "Industrial Robot Arms",
        "text": "Six-axis robot arm for welding batteries"})
    client = world.client_for("visitor")
    for typed in ("robots", "ROBOT", "robot arm", "battery", "Batteries"):
        assert listing.pk in _box(None, "matching.listing", typed), typed
        assert listing.pk in _endpoint(client, "/api/matching/listings", {}, typed), typed
    assert listing.pk not in _box(None, "matching.listing", "robotics")


def test_word_variants():
    assert word_variants("robots") == ["robot"]
    assert word_variants("Industry") == ["industry", "industries"]
    assert word_variants("industries") == ["industries", "industry"]
    assert word_variants("機器人") == ["機器人", "机器人"]
    assert word_variants("glass") == ["glass"]
    assert word_variants("ＡＢＣ") == ["ａｂｃ", "abc"]
