"""'Available in a window': the next free slots of a length, within opening hours, around bookings."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from corridor.equipment import services
from corridor.equipment.testing import SHANGHAI, at, build_equip_world, make_instrument


@pytest.fixture
def ew(world):
    return build_equip_world(world)


def _local(slots):
    return [(s.astimezone(SHANGHAI).strftime("%a %H:%M"), e.astimezone(SHANGHAI).strftime("%H:%M")) for s, e in slots]


def test_suggestions_skip_bookings_closed_days_and_the_lead_time(world, ew):
    monday = datetime.date(2030, 1, 7)  # a Monday, far enough ahead for any lead time
    lab = make_instrument(world.owner_org, world.regions["310117"], name_zh="扫描电镜", model_number="S-1", open_days="12345",
                          opens_at=datetime.time(9), closes_at=datetime.time(13), lead_hours=48)
    day = datetime.datetime.combine(monday, datetime.time(), tzinfo=SHANGHAI)
    services.request_booking(world.users["member"], lab, world.member_org, day.replace(hour=9, minute=30), day.replace(hour=11))
    now = day - datetime.timedelta(days=3)  # Friday before: Monday is beyond the 48 h lead time
    slots = services.next_free_slots(lab, 90, after=day, count=4, now=now)
    assert _local(slots) == [("Mon 11:00", "12:30"), ("Tue 09:00", "10:30"), ("Tue 10:30", "12:00"), ("Wed 09:00", "10:30")]
    for start, end in slots:  # every suggestion is one the booking rules accept
        assert services.rule_problems(lab, start, end, now) == []
    # Friday 13:00 onwards: the weekend is closed, and Monday's slot is the first.
    friday = day - datetime.timedelta(days=3)
    assert _local(services.next_free_slots(lab, 90, after=friday.replace(hour=12), count=1, now=now)) == [("Mon 11:00", "12:30")]
    # The lead time pushes the start: asked from "now" on Saturday 08:00, 48 h later is Monday 08:00.
    saturday = day - datetime.timedelta(days=2)
    assert _local(services.next_free_slots(lab, 60, count=1, now=saturday.replace(hour=8))) == [("Mon 11:00", "12:00")]


def test_length_outside_the_rules_is_refused(ew):
    with pytest.raises(ValidationError) as caught:
        services.next_free_slots(ew.bench, 5)
    assert "minutes" in caught.value.message_dict


def test_page_suggests_slots_that_fill_the_booking_form(ew, world):
    services.request_booking(world.users["member"], ew.bench, world.member_org, at(2, 8), at(2, 18))
    services.request_booking(world.users["member"], ew.bench, world.member_org, at(2, 18), at(2, 20))  # the whole day taken
    url = f"/equipment/{ew.bench.pk}/"
    first_day = at(2, 0).date().isoformat()
    response = Client(headers={"accept-language": "en"}).get(url, {"find_minutes": "120", "find_from": first_day})
    body = response.content.decode()
    assert response.status_code == 200 and body.count('data-testid="free-slot"') == 5
    assert f'data-suggested="{at(3, 8):%Y-%m-%dT%H:%M}"' in body and f'data-suggested="{at(2, 8):%Y-%m-%dT%H:%M}"' not in body
    chosen = f"?starts_at={at(3, 8):%Y-%m-%dT%H:%M}&ends_at={at(3, 10):%Y-%m-%dT%H:%M}"
    body = world.client_for("member").get(url + chosen).content.decode()
    assert f'value="{at(3, 8):%Y-%m-%dT%H:%M}"' in body and f'value="{at(3, 10):%Y-%m-%dT%H:%M}"' in body
    zh = Client(headers={"accept-language": "zh-hans"}).get(url, {"find_minutes": "5"}).content.decode()
    assert 'data-testid="find-error"' in zh and "时长" in zh
    assert 'data-testid="find-error"' in Client().get(url, {"find_minutes": "abc"}).content.decode()
