"""The chain page as people see it: the heat map's cells are coloured by their count, and on a phone
(390 px) the heat map scrolls sideways instead of crowding its numbers and the graph keeps its labels apart."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from corridor.chains.testing import firm, load_chains, make_corridor
from corridor.core.testing import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CELL_COLOURS = """el => {
  const chart = echarts.getInstanceByDom(el);
  const data = chart.getModel().getSeriesByIndex(0).getData();
  const out = [];
  for (let i = 0; i < data.count(); i++) out.push([data.get("value", i), data.getItemVisual(i, "style").fill]);
  return out;
}"""


def _chain(browser, live_server, width: int, locale: str = "zh-CN"):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto("/chains/industrial-robots/")
    expect(page.get_by_test_id("chain-heat")).to_have_attribute("data-drawn", "72")
    return context, page


def test_heat_map_cells_are_coloured_by_count_and_phones_scroll_it(browser, live_server) -> None:
    world = build_world()
    load_chains()
    make_corridor(world)
    for i in range(3):
        firm(f"芜湖臂力{i}机器人有限公司", "340202", "生产六轴工业机器人本体。")
    firm("杭州传动科技有限公司", "330108", "专注于精密减速器的研发与生产。")

    context, page = _chain(browser, live_server, 1366)
    cells = page.get_by_test_id("chain-heat").evaluate(CELL_COLOURS)
    empty = {fill for value, fill in cells if value == 0}
    busiest = {fill for value, fill in cells if value == max(v for v, _ in cells)}
    assert len(empty) == 1 and busiest and not busiest & empty, (empty, busiest)
    page.screenshot(path="/tmp/uxshots/chain-1366.png", full_page=True)
    context.close()

    for locale in ("zh-CN", "en-US"):
        context, page = _chain(browser, live_server, 390, locale)
        heat = page.get_by_test_id("chain-heat")
        assert heat.evaluate("el => el.scrollWidth") >= 18 * 34  # a readable cell per segment, scrolled
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself does not overflow
        labels = page.get_by_test_id("chain-graph").evaluate(
            "el => echarts.getInstanceByDom(el).getOption().series[0].data.map(n => n.label.show)")
        assert not any(labels)  # names on hover only: three columns in 390 px cannot hold them
        page.screenshot(path=f"/tmp/uxshots/chain-390-{locale}.png", full_page=True)
        context.close()


def test_a_listings_segment_link_and_more_open_a_page_with_header_and_way_back(new_page, world) -> None:
    from corridor.chains.views import ORGS_PER_SEGMENT
    from corridor.matching import services

    load_chains()
    make_corridor(world)
    for i in range(ORGS_PER_SEGMENT + 3):
        firm(f"杭州传动{i}科技有限公司", "330108", "专注于精密减速器的研发与生产。")
    listing = services.create_listing(world.users["member"], {
        "side": "offer", "category": "product", "title_zh": "精密减速器", "text": "RV减速器，年产两万台",
        "segments": ["industrial-robots/reducers"]})
    page = new_page("zh-CN")
    page.goto(f"/matching/{listing.pk}/")
    page.get_by_role("link", name="精密减速器").last.click()
    expect(page.get_by_test_id("segment-title")).to_have_text("精密减速器")
    expect(page.locator("header.site-header, .site-header").first).to_be_visible()
    expect(page.get_by_test_id("segment-org")).to_have_count(ORGS_PER_SEGMENT)
    page.get_by_role("link", name="更多 →").click()
    expect(page.get_by_test_id("segment-org")).to_have_count(3)
    expect(page.get_by_test_id("segment-title")).to_be_visible()  # still the page, not a bare fragment
    page.goto(page.url.split("?")[0] + "?page=2")  # the same link opened without scripts
    expect(page.get_by_test_id("segment-title")).to_be_visible()
    page.get_by_role("link", name="工业机器人").click()
    expect(page.get_by_test_id("chain-name")).to_have_text("工业机器人")
