"""A Jiaxing officer lands on the city dashboard, sees the map and figures (with the city's unlisted
organisation a visitor does not count), compares three cities, and gets a PDF report (headless Chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from corridor.dashboards.testing import build_dash_world
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW_MACHINE_MS)
    yield
    expect.set_options(timeout=5_000)


def organisations(page):  # type: ignore[no-untyped-def]
    return page.locator('[data-testid="figure"][data-key="orgs.organisations"]')


def test_officer_city_dashboard_map_comparison_and_report(new_page):
    from django.core.cache import cache

    cache.clear()  # figures kept by an earlier test's world (ids repeat)
    build_dash_world()

    def open_page(locale: str, width: int = 1366):  # type: ignore[no-untyped-def]
        page = new_page(locale)
        page.set_default_timeout(SLOW_MACHINE_MS)
        page.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
        return page

    # The officer signs in and the dashboards link lands on Jiaxing's page, in Chinese.
    officer = open_page("zh-CN")
    sign_in(officer, "officer")
    go(officer, "nav-dashboards")
    expect(officer).to_have_url(re.compile(r"/dashboards/city/330400/$"))
    expect(officer.get_by_test_id("dash-title")).to_have_text("嘉兴市")
    expect(organisations(officer)).to_have_attribute("data-value", "2.0")  # with Jiaxing's unlisted one
    expect(organisations(officer)).to_contain_text("机构")
    expect(organisations(officer).get_by_test_id("figure-rank")).to_contain_text("第1位")
    the_map = officer.get_by_test_id("dash-map")
    expect(the_map).to_have_attribute("data-coloured", "4")
    expect(the_map).to_have_attribute("data-names", re.compile("嘉兴市"))
    expect(officer.get_by_test_id("dash-bars")).to_have_attribute("data-drawn", "4")
    expect(officer.get_by_test_id("city-chains")).to_contain_text("工业机器人")
    officer.screenshot(path="/tmp/dashboards-officer-city-zh.png", full_page=True)

    # Another indicator colours the map again.
    officer.get_by_test_id("indicator-select").select_option("orgs.head_enterprises")
    expect(officer.get_by_test_id("dash-map")).to_have_attribute("data-indicator", "orgs.head_enterprises")

    # The monthly PDF report, generated as a job, in Chinese.
    officer.get_by_test_id("report-pdf").click()
    expect(officer.get_by_test_id("job-status")).to_have_attribute("data-status", "succeeded", timeout=120_000)
    expect(officer.get_by_test_id("job-output")).to_be_visible()
    with officer.expect_download() as download:
        officer.get_by_test_id("job-output").click()
    assert download.value.suggested_filename.endswith(".pdf")

    # Subscribing: the report every month, then the page says so (and offers to unsubscribe).
    officer.goto("/dashboards/city/330400/")
    officer.get_by_test_id("subscribe-pdf").click()
    expect(officer).to_have_url(re.compile(r"/dashboards/city/330400/$"))
    expect(officer.get_by_test_id("unsubscribe")).to_be_visible()
    expect(officer.get_by_test_id("subscribe-form")).to_contain_text("每月")

    # A visitor on a phone, in English: the public figure (the unlisted organisation is not counted).
    phone = open_page("en-US", 390)
    phone.goto("/dashboards/city/330400/")
    expect(phone.get_by_test_id("dash-title")).to_have_text("Jiaxing")
    expect(organisations(phone)).to_have_attribute("data-value", "1.0")
    expect(phone.get_by_test_id("dash-map")).to_have_attribute("data-coloured", "4")
    expect(phone.get_by_test_id("report-pdf")).to_have_count(0)
    expect(phone.get_by_test_id("subscribe-pdf")).to_have_count(0)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the page is {width}px wide on a 390px phone"
    phone.screenshot(path="/tmp/dashboards-visitor-city-en-390.png", full_page=True)

    # The corridor dashboard: the map coloured with city names; Hangzhou, Jiaxing and Wuhu compared.
    visitor = open_page("en-US")
    visitor.goto("/dashboards/")
    expect(visitor).to_have_url(re.compile(r"/dashboards/corridor/$"))
    expect(visitor.get_by_test_id("dash-map")).to_have_attribute("data-names", re.compile(r"Hangzhou.*Jiaxing.*Wuhu"))
    visitor.wait_for_load_state("load")
    boxes = visitor.get_by_test_id("compare-city")
    with visitor.expect_response(lambda r: "/dashboards/corridor/" in r.url):
        boxes.nth(0).uncheck()  # Songjiang out
    with visitor.expect_response(lambda r: "/dashboards/corridor/" in r.url):
        boxes.nth(3).check()  # Wuhu in
    compared = visitor.get_by_test_id("compared-city")
    expect(compared).to_have_count(3)
    expect(compared).to_have_text(["Hangzhou", "Jiaxing", "Wuhu"])
    visitor.screenshot(path="/tmp/dashboards-corridor-en.png", full_page=True)

    phone.goto("/dashboards/corridor/")
    expect(phone.get_by_test_id("dash-map")).to_have_attribute("data-coloured", "4")
    phone.screenshot(path="/tmp/dashboards-corridor-en-390.png", full_page=True)
