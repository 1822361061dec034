"""A member files a land request in Chinese, the Songjiang office answers, the member rates it (headless Chromium),
at 1366 and 390 px; screenshots under /tmp/channel-*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from corridor.channel.models import EnterpriseRequest
from corridor.channel.testing import make_channel
from corridor.core.testing import build_world
from tests.browser.helpers import go, sign_in

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
    go(member, "nav-channel")
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


def test_officer_sends_a_notice_the_member_reads_it_targets_show_progress(new_page):
    import datetime

    from corridor.channel import services
    from corridor.channel.models import NoticeReceipt, Target, TargetSnapshot

    def open_page(locale: str, width: int):  # type: ignore[no-untyped-def]
        page = new_page(locale)
        page.set_default_timeout(SLOW_MACHINE_MS)
        page.set_viewport_size({"width": width, "height": 900})
        return page

    world = build_world()
    # The Jiaxing officer (English, desktop) writes to the organisations in Jiaxing.
    officer = open_page("en-US", 1366)
    sign_in(officer, "officer")
    officer.goto("/channel/notices/")
    officer.get_by_test_id("notice-compose").locator("summary").click()
    officer.locator("#id_title_zh").fill("关于申报2027年度科技项目的通知")
    officer.locator("#id_title_en").fill("Call for 2027 science projects")
    officer.locator("#id_body_zh").fill("请于1月31日前申报。")
    officer.locator("#id_regions").select_option(str(world.regions["330400"].pk))
    officer.screenshot(path="/tmp/channel-notice-compose-en-1366.png", full_page=True)
    officer.get_by_test_id("notice-submit").click()
    expect(officer.get_by_test_id("receipt-summary")).to_contain_text("0 of 1")

    # The Jiaxing member (Chinese, phone) reads it; the officer sees the receipt.
    reader = open_page("zh-CN", 390)
    sign_in(reader, "outsider")
    reader.goto("/channel/notices/")
    reader.get_by_test_id("notice-row").locator("a").click()
    expect(reader.get_by_test_id("notice-title")).to_have_text("关于申报2027年度科技项目的通知")
    reader.screenshot(path="/tmp/channel-notice-zh-390.png", full_page=True)
    assert NoticeReceipt.objects.get(user=world.users["outsider"]).read_at is not None
    officer.reload()
    expect(officer.get_by_test_id("receipt-summary")).to_contain_text("1 of 1")

    # A regional target with its monthly snapshots, drawn against the target line.
    target = Target.objects.create(region=world.regions["340200"], title_zh="机器人企业50家", title_en="50 robot firms",
                                   goal=50, due_on=datetime.date(2027, 12, 31), manual=True, manual_value=38)
    for month, value in ((7, 24), (8, 27), (9, 31), (10, 33), (11, 36)):
        TargetSnapshot.objects.create(target=target, taken_on=datetime.date(2026, month, 1), value=value)
    services.snapshot_targets()
    for locale, width in (("zh-CN", 1366), ("en-US", 390)):
        page = open_page(locale, width)
        page.goto("/channel/targets/")
        expect(page.get_by_test_id("target-value")).to_have_text("38")
        expect(page.get_by_test_id("target-chart").locator("svg")).to_have_count(1)
        page.screenshot(path=f"/tmp/channel-targets-{locale}-{width}.png", full_page=True)
