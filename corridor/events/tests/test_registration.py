"""Registration workflow: places and caps, waiting list moving up, approval, cancellation, check-in once,
visibility of members-only events, QR and .ics of the confirmation."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.core.errors import Conflict
from corridor.core.testing import expect_matrix
from corridor.events import documents, services
from corridor.events.models import Event, Registration
from corridor.events.tests.helpers import make_event, more_members, soon
from corridor.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_register_confirms_at_once_and_gives_a_code(world):
    event = make_event(world)
    registration = services.register(world.users["member"], event, organisation=world.member_org)
    assert registration.status == "approved"
    assert len(registration.code) == services.CODE_LENGTH
    event.refresh_from_db()
    assert event.taken == 1


def test_capacity_fills_then_waiting_list_moves_up_on_cancel(world):
    event = make_event(world, capacity=2)
    a, b, c, d = more_members(world, 4)
    first = services.register(a, event, organisation=world.member_org)
    second = services.register(b, event, organisation=world.member_org)
    third = services.register(c, event, organisation=world.member_org)
    fourth = services.register(d, event, organisation=world.member_org)
    assert [r.status for r in (first, second, third, fourth)] == ["approved", "approved", "waitlisted", "waitlisted"]
    services.cancel(a, first)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == "approved"  # first in line moves up
    assert fourth.status == "waitlisted"
    assert Notification.objects.filter(user=c, message__contains="place came free").exists()
    event.refresh_from_db()
    assert event.taken == 2
    # Leaving the waiting list frees no place and moves nobody.
    services.cancel(d, fourth)
    event.refresh_from_db()
    assert event.taken == 2


def test_without_waiting_list_a_full_event_refuses(world):
    event = make_event(world, capacity=1, waiting_list=False)
    a, b = more_members(world, 2)
    services.register(a, event, organisation=world.member_org)
    with pytest.raises(ValidationError) as exc:
        services.register(b, event, organisation=world.member_org)
    assert "event" in exc.value.message_dict
    assert Registration.objects.filter(event=event).count() == 1


def test_type_caps_inside_the_capacity(world):
    event = make_event(world, capacity=10, types=[
        {"name_zh": "投资机构", "name_en": "Investors", "capacity": 1},
        {"name_zh": "企业", "name_en": "Enterprises", "capacity": None},
    ])
    investors, enterprises = event.registration_types.all()
    a, b, c = more_members(world, 3)
    assert services.register(a, event, organisation=world.member_org, type=investors).status == "approved"
    assert services.register(b, event, organisation=world.member_org, type=investors).status == "waitlisted"
    assert services.register(c, event, organisation=world.member_org, type=enterprises).status == "approved"
    event.refresh_from_db()
    investors.refresh_from_db()
    assert (event.taken, investors.taken) == (2, 1)
    with pytest.raises(ValidationError) as exc:  # a type is required when the event has types
        services.register(world.users["owner"], event, organisation=world.owner_org)
    assert "type" in exc.value.message_dict


def test_approval_required_holds_the_place_until_rejected(world):
    event = make_event(world, capacity=1, approval_required=True)
    a, b = more_members(world, 2)
    pending = services.register(a, event, organisation=world.member_org)
    waiting = services.register(b, event, organisation=world.member_org)
    assert (pending.status, waiting.status) == ("pending", "waitlisted")
    with pytest.raises(PermissionDenied):
        services.approve(world.users["member"], pending)
    services.reject(world.users["secretariat"], pending, "Not this time")
    waiting.refresh_from_db()
    assert waiting.status == "pending"  # moved up, still to be approved
    services.approve(world.users["secretariat"], waiting)
    waiting.refresh_from_db()
    assert waiting.status == "approved"


def test_registering_twice_is_a_conflict(world):
    event = make_event(world)
    services.register(world.users["member"], event, organisation=world.member_org)
    with pytest.raises(Conflict):
        services.register(world.users["member"], event, organisation=world.member_org)


def test_deadline_and_organisation_rules(world):
    import datetime

    from django.utils import timezone

    event = make_event(world, registration_deadline=timezone.now() + datetime.timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.register(world.users["member"], event, organisation=world.member_org,
                          now=timezone.now() + datetime.timedelta(hours=2))
    with pytest.raises(PermissionDenied):  # not their organisation
        services.register(world.users["member"], event, organisation=world.owner_org)
    with pytest.raises(PermissionDenied):
        services.register(None, event)


def test_members_only_event_hidden_from_outsiders(world):
    event = make_event(world, visibility="members")
    assert not Event.objects.restrict(world.users["outsider"]).filter(pk=event.pk).exists()
    assert Event.objects.restrict(world.users["member"]).filter(pk=event.pk).exists()
    url = f"/events/{event.pk}/"
    expect_matrix(world, "get", url, {"visitor": 404, "owner": 200, "member": 200, "outsider": 404,
                                      "secretariat": 200, "officer": 404, "admin": 200})
    with pytest.raises(PermissionDenied):
        services.register(world.users["outsider"], event, organisation=world.outsider_org)


def test_draft_is_seen_by_organisers_only(world):
    event = make_event(world, status="draft")
    expect_matrix(world, "get", f"/events/{event.pk}/", {"visitor": 404, "owner": 404, "member": 404,
                                                         "outsider": 404, "secretariat": 200, "officer": 404, "admin": 200})
    services.publish_event(world.users["secretariat"], event)
    event.refresh_from_db()
    assert event.status == "published"


def test_check_in_once(world):
    event = make_event(world)
    registration = services.register(world.users["member"], event, organisation=world.member_org)
    with pytest.raises(PermissionDenied):
        services.check_in(world.users["member"], event, registration.code)
    # A scanner may give the confirmation URL; a person may type lower case with spaces.
    done = services.check_in(world.users["secretariat"], event, f" {registration.code.lower()} ")
    assert done.checked_in_at is not None
    with pytest.raises(Conflict) as exc:
        services.check_in(world.users["secretariat"], event, registration.code)
    assert done.name in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as bad:
        services.check_in(world.users["secretariat"], event, "NOSUCH99")
    assert "NOSUCH99" in bad.value.message_dict["code"][0]
    assert services.attendance(event)["checked_in"] == 1


def test_waitlisted_cannot_check_in(world):
    event = make_event(world, capacity=1)
    a, b = more_members(world, 2)
    services.register(a, event, organisation=world.member_org)
    waiting = services.register(b, event, organisation=world.member_org)
    with pytest.raises(ValidationError):
        services.check_in(world.users["secretariat"], event, waiting.code)


def test_event_rules_name_the_field(world):
    with pytest.raises(ValidationError) as exc:
        make_event(world, title_zh="", title_en="")
    assert "title_zh" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make_event(world, ends_at=soon(hour=8))
    assert "ends_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.create_event(world.users["member"], {"title_zh": "会员日", "organiser": world.member_org,
                                                      "visibility": "members", "starts_at": soon(), "ends_at": soon(hour=12)})
    assert "alliance" in exc.value.message_dict
    with pytest.raises(PermissionDenied):  # the secretariat may not organise for another alliance
        make_event(world, alliance=world.other_alliance)
    assert not Event.objects.exists()


def test_organisers_by_role(world):
    # An organisation's staff for their own events; an officer for their region; not for others'.
    own = services.create_event(world.users["member"], {
        "title_zh": "埃夫特开放日", "organiser": world.member_org, "starts_at": soon(), "ends_at": soon(hour=12)})
    assert services.may_manage(world.users["member"], own)
    assert not services.may_manage(world.users["owner"], own)
    city = services.create_event(world.users["officer"], {
        "title_zh": "嘉兴招商推介会", "kind": "investment_fair", "region": world.regions["330402"],
        "starts_at": soon(), "ends_at": soon(hour=12)})
    assert services.may_manage(world.users["officer"], city)
    with pytest.raises(PermissionDenied):
        services.create_event(world.users["officer"], {
            "title_zh": "芜湖", "region": world.regions["340200"], "starts_at": soon(), "ends_at": soon(hour=12)})


def test_confirmation_page_has_qr_and_ics(world):
    event = make_event(world)
    registration = services.register(world.users["member"], event, organisation=world.member_org)
    url = f"/events/registrations/{registration.pk}/"
    expect_matrix(world, "get", url, {"visitor": 302, "owner": 404, "member": 200, "outsider": 404,
                                      "secretariat": 200, "officer": 404, "admin": 200})
    page = world.client_for("member").get(url).content.decode()
    assert "<svg" in page and registration.code in page
    ics = world.client_for("member").get(f"{url}event.ics")
    assert ics["Content-Type"].startswith("text/calendar")
    text = ics.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert f"DTSTART:{event.starts_at.astimezone(documents.datetime.UTC):%Y%m%dT%H%M%SZ}" in text
    assert registration.code in text.replace("\r\n ", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_qr_encodes_the_code():
    svg = documents.qr_svg("ABCD2345")
    assert svg.startswith("<svg") and "ABCD2345" in svg  # the title carries it too


def test_ics_escapes_and_folds():
    import datetime

    start = datetime.datetime(2027, 3, 18, 9, tzinfo=datetime.UTC)
    item = documents.CalendarItem("x@y", start, start + datetime.timedelta(hours=1), "A, B; C\\D",
                                  description="长" * 60)
    text = documents.ics([item])
    assert "SUMMARY:A\\, B\\; C\\\\D" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "DESCRIPTION:" + "长" * 60 in unfolded


def test_check_in_page_matrix_and_post(world):
    event = make_event(world)
    registration = services.register(world.users["member"], event, organisation=world.member_org)
    url = f"/events/{event.pk}/check-in/"
    expect_matrix(world, "get", url, {"visitor": 302, "owner": 403, "member": 403, "outsider": 403,
                                      "secretariat": 200, "officer": 403, "admin": 200})
    client = world.client_for("secretariat")
    ok = client.post(url, {"code": registration.code})
    assert ok.status_code == 200 and "check-in-result" in ok.content.decode()
    again = client.post(url, {"code": registration.code})
    assert again.status_code == 409
    bad = client.post(url, {"code": "ZZZZ"})
    assert bad.status_code == 422


def test_registrations_page_and_export_for_organisers_only(world):
    event = make_event(world)
    services.register(world.users["member"], event, organisation=world.member_org)
    for suffix in ("registrations/", "registrations.xlsx"):
        expect_matrix(world, "get", f"/events/{event.pk}/{suffix}", {
            "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 200, "officer": 403,
            "admin": 200})


def test_register_through_the_page(world):
    event = make_event(world)
    client = world.client_for("member")
    response = client.post(f"/events/{event.pk}/", {"organisation": world.member_org.pk, "name": "张三"})
    registration = Registration.objects.get(event=event)
    assert response.status_code == 302 and response["Location"].endswith(f"/registrations/{registration.pk}/")
    assert registration.name == "张三"
    # Not for an organisation one does not belong to: the form refuses it (422), nothing is written.
    response = world.client_for("owner").post(f"/events/{event.pk}/", {"organisation": world.member_org.pk})
    assert response.status_code == 422
    assert Registration.objects.filter(event=event).count() == 1


def test_reminders_the_day_before_once(world):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    event = make_event(world, starts_at=timezone.now() + datetime.timedelta(hours=20),
                       ends_at=timezone.now() + datetime.timedelta(hours=26))
    later = make_event(world, title_zh="下月论坛")
    registration = services.register(world.users["member"], event, organisation=world.member_org)
    services.register(world.users["member"], later, organisation=world.member_org)
    call_command("events", "remind")
    assert services.send_reminders() == 0  # once
    reminders = Notification.objects.filter(user=world.users["member"], message__startswith="Reminder")
    assert reminders.count() == 1 and registration.code in reminders.get().params["code"]


def test_header_search_finds_events_by_rule(world):
    make_event(world, title_zh="机器人会员闭门会", visibility="members")
    assert "机器人会员闭门会" in world.client_for("member").get("/search/", {"q": "闭门会"}).content.decode()
    assert "机器人会员闭门会" not in world.client_for("outsider").get("/search/", {"q": "闭门会"}).content.decode()
    assert "机器人会员闭门会" not in world.client_for("visitor").get("/search/", {"q": "闭门会"}).content.decode()
