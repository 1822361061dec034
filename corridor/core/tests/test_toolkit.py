"""The view toolkit: htmx fragments always vary on HX-Request, one page-size rule on pages and API,
and a bad filter value is a 422 naming the parameter (API) or a message (page)."""

from __future__ import annotations

import pytest
from django.conf import settings

from corridor.core import toolkit
from corridor.matching.testing import make_listings
from corridor.regions.models import Region, within_q

pytestmark = pytest.mark.django_db


def test_the_instrument_list_fragment_varies_on_hx_request(world) -> None:
    client = world.client_for("visitor")
    fragment = client.get("/equipment/", headers={"HX-Request": "true"})
    page = client.get("/equipment/")
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]
    assert "<html" not in fragment.content.decode() and "<html" in page.content.decode()


def test_one_page_size_rule_for_pages_and_api(world) -> None:
    assert settings.NINJA_PAGINATION_PER_PAGE == toolkit.PAGE_SIZE
    assert settings.NINJA_PAGINATION_MAX_LIMIT == toolkit.MAX_PAGE_SIZE
    from corridor.orgs.services import create_organisation

    for i in range(toolkit.PAGE_SIZE + 3):
        create_organisation(None, {"name_zh": f"分页规则测试{i:02d}有限公司", "region": "330402"})
    client = world.client_for("visitor")
    api = client.get("/api/organisations", {"q": "分页规则测试"}).json()
    assert len(api["items"]) == toolkit.PAGE_SIZE and api["count"] == toolkit.PAGE_SIZE + 3
    page = client.get("/organisations/", {"q": "分页规则测试"}).content.decode()
    assert page.count("分页规则测试") >= toolkit.PAGE_SIZE and 'data-testid="page-next"' in page


@pytest.mark.parametrize("url", ["/api/matching/listings?side=sideways", "/api/equipment/instruments?category=toys",
                                 "/api/organisations?kind=pirate", "/api/regions?level=planet",
                                 "/api/regions/parks?kind=funfair"])
def test_a_bad_filter_value_is_a_422_naming_the_parameter(world, url) -> None:
    response = world.client_for("visitor").get(url)
    assert response.status_code == 422, url
    name = url.split("?")[1].split("=")[0]
    assert name in response.content.decode()


def test_a_bad_filter_value_on_a_page_is_a_message_naming_the_parameter(world) -> None:
    make_listings(world)
    page = world.client_for("visitor").get("/matching/", {"side": "sideways", "lang": "en"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "side" in text and "sideways" in text
    assert "采购六轴弧焊机器人" in text  # the rest of the filter still applies: nothing was hidden by it


def test_region_containment_is_one_rule(world) -> None:
    zhejiang, jiaxing, nanhu = (world.regions[c] for c in ("330000", "330400", "330402"))
    for target in (zhejiang, zhejiang.pk, "330000", [zhejiang.pk]):
        assert set(Region.objects.filter(within_q("", target)).values_list("code", flat=True)) >= {"330400", "330402"}
    assert not Region.objects.filter(within_q("", jiaxing), pk=world.regions["330100"].pk).exists()
    assert Region.objects.filter(within_q("", [jiaxing.pk]), pk=nanhu.pk).exists()


def test_organisation_and_instrument_city_filters_select_what_they_did_before(world) -> None:
    """The filters and the officer rule now go through `within_q`: the same rows as the expressions they
    replaced, for a province, a city and a district code (and for a code that does not exist)."""
    from django.db.models import Q, Subquery

    from corridor.equipment.filters import InstrumentFilter
    from corridor.equipment.models import Instrument
    from corridor.equipment.testing import make_instrument
    from corridor.orgs.filters import OrganisationFilter
    from corridor.orgs.models import ORGANISATION_REGION_COLUMNS, Organisation
    from corridor.orgs.services import create_organisation

    create_organisation(None, {"name_zh": "南湖区测试有限公司", "region": "330402"})
    create_organisation(None, {"name_zh": "嘉兴市测试有限公司", "region": "330400"})
    for code in ("330402", "330400", "340200"):
        make_instrument(world.owner_org, world.regions[code])
    for code in ("330000", "330400", "330402", "330108", "340200", "999999"):
        region_id = Region.objects.filter(code=code).values("pk")[:1]
        before = Organisation.objects.filter(
            Q(city_id=Subquery(region_id)) | Q(region_id=Subquery(region_id)) | Q(province_id=Subquery(region_id)))
        after = OrganisationFilter.model_validate({"city": code}).apply(Organisation.objects.all())
        assert set(after.values_list("pk", flat=True)) == set(before.values_list("pk", flat=True)), code
        # ... and the same as walking up the region tree, which is what "inside" means.
        assert set(before.values_list("pk", flat=True)) == set(
            Organisation.objects.filter(within_q("region", code)).values_list("pk", flat=True)), code
        before_i = Instrument.objects.filter(
            Q(city_id=Subquery(region_id)) | Q(region_id=Subquery(region_id)) | Q(city__parent_id=Subquery(region_id)))
        after_i = InstrumentFilter.model_validate({"city": code}).apply(Instrument.objects.all())
        assert set(after_i.values_list("pk", flat=True)) == set(before_i.values_list("pk", flat=True)), code
    assert OrganisationFilter.model_validate({"city": "330402"}).apply(Organisation.objects.all()).filter(name_zh="南湖区测试有限公司").exists()
    assert not OrganisationFilter.model_validate({"city": "330402"}).apply(Organisation.objects.all()).filter(name_zh="嘉兴市测试有限公司").exists()
    assert OrganisationFilter.model_validate({"city": "330000"}).apply(Organisation.objects.all()).filter(name_zh="嘉兴市测试有限公司").exists()
    ids = frozenset({world.regions["330400"].pk})
    officer = Organisation.objects.filter(within_q("region", ids, ancestors=ORGANISATION_REGION_COLUMNS))
    old = Organisation.objects.filter(Q(region_id__in=ids) | Q(city_id__in=ids) | Q(province_id__in=ids))
    assert set(officer.values_list("pk", flat=True)) == set(old.values_list("pk", flat=True)) != set()
