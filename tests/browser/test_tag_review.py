"""The tag review as a secretariat works through it: filter the waiting tags by segment (and city,
confidence), judge them by the organisation's description shown beside each, then confirm the filtered
set in one click; the other segments' tags still wait."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from corridor.chains.models import SegmentTag
from corridor.chains.testing import firm, load_chains, make_corridor
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_filters_reads_descriptions_and_confirms_the_filtered_set(browser, live_server, world) -> None:
    load_chains()
    make_corridor(world)
    for i in range(3):
        firm(f"芜湖臂力{i}机器人有限公司", "340202", "生产六轴工业机器人本体。")
    for i in range(2):
        firm(f"杭州传动{i}科技有限公司", "330108", "专注于精密减速器的研发与生产。")
    waiting = SegmentTag.objects.filter(source="inferred", status="proposed")
    reducers = set(waiting.filter(segment__key="reducers").values_list("pk", flat=True))
    others = waiting.exclude(pk__in=reducers).count()
    assert reducers and others

    for locale, width in (("zh-CN", 1366), ("en-US", 390), ("en-US", 1366), ("zh-CN", 390)):
        context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": width, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        sign_in(page, world.users["secretariat"].username)
        page.goto("/chains/industrial-robots/review/")
        expect(page.get_by_test_id("bulk-review")).to_have_count(0)  # never the unfiltered whole
        page.get_by_test_id("filter-segment").select_option("reducers")
        page.get_by_test_id("filter-submit").click()
        expect(page.get_by_test_id("review-row")).to_have_count(len(reducers))
        expect(page.get_by_test_id("review-description").first).to_contain_text("精密减速器的研发与生产")
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page itself does not overflow
        page.screenshot(path=f"/tmp/uxshots/review-{width}-{locale}.png", full_page=True)
        if locale == "zh-CN" and width == 390:  # the last round decides
            expect(page.get_by_test_id("bulk-review")).to_contain_text(f"全部 {len(reducers)} 个标签")
            page.get_by_test_id("bulk-confirm").click()
            expect(page.get_by_test_id("review-empty")).to_be_visible()
            expect(page.get_by_test_id("message").first).to_contain_text(f"已处理 {len(reducers)} 个标签")
            page.get_by_test_id("filter-clear").click()
            expect(page.get_by_test_id("review-row")).to_have_count(min(others, 30))
        context.close()
    assert set(SegmentTag.objects.filter(pk__in=reducers).values_list("status", flat=True)) == {"confirmed"}
    assert waiting.count() == others


def test_on_a_phone_the_review_list_does_not_scroll_sideways(browser, live_server, world) -> None:
    load_chains()
    make_corridor(world)
    for i in range(2):
        firm(f"杭州传动{i}科技有限公司", "330108", "专注于精密减速器、谐波减速器与RV减速器的研发与生产，产品用于六轴工业机器人。")
    for locale in ("zh-CN", "en-US"):
        context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": 390, "height": 900})
        context.set_default_timeout(15_000)
        page = context.new_page()
        sign_in(page, world.users["secretariat"].username)
        page.goto("/chains/industrial-robots/review/")
        expect(page.get_by_test_id("review-row").first).to_be_visible()
        wrap = page.get_by_test_id("review-wrap")
        overflow = wrap.evaluate("el => el.scrollWidth - el.clientWidth")
        assert overflow <= 0, f"the review list scrolls sideways by {overflow}px at 390 px ({locale})"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        row = page.get_by_test_id("review-row").first.bounding_box()
        assert row is not None and row["x"] >= 0 and row["x"] + row["width"] <= 390
        expect(page.get_by_test_id("confirm-tag").first).to_be_in_viewport()
        page.screenshot(path=f"/tmp/ux-review-390-{locale}.png", full_page=True)
        context.close()
