"""Journey: a member posts a need in Chinese, sees an English offer suggested, the offer's owner
expresses interest in the need, and the member accepts."""

from __future__ import annotations

import pytest

from corridor.matching import services
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



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
    sign_in(page, "owner", base)
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
    sign_in(other, "member", base)
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


def test_post_a_need_on_a_chain_segment_and_see_the_supplier_first(world, live_server, new_page) -> None:
    from corridor.chains.testing import load_chains

    load_chains()
    text = "Precision gear units for six-axis industrial robot joints, backlash under 1 arcmin."
    services.create_listing(world.users["outsider"], {
        "side": "offer", "category": "product", "title_en": "Gear units (plastics maker)", "text": text,
        "segments": ["new-materials/polymers"],
    })
    services.create_listing(world.users["member"], {
        "side": "offer", "category": "product", "title_en": "Gear units (reducer maker)", "text": text,
        "segments": ["industrial-robots/reducers"],
    })
    base = live_server.url
    page = new_page()
    sign_in(page, "owner", base)
    page.goto(f"{base}/matching/new/")
    page.select_option("select[name=side]", "need")
    page.select_option("select[name=category]", "product")
    page.fill("input[name=title_zh]", "采购机器人关节减速器")
    page.fill("textarea[name=text]", "We need precision gear units for our six-axis robot joints.")
    # The segment is found by typing part of its name (the picker over the segments' select).
    page.fill("[data-testid=picker-search-segments]", "本体")
    page.click('[data-testid=picker-results-segments] [data-pick-value="industrial-robots/robot-bodies"]')
    page.click("[data-testid=listing-save]")
    page.wait_for_selector("[data-testid=listing-title]")
    assert page.inner_text("[data-testid=listing-segments]") == "机器人本体"
    first = page.locator("[data-testid=suggestion]").first
    assert "reducer maker" in first.inner_text() and "精密减速器" in first.inner_text()
    page.click("[data-testid=listing-segments] a")
    page.wait_for_url("**/chains/industrial-robots/segments/robot-bodies/")
