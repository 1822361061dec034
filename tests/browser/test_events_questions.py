"""Questions on the registration form and badges, in headless Chromium: the secretariat creates a forum with
questions (Chinese, desktop); a member registers on a phone (English): a required question left unanswered is
refused by name, then answered; the secretariat sees the answers in the registrations list (Chinese, phone
and desktop) and prints the badges (PDF with the Chinese names as text and a QR code each)."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from corridor.core.testing import build_world
from corridor.events.models import Answer, Event, Registration
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW_MACHINE_MS)
    yield
    expect.set_options(timeout=5_000)


def test_questions_answers_and_badges(new_page):
    world = build_world()

    def open_page(locale: str, size: dict[str, int]):  # type: ignore[no-untyped-def]
        page = new_page(locale)
        page.set_default_timeout(SLOW_MACHINE_MS)
        page.set_viewport_size(size)
        return page

    day = timezone.localdate() + datetime.timedelta(days=12)
    organiser = open_page("zh-CN", DESKTOP)
    sign_in(organiser, "secretariat")
    go(organiser, "nav-events")
    organiser.get_by_test_id("event-create").click()
    organiser.locator("#id_title_zh").fill("机器人产业论坛")
    organiser.locator("#id_title_en").fill("Robot industry forum")
    organiser.locator("#id_alliance").select_option(str(world.alliance.pk))
    organiser.locator("#id_address").fill("芜湖市鸠江区")
    organiser.locator("#id_starts_at").fill(f"{day.isoformat()}T09:00")
    organiser.locator("#id_ends_at").fill(f"{day.isoformat()}T17:00")
    organiser.locator("#id_types").fill("企业 | Enterprises | 30\n投资机构 | Investors | 10")
    organiser.locator("#id_questions").fill(
        "choice | * | 所属行业 | Industry | 机器人/Robots; 汽车/Automotive\n"
        "yesno | * | 是否参加午餐 | Lunch?\n"
        "text | | 饮食要求 | Dietary needs")
    organiser.screenshot(path="/tmp/events2-questions-create-zh-1366.png", full_page=True)
    organiser.get_by_test_id("event-save").click()
    expect(organiser.get_by_test_id("event-title")).to_contain_text("机器人产业论坛")
    event = Event.objects.get(title_zh="机器人产业论坛")
    industry, lunch, diet = list(event.questions.all())
    assert (industry.kind, lunch.kind, diet.kind) == ("choice", "yesno", "text") and lunch.required

    member = open_page("en-US", PHONE)
    sign_in(member, "member")
    member.goto(f"/events/{event.pk}/")
    member.locator("#id_type").select_option(str(event.registration_types.first().pk))  # type: ignore[union-attr]
    member.locator("#id_name").fill("张伟")
    member.locator(f"#id_q{industry.pk}").select_option("1")
    expect(member.locator(f"#id_q{industry.pk}")).to_contain_text("Robots")
    member.get_by_test_id("register").click()
    expect(member.locator("body")).to_contain_text("Lunch?: this question needs an answer.")
    assert not Registration.objects.filter(event=event).exists()
    member.screenshot(path="/tmp/events2-questions-refused-en-390.png", full_page=True)
    member.locator(f"input[name=q{lunch.pk}][value=yes]").check()
    member.locator(f"#id_q{diet.pk}").fill("素食 vegetarian")
    member.get_by_test_id("register").click()
    expect(member.get_by_test_id("registration-status")).to_have_attribute("data-status", "approved")
    registration = Registration.objects.get(event=event, user=world.users["member"])
    assert {a.question_id: a.value for a in Answer.objects.filter(registration=registration)} == {
        industry.pk: "1", lunch.pk: "yes", diet.pk: "素食 vegetarian"}

    for size, name in ((PHONE, "390"), (DESKTOP, "1366")):
        organiser.set_viewport_size(size)
        organiser.goto(f"/events/{event.pk}/registrations/")
        answers = organiser.get_by_test_id("answers").first
        expect(answers).to_contain_text("所属行业")
        expect(answers).to_contain_text("机器人")
        expect(answers).to_contain_text("是")
        expect(answers).to_contain_text("素食 vegetarian")
        organiser.screenshot(path=f"/tmp/events2-registrations-zh-{name}.png", full_page=True)

    badges = organiser.request.get(organiser.get_by_test_id("badges-pdf").get_attribute("href"))
    assert badges.ok and badges.headers["content-type"] == "application/pdf"
    with open("/tmp/events2-badges.pdf", "wb") as out:
        out.write(badges.body())
    reader = PdfReader(BytesIO(badges.body()))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "张伟" in text and "企业" in text and registration.code in text and "机器人产业论坛" in text
    assert sum(len(page.images) for page in reader.pages) == 1
