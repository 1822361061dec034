"""A Wuhu officer publishes an R&D subsidy; a Wuhu member sees it eligible with its reasons, another sees
"unknown: fill in R&D spending", fills it in and becomes eligible (headless Chromium, zh-CN and en, 1366 and 390 px)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from corridor.accounts import services as accounts
from corridor.core.testing import PASSWORD, build_world
from corridor.notifications.models import Notification
from corridor.orgs.services import create_organisation
from corridor.policies import services
from corridor.policies.models import Policy
from corridor.policies.tests.world import RND_RULE
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW_MACHINE_MS)
    yield
    expect.set_options(timeout=5_000)


def _page(browser, live_server, locale: str, width: int):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": width, "height": 900})
    context.set_default_timeout(SLOW_MACHINE_MS)
    return context, context.new_page()


def _fits(page, width: int) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def test_officer_publishes_members_see_their_answers(browser, live_server):  # type: ignore[no-untyped-def]
    world = build_world()
    officer = accounts.create_user("officer_wuhu", PASSWORD)
    accounts.grant_role(officer, "city_officer", region=world.regions["340200"])
    # A second Wuhu firm whose R&D share is already on record: it is eligible at once.
    other = create_organisation(None, {"name_zh": "芜湖瑞智机器人研究院有限公司", "name_en": "Wuhu Ruizhi Robotics Research Co., Ltd.",
                                       "region": "340202", "kind": "enterprise"})
    member2 = accounts.create_user("member2", PASSWORD)
    accounts.grant_role(member2, "member", organisation=other)
    services.save_profile(member2, other, {"rnd_share": "6"})

    # The Wuhu officer records the policy and its item (conditions as the engine reads them), then publishes.
    context, page = _page(browser, live_server, "zh-CN", 1366)
    sign_in(page, "officer_wuhu")
    go(page, "nav-policies")
    page.get_by_test_id("policy-create").click()
    page.locator("#id_title_zh").fill("芜湖市研发费用补助办法")
    page.locator("#id_title_en").fill("Wuhu R&D expense subsidy")
    page.locator("#id_issuer_zh").fill("芜湖市科学技术局")
    page.locator("#id_document_number").fill("芜科〔2026〕12号")
    page.locator("#id_home_region").select_option(label="芜湖市")
    page.locator("#id_regions").select_option(label="芜湖市")
    page.get_by_test_id("policy-save").click()
    expect(page.get_by_test_id("policy-status")).to_have_text("草稿")
    page.get_by_test_id("item-create").click()
    page.locator("#id_title_zh").fill("研发费用补助")
    page.locator("#id_title_en").fill("R&D expense subsidy")
    page.locator("#id_rate").fill("10")
    page.locator("#id_cap").fill("2000000")
    page.locator("input[name=rule_mode][value=json]").check()  # the advanced view: conditions as JSON
    page.locator("#id_rule").fill('{"all": [{"field": "rnd_share", "op": "gte", "value": "三"}]}')
    page.get_by_test_id("item-save").click()
    expect(page.get_by_test_id("error-rule")).to_contain_text("rule.all[0]")  # named, nothing saved
    page.locator("#id_rule").fill(json.dumps(RND_RULE, ensure_ascii=False))
    page.get_by_test_id("item-save").click()
    expect(page.get_by_test_id("item-conditions")).to_contain_text("研发费用占营业收入比例不低于3%")
    page.screenshot(path="/tmp/policies-officer-draft-zh-1366.png", full_page=True)
    page.get_by_test_id("policy-publish").click()
    expect(page.get_by_test_id("policy-status")).to_have_text("有效")
    policy = Policy.objects.get(title_zh="芜湖市研发费用补助办法")
    assert policy.status == "effective"
    context.close()

    # The pushed notification reached the eligible firm only (the job runs after the publishing commit).
    for _ in range(100):
        if Notification.objects.filter(user=member2).exists():
            break
        import time

        time.sleep(0.1)
    assert Notification.objects.filter(user=member2).exists()
    assert not Notification.objects.filter(user=world.users["member"]).exists()

    # member2 sees it eligible, with the reasons, in English on a phone.
    context, page = _page(browser, live_server, "en-US", 390)
    sign_in(page, "member2")
    page.goto(f"/policies/for/{other.pk}/")
    answer = page.get_by_test_id("answer").filter(has_text="R&D expense subsidy")
    expect(answer).to_have_attribute("data-answer", "eligible")
    expect(answer.get_by_test_id("reasons")).to_contain_text("R&D spending at least 3% of revenue")
    expect(answer.get_by_test_id("reasons")).to_contain_text("第三条（二）")
    _fits(page, 390)
    page.screenshot(path="/tmp/policies-member2-eligible-en-390.png", full_page=True)
    context.close()

    # The member's firm has no R&D figure yet: unknown, naming what to fill in; it fills it in and is eligible.
    for locale, width in (("zh-CN", 390), ("en-US", 1366)):
        context, page = _page(browser, live_server, locale, width)
        sign_in(page, "member")
        page.goto(f"/policies/for/{world.member_org.pk}/")
        answer = page.get_by_test_id("answer").first
        if locale == "zh-CN":
            expect(answer).to_have_attribute("data-answer", "unknown")
            expect(answer.get_by_test_id("verdict")).to_contain_text("待确认")
            fill = answer.locator('[data-testid=fill-in][data-field="rnd_share"]')
            expect(fill).to_contain_text("研发费用占营业收入比例")
            _fits(page, width)
            page.screenshot(path="/tmp/policies-member-unknown-zh-390.png", full_page=True)
            fill.click()
            expect(page).to_have_url(re.compile(rf"/policies/for/{world.member_org.pk}/profile/\?field=rnd_share$"))
            page.locator("#id_rnd_share").fill("abc")
            page.get_by_test_id("profile-save").click()
            expect(page.get_by_test_id("error-rnd_share")).to_contain_text("0到100")
            page.locator("#id_rnd_share").fill("4.2")
            page.get_by_test_id("profile-save").click()
            answer = page.get_by_test_id("answer").first
            expect(answer).to_have_attribute("data-answer", "eligible")
            expect(answer.get_by_test_id("reasons")).to_contain_text("研发费用占营业收入比例不低于3%")
            page.screenshot(path="/tmp/policies-member-eligible-zh-390.png", full_page=True)
        else:
            expect(answer).to_have_attribute("data-answer", "eligible")
            expect(answer.get_by_test_id("reasons")).to_contain_text("The applicant is an enterprise")
            page.screenshot(path="/tmp/policies-member-eligible-en-1366.png", full_page=True)
            page.goto("/policies/compare/")
            expect(page.get_by_test_id("compare-row")).to_have_count(1)
            expect(page.get_by_test_id("compare-row").first).to_contain_text("Wuhu")
            page.screenshot(path="/tmp/policies-compare-en-1366.png", full_page=True)
            page.goto("/policies/")
            expect(page.get_by_test_id("policy-row")).to_have_count(1)
            page.screenshot(path="/tmp/policies-library-en-1366.png", full_page=True)
        context.close()

    # Another firm's answers stay its own.
    context, page = _page(browser, live_server, "en-US", 1366)
    sign_in(page, "member2")
    response = page.goto(f"/policies/for/{world.member_org.pk}/")
    assert response is not None and response.status == 404
    context.close()
