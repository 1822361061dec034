"""An alliance page with many members: the secretariat and the chair at the top, members a page at a time,
filtered by role, city and batch, and the filtered set downloaded as .xlsx."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from corridor.alliances.models import AllianceMembership
from corridor.core.testing import build_world
from corridor.orgs.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alliance_page_pages_filters_and_exports_its_members(browser, live_server) -> None:
    world = build_world()
    for i in range(40):
        org = Organisation.objects.create(name_zh=f"联盟测试成员{i:03d}有限公司", city=world.owner_org.city,
                                          region=world.owner_org.region, province=world.owner_org.province)
        AllianceMembership.objects.create(alliance=world.alliance, organisation=org, batch=2 + i % 2)

    for locale, width in (("zh-CN", 1366), ("en-US", 390), ("en-US", 1366), ("zh-CN", 390)):
        context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": width, "height": 900},
                                      accept_downloads=True)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(f"/alliances/{world.alliance.slug}/")
        expect(page.get_by_test_id("alliance-chair")).to_contain_text(world.member_org.name_zh if locale == "zh-CN"
                                                                       else world.member_org.name_en)
        leaders_top = page.get_by_test_id("alliance-leaders").bounding_box()
        members_top = page.get_by_test_id("members-table").bounding_box()
        assert leaders_top and members_top and leaders_top["y"] < members_top["y"]
        expect(page.get_by_test_id("member-row")).to_have_count(25)
        expect(page.get_by_test_id("pagination")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=f"/tmp/uxshots/alliance-{width}-{locale}.png", full_page=True)
        if locale == "zh-CN" and width == 1366:
            page.get_by_test_id("filter-batch").select_option("3")
            page.get_by_test_id("filter-submit").click()
            expect(page.get_by_test_id("member-row")).to_have_count(20)
            expect(page.get_by_test_id("pagination")).to_have_count(0)
            with page.expect_download() as info:
                page.get_by_test_id("members-export").click()
            sheet = load_workbook(io.BytesIO(open(info.value.path(), "rb").read())).active
            rows = list(sheet.iter_rows(values_only=True))
            assert rows[0][0] == "机构" and len(rows) == 21 and {r[3] for r in rows[1:]} == {3}
            page.get_by_test_id("filter-role").select_option("chair")
            page.get_by_test_id("filter-batch").select_option("")
            page.get_by_test_id("filter-submit").click()
            expect(page.get_by_test_id("member-row")).to_have_count(1)
            expect(page.get_by_test_id("member-role")).to_have_text("理事长单位")
        context.close()
