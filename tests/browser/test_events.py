"""Events end to end in headless Chromium: the robot alliance's secretariat creates a brokerage day; a member
registers on a phone and gets the QR code and .ics; an English-speaking partner registers; the member asks
to meet them and they accept; the secretariat schedules (a job) and publishes; both see the same time and
table; at the door the secretariat checks the member in, once."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from corridor.core.testing import build_world
from corridor.events.models import Event, Meeting, MeetingRequest, Registration
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


def test_brokerage_day_from_creation_to_check_in(new_page):
    world = build_world()

    def open_page(locale: str, size: dict[str, int]):  # type: ignore[no-untyped-def]
        page = new_page(locale)
        page.set_default_timeout(SLOW_MACHINE_MS)
        page.set_viewport_size(size)
        return page

    day = timezone.localdate() + datetime.timedelta(days=12)

    # The secretariat creates the brokerage day (Chinese, desktop).
    organiser = open_page("zh-CN", DESKTOP)
    sign_in(organiser, "secretariat")
    go(organiser, "nav-events")
    organiser.get_by_test_id("event-create").click()
    organiser.locator("#id_kind").select_option("brokerage")
    organiser.locator("#id_title_zh").fill("机器人供需对接会")
    organiser.locator("#id_title_en").fill("Robot brokerage day")
    organiser.locator("#id_alliance").select_option(str(world.alliance.pk))
    organiser.locator("#id_address").fill("芜湖市鸠江区机器人产业园")
    organiser.locator("#id_starts_at").fill(f"{day.isoformat()}T09:00")
    organiser.locator("#id_ends_at").fill(f"{day.isoformat()}T12:00")
    organiser.locator("#id_capacity").fill("40")
    organiser.locator("#id_agenda").fill("09:00-09:20 | 开场 | Welcome | 联盟秘书处\n09:20-12:00 | 一对一洽谈 | 1:1 meetings")
    organiser.screenshot(path="/tmp/events-create-zh-1366.png", full_page=True)
    organiser.get_by_test_id("event-save").click()
    expect(organiser.get_by_test_id("event-title")).to_contain_text("机器人供需对接会")
    event = Event.objects.get(title_zh="机器人供需对接会")
    assert event.kind == "brokerage" and event.sessions.count() == 2
    organiser.get_by_test_id("link-meetings-manage").click()
    organiser.locator("#id_starts_at").fill(f"{day.isoformat()}T09:20")
    organiser.locator("#id_ends_at").fill(f"{day.isoformat()}T12:00")
    organiser.locator("#id_tables").fill("4")
    organiser.get_by_test_id("save-slots").click()
    expect(organiser.get_by_test_id("schedule-all")).to_be_visible()
    assert event.meeting_slots.count() > 3

    # The member registers on a phone (Chinese) and gets the QR code and a calendar file.
    member = open_page("zh-CN", PHONE)
    sign_in(member, "member")
    member.goto(f"/events/{event.pk}/")
    member.locator("#id_name").fill("张经理")
    member.get_by_test_id("register").click()
    expect(member.get_by_test_id("registration-status")).to_have_attribute("data-status", "approved")
    expect(member.get_by_test_id("registration-qr").locator("svg")).to_be_visible()
    registration = Registration.objects.get(event=event, user=world.users["member"])
    expect(member.get_by_test_id("registration-code")).to_have_text(registration.code)
    member.screenshot(path="/tmp/events-confirmation-zh-390.png", full_page=True)
    ics = member.request.get(member.get_by_test_id("registration-ics").get_attribute("href"))
    assert ics.ok and "BEGIN:VEVENT" in ics.text() and ics.headers["content-type"].startswith("text/calendar")

    # The English-speaking partner registers (English, desktop) and describes what they offer.
    partner = open_page("en-US", DESKTOP)
    sign_in(partner, "owner")
    partner.goto(f"/events/{event.pk}/")
    expect(partner.get_by_test_id("register")).to_have_text("Register")
    partner.locator("#id_name").fill("Alice Wang")
    partner.get_by_test_id("register").click()
    expect(partner.get_by_test_id("registration-status")).to_have_attribute("data-status", "approved")
    partner.get_by_test_id("to-meetings").click()
    partner.get_by_test_id("link-meetings").click()
    partner.locator("#id_profile_en").fill("AGVs and warehouse robots; we speak English.")
    partner.get_by_test_id("save-profile").click()
    expect(partner.locator("#id_profile_en")).to_have_value("AGVs and warehouse robots; we speak English.")

    # The member asks to meet them (must meet); the partner accepts.
    member.goto(f"/events/{event.pk}/meetings/")
    card = member.get_by_test_id("participant").filter(has_text="Alice Wang")
    expect(card).to_contain_text("we speak English")
    card.get_by_test_id("request-priority").select_option("3")
    card.get_by_test_id("request-message").fill("想了解贵司AGV方案 / your AGV solutions")
    card.get_by_test_id("request-meeting").click()
    expect(member.get_by_test_id("sent-request").first).to_have_attribute("data-status", "requested")
    partner.goto(f"/events/{event.pk}/meetings/")
    request = partner.get_by_test_id("received-request").first
    expect(request).to_contain_text("Must meet")
    request.get_by_test_id("accept-request").click()
    expect(partner.get_by_test_id("received-request").first).to_have_attribute("data-status", "accepted")
    assert MeetingRequest.objects.get().status == "accepted"

    # The secretariat schedules (a job with progress) and publishes.
    organiser.goto(f"/events/{event.pk}/meetings/manage/")
    organiser.get_by_test_id("schedule-all").click()
    expect(organiser).to_have_url(re.compile(r"/jobs/\d+/$"))
    organiser.get_by_test_id("back-to-schedule").click()
    expect(organiser.get_by_test_id("grid-meeting")).to_have_count(1)
    organiser.get_by_test_id("publish-agenda").click()
    expect(organiser.get_by_test_id("publish-agenda")).to_have_count(0)
    organiser.screenshot(path="/tmp/events-schedule-zh-1366.png", full_page=True)
    meeting = Meeting.objects.get()
    assert meeting.published

    # Both see the same time and table.
    agendas = []
    for page, name in ((member, "zh-390"), (partner, "en-1366")):
        page.goto(f"/events/{event.pk}/meetings/")
        row = page.get_by_test_id("agenda-row")
        expect(row).to_have_count(1)
        agendas.append((row.get_by_test_id("agenda-time").inner_text(), row.get_by_test_id("agenda-table").inner_text()))
        page.screenshot(path=f"/tmp/events-agenda-{name}.png", full_page=True)
    assert agendas[0] == agendas[1] and agendas[0][1] == str(meeting.table)
    expect(member.get_by_test_id("agenda-with")).to_contain_text("Alice Wang")

    # At the door, on a phone: the member is checked in once by the code on the confirmation.
    organiser.set_viewport_size(PHONE)
    organiser.goto(f"/events/{event.pk}/check-in/")
    organiser.locator("#id_code").fill(registration.code.lower())
    organiser.get_by_test_id("check-in-submit").click()
    expect(organiser.get_by_test_id("check-in-result")).to_have_attribute("data-level", "success")
    expect(organiser.get_by_test_id("count-checked-in").first).to_have_text("1")
    organiser.locator("#id_code").fill(registration.code)
    organiser.get_by_test_id("check-in-submit").click()
    expect(organiser.get_by_test_id("check-in-result")).to_have_attribute("data-level", "warning")
    organiser.screenshot(path="/tmp/events-check-in-zh-390.png", full_page=True)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None

    # In English the event list reads in English, and an outsider of the alliance still sees the public event.
    visitor = open_page("en-US", PHONE)
    visitor.goto("/events/")
    expect(visitor.get_by_test_id("event-link").filter(has_text="Robot brokerage day")).to_be_visible()
    visitor.screenshot(path="/tmp/events-list-en-390.png", full_page=True)
