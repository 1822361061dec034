"""/api/events: lists and details through the rules, registration, decisions, check-in, bad input."""

from __future__ import annotations

import json

import pytest

from corridor.core.testing import expect_matrix
from corridor.events import services
from corridor.events.models import Event, Registration
from corridor.events.tests.helpers import make_event, soon

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body, default=str), content_type="application/json")


def test_list_and_detail_follow_visibility(world):
    public = make_event(world)
    members = make_event(world, visibility="members", title_zh="会员闭门会")
    ids = {row["id"] for row in world.client_for("visitor").get("/api/events").json()["items"]}
    assert public.pk in ids and members.pk not in ids
    ids = {row["id"] for row in world.client_for("member").get("/api/events").json()["items"]}
    assert {public.pk, members.pk} <= ids
    expect_matrix(world, "get", f"/api/events/{members.pk}", {"visitor": 404, "owner": 200, "member": 200,
                                                              "outsider": 404, "secretariat": 200, "officer": 404, "admin": 200})
    detail = world.client_for("secretariat").get(f"/api/events/{members.pk}").json()
    assert "manage" in detail["actions"]
    assert "manage" not in world.client_for("member").get(f"/api/events/{members.pk}").json()["actions"]


def test_create_register_check_in(world):
    secretariat = world.client_for("secretariat")
    response = post(secretariat, "/api/events", {
        "kind": "brokerage", "title_zh": "对接会", "alliance_id": world.alliance.pk, "starts_at": soon(),
        "ends_at": soon(hour=17), "capacity": 10,
        "sessions": [{"starts_at": soon(), "ends_at": soon(hour=10), "title_zh": "开幕"}],
        "registration_types": [{"name_en": "Enterprises", "capacity": 5}],
    })
    assert response.status_code == 201, response.content
    event = response.json()
    assert event["sessions"][0]["title_zh"] == "开幕" and event["registration_types"][0]["capacity"] == 5
    member = world.client_for("member")
    response = post(member, f"/api/events/{event['id']}/registrations", {
        "organisation_id": world.member_org.pk, "type_id": event["registration_types"][0]["id"]})
    assert response.status_code == 201, response.content
    registration = response.json()
    assert registration["status"] == "approved" and "cancel" in registration["actions"]
    again = post(member, f"/api/events/{event['id']}/registrations", {
        "organisation_id": world.member_org.pk, "type_id": event["registration_types"][0]["id"]})
    assert again.status_code == 409
    assert post(member, f"/api/events/{event['id']}/check-in", {"code": registration["code"]}).status_code == 403
    done = post(secretariat, f"/api/events/{event['id']}/check-in", {"code": registration["code"]})
    assert done.status_code == 200 and done.json()["attendance"]["checked_in"] == 1
    assert post(secretariat, f"/api/events/{event['id']}/check-in", {"code": registration["code"]}).status_code == 409
    # The organiser sees every registration, a member their own only, an outsider nothing.
    assert secretariat.get(f"/api/events/{event['id']}/registrations").json()["count"] == 1
    assert world.client_for("outsider").get(f"/api/events/{event['id']}/registrations").json()["count"] == 0


def test_bad_input_names_the_field(world):
    secretariat = world.client_for("secretariat")
    response = post(secretariat, "/api/events", {"title_zh": "", "alliance_id": world.alliance.pk,
                                                 "starts_at": soon(), "ends_at": soon(hour=17)})
    assert response.status_code == 422 and "title_zh" in response.json()["errors"]
    response = post(secretariat, "/api/events", {"title_zh": "x", "alliance_id": world.alliance.pk,
                                                 "starts_at": soon(), "ends_at": soon(hour=17), "capcity": 3})
    assert response.status_code == 422
    response = post(secretariat, "/api/events", {"title_zh": "x", "alliance_id": world.alliance.pk, "kind": "party",
                                                 "starts_at": soon(), "ends_at": soon(hour=17)})
    assert response.status_code == 422 and "kind" in response.json()["errors"]
    assert not Event.objects.exists()
    assert post(world.client_for("visitor"), "/api/events", {"title_zh": "x", "starts_at": soon(),
                                                             "ends_at": soon()}).status_code == 401


def test_cancel_over_the_api_moves_the_waiting_list(world):
    event = make_event(world, capacity=1)
    first = services.register(world.users["member"], event, organisation=world.member_org)
    second = services.register(world.users["owner"], event, organisation=world.owner_org)
    assert second.status == "waitlisted"
    assert post(world.client_for("outsider"), f"/api/events/registrations/{first.pk}/cancel", {}).status_code == 404
    response = post(world.client_for("member"), f"/api/events/registrations/{first.pk}/cancel", {"reason": "ill"})
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert Registration.objects.get(pk=second.pk).status == "approved"


def test_meetings_over_the_api(world):
    from corridor.events import meetings

    event = make_event(world, kind="brokerage", title_zh="对接会")
    meetings.set_slots(world.users["secretariat"], event, soon(hour=9), soon(hour=10), 20, 0, 2)
    mine = services.register(world.users["member"], event, organisation=world.member_org)
    theirs = services.register(world.users["owner"], event, organisation=world.owner_org)
    member, owner = world.client_for("member"), world.client_for("owner")
    response = post(member, f"/api/events/{event.pk}/meeting-requests", {"invitee_id": theirs.pk, "priority": 3})
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["actions"] == ["cancel", "view"]
    assert post(member, f"/api/events/{event.pk}/meeting-requests", {"invitee_id": theirs.pk}).status_code == 409
    assert post(member, f"/api/events/{event.pk}/meeting-requests", {"invitee_id": theirs.pk, "priority": 5}).status_code == 422
    assert post(member, f"/api/events/meeting-requests/{made['id']}/accept", {}).status_code == 403
    assert post(world.client_for("outsider"), f"/api/events/meeting-requests/{made['id']}/accept", {}).status_code == 404
    assert post(owner, f"/api/events/meeting-requests/{made['id']}/accept", {}).json()["status"] == "accepted"
    assert world.client_for("outsider").get(f"/api/events/{event.pk}/meeting-requests").json()["count"] == 0
    assert post(member, f"/api/events/{event.pk}/schedule", {}).status_code == 403
    assert member.get(f"/api/events/{event.pk}/schedule").status_code == 403
    meetings.schedule(world.users["secretariat"], event)
    assert member.get(f"/api/events/{event.pk}/agenda").json() == []  # not published yet
    assert post(world.client_for("secretariat"), f"/api/events/{event.pk}/schedule/publish", {}).json() == {"published": 1}
    a, b = member.get(f"/api/events/{event.pk}/agenda").json(), owner.get(f"/api/events/{event.pk}/agenda").json()
    assert (a[0]["slot_start"], a[0]["table"]) == (b[0]["slot_start"], b[0]["table"])
    assert a[0]["with_registration_id"] == theirs.pk and b[0]["with_registration_id"] == mine.pk
    assert len(world.client_for("secretariat").get(f"/api/events/{event.pk}/schedule").json()) == 1
