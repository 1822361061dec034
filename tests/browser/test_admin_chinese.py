"""The admin as a Chinese officer sees it: the organisation form in Chinese, the industry selector's
buttons translated by its JavaScript, aliases in a text box one per line."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from corridor.core.testing import build_world
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_organisation_form_in_chinese(browser, live_server) -> None:
    world = build_world()
    org = world.owner_org
    org.aliases = ["国自机器人", "国自"]
    org.save(update_fields=["aliases"])
    for width in (390, 1366):  # the wide round saves last
        context = browser.new_context(locale="zh-CN", base_url=live_server.url, viewport={"width": width, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        sign_in(page, "admin")
        page.goto(f"/admin/orgs/organisation/{org.pk}/change/")
        expect(page.locator("#id_aliases")).to_have_value("国自机器人\n国自")
        expect(page.locator("#id_industries_add_all, .selector-chooseall").first).to_contain_text("选择全部")
        expect(page.locator("body")).not_to_contain_text("Choose all")
        expect(page.locator("body")).not_to_contain_text("by selecting them")
        expect(page.locator("body")).to_contain_text("创建时间")
        page.screenshot(path=f"/tmp/uxshots/admin-org-{width}-zh.png", full_page=True)
        if width == 1366:
            page.locator("#id_aliases").fill("国自机器人\nGuozi Robot\n")
            page.locator("input[name=_save]").click()
            expect(page.locator(".messagelist")).to_be_visible()
            org.refresh_from_db()
            assert org.aliases == ["国自机器人", "Guozi Robot"]
            page.goto("/admin/")
            expect(page.locator("#content-main")).not_to_contain_text("家机构")
        context.close()
