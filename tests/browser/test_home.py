"""The home page's figures agree with each other and read as the corridor's texts write them; the map
names the member cities and tells their counts on hover. Chinese and English, 1366 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from corridor.demo.services import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_home_figures_agree_and_the_map_names_its_cities(browser, live_server, locale):
    load_demo(None, size=60)
    context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto("/")
    total = int(page.get_by_test_id("figure-organisations").locator(".figure-value").inner_text().replace(",", ""))
    cards = page.get_by_test_id("member-cities").locator(".card-meta").all_inner_texts()
    assert sum(int(re.sub(r"\D", "", text)) for text in cards) == total
    area = page.get_by_test_id("figure-area").locator(".figure-value").inner_text()
    people = page.get_by_test_id("figure-population").locator(".figure-value").inner_text()
    assert (area, people) == (("7.62万", "5792万") if locale == "zh-CN" else ("76,200", "57.92M"))

    chart = page.locator("#corridor-map")
    expect(chart.locator("canvas")).to_have_count(1)
    labels = chart.evaluate("""el => echarts.getInstanceByDom(el).getOption().series[0].data
                                 .filter(d => d.code).map(d => [d.label.show, d.label.formatter])""")
    assert len(labels) == 9 and all(show for show, _ in labels)
    names = {name for _, name in labels}
    assert ("杭州市" in names) if locale == "zh-CN" else ("Hangzhou" in names), names
    tooltip = chart.evaluate("""el => echarts.getInstanceByDom(el).getOption().tooltip[0].formatter(
                                  {data: {cityName: "X", orgs: 7}, name: "X"})""")
    assert tooltip.startswith("X<br>7 ")
    page.screenshot(path=f"/tmp/uxshots/home-{locale}.png", full_page=False)
    context.close()
