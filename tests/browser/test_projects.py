"""A Wuhu city officer starts a lead from Wuhu's gap in precision reducers, moves it to production, and the
gap closes on the chain page; then reads the pipeline board on a phone in English (headless Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from corridor.accounts import services as accounts
from corridor.chains.testing import firm, load_chains, make_corridor
from corridor.core.testing import PASSWORD, build_world
from corridor.projects.models import Project
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000
GAP_PAGE = "/chains/industrial-robots/cities/340200/"


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW_MACHINE_MS)
    yield
    expect.set_options(timeout=5_000)


def _world():  # type: ignore[no-untyped-def]
    world = build_world()
    load_chains()
    make_corridor(world)
    for i in range(3):
        firm(f"芜湖臂力{i}机器人有限公司", "340202", "生产六轴工业机器人本体。", is_head_enterprise=i == 0)
    makers = [firm(f"杭州传动{i}科技有限公司", "330108", "专注于精密减速器的研发与生产。") for i in range(2)]
    officer = accounts.create_user("wuhu_officer", PASSWORD)
    accounts.grant_role(officer, "city_officer", region=world.regions["340200"])
    return world, makers


def test_officer_turns_a_chain_gap_into_a_landed_project(new_page):
    _, makers = _world()
    page = new_page("zh-CN")
    page.set_default_timeout(SLOW_MACHINE_MS)
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, "wuhu_officer")
    page.goto(GAP_PAGE)
    gap_rows = page.get_by_test_id("gap")
    expect(gap_rows.filter(has_text="减速器")).to_have_count(1)
    page.screenshot(path="/tmp/projects-1-gap.png", full_page=True)
    page.locator(f'[data-testid="start-lead"][href*="investor={makers[0].pk}"]').first.click()
    expect(page.get_by_test_id("from-gap")).to_be_visible()
    expect(page.get_by_test_id("investor-chosen")).to_contain_text(makers[0].name_zh)
    page.locator("#id_investment").fill("300000000")
    page.screenshot(path="/tmp/projects-2-form.png", full_page=True)
    page.get_by_test_id("project-save").click()
    expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", "lead")
    for step in ("contact", "visit", "negotiate"):
        page.get_by_test_id(f"step-{step}").click()
        expect(page.get_by_test_id("project-stage")).not_to_have_attribute("data-stage", "lead")
    expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", "negotiation")
    # Signing without the parties is refused next to the field; then signed.
    page.get_by_test_id("sign-form").locator("#id_signed_on").fill("2026-01-05")
    page.get_by_test_id("step-sign").click()
    expect(page.get_by_test_id("error-agreement_parties")).to_be_visible()
    page.get_by_test_id("sign-form").locator("#id_agreement_parties").fill("芜湖市人民政府、杭州传动0科技有限公司")
    page.get_by_test_id("step-sign").click()
    expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", "signed")
    page.get_by_test_id("step-start").click()
    expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", "started")
    page.get_by_test_id("step-produce").click()
    expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", "production")
    expect(page.get_by_test_id("site-organisation")).to_contain_text("芜湖")
    expect(page.get_by_test_id("timeline-entry")).to_have_count(7)
    expect(page.get_by_test_id("project-investment")).to_contain_text("3 亿元")
    page.screenshot(path="/tmp/projects-3-landed.png", full_page=True)
    # The gap closed: reducers are no longer among Wuhu's gaps.
    page.goto(GAP_PAGE)
    expect(page.get_by_test_id("city-name")).to_be_visible()
    expect(page.get_by_test_id("gap").filter(has_text="减速器")).to_have_count(0)
    project = Project.objects.get()
    assert project.stage == "production" and project.sites.get().landed_at is not None
    go(page, "nav-projects")
    expect(page.get_by_test_id("project-row")).to_have_count(1)
    expect(page.get_by_test_id("project-amount")).to_contain_text("3 亿元")
    page.screenshot(path="/tmp/projects-6-list.png", full_page=True)

    # On a phone, in English: the board and the figures of Wuhu.
    phone = new_page("en-GB")
    phone.set_default_timeout(SLOW_MACHINE_MS)
    phone.set_viewport_size({"width": 390, "height": 844})
    sign_in(phone, "wuhu_officer")
    go(phone, "nav-projects")
    expect(phone.get_by_test_id("project-row")).to_have_count(1)
    phone.goto("/projects/board/?city=340200")
    expect(phone.get_by_test_id("board-city")).to_have_text("Wuhu")
    expect(phone.locator('[data-testid="board-column"][data-stage="production"] [data-testid="column-count"]')).to_have_text("1")
    expect(phone.get_by_test_id("fig-production-rate")).to_have_text("100.0%")
    phone.screenshot(path="/tmp/projects-4-board-phone.png", full_page=True)

    # A visitor sees nothing of it: not published.
    visitor = new_page("en-GB")
    visitor.set_viewport_size({"width": 390, "height": 844})
    visitor.goto("/projects/")
    expect(visitor.get_by_test_id("project-count")).to_contain_text("0")
    expect(visitor.get_by_test_id("project-row")).to_have_count(0)
    visitor.screenshot(path="/tmp/projects-5-visitor.png", full_page=True)
