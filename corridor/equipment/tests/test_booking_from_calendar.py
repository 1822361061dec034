"""A free calendar cell leads to the booking form with its time; the fee is estimated before booking by
the same code that charges it at completion."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client

from corridor.core.testing import PASSWORD
from corridor.equipment import services
from corridor.equipment.models import Booking
from corridor.equipment.testing import at, build_equip_world


@pytest.fixture
def ew(world):
    return build_equip_world(world)


def test_free_cells_link_to_the_prefilled_form_and_past_or_taken_ones_do_not(ew, world):
    start = at(2, 10)
    services.request_series(world.users["member"], ew.bench, world.member_org, start, start + datetime.timedelta(hours=1))
    client = Client()
    client.login(username="member", password=PASSWORD)
    week = start.date().isoformat()
    body = client.get(f"/equipment/{ew.bench.pk}/", {"week": week}).content.decode()
    links = re.findall(r'data-start="([^"]+)"><a href="\?week=[^&]+&amp;starts_at=([^&]+)&amp;ends_at=([^#]+)#booking-form"', body)
    starts = {s for s, _a, _b in links}
    assert f"{start + datetime.timedelta(hours=1):%Y-%m-%dT%H:%M}" in starts
    assert f"{start:%Y-%m-%dT%H:%M}" not in starts  # taken
    assert all(s == a for s, a, _b in links)
    # The link's page fills the form with that time and shows the fee of it.
    free = start + datetime.timedelta(hours=1)
    page = client.get(f"/equipment/{ew.bench.pk}/", {"starts_at": f"{free:%Y-%m-%dT%H:%M}",
                                                     "ends_at": f"{free + datetime.timedelta(hours=1):%Y-%m-%dT%H:%M}"})
    html = page.content.decode()
    assert f'value="{free:%Y-%m-%dT%H:%M}"' in html
    assert 'data-total="800.00"' in html  # one hour at 800, no samples


def test_no_cell_of_a_past_week_is_bookable(ew):
    body = Client().get(f"/equipment/{ew.bench.pk}/", {"week": "2020-01-06"}).content.decode()
    assert 'data-testid="slot"' in body and 'data-testid="slot-book"' not in body


@pytest.mark.parametrize(("language", "total"), [("en", "¥9,600.00"), ("zh-hans", "9,600.00 元")])
def test_estimate_follows_duration_samples_and_repeats_in_the_viewers_language(ew, language, total):
    start = at(3, 9)
    response = Client(headers={"accept-language": language}).get(f"/equipment/{ew.bench.pk}/estimate/", {
        "starts_at": f"{start:%Y-%m-%dT%H:%M}", "ends_at": f"{start + datetime.timedelta(hours=2):%Y-%m-%dT%H:%M}",
        "samples": "4", "repeat": "weekly", "count": "4",
    })
    assert response.status_code == 200 and "<html" not in response.content.decode()
    html = response.content.decode()
    assert 'data-total="9600.00"' in html and total in html  # 4 × (2 h × 800 + 4 × 200)


def test_estimate_without_times_asks_for_them(ew):
    html = Client(headers={"accept-language": "en"}).get(f"/equipment/{ew.bench.pk}/estimate/").content.decode()
    assert "data-total" not in html and "Choose the times" in html


def test_the_fee_charged_at_completion_is_the_estimate(ew, world):
    start = at(1, 14)
    end = start + datetime.timedelta(minutes=90)
    estimate = services.estimate_fee(ew.bench, start, end, samples=3)
    booking = services.request_series(world.users["member"], ew.bench, world.member_org, start, end, samples=3).booked[0]
    services.approve_booking(world.users["owner"], booking)
    usage = services.complete_booking(world.users["owner"], Booking.objects.get(pk=booking.pk), now=end)
    assert usage.fee == estimate.total == Decimal("1800.00")  # 1.5 h × 800 + 3 × 200
