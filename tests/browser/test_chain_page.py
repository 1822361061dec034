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
