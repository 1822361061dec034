"""The city dashboard shows the figures of R&D, events, investment projects, policies, the enterprise channel
and group standards next to the older ones: Jiaxing's officer in Chinese sees the projects' amounts of the
city and the eligible organisations; a visitor on a phone in English sees only what is public."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from corridor.dashboards.testing import build_dash_world
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW_MACHINE_MS)
    yield
    expect.set_options(timeout=5_000)


def figure(page, key: str):  # type: ignore[no-untyped-def]
    return page.locator(f'[data-testid="figure"][data-key="{key}"]')


def test_city_dashboard_shows_the_new_areas(new_page):
    from django.core.cache import cache

    from corridor.dashboards.tests.test_area_indicators import (
        channel_world,
        events_world,
        policies_world,
        projects_world,
        standards_world,
    )

    cache.clear()
    dw = build_dash_world()
    for build in (events_world, projects_world, policies_world, channel_world, standards_world):
        build(dw)

    def open_page(locale: str, width: int = 1366):  # type: ignore[no-untyped-def]
        page = new_page(locale)
        page.set_default_timeout(SLOW_MACHINE_MS)
        page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
        return page

    officer = open_page("zh-CN")
    sign_in(officer, "officer")
    officer.goto("/dashboards/city/330400/")
    expect(figure(officer, "events.held")).to_have_attribute("data-value", "1.0")
    expect(figure(officer, "events.held")).to_contain_text("举办活动")
    expect(figure(officer, "projects.signed")).to_have_attribute("data-value", "2.0")
    expect(figure(officer, "projects.investment")).to_contain_text("3.00")
    expect(figure(officer, "projects.investment")).to_contain_text("亿元")
    expect(figure(officer, "projects.started_rate")).to_contain_text("开工率")
    expect(figure(officer, "policies.effective")).to_have_attribute("data-value", "1.0")
    expect(figure(officer, "policies.eligible")).to_be_visible()
    expect(figure(officer, "channel.target_progress")).to_have_attribute("data-value", "62.5")
    officer.screenshot(path="/tmp/indicators-city-officer-zh.png", full_page=True)

    phone = open_page("en-US", 390)
    phone.goto("/dashboards/city/330400/")
    expect(figure(phone, "events.registrations")).to_have_attribute("data-value", "2.0")
    expect(figure(phone, "events.registrations")).to_contain_text("Event registrations")
    expect(figure(phone, "projects.signed")).to_have_attribute("data-value", "2.0")
    expect(figure(phone, "projects.investment")).to_have_count(0)  # amounts are not public
    expect(figure(phone, "policies.eligible")).to_have_count(0)  # profiles are not public
    expect(figure(phone, "channel.requests")).to_have_attribute("data-value", "0.0")  # requests: signed in only
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the page is {width}px wide on a 390px phone"
    phone.screenshot(path="/tmp/indicators-city-visitor-en-390.png", full_page=True)

    # Hangzhou in English at 1366: the standards proposed there.
    wide = open_page("en-US")
    wide.goto("/dashboards/city/330100/")
    expect(figure(wide, "standards.published")).to_have_attribute("data-value", "1.0")
    expect(figure(wide, "standards.comment_open")).to_contain_text("Drafts open for comment")
    wide.screenshot(path="/tmp/indicators-city-visitor-en-1366.png", full_page=True)
