"""Layout at the widths people use: the signed-in header stays on one row at 1366 px with its role badge
whole; at 390 px the matchmaking table and the chain's segment table fit or scroll, never one character a line."""

from __future__ import annotations

import pytest

from corridor.core.testing import build_world
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page(browser, live_server, width, locale):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": width, "height": 900})
    return context, context.new_page()


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_signed_in_header_is_one_row_at_1366(browser, live_server, locale) -> None:
    build_world()
    context, page = _page(browser, live_server, 1366, locale)
    sign_in(page, "secretariat")
    header = page.locator(".header-inner")
    nav = page.get_by_test_id("main-nav").bounding_box()
    tools = page.locator(".header-tools").bounding_box()
    assert nav and tools and abs(nav["y"] - tools["y"]) < 20, (nav, tools)  # side by side, not two rows
    chip = page.get_by_test_id("user-role").first
    assert chip.evaluate("el => el.scrollWidth <= el.clientWidth + 1")  # not cut
    assert header.bounding_box()["height"] < 80  # type: ignore[index]
    page.screenshot(path=f"/tmp/uxshots/header-1366-{locale}.png")
    context.close()


@pytest.mark.parametrize("path", ["/matching/", "/chains/industrial-robots/"])
def test_phone_pages_do_not_overflow_in_english(browser, live_server, path) -> None:
    from corridor.chains.testing import firm, load_chains, make_corridor
    from corridor.matching.testing import make_listings

    world = build_world()
    load_chains()
    make_corridor(world)
    firm("杭州传动科技有限公司", "330108", "专注于精密减速器的研发与生产。")
    make_listings(world)
    for locale in ("en-US", "zh-CN"):
        context, page = _page(browser, live_server, 390, locale)
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 392, (path, locale)
        # No table cell squeezed to a character a line: every header cell at least two characters wide.
        narrow = page.evaluate("""() => [...document.querySelectorAll('table th')]
            .filter(th => th.offsetParent && th.innerText.trim().length > 1 && th.clientWidth < 28).map(th => th.innerText)""")
        assert not narrow, (path, locale, narrow)
        page.screenshot(path=f"/tmp/uxshots/phone{path.replace('/', '-')}{locale}.png", full_page=True)
        context.close()
