"""A member proposes a standard, the committee approves 立项, draft v1 (and v2) go up, another member comments on
clause 4.2, the drafters dispose of it, the technical ballot passes and the standard is published with its number
(headless Chromium, zh-CN and en, 1366 and 390 px wide)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from corridor.core.testing import build_world
from corridor.standards import services
from corridor.standards.models import Standard
from corridor.standards.testing import CLAUSES_V1, CLAUSES_V2, build_std_world, close_window
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000
SHOTS = "/tmp/standards"


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW_MACHINE_MS)
    yield
    expect.set_options(timeout=5_000)


def test_member_proposes_committee_votes_drafts_comments_and_publication(browser, live_server):  # type: ignore[no-untyped-def]
    sw = build_std_world(build_world())
    w = sw.world
    contexts = []

    def open_page(user: str, locale: str, width: int):  # type: ignore[no-untyped-def]
        context = browser.new_context(locale=locale, base_url=live_server.url, viewport={"width": width, "height": 900})
        context.set_default_timeout(SLOW_MACHINE_MS)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, user)
        return page

    try:
        # The owner's company proposes a standard (zh-CN, desktop).
        owner = open_page("owner", "zh-CN", 1366)
        go(owner, "nav-standards")
        owner.get_by_test_id("propose-link").click()
        owner.get_by_test_id("propose-submit").click()  # nothing filled: the fields say what is missing
        expect(owner.get_by_test_id("error-title_zh")).to_be_visible()
        owner.locator("#id_title_zh").fill("协作机器人关节模组通用技术条件")
        owner.locator("#id_title_en").fill("General specification for cobot joint modules")
        owner.locator("#id_scope_zh").fill("协作机器人一体化关节模组")
        owner.locator("#id_rationale_zh").fill("接口与测试方法不统一")
        owner.get_by_test_id("propose-submit").click()
        expect(owner.get_by_test_id("standard-status")).to_have_attribute("data-status", "proposed")
        standard = Standard.objects.get()
        owner.screenshot(path=f"{SHOTS}-proposed-1366-zh.png", full_page=True)

        # The secretariat puts it to the committee (en).
        secretariat = open_page("secretariat", "en-US", 1366)
        go(secretariat, "nav-standards")
        secretariat.get_by_test_id("needs-link").click()
        expect(secretariat.get_by_test_id("need-row")).to_have_count(1)
        secretariat.get_by_test_id("need-row").get_by_role("link").click()
        secretariat.get_by_test_id("do-submit").click()
        expect(secretariat.get_by_test_id("standard-status")).to_have_attribute("data-status", "voting")

        # A committee member votes on a phone (zh-CN, 390 px); two more vote, the secretariat closes: 立项.
        member = open_page("member", "zh-CN", 390)
        member.goto(f"/standards/{standard.pk}/")
        member.get_by_test_id("vote-form").get_by_label("赞成", exact=True).check()
        member.get_by_test_id("vote-submit").click()
        expect(member.get_by_test_id("vote-form")).to_contain_text("赞成")
        member.screenshot(path=f"{SHOTS}-vote-390-zh.png", full_page=True)
        for key in ("expert1", "expert2"):
            services.cast(sw.users[key], Standard.objects.get(pk=standard.pk), "yes")
        secretariat.reload()
        secretariat.get_by_test_id("close-ballot").click()
        expect(secretariat.get_by_test_id("standard-status")).to_have_attribute("data-status", "initiated")
        expect(secretariat.get_by_test_id("ballot-outcome").first).to_have_text("Passed")

        # The drafting group uploads draft v1 on the page, v2 follows; the two are compared clause by clause.
        owner.goto(f"/standards/{standard.pk}/")
        owner.get_by_test_id("upload-draft").click()
        owner.locator("#id_text").fill(CLAUSES_V1)
        owner.get_by_test_id("draft-submit").click()
        expect(owner.get_by_test_id("draft-title")).to_contain_text("1")
        expect(owner.locator('[data-testid="clause"][data-clause="4.2"]')).to_contain_text("±0.02 mm")
        services.upload_draft(w.users["owner"], Standard.objects.get(pk=standard.pk), CLAUSES_V2, "精度收紧，新增检验规则")
        owner.goto(f"/standards/{standard.pk}/")
        owner.get_by_test_id("compare-drafts").click()
        expect(owner.locator('[data-testid="diff-row"][data-clause="4.2"]')).to_have_attribute("data-change", "changed")
        expect(owner.locator('[data-testid="diff-row"][data-clause="4.2"] ins')).to_have_text("01")
        owner.screenshot(path=f"{SHOTS}-diff-1366-zh.png", full_page=True)

        # The secretariat opens the public comment for 30 days (the default date is refused if too short).
        secretariat.reload()
        secretariat.locator("#id_closes_on").fill("2000-01-01")
        secretariat.get_by_test_id("open-comment-submit").click()
        expect(secretariat.locator(".message-error").first).to_contain_text("30")
        import datetime

        from django.utils import timezone
        secretariat.locator("#id_closes_on").fill((timezone.localdate() + datetime.timedelta(days=31)).isoformat())
        secretariat.get_by_test_id("open-comment-submit").click()
        expect(secretariat.get_by_test_id("standard-status")).to_have_attribute("data-status", "comment")

        # Another member (en, phone) reads draft v2 and comments on clause 4.2.
        expert = open_page("expert1", "en-US", 390)
        expert.goto(f"/standards/{standard.pk}/")
        expert.get_by_test_id("comment-draft-link").click()
        expert.locator('[data-testid="clause"][data-clause="4.2"] [data-testid="comment-on"]').click()
        expert.locator("#id_text").fill("±0.01 mm is too strict for 7 kg payloads; keep ±0.02 mm.")
        expert.get_by_test_id("comment-submit").click()
        expect(expert.get_by_test_id("comment")).to_have_count(1)
        expect(expert.get_by_test_id("comment")).to_have_attribute("data-clause", "4.2")
        expert.screenshot(path=f"{SHOTS}-comment-390-en.png", full_page=True)

        # The window closes; the drafters dispose of the comment; the table is there as .xlsx.
        close_window(Standard.objects.get(pk=standard.pk))
        owner.goto(f"/standards/{standard.pk}/comments/")
        owner.get_by_test_id("dispose-choice").select_option("partly")
        owner.get_by_test_id("dispose-reason").fill("改为±0.015 mm")
        owner.get_by_test_id("dispose-submit").click()
        expect(owner.get_by_test_id("comment")).to_have_attribute("data-disposition", "partly")
        owner.screenshot(path=f"{SHOTS}-dispositions-1366-zh.png", full_page=True)
        with owner.expect_download() as download:
            owner.get_by_test_id("dispositions-xlsx").click()
        assert download.value.suggested_filename.endswith(".xlsx")

        # Technical review: drafters do not vote; the ballot passes; the secretariat publishes with a number.
        secretariat.reload()
        secretariat.get_by_test_id("do-start_review").click()
        expect(secretariat.get_by_test_id("standard-status")).to_have_attribute("data-status", "review")
        for key in ("member", "expert1", "expert2"):
            services.cast(sw.users[key], Standard.objects.get(pk=standard.pk), "yes")
        secretariat.reload()
        secretariat.get_by_test_id("close-ballot").click()
        expect(secretariat.get_by_test_id("standard-status")).to_have_attribute("data-status", "approved")
        secretariat.get_by_test_id("publish-submit").click()
        expect(secretariat.get_by_test_id("standard-status")).to_have_attribute("data-status", "published")
        expect(secretariat.get_by_test_id("publication-number")).to_have_text(re.compile(r"^T/G60JQR 001—\d{4}$"))
        secretariat.screenshot(path=f"{SHOTS}-published-1366-en.png", full_page=True)

        # Anyone reads the published standard (zh-CN, phone).
        visitor_context = browser.new_context(locale="zh-CN", base_url=live_server.url, viewport={"width": 390, "height": 900})
        contexts.append(visitor_context)
        visitor = visitor_context.new_page()
        visitor.goto(f"/standards/{standard.pk}/")
        expect(visitor.get_by_test_id("publication-number")).to_contain_text("T/G60JQR 001")
        expect(visitor.get_by_test_id("standard-status")).to_have_text("已发布")
        visitor.screenshot(path=f"{SHOTS}-published-390-zh.png", full_page=True)
    finally:
        for context in contexts:
            context.close()
