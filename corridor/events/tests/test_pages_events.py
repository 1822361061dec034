"""Event pages: list, create and edit through the forms, bad input answered next to the field."""

from __future__ import annotations

import pytest

from corridor.core.testing import expect_matrix
from corridor.events import services
from corridor.events.models import Event, Registration
from corridor.events.tests.helpers import make_event, more_members, soon

pytestmark = pytest.mark.django_db


def test_list_shows_what_each_may_see(world):
    make_event(world, title_zh="公开论坛")
    make_event(world, title_zh="会员闭门会", visibility="members")
    assert "会员闭门会" not in world.client_for("visitor").get("/events/").content.decode()
    page = world.client_for("member").get("/events/").content.decode()
    assert "公开论坛" in page and "会员闭门会" in page
    expect_matrix(world, "get", "/events/new/", {"visitor": 302, "owner": 200, "member": 200, "outsider": 200,
                                                 "secretariat": 200, "officer": 200, "admin": 200})


def test_create_through_the_form_with_agenda_and_types(world):
    client = world.client_for("secretariat")
    day = soon().date().isoformat()
    form = {"kind": "forum", "title_zh": "招商推介会", "alliance": world.alliance.pk, "starts_at": f"{day}T09:00",
            "ends_at": f"{day}T12:00", "visibility": "public", "waiting_list": "on",
            "agenda": "09:00-09:30 | 开幕 | Opening\n09:30-11:00 | 推介 | Pitches | 张三",
            "types": "企业 | Enterprises | 20\n投资机构 | Investors"}
    response = client.post("/events/new/", {**form, "agenda": "9点 | 开幕"})
    assert response.status_code == 422 and "议程第 1 行" in response.content.decode()
    response = client.post("/events/new/", {**form, "types": "企业 | Enterprises | many"})
    assert response.status_code == 422
    assert not Event.objects.exists()
    response = client.post("/events/new/", form)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.sessions.count() == 2 and list(event.registration_types.values_list("capacity", flat=True)) == [20, None]


def test_edit_raises_capacity_and_the_waiting_list_moves_up(world):
    event = make_event(world, capacity=1)
    a, b = more_members(world, 2)
    services.register(a, event, organisation=world.member_org)
    waiting = services.register(b, event, organisation=world.member_org)
    url = f"/events/{event.pk}/edit/"
    expect_matrix(world, "get", url, {"visitor": 302, "owner": 403, "member": 403, "outsider": 403,
                                      "secretariat": 200, "officer": 403, "admin": 200})
    day = soon().date().isoformat()
    data = {"kind": "forum", "title_zh": event.title_zh, "alliance": world.alliance.pk, "starts_at": f"{day}T09:00",
            "ends_at": f"{day}T17:00", "visibility": "public", "capacity": 2, "waiting_list": "on"}
    response = world.client_for("secretariat").post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Registration.objects.get(pk=waiting.pk).status == "approved"
    response = world.client_for("secretariat").post(url, {**data, "capacity": 1})
    assert response.status_code == 422  # two places are taken
    assert Event.objects.get(pk=event.pk).capacity == 2
