"""A Wuhu member registers an R&D project in Chinese, a Hangzhou member an overlapping one in English; the
robot alliance's secretariat sees the overlap, proposes a joint team, both accept, and the joint project
page shows both with a milestone (headless Chromium, zh-CN and en, 1366 and 390 px wide)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from corridor.core.testing import build_world
from corridor.rnd.index import INDEX
from corridor.rnd.models import JointTeam, Overlap, RDProject
from corridor.rnd.testing import EN_LIFE_TEST, ZH_LIFE_TEST
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000
SHOTS = "/tmp/rnd-{}.png"


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW_MACHINE_MS)
    INDEX.reset()
    yield
    expect.set_options(timeout=5_000)


def test_overlap_across_languages_becomes_a_joint_team(browser, live_server):  # type: ignore[no-untyped-def]
    world = build_world()
    contexts = []

    def open_page(locale: str, width: int):  # type: ignore[no-untyped-def]
        context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": width, "height": 900})
        context.set_default_timeout(SLOW_MACHINE_MS)
        contexts.append(context)
        return context.new_page()

    try:
        # The Wuhu member registers its project in Chinese (desktop).
        wuhu = open_page("zh-CN", 1366)
        sign_in(wuhu, "member")
        go(wuhu, "nav-rnd")
        wuhu.get_by_test_id("project-create").click()
        wuhu.locator("#id_title").fill(ZH_LIFE_TEST["title"])
        wuhu.locator("#id_language").select_option("zh")
        wuhu.locator("#id_text").fill(ZH_LIFE_TEST["text"])
        wuhu.locator("#id_parameters").fill("\n".join(ZH_LIFE_TEST["parameters"]))
        wuhu.locator("#id_trl").fill("4")
        wuhu.locator("#id_keywords").fill("RV减速器, 寿命试验")
        wuhu.screenshot(path=SHOTS.format("form-zh-1366"), full_page=True)
        wuhu.get_by_test_id("project-submit").click()
        expect(wuhu.get_by_test_id("project-title")).to_have_text(ZH_LIFE_TEST["title"])
        expect(wuhu.get_by_test_id("no-overlaps")).to_be_visible()
        zh = RDProject.objects.get(organisation=world.member_org)

        # The Hangzhou member registers an overlapping one in English (phone) and is shown why.
        hangzhou = open_page("en-US", 390)
        sign_in(hangzhou, "owner")
        hangzhou.goto("/rnd/new/")
        hangzhou.locator("#id_title").fill(EN_LIFE_TEST["title"])
        hangzhou.locator("#id_language").select_option("en")
        hangzhou.locator("#id_text").fill(EN_LIFE_TEST["text"])
        hangzhou.locator("#id_parameters").fill("\n".join(EN_LIFE_TEST["parameters"]))
        hangzhou.locator("#id_trl").fill("5")
        hangzhou.get_by_test_id("project-submit").click()
        expect(hangzhou.get_by_test_id("project-title")).to_have_text(EN_LIFE_TEST["title"])
        item = hangzhou.get_by_test_id("overlap-item")
        expect(item).to_have_count(1)
        expect(item.get_by_test_id("overlap-other")).to_have_text(ZH_LIFE_TEST["title"])
        expect(item.get_by_test_id("reasons")).to_contain_text("Parameters that agree")
        hangzhou.screenshot(path=SHOTS.format("detail-en-390"), full_page=True)
        overlap = Overlap.objects.get()

        # The Wuhu member now sees the English project from its own page.
        wuhu.reload()
        expect(wuhu.get_by_test_id("overlap-other")).to_have_text(EN_LIFE_TEST["title"])
        expect(wuhu.get_by_test_id("reasons")).to_contain_text("一致的指标参数")
        wuhu.screenshot(path=SHOTS.format("detail-zh-1366"), full_page=True)

        # The secretariat finds it on the board and proposes a joint team.
        secretariat = open_page("zh-CN", 1366)
        sign_in(secretariat, "secretariat")
        secretariat.goto("/rnd/")
        secretariat.get_by_test_id("link-board").click()
        expect(secretariat.get_by_test_id("cluster")).to_have_count(1)
        secretariat.screenshot(path=SHOTS.format("board-zh-1366"), full_page=True)
        secretariat.get_by_test_id("board-open").click()
        expect(secretariat).to_have_url(re.compile(rf"/rnd/overlaps/{overlap.pk}/$"))
        form = secretariat.get_by_test_id("team-form")
        form.locator("#id_title_zh").fill("RV减速器寿命试验联合攻关组")
        form.locator("#id_title_en").fill("Joint RV reducer life-test team")
        form.locator("#id_lead").select_option(str(world.member_org.pk))
        secretariat.screenshot(path=SHOTS.format("overlap-zh-1366"), full_page=True)
        form.get_by_test_id("team-propose").click()
        expect(secretariat.get_by_test_id("team-status")).to_have_attribute("data-status", "proposed")
        team = JointTeam.objects.get()

        # Both accept: Wuhu on a phone in Chinese, Hangzhou on a desktop in English.
        wuhu.set_viewport_size({"width": 390, "height": 900})
        wuhu.goto(f"/rnd/teams/{team.pk}/")
        wuhu.get_by_test_id("invitation-accept").click()
        expect(wuhu.get_by_test_id("invitation")).to_have_count(0)
        hangzhou.set_viewport_size({"width": 1366, "height": 900})
        hangzhou.goto("/rnd/teams/")
        hangzhou.get_by_test_id("team-link").click()
        hangzhou.get_by_test_id("invitation-accept").click()
        expect(hangzhou.get_by_test_id("team-status")).to_have_attribute("data-status", "formed")

        # The lead adds a milestone; the joint project page shows both organisations and it.
        wuhu.reload()
        milestone = wuhu.get_by_test_id("milestone-form")
        milestone.locator("#id_title").fill("试验台架联调完成")
        milestone.locator("#id_owner").select_option(str(world.owner_org.pk))
        milestone.locator("#id_due_on").fill("2027-03-31")
        milestone.get_by_test_id("milestone-submit").click()
        expect(wuhu.get_by_test_id("milestone")).to_contain_text("试验台架联调完成")
        wuhu.screenshot(path=SHOTS.format("team-zh-390"), full_page=True)
        hangzhou.reload()
        members = hangzhou.get_by_test_id("team-member")
        expect(members).to_have_count(2)
        expect(hangzhou.get_by_test_id("team-members")).to_contain_text("Efort")
        expect(hangzhou.get_by_test_id("team-members")).to_contain_text("Guozi")
        expect(hangzhou.get_by_test_id("milestone")).to_contain_text("2027-03-31")
        hangzhou.screenshot(path=SHOTS.format("team-en-1366"), full_page=True)
        assert JointTeam.objects.get().status == JointTeam.Status.FORMED
        assert zh.pk in (overlap.project_a_id, overlap.project_b_id)
    finally:
        for context in contexts:
            context.close()
