"""The demo's case in a browser: a Chinese need for harmonic reducers filed as "technology" with no segment
finds the reducers offered as a product, and the page says why in Chinese words (no raw scores), naming
the shared terms in both languages; the same in English. Among a synthetic market of 300+ listings."""

from __future__ import annotations

import re

import pytest

from corridor.chains.testing import load_chains
from corridor.matching import services
from corridor.matching.market import load_market
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("locale", "title", "text"), [
    ("zh-CN", "谐波减速器技术", "寻求谐波减速器相关技术，用于协作机器人关节，减速比100左右"),
    ("en-US", "Harmonic reducer know-how", "Looking for harmonic reducer technology for collaborative robot joints"),
])
def test_a_technology_need_finds_the_reducers_offered_as_a_product(world, live_server, new_page, locale, title,
                                                                    text) -> None:
    load_chains()
    assert load_market() >= 300
    services.create_listing(world.users["member"], {
        "side": "offer", "category": "product", "title_zh": "谐波减速器", "title_en": "Harmonic reducers",
        "text": "谐波减速器（柔轮、刚轮、波发生器整套），减速比50–160，回差≤20弧秒，用于协作机器人和SCARA关节，年产3万台。",
        "segments": ["industrial-robots/reducers"],
    })
    page = new_page(locale)
    sign_in(page, "owner", live_server.url)
    page.goto(f"{live_server.url}/matching/new/")
    page.select_option("select[name=side]", "need")
    page.select_option("select[name=category]", "technology")
    page.fill("input[name=title_zh]" if locale == "zh-CN" else "input[name=title_en]", title)
    page.fill("textarea[name=text]", text)
    page.click("[data-testid=listing-save]")
    page.wait_for_selector("[data-testid=suggestion]", timeout=60_000)
    page.screenshot(path=f"/tmp/uxshots/suggestions-{locale}.png", full_page=True)
    titles = page.locator("[data-testid=suggestion] h3 a").all_inner_texts()
    reducer = "谐波减速器" if locale == "zh-CN" else "Harmonic reducers"
    assert reducer in titles[:3], titles
    why = page.locator("[data-testid=suggestion]").nth(titles.index(reducer)).get_by_test_id("suggestion-why").inner_text()
    assert not re.search(r"\d\.\d", why), why  # words, not scores
    if locale == "zh-CN":
        assert "类别不同" in why and "减速器 (reducer)" in why, why
        assert not re.search(r"\b(?!reducer\b|harmonic\b|drive\b|collaborative\b|robot\b)[a-z]{3,}", why), why
    else:
        assert "another category" in why and "reducer (减速器)" in why, why
