"""Journey: a member posts a need in Chinese, sees an English offer suggested, the offer's owner
expresses interest in the need, and the member accepts."""

from __future__ import annotations

import pytest

from corridor.core.testing import PASSWORD
from corridor.matching import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_selector("[data-testid=user-name]")


def test_post_chinese_need_see_english_offer_interest_and_accept(world, live_server, new_page) -> None:
    offer = services.create_listing(world.users["member"], {
        "side": "offer", "category": "product", "title_en": "Six-axis arc welding robots",
        "text": "Six-axis arc welding robots, 12 kg payload, seam tracking, for EV battery tray welding lines",
    })
    services.create_listing(world.users["member"], {
        "side": "offer", "category": "funding", "title_en": "Angel funds for robotics",
        "text": "Angel investment for robotics start-ups",
    })
    base = live_server.url
    page = new_page()
    login(page, base, "owner")
    page.goto(f"{base}/matching/new/")
    page.select_option("select[name=side]", "need")
    page.select_option("select[name=category]", "product")
    page.fill("input[name=title_zh]", "采购六轴弧焊机器人")
    page.fill("textarea[name=text]", "采购20台六轴弧焊机器人，负载10公斤以上，用于新能源汽车电池托盘焊接产线")
    page.click("[data-testid=listing-save]")
    page.wait_for_selector("[data-testid=listing-title]")
    assert page.inner_text("[data-testid=listing-title]") == "采购六轴弧焊机器人"
    first = page.locator("[data-testid=suggestion]").first
    assert "Six-axis arc welding robots" in first.inner_text()
    need_url = page.url

    other = new_page()
    login(other, base, "member")
    other.goto(need_url)
    other.click("[data-testid=express-interest]")
    other.wait_for_selector("[data-testid=interest-stage]")
    assert other.locator("[data-testid=step-accepted]").count() == 0  # the interested party cannot accept

    page.goto(need_url)
    page.click("[data-testid=step-accepted]")
    page.wait_for_selector("[data-testid=step-meeting]")
    stage = page.inner_text("[data-testid=interest-stage]")
    assert stage in ("已接受", "accepted")
    assert offer.pk
