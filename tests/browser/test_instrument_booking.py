"""A member clicks a free calendar cell to book it and sees the fee before booking (headless Chromium)."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from corridor.core.testing import build_world
from corridor.equipment.testing import at, build_equip_world
from tests.browser.helpers import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW = 45_000


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    expect.set_options(timeout=SLOW)
    yield
    expect.set_options(timeout=5_000)


@pytest.mark.parametrize(("locale", "width", "one_hour", "with_samples"), [
    ("zh-CN", 390, "800.00 元", "1,400.00 元"), ("en-US", 1366, "¥800.00", "¥1,400.00"),
])
def test_click_a_free_cell_to_book_it_with_the_fee_estimated(new_page, locale, width, one_hour, with_samples):
    world = build_world()
    ew = build_equip_world(world)  # the bench: 800 per hour, 200 per sample, open 08:00–20:00 every day
    page = new_page(locale)
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "member")
    start = at(2, 10)
    page.goto(f"/equipment/{ew.bench.pk}/?week={start.date().isoformat()}")
    page.locator(f'[data-testid="slot"][data-start="{start:%Y-%m-%dT%H:%M}"] [data-testid="slot-book"]').click()
    expect(page.locator("#id_starts_at")).to_have_value(f"{start:%Y-%m-%dT%H:%M}")
    expect(page.locator("#id_ends_at")).to_have_value(f"{start + datetime.timedelta(hours=1):%Y-%m-%dT%H:%M}")
    estimate = page.get_by_test_id("fee-estimate")
    expect(estimate).to_contain_text(one_hour)
    # More samples: the estimate follows (1 h × 800 + 3 × 200), computed by the server as at completion.
    page.wait_for_load_state("load")
    page.locator("#id_samples").fill("3")
    page.locator("#id_samples").dispatch_event("change")
    expect(page.get_by_test_id("fee-estimate")).to_contain_text(with_samples)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1 or width > 400
    page.screenshot(path=f"/tmp/ux-instrument-{locale}-{width}.png", full_page=True)
    page.get_by_test_id("booking-submit").click()
    expect(page.get_by_test_id("booking-status")).to_have_attribute("data-status", "requested")
    expect(page).to_have_url(re.compile(r"/equipment/bookings/\d+/(#.*)?$"))
