"""An officer grants vouchers by picking the organisation by name (the shared picker); a second grant to it is asked about
first; amounts read as people write them (500 万元 / ¥5,000,000.00) in a table with headers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from corridor.core.testing import build_world
from corridor.equipment.models import Voucher
from corridor.equipment.testing import build_equip_world
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_grant_by_name_warn_on_a_second_grant_and_read_the_amounts(new_page, locale):
    world = build_world()
    ew = build_equip_world(world)
    ew.programme.budget = ew.programme.unallocated = 10_000_000
    ew.programme.save()
    page = new_page(locale)
    sign_in(page, "wuhu_officer")
    page.goto(f"/equipment/vouchers/{ew.programme.pk}/")
    holder = page.locator("input[name=holder]")
    holder.press_sequentially("埃夫特", delay=30)
    option = page.locator("#org-picker-holder option")  # the shared organisation picker
    expect(option).to_have_count(1)
    expect(option).to_have_text("芜湖埃夫特智能装备股份有限公司" if locale == "zh-CN" else "Efort Intelligent Equipment Co., Ltd.")
    name = option.get_attribute("value")  # the organisation's number, as the picker posts it
    assert name == str(world.member_org.pk)
    holder.fill(name or "")
    page.locator("input[name=amount]").fill("5000000")
    page.get_by_test_id("grant").click()
    row = page.get_by_test_id("granted-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("500 万元" if locale == "zh-CN" else "¥5,000,000.00")
    expect(page.get_by_test_id("granted").locator("thead th")).to_have_count(4)

    # The same organisation again: warned, nothing granted until the box is ticked.
    page.locator("input[name=holder]").fill(name or "")
    page.locator("input[name=amount]").fill("1000")
    page.get_by_test_id("grant").click()
    expect(page.get_by_test_id("grant-form")).to_contain_text("已持有" if locale == "zh-CN" else "already holds")
    expect(page.get_by_test_id("holder-chosen")).to_have_text(
        "芜湖埃夫特智能装备股份有限公司" if locale == "zh-CN" else "Efort Intelligent Equipment Co., Ltd.")
    assert Voucher.objects.count() == 1
    page.locator("input[name=another]").check()
    page.get_by_test_id("grant").click()
    expect(page.get_by_test_id("granted-row")).to_have_count(2)
    expect(page.get_by_test_id("unallocated")).to_have_text(
        "499.9 万元" if locale == "zh-CN" else "¥4,999,000.00")
    page.screenshot(path=f"/tmp/uxshots/vouchers-{locale}.png", full_page=True)
