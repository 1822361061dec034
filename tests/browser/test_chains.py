"""A chain page in a real browser: the graph and heat map are drawn, the city map is coloured by the
chosen segment, and choosing another segment recolours it and lists that segment's organisations."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from corridor.chains.testing import firm, load_chains, make_corridor
from corridor.core.testing import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_chain_page_draws_the_chain_and_colours_the_map(new_page):
    world = build_world()
    load_chains()
    make_corridor(world)
    for i in range(3):
        firm(f"芜湖臂力{i}机器人有限公司", "340202", "生产六轴工业机器人本体。")
    firm("杭州传动科技有限公司", "330108", "专注于精密减速器的研发与生产。")

    page = new_page("zh-CN")
    page.goto("/chains/")
    page.get_by_test_id("chain-industrial-robots").click()
    expect(page.get_by_test_id("chain-name")).to_have_text("工业机器人")

    graph = page.get_by_test_id("chain-graph")
    expect(graph).to_have_attribute("data-drawn", "20")  # every segment is a node
    expect(graph.locator("canvas")).to_have_count(1)
    # The heat map has a cell per leaf segment (18: the two parents are not) and member city (4).
    expect(page.get_by_test_id("chain-heat")).to_have_attribute("data-drawn", "72")

    chain_map = page.get_by_test_id("chain-map")
    # The busiest segment is chosen first: robot arms, present in Wuhu only.
    expect(chain_map).to_have_attribute("data-segment", "industrial-robot-bodies")
    expect(chain_map).to_have_attribute("data-coloured", "1")
    expect(page.get_by_test_id("segment-org")).to_have_count(3)

    page.get_by_test_id("segment-select").select_option("reducers")
    expect(chain_map).to_have_attribute("data-segment", "reducers")
    expect(chain_map).to_have_attribute("data-coloured", "1")
    expect(page.get_by_test_id("segment-orgs-list")).to_have_attribute("data-segment", "reducers")
    expect(page.get_by_test_id("segment-org")).to_contain_text(["杭州传动科技有限公司"])

    page.goto("/chains/industrial-robots/cities/340200/")
    expect(page.get_by_test_id("strong-link")).to_contain_text(["工业机器人本体"])
    expect(page.get_by_test_id("gap").first).to_contain_text("精密减速器")
    expect(page.get_by_test_id("gap").first).to_contain_text("杭州传动科技有限公司")
