"""The event organiser is picked by name with the shared organisation picker (headless Chromium, zh and en):
typed, offered, chosen, saved and shown; an unlisted organisation the secretariat may not see is never offered."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from corridor.core.testing import build_world
from corridor.events.models import Event
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("locale", "typed", "shown"), [
    ("zh-CN", "埃夫特", "芜湖埃夫特智能装备股份有限公司"),
    ("en-US", "Efort", "Efort Intelligent Equipment Co., Ltd."),
])
def test_the_secretariat_picks_the_organiser_by_name(new_page, locale, typed, shown):
    world = build_world()
    page = new_page(locale)
    sign_in(page, "secretariat")
    page.goto("/events/new/")
    picker = page.locator("input[name=organiser]")
    expect(page.locator("label[for=id_organiser]")).to_be_visible()
    # An unlisted organisation the secretariat may not see is not offered, however it is typed.
    picker.press_sequentially("隐名", delay=30)
    page.wait_for_timeout(800)
    expect(page.locator("#org-picker-organiser option")).to_have_count(0)
    picker.fill("")
    picker.press_sequentially(typed, delay=30)
    option = page.locator("#org-picker-organiser option")
    expect(option).to_have_count(1)
    expect(option).to_have_text(shown)
    picker.fill(option.get_attribute("value") or "")
    page.locator("#id_kind").select_option("forum")
    page.locator("#id_title_zh").fill("机器人产业对接会")
    page.locator("#id_alliance").select_option(str(world.alliance.pk))
    day = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    page.locator("#id_starts_at").fill(f"{day}T09:00")
    page.locator("#id_ends_at").fill(f"{day}T12:00")
    page.get_by_test_id("event-save").click()
    expect(page).to_have_url(re.compile(r"/events/\d+/$"))
    expect(page.locator("body")).to_contain_text(shown)
    assert Event.objects.get().organiser_id == world.member_org.pk
    page.goto(f"/events/{Event.objects.get().pk}/edit/")
    expect(page.get_by_test_id("org-picker-chosen-organiser")).to_have_text(shown)
    page.screenshot(path=f"/tmp/srch4-organiser-picker-{locale}.png", full_page=True)


@pytest.mark.parametrize(("locale", "typed", "shown"), [
    ("zh-CN", "国自", "浙江国自机器人技术股份有限公司"),
    ("en-US", "Guozi", "Zhejiang Guozi Robot Technology Co., Ltd."),
])
def test_the_admin_picks_an_instruments_owner_by_name(new_page, locale, typed, shown):
    world = build_world()
    page = new_page(locale)
    sign_in(page, "admin")
    page.goto("/equipment/new/")
    expect(page.locator("label[for=id_owner]")).to_be_visible()
    picker = page.locator("input[name=owner]")
    picker.press_sequentially(typed, delay=30)
    option = page.locator("#org-picker-owner option").first
    expect(option).to_have_text(re.compile(re.escape(shown)))
    assert option.get_attribute("value") == str(world.owner_org.pk)
    page.screenshot(path=f"/tmp/srch4-owner-picker-{locale}.png", full_page=True)
