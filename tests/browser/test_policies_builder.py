"""A Jiaxing officer builds an item's conditions with the form — registered in Jiaxing AND R&D share ≥ 3% AND
employees ≤ 500 — without typing JSON; members then see the three answers with their reasons
(headless Chromium; the officer in zh-CN at 1366 px and en at 390 px, members in both languages)."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from corridor.accounts import services as accounts
from corridor.core.testing import PASSWORD, build_world
from corridor.orgs.services import create_organisation
from corridor.policies import services
from corridor.policies.models import ApplicationItem
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000
TODAY = datetime.date.today()


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


def _condition(page, n: int, field: str, op: str, value: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id(f"cond-{n}-field").select_option(field)
    page.get_by_test_id(f"cond-{n}-op").select_option(op)
    page.get_by_test_id(f"cond-{n}-value").fill(value)


def test_officer_builds_conditions_members_see_answers(browser, live_server):  # type: ignore[no-untyped-def]
    world = build_world()
    policy = services.create_policy(world.users["officer"], {
        "title_zh": "嘉兴市科技型中小企业研发补助", "title_en": "Jiaxing R&D grant for tech SMEs", "issuer_zh": "嘉兴市科学技术局",
        "level": "city", "home_region": world.regions["330400"],
        "effective_from": TODAY - datetime.timedelta(days=3), "expires_on": TODAY + datetime.timedelta(days=300)})
    # A Jiaxing firm with its figures on record (eligible); the outsider's Jiaxing firm has none (unknown);
    # the member's firm is in Wuhu (not eligible).
    firm = create_organisation(None, {"name_zh": "嘉兴智研传感科技有限公司", "name_en": "Jiaxing Zhiyan Sensing Co., Ltd.",
                                      "region": "330402", "kind": "enterprise"})
    member2 = accounts.create_user("member2", PASSWORD)
    accounts.grant_role(member2, "member", organisation=firm)
    services.save_profile(member2, firm, {"rnd_share": "5.5", "employees": "120"})

    # The officer builds the three conditions in the form (zh-CN, 1366 px).
    context, page = _page(browser, live_server, "zh-CN", 1366)
    sign_in(page, "officer")
    page.goto(f"/policies/{policy.pk}/")
    page.get_by_test_id("item-create").click()
    page.locator("#id_title_zh").fill("研发费用补助")
    page.locator("#id_title_en").fill("R&D expense grant")
    expect(page.get_by_test_id("rule-json")).to_be_hidden()  # JSON is the advanced view only
    _condition(page, 0, "region", "within_region", "嘉兴")
    page.get_by_test_id("builder-add").click()
    _condition(page, 1, "rnd_share", "gte", "三")
    expect(page.get_by_test_id("cond-1-unit")).to_have_text("%")
    page.get_by_test_id("builder-add").click()
    _condition(page, 2, "employees", "lte", "500")
    expect(page.get_by_test_id("cond-2-unit")).to_have_text("人")
    page.get_by_test_id("item-save").click()
    # A bad value is refused naming the condition; nothing is saved.
    expect(page.get_by_test_id("error-builder")).to_contain_text("条件 2（研发费用占营业收入比例（%））")
    assert not ApplicationItem.objects.filter(policy=policy).exists()
    page.screenshot(path="/tmp/policies2-builder-error-zh-1366.png", full_page=True)
    page.get_by_test_id("cond-1-value").fill("3")
    page.get_by_test_id("item-save").click()
    expect(page.get_by_test_id("item-conditions")).to_contain_text("从业人员数不超过500人")
    page.get_by_test_id("policy-publish").click()
    expect(page.get_by_test_id("policy-status")).to_have_text("有效")
    context.close()
    item = ApplicationItem.objects.get(policy=policy)
    assert [(c["field"], c["op"], c["value"]) for c in item.rule["all"]] == [
        ("region", "within_region", ["330400"]), ("rnd_share", "gte", 3), ("employees", "lte", 500)]

    # The same builder on a phone, in English: the stored conditions come back as rows.
    context, page = _page(browser, live_server, "en-US", 390)
    sign_in(page, "officer")
    page.goto(f"/policies/items/{item.pk}/edit/")
    expect(page.get_by_test_id("cond-2-value")).to_have_value("500")
    expect(page.get_by_test_id("cond-1-unit")).to_have_text("%")
    _fits(page, 390)
    page.screenshot(path="/tmp/policies2-builder-en-390.png", full_page=True)
    context.close()

    # Members see the three answers, each with its reasons.
    for user, org, locale, width, status, reason in (
            ("member2", firm, "en-US", 390, "eligible", "Employees at most 500 people"),
            ("outsider", world.outsider_org, "zh-CN", 390, "unknown", "研发费用占营业收入比例（%）"),
            ("member", world.member_org, "en-US", 1366, "not_eligible", "Region in Jiaxing")):
        context, page = _page(browser, live_server, locale, width)
        sign_in(page, user)
        page.goto(f"/policies/for/{org.pk}/")
        answer = page.get_by_test_id("answer").filter(has_text="研发费用补助" if locale == "zh-CN" else "R&D expense grant")
        expect(answer).to_have_attribute("data-answer", status)
        expect(answer).to_contain_text(reason)
        _fits(page, width)
        page.screenshot(path=f"/tmp/policies2-answer-{status}-{locale}-{width}.png", full_page=True)
        context.close()
