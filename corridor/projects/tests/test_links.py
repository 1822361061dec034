"""Issue 19's loop, linked: a 1:1 meeting at an event or an interest in matchmaking starts a project lead; the
project shows where it came from, the meeting and the interest show the project — each only to a reader who
may see the other side (nothing of a hidden meeting, event, listing or project leaks through a link)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from corridor.accounts import services as accounts
from corridor.core.testing import PASSWORD, expect_matrix
from corridor.events import meetings
from corridor.events import services as events
from corridor.events.models import MeetingSeat, MeetingSlot
from corridor.events.tests.helpers import make_event, soon
from corridor.matching import services as matching
from corridor.matching.models import Listing
from corridor.projects import services
from corridor.projects.models import Project

pytestmark = pytest.mark.django_db

EVENT_TITLE = "嘉兴机器人供需对接会"
LISTING_TITLE = "精密减速器产能合作"


def _client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def wuhu_officer(world):
    officer = accounts.create_user("wuhu_officer", PASSWORD, email="wuhu@example.com")
    accounts.grant_role(officer, "city_officer", region=world.regions["340200"])
    world.users["wuhu_officer"] = officer
    return officer


def held_meeting(world, outcome="agreement", other_outcome=""):
    """A brokerage day of the robot alliance in Jiaxing (so Jiaxing's officer is among its organisers): the
    Wuhu member meets the Hangzhou owner; the meeting took place and the member records `outcome`."""
    event = make_event(world, kind="brokerage", title_zh=EVENT_TITLE, region=world.regions["330402"])
    meetings.set_slots(world.users["secretariat"], event, soon(hour=9), soon(hour=10), 20, 0, 2)
    mine = events.register(world.users["member"], event, organisation=world.member_org)
    theirs = events.register(world.users["owner"], event, organisation=world.owner_org)
    asked = meetings.request_meeting(world.users["member"], event, theirs, priority=3)
    meetings.answer(world.users["owner"], asked, accept=True)
    meetings.schedule(world.users["secretariat"], event)
    meetings.publish(world.users["secretariat"], event)
    seat = MeetingSeat.objects.get(registration=mine)
    past = timezone.now() - datetime.timedelta(hours=2)
    MeetingSlot.objects.filter(pk=seat.slot_id).update(starts_at=past, ends_at=past + datetime.timedelta(minutes=20))
    seat = MeetingSeat.objects.select_related("slot", "meeting", "registration").get(registration=mine)
    meetings.record_outcome(world.users["member"], seat, held=True, outcome=outcome)
    if other_outcome:
        other = MeetingSeat.objects.select_related("slot", "meeting", "registration").get(registration=theirs)
        meetings.record_outcome(world.users["owner"], other, held=True, outcome=other_outcome)
    return seat.meeting


def accepted_interest(world):
    """The Hangzhou owner offers reducer capacity; the Wuhu member is interested; the owner accepts."""
    listing = matching.create_listing(world.users["owner"], {
        "side": "offer", "category": "capacity", "title_zh": LISTING_TITLE, "text": "RV减速器代工产能。",
        "visibility": Listing.Visibility.ALLIANCE, "alliance": world.alliance.pk,
    }, organisation=world.owner_org)
    interest = matching.express_interest(world.users["member"], listing, "我们需要减速器。", organisation=world.member_org)
    return matching.advance(world.users["owner"], interest, "accepted")


# -- 1. events → projects ------------------------------------------------------------------------------


def test_an_agreement_at_a_meeting_starts_a_lead_the_officer_follows(world):
    meeting = held_meeting(world, "agreement")
    officer = _client(world.users["officer"])  # Jiaxing's officer: the event's region, so an organiser
    board = officer.get(f"/events/{meeting.event_id}/meetings/manage/")
    assert board.status_code == 200
    assert f'href="/projects/new/?meeting={meeting.pk}"' in board.content.decode()
    form = officer.get(f"/projects/new/?meeting={meeting.pk}")
    html = form.content.decode()
    assert form.status_code == 200 and 'data-testid="from-meeting"' in html and EVENT_TITLE in html
    assert f'value="{meeting.pk}"' in html and 'value="event_meeting" selected' in html
    # The investor prefilled is a side from outside Jiaxing (both are; the asking side first).
    assert f'value="{world.member_org.pk}"' in html
    response = officer.post("/projects/new/", {
        "name_zh": "埃夫特嘉兴基地", "investor": world.member_org.pk, "region": "330402", "activity": "manufacturing",
        "kind": "new", "source": "event_meeting", "meeting": meeting.pk,
    })
    assert response.status_code == 302, response.context["form"].errors
    project = Project.objects.get()
    assert (project.source, project.meeting_id, project.city) == ("event_meeting", meeting.pk, world.regions["330400"])
    page = officer.get(f"/projects/{project.pk}/").content.decode()
    assert 'data-testid="project-origin" data-kind="meeting"' in page and EVENT_TITLE in page
    assert world.owner_org.name in page
    # The meeting shows the project, to those who may see the project.
    board = officer.get(f"/events/{meeting.event_id}/meetings/manage/").content.decode()
    assert f'href="/projects/{project.pk}/" data-testid="linked-project"' in board
    agenda = _client(world.users["member"]).get(f"/events/{meeting.event_id}/meetings/").content.decode()
    assert "埃夫特嘉兴基地" in agenda  # the investor's own users see it
    agenda = _client(world.users["owner"]).get(f"/events/{meeting.event_id}/meetings/").content.decode()
    assert "埃夫特嘉兴基地" not in agenda and "linked-project" not in agenda  # the other side may not


def test_a_lead_from_a_meeting_hides_the_event_from_who_may_not_see_it(world, wuhu_officer):
    """The secretariat starts the lead for Wuhu; Wuhu's officer manages the project but did not organise the
    event: the page says "meeting at an event" and nothing of it."""
    meeting = held_meeting(world, "interest")
    secretariat = _client(world.users["secretariat"])
    response = secretariat.post("/projects/new/", {
        "name_zh": "国自芜湖项目", "investor": world.owner_org.pk, "region": "340200", "activity": "manufacturing",
        "kind": "new", "source": "investor", "meeting": meeting.pk,
    })
    assert response.status_code == 302, response.context["form"].errors
    project = Project.objects.get()
    assert project.source == "event_meeting"  # the link decides the source
    url = f"/projects/{project.pk}/"
    wuhu = _client(wuhu_officer).get(url).content.decode()
    assert 'data-kind="meeting"' in wuhu and EVENT_TITLE not in wuhu and world.member_org.name_zh not in wuhu
    assert EVENT_TITLE in secretariat.get(url).content.decode()
    assert EVENT_TITLE in _client(world.users["owner"]).get(url).content.decode()  # investor: a side
    expect_matrix(world, "get", url, {"visitor": 404, "owner": 200, "member": 404, "outsider": 404,
                                      "secretariat": 200, "officer": 404, "admin": 200})
    # Wuhu's officer cannot start a lead from that meeting: no prefill, and the service refuses it.
    form = _client(wuhu_officer).get(f"/projects/new/?meeting={meeting.pk}").content.decode()
    assert EVENT_TITLE not in form and 'data-testid="from-meeting"' not in form
    refused = _client(wuhu_officer).post("/projects/new/", {
        "name_zh": "偷看", "investor": world.owner_org.pk, "region": "340202", "activity": "manufacturing",
        "kind": "new", "source": "event_meeting", "meeting": meeting.pk})
    assert refused.status_code == 422 and Project.objects.count() == 1


def test_who_may_start_a_lead_from_a_meeting(world, wuhu_officer):
    meeting = held_meeting(world, "agreement")
    expect_matrix(world, "get", f"/projects/new/?meeting={meeting.pk}", {
        "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 200, "officer": 200, "admin": 200})
    # A meeting with no follow-up starts nothing; the investor must be one of its sides.
    dull = held_meeting(world, "none", other_outcome="none")
    with pytest.raises(ValidationError) as refused:
        services.create_project(world.users["officer"], {
            "name_zh": "无", "investor": world.member_org.pk, "region": "330402", "meeting": dull.pk})
    assert "meeting" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.create_project(world.users["officer"], {
            "name_zh": "外人", "investor": world.outsider_org.pk, "region": "330402", "meeting": meeting.pk})
    assert "investor" in refused.value.message_dict
    assert Project.objects.count() == 0


# -- 2. matchmaking → projects -------------------------------------------------------------------------


def test_the_secretariat_turns_an_interest_into_a_lead_for_a_city(world, wuhu_officer):
    interest = accepted_interest(world)
    secretariat = _client(world.users["secretariat"])
    detail = secretariat.get(f"/matching/{interest.listing_id}/").content.decode()
    assert f'href="/projects/new/?interest={interest.pk}"' in detail
    form = secretariat.get(f"/projects/new/?interest={interest.pk}").content.decode()
    assert 'data-testid="from-interest"' in form and LISTING_TITLE in form
    assert f'value="{world.owner_org.pk}"' in form  # the offering side is the investor
    response = secretariat.post("/projects/new/", {
        "name_zh": "国自芜湖减速器项目", "investor": world.owner_org.pk, "region": "340200",
        "activity": "manufacturing", "kind": "new", "source": "matchmaking", "interest": interest.pk,
    })
    assert response.status_code == 302, response.context["form"].errors
    project = Project.objects.get()
    assert (project.source, project.interest_id) == ("matchmaking", interest.pk)
    url = f"/projects/{project.pk}/"
    # Wuhu's officer manages the project but is given nothing of the interest (an alliance-only listing,
    # the parties' messages): only that it came from matchmaking.
    wuhu = _client(wuhu_officer).get(url).content.decode()
    assert 'data-kind="interest"' in wuhu and LISTING_TITLE not in wuhu and world.member_org.name_zh not in wuhu
    assert _client(wuhu_officer).get(f"/matching/{interest.listing_id}/").status_code == 404
    for role in ("secretariat", "owner", "admin"):
        assert LISTING_TITLE in _client(world.users[role]).get(url).content.decode(), role
    # The interest shows the project to whoever sees both.
    detail = secretariat.get(f"/matching/{interest.listing_id}/").content.decode()
    assert f'href="{url}" data-testid="linked-project"' in detail
    member = _client(world.users["member"]).get(f"/matching/{interest.listing_id}/").content.decode()
    assert "国自芜湖减速器项目" not in member  # a party, but not the project's reader


def test_an_officer_cannot_start_a_lead_from_an_interest_they_may_not_see(world):
    interest = accepted_interest(world)
    officer = _client(world.users["officer"])
    form = officer.get(f"/projects/new/?interest={interest.pk}").content.decode()
    assert LISTING_TITLE not in form and 'data-testid="from-interest"' not in form
    refused = officer.post("/projects/new/", {
        "name_zh": "偷看", "investor": world.owner_org.pk, "region": "330402", "activity": "manufacturing",
        "kind": "new", "source": "matchmaking", "interest": interest.pk})
    assert refused.status_code == 422 and not Project.objects.exists()
    # An interest not yet accepted starts nothing, even for the secretariat.
    fresh = matching.express_interest(world.users["outsider"], interest.listing, organisation=world.outsider_org) \
        if Listing.objects.restrict(world.users["outsider"]).filter(pk=interest.listing_id).exists() else None
    assert fresh is None  # alliance-only: the outsider does not even see the listing
    Listing.objects.filter(pk=interest.listing_id).update(visibility=Listing.Visibility.PUBLIC)
    fresh = matching.express_interest(world.users["outsider"], interest.listing, organisation=world.outsider_org)
    with pytest.raises(ValidationError) as refused_exc:
        services.create_project(world.users["secretariat"], {
            "name_zh": "太早", "investor": world.owner_org.pk, "region": "340202", "interest": fresh.pk})
    assert "interest" in refused_exc.value.message_dict


# -- 4. the funnel -------------------------------------------------------------------------------------


def test_meeting_outcomes_and_leads_join_the_matching_funnel(world):
    held_meeting(world, "agreement", other_outcome="interest")
    rows = {r["key"]: r for r in matching.funnel("alliance", viewer=None)}
    row = rows[world.alliance.pk]
    assert (row["event_meetings"], row["event_interest"], row["event_agreements"]) == (1, 1, 1)
    by_city = {r["key"]: r for r in matching.funnel("city")}
    assert by_city[world.regions["330400"].pk]["event_meetings"] == 1  # the event's city (Jiaxing)
    interest = accepted_interest(world)
    services.create_project(world.users["secretariat"], {
        "name_zh": "国自芜湖减速器项目", "investor": world.owner_org.pk, "region": "340202", "interest": interest.pk})
    # A lead before signing is confidential: counted for its readers, not for a visitor.
    assert {r["key"]: r for r in matching.funnel("alliance", viewer=world.users["secretariat"])}[world.alliance.pk]["projects"] == 1
    assert {r["key"]: r for r in matching.funnel("alliance", viewer=None)}[world.alliance.pk]["projects"] == 0
    page = Client().get("/matching/funnel/").content.decode()
    assert 'data-testid="funnel-event-meetings">1<' in page and 'data-testid="funnel-projects">0<' in page
    api = _client(world.users["secretariat"]).get("/api/matching/funnel?by=alliance").json()
    assert next(r for r in api if r["key"] == world.alliance.pk)["projects"] == 1


def test_the_api_names_the_origin_only_to_who_may_see_it(world, wuhu_officer):
    meeting = held_meeting(world, "agreement")
    created = _client(world.users["secretariat"]).post("/api/projects", {
        "name_zh": "国自芜湖项目", "investor": world.owner_org.pk, "region": "340200", "meeting": meeting.pk},
        content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["source"] == "event_meeting" and body["origin"]["event_title"] == EVENT_TITLE
    seen = _client(wuhu_officer).get(f"/api/projects/{body['id']}").json()
    assert seen["origin"] == {"kind": "meeting", "hidden": True, "meeting": None, "event": None, "event_title": None,
                              "interest": None, "listing": None, "listing_title": None, "parties": []}
    assert EVENT_TITLE not in str(seen)
