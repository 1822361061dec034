"""A member files a land request in Chinese, the Songjiang office answers, the member rates it (headless Chromium),
at 1366 and 390 px; screenshots under /tmp/channel-*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from corridor.channel.models import EnterpriseRequest
from corridor.channel.testing import make_channel
from corridor.core.testing import build_world
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW_MACHINE_MS)
    yield
    expect.set_options(timeout=5_000)


def test_member_files_a_land_request_songjiang_answers_member_rates(new_page):
    def open_page(locale: str, width: int):  # type: ignore[no-untyped-def]
        page = new_page(locale)
        page.set_default_timeout(SLOW_MACHINE_MS)
        page.set_viewport_size({"width": width, "height": 900})
        return page

    world = build_world()
    channel = make_channel(world)

    # The member (Chinese, desktop) files a private land request for Songjiang.
    member = open_page("zh-CN", 1366)
    sign_in(member, "owner")
    member.get_by_test_id("nav-channel").click()
    expect(member.locator("h1")).to_have_text("政企通道")
    member.get_by_test_id("file-request").click()
    member.locator("#id_type").select_option("land")
    member.locator("#id_region").select_option(str(world.regions["310117"].pk))
    member.locator("#id_subject").fill("新建生产基地用地需求")
    member.locator("#id_text").fill("我司拟在松江新建机器人生产基地，需工业用地约50亩，请协助对接可用地块。")
    member.screenshot(path="/tmp/channel-file-zh-1366.png", full_page=True)
    member.get_by_test_id("request-submit").click()
    expect(member.get_by_test_id("request-status")).to_have_attribute("data-status", "assigned")
    expect(member.get_by_test_id("request-office")).to_contain_text("松江区企业服务中心")
    expect(member.get_by_test_id("answer-due")).not_to_be_empty()
    req = EnterpriseRequest.objects.get(subject="新建生产基地用地需求")
    assert (req.office, req.is_public, req.organisation) == (channel.songjiang, False, world.owner_org)

    # Another member does not see it, not even its number.
    other = open_page("zh-CN", 1366)
    sign_in(other, "member")
    response = other.goto(f"/channel/requests/{req.pk}/")
    assert response is not None and response.status == 404

    # The Songjiang office (English, phone) accepts and answers.
    clerk = open_page("en-US", 390)
    sign_in(clerk, "clerk2")
    clerk.goto("/channel/")
    clerk.get_by_test_id("to-handle").get_by_test_id("request-link").click()
    expect(clerk).to_have_url(re.compile(rf"/channel/requests/{req.pk}/$"))
    clerk.get_by_test_id("accept").click()
    expect(clerk.get_by_test_id("request-status")).to_have_attribute("data-status", "in_progress")
    clerk.get_by_test_id("answer-form").locator("textarea").fill("已为贵司匹配松江综保区两处可用地块，规划局将于三个工作日内联系踏勘。")
    clerk.screenshot(path="/tmp/channel-answer-en-390.png", full_page=True)
    clerk.get_by_test_id("answer").click()
    expect(clerk.get_by_test_id("request-status")).to_have_attribute("data-status", "answered")

    # The member (Chinese, phone) reads the answer and rates it.
    phone = open_page("zh-CN", 390)
    sign_in(phone, "owner")
    phone.goto(f"/channel/requests/{req.pk}/")
    expect(phone.get_by_test_id("request-answer")).to_contain_text("可用地块")
    phone.get_by_label("满意", exact=True).check()
    phone.get_by_label("是", exact=True).check()
    phone.locator("#id_comment").fill("响应很快")
    phone.screenshot(path="/tmp/channel-rate-zh-390.png", full_page=True)
    phone.get_by_test_id("rate").click()
    expect(phone.get_by_test_id("request-status")).to_have_attribute("data-status", "closed")
    expect(phone.get_by_test_id("request-rating")).to_contain_text("满意")
    phone.screenshot(path="/tmp/channel-closed-zh-390.png", full_page=True)

    # The office sees its rates (English, desktop).
    desk = open_page("en-US", 1366)
    sign_in(desk, "clerk2")
    desk.goto(f"/channel/offices/{channel.songjiang.pk}/")
    expect(desk.get_by_test_id("rate-satisfaction")).to_have_text("100%")
    expect(desk.get_by_test_id("rate-response")).to_have_text("100%")
    desk.screenshot(path="/tmp/channel-office-en-1366.png", full_page=True)
