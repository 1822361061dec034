"""Journeys a person makes in a real browser (headless Chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from corridor.alliances.models import AllianceMembership, MembershipApplication
from corridor.core.testing import build_world
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def test_visitor_switches_language_and_finds_an_organisation_by_a_chinese_partial_word(new_page):
    world = build_world()
    page = new_page("zh-CN")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    page.get_by_test_id("lang-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    go(page, "nav-organisations")
    expect(page.locator("html")).to_have_attribute("lang", "en")  # the choice is remembered

    # Wait for htmx to bind its triggers and for the search's response before reading the results.
    page.wait_for_load_state("load")
    with page.expect_response(lambda r: "q=" in r.url):
        page.get_by_test_id("org-search").fill("机器人")
    rows = page.get_by_test_id("org-row")
    # The name match first, then Efort, found through its industry (robots, 机器人).
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Zhejiang Guozi Robot Technology")  # English name in English
    expect(rows.nth(1)).to_contain_text("Efort")
    expect(page.get_by_test_id("org-table")).not_to_contain_text("Jiaxing Outsider")

    rows.first.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/organisations/{world.owner_org.pk}/$"))
    expect(page.get_by_test_id("org-name")).to_contain_text("Zhejiang Guozi Robot Technology")
    expect(page.get_by_test_id("org-other-name")).to_contain_text("浙江国自机器人技术股份有限公司")
    expect(page.locator("body")).not_to_contain_text("owner@guozi.example")  # contacts stay private

    page.get_by_test_id("lang-zh-hans").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_test_id("org-name")).to_contain_text("浙江国自机器人技术股份有限公司")


def test_secretariat_approves_an_application_made_by_a_member(new_page):
    world = build_world()
    member_page = new_page("zh-CN")
    sign_in(member_page, "outsider")
    member_page.goto(f"/alliances/{world.alliance.slug}/")
    member_page.get_by_test_id("apply-link").click()
    member_page.get_by_test_id("apply-form").locator("textarea").fill("我们生产精密减速器，希望加入联盟。")
    member_page.get_by_test_id("apply-submit").click()
    application = MembershipApplication.objects.get(organisation=world.outsider_org, alliance=world.alliance)
    assert application.status == "pending"

    secretariat_page = new_page("en-US")
    sign_in(secretariat_page, "secretariat")
    go(secretariat_page, "nav-applications")
    card = secretariat_page.get_by_test_id(f"application-{application.pk}")
    expect(card).to_contain_text("我们生产精密减速器")
    card.locator(f"#id_app{application.pk}_role").select_option("director")
    card.get_by_test_id(f"approve-{application.pk}").click()
    expect(secretariat_page.get_by_test_id(f"application-{application.pk}")).to_have_attribute("data-status", "approved")

    membership = AllianceMembership.objects.get(alliance=world.alliance, organisation=world.outsider_org)
    assert membership.role == "director"

    go(member_page, "nav-applications")
    mine = member_page.get_by_test_id(f"application-{application.pk}")
    expect(mine).to_have_attribute("data-status", "approved")
    member_page.goto(f"/alliances/{world.alliance.slug}/")
    expect(member_page.locator("main")).to_contain_text("嘉兴外联科技有限公司")


def test_secretariat_rejects_with_a_reason_the_member_then_reads(new_page):
    world = build_world()
    from corridor.alliances.services import apply_for_membership

    application = apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org, "请批准")
    page = new_page("zh-CN")
    sign_in(page, "secretariat")
    page.goto("/alliances/applications/")
    card = page.get_by_test_id(f"application-{application.pk}")
    card.get_by_test_id(f"reject-{application.pk}").click()
    # The card is swapped in place by htmx: wait for the refusal before typing into the new form.
    expect(page.get_by_test_id(f"application-{application.pk}").get_by_role("alert")).to_be_visible()
    expect(page.get_by_test_id(f"application-{application.pk}")).to_have_attribute("data-status", "pending")
    page.get_by_test_id(f"application-{application.pk}").locator("textarea[name=reason]").fill("暂不符合入盟条件")
    page.get_by_test_id(f"reject-{application.pk}").click()
    expect(page.get_by_test_id(f"application-{application.pk}")).to_have_attribute("data-status", "rejected")

    member = new_page("zh-CN")
    sign_in(member, "outsider")
    member.goto("/alliances/applications/")
    expect(member.get_by_test_id("application-reason")).to_have_text("暂不符合入盟条件")
