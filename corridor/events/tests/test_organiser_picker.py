"""Who runs an alliance or a region names the event's organiser with the shared organisation picker (by name,
among the organisations they may see); an organisation's staff choose among their own; a hidden one is refused."""

from __future__ import annotations

import pytest

from corridor.events.models import Event
from corridor.events.tests.helpers import make_event, soon

pytestmark = pytest.mark.django_db


def _form(world, **extra):
    day = soon().date().isoformat()
    return {"kind": "forum", "title_zh": "机器人产业对接会", "alliance": world.alliance.pk, "starts_at": f"{day}T09:00",
            "ends_at": f"{day}T12:00", "visibility": "public", "waiting_list": "on", **extra}


def test_the_secretariat_gets_the_picker_and_staff_their_own_organisations(world):
    page = world.client_for("secretariat").get("/events/new/").content.decode()
    assert 'name="organiser" id="id_organiser" list="org-picker-organiser"' in page and 'hx-get="/organisations/autocomplete/"' in page
    assert '<select name="organiser"' not in page
    staff = world.client_for("member").get("/events/new/").content.decode()
    assert '<select name="organiser"' in staff and "org-picker-organiser" not in staff


def test_a_picked_organisation_becomes_the_organiser_and_is_named_on_edit(world):
    client = world.client_for("secretariat")
    response = client.post("/events/new/", _form(world, organiser=str(world.member_org.pk)))
    assert response.status_code == 302, response.content.decode()[:1000]
    event = Event.objects.get()
    assert event.organiser == world.member_org
    page = client.get(f"/events/{event.pk}/edit/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert f'value="{world.member_org.pk}"' in page
    assert 'data-testid="org-picker-chosen-organiser"' in page and world.member_org.name_zh in page


def test_a_hidden_or_unknown_organisation_is_refused(world):
    from corridor.orgs.models import Organisation

    client = world.client_for("secretariat")
    hidden = world.unlisted_org
    assert not Organisation.objects.restrict(world.users["secretariat"]).filter(pk=hidden.pk).exists()
    for typed in (str(hidden.pk), "999999", hidden.name_zh):
        response = client.post("/events/new/", _form(world, organiser=typed), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 422, typed
        body = response.content.decode()
        assert 'data-testid="error-organiser"' in body and "Choose an organisation from the list" in body
    assert not Event.objects.exists()


def test_staff_still_choose_among_their_own(world):
    make_event(world)  # (the helper's event; not ours)
    client = world.client_for("member")
    before = Event.objects.count()
    response = client.post("/events/new/", _form(world, alliance="", organiser=str(world.member_org.pk)))
    assert response.status_code == 302, response.content.decode()[:1000]
    assert Event.objects.count() == before + 1
    response = client.post("/events/new/", _form(world, alliance="", organiser=str(world.owner_org.pk)))
    assert response.status_code == 422  # not one of theirs: not a choice


def test_an_event_keeps_an_organiser_its_editor_may_not_see(world):
    hidden = world.unlisted_org
    event = make_event(world, organiser=hidden)
    client = world.client_for("secretariat")
    day = soon().date().isoformat()
    response = client.post(f"/events/{event.pk}/edit/", _form(world, title_zh="改名的活动", organiser=str(hidden.pk),
                                                              starts_at=f"{day}T10:00", ends_at=f"{day}T11:00"))
    assert response.status_code == 302, response.content.decode()[:1000]
    event.refresh_from_db()
    assert event.title_zh == "改名的活动" and event.organiser == hidden
    page = client.get(f"/events/{event.pk}/edit/").content.decode()
    assert f'value="{hidden.pk}"' in page and hidden.name_zh not in page  # kept, by number, not named
