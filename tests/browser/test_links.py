"""Issue 19's loop through a meeting: a Wuhu member records an agreement after a 1:1 meeting at a brokerage
day in Wuhu; Wuhu's city officer (an organiser) starts a project lead from it, prefilled; the project shows
the meeting it came from, lands, and Wuhu's gap in precision reducers closes on the chain page; the meeting
then shows the project. Then the officer reads it on a phone in English (headless Chromium)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from corridor.accounts import services as accounts
from corridor.chains.models import Segment
from corridor.chains.testing import firm, load_chains, make_corridor
from corridor.core.testing import PASSWORD, build_world
from corridor.events import meetings
from corridor.events import services as events
from corridor.events.models import MeetingSeat, MeetingSlot
from corridor.events.tests.helpers import make_event, soon
from corridor.projects.models import Project
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000
GAP_PAGE = "/chains/industrial-robots/cities/340200/"
EVENT_TITLE = "芜湖机器人供需对接会"


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW_MACHINE_MS)
    yield
    expect.set_options(timeout=5_000)


def _world():  # type: ignore[no-untyped-def]
    """The projects journey's Wuhu (arms, no reducers) and a brokerage day in Wuhu where the Wuhu member met
    the Hangzhou owner; the meeting is over, its outcome not yet recorded."""
    world = build_world()
    load_chains()
    make_corridor(world)
    for i in range(3):
        firm(f"芜湖臂力{i}机器人有限公司", "340202", "生产六轴工业机器人本体。", is_head_enterprise=i == 0)
    officer = accounts.create_user("wuhu_officer", PASSWORD)
    accounts.grant_role(officer, "city_officer", region=world.regions["340200"])
    event = make_event(world, kind="brokerage", title_zh=EVENT_TITLE, title_en="Wuhu robot brokerage day",
                       region=world.regions["340202"])
    meetings.set_slots(world.users["secretariat"], event, soon(hour=9), soon(hour=10), 20, 0, 2)
    mine = events.register(world.users["member"], event, organisation=world.member_org)
    theirs = events.register(world.users["owner"], event, organisation=world.owner_org)
    asked = meetings.request_meeting(world.users["member"], event, theirs, priority=3, message="减速器本地配套")
    meetings.answer(world.users["owner"], asked, accept=True)
    meetings.schedule(world.users["secretariat"], event)
    meetings.publish(world.users["secretariat"], event)
    seat = MeetingSeat.objects.get(registration=mine)
    past = timezone.now() - datetime.timedelta(hours=2)
    MeetingSlot.objects.filter(pk=seat.slot_id).update(starts_at=past, ends_at=past + datetime.timedelta(minutes=20))
    return world, event


def test_a_meeting_agreement_becomes_a_landed_project(new_page):
    world, event = _world()
    reducers = Segment.objects.get(chain__slug="industrial-robots", key="reducers")
    # The Wuhu member records the agreement on its agenda.
    member = new_page("zh-CN")
    member.set_default_timeout(SLOW_MACHINE_MS)
    member.set_viewport_size({"width": 1366, "height": 900})
    sign_in(member, "member")
    member.goto(f"/events/{event.pk}/meetings/")
    form = member.get_by_test_id("outcome-form")
    form.locator("select[name=held]").select_option("yes")
    form.locator("select[name=outcome]").select_option("agreement")
    form.get_by_role("button").click()
    expect(member.get_by_test_id("outcome-form").locator("select[name=outcome]")).to_have_value("agreement")
    member.screenshot(path="/tmp/links-1-outcome.png", full_page=True)

    # Wuhu's officer organises the day (its region): the meeting offers a project lead.
    page = new_page("zh-CN")
    page.set_default_timeout(SLOW_MACHINE_MS)
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, "wuhu_officer")
    page.goto(GAP_PAGE)
    expect(page.get_by_test_id("gap").filter(has_text="减速器")).to_have_count(1)
    page.goto(f"/events/{event.pk}/meetings/manage/")
    page.screenshot(path="/tmp/links-2-meetings.png", full_page=True)
    page.get_by_test_id("start-project-lead").click()
    expect(page.get_by_test_id("from-meeting")).to_contain_text(EVENT_TITLE)
    expect(page.get_by_test_id("investor-chosen")).to_contain_text(world.owner_org.name_zh)  # from elsewhere
    expect(page.locator("#id_source")).to_have_value("event_meeting")
    page.locator("#id_segments").select_option(str(reducers.pk))
    page.locator("#id_investment").fill("200000000")
    page.screenshot(path="/tmp/links-3-form.png", full_page=True)
    page.get_by_test_id("project-save").click()
    expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", "lead")
    expect(page.get_by_test_id("origin-event")).to_have_text(EVENT_TITLE)
    expect(page.get_by_test_id("project-origin")).to_contain_text(world.member_org.name_zh)
    for step, stage in (("contact", "contacted"), ("visit", "visit"), ("negotiate", "negotiation")):
        page.get_by_test_id(f"step-{step}").click()
        expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", stage)
    page.get_by_test_id("sign-form").locator("#id_signed_on").fill("2026-11-20")
    page.get_by_test_id("sign-form").locator("#id_agreement_parties").fill("芜湖市人民政府、浙江国自机器人技术股份有限公司")
    page.get_by_test_id("step-sign").click()
    expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", "signed")
    page.get_by_test_id("step-start").click()
    expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", "started")
    page.get_by_test_id("step-produce").click()
    expect(page.get_by_test_id("project-stage")).to_have_attribute("data-stage", "production")
    page.screenshot(path="/tmp/links-4-landed.png", full_page=True)
    project = Project.objects.get()
    assert (project.source, project.meeting_id, project.investor_id) == (
        "event_meeting", event.meetings.get().pk, world.owner_org.pk)
    # Landed: Wuhu's gap in reducers closed on the chain page.
    page.goto(GAP_PAGE)
    expect(page.get_by_test_id("city-name")).to_be_visible()
    expect(page.get_by_test_id("gap").filter(has_text="减速器")).to_have_count(0)
    page.screenshot(path="/tmp/links-5-chain.png", full_page=True)
    # The meeting now shows the project it led to.
    page.goto(f"/events/{event.pk}/meetings/manage/")
    expect(page.get_by_test_id("linked-project")).to_contain_text(project.name_zh)

    # On a phone, in English: the project says where it came from.
    phone = new_page("en-GB")
    phone.set_default_timeout(SLOW_MACHINE_MS)
    phone.set_viewport_size({"width": 390, "height": 844})
    sign_in(phone, "wuhu_officer")
    phone.goto(f"/projects/{project.pk}/")
    expect(phone.get_by_test_id("project-source")).to_contain_text("Meeting at an event")
    expect(phone.get_by_test_id("origin-event")).to_have_text("Wuhu robot brokerage day")
    phone.screenshot(path="/tmp/links-6-phone.png", full_page=True)
    # The Wuhu member met them but is not the project's reader: its agenda names no project.
    member.goto(f"/events/{event.pk}/meetings/")
    expect(member.get_by_test_id("agenda-row")).to_have_count(1)
    expect(member.get_by_test_id("linked-project")).to_have_count(0)
