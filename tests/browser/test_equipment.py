"""A Wuhu member books a Songjiang lab's instrument and pays part with a Wuhu innovation voucher (headless Chromium)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from corridor.accounts import services as accounts
from corridor.core.testing import PASSWORD, build_world
from corridor.equipment import vouchers
from corridor.equipment.models import Booking
from corridor.equipment.testing import at, build_equip_world, make_instrument
from corridor.orgs.services import create_organisation
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLOW_MACHINE_MS = 45_000



def is_search(response) -> bool:  # type: ignore[no-untyped-def]
    return "/equipment/?" in response.url and "q=" in response.url


@pytest.fixture(autouse=True)
def patient_assertions():  # type: ignore[no-untyped-def]
    """Under a loaded machine a page can take longer than Playwright's 5 s default for `expect`."""
    expect.set_options(timeout=SLOW_MACHINE_MS)
    yield
    expect.set_options(timeout=5_000)


def test_wuhu_member_books_a_songjiang_instrument_and_a_wuhu_voucher_pays_part(new_page):
    def open_page(locale: str):  # type: ignore[no-untyped-def]
        page = new_page(locale)
        page.set_default_timeout(SLOW_MACHINE_MS)
        return page

    world = build_world()
    ew = build_equip_world(world)  # the Wuhu programme: half the fee, providers in Shanghai or Zhejiang
    lab_org = create_organisation(None, {"name_zh": "G60松江检测认证服务中心", "name_en": "G60 Songjiang Testing Centre",
                                         "region": "310117", "kind": "institute"})
    lab_user = accounts.create_user("lab", PASSWORD)
    accounts.grant_role(lab_user, "member", organisation=lab_org)
    sem = make_instrument(lab_org, world.regions["310117"], name_zh="场发射扫描电子显微镜", name_en="Field-emission SEM",
                          maker="蔡司", model_number="Sigma 300", category="microscopy", rate_per_hour=Decimal("450"),
                          rate_per_sample=Decimal("100"))
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "5000")

    # The Wuhu member finds the Songjiang microscope by a Chinese word and books tomorrow 10:00–12:00.
    member = open_page("zh-CN")
    sign_in(member, "member")
    go(member, "nav-equipment")
    # htmx is a deferred script: typed before it has bound its triggers (a slow page under load), the
    # search would never be sent. Wait for it, then for the search. Leaving the box sends nothing more (the
    # filter form ignores the search box's change event), so no swap lands between press and release.
    member.wait_for_load_state("load")
    search = member.get_by_test_id("instrument-search")
    with member.expect_response(is_search):
        search.fill("电子显微镜")
    rows = member.get_by_test_id("instrument-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("松江")
    rows.first.get_by_test_id("instrument-link").click()
    expect(member).to_have_url(re.compile(rf"/equipment/{sem.pk}/$"))
    start = at(1, 10)
    member.locator("#id_starts_at").fill(start.strftime("%Y-%m-%dT%H:%M"))
    member.locator("#id_ends_at").fill((start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    member.locator("#id_samples").fill("3")
    member.get_by_test_id("booking-submit").click()
    expect(member.get_by_test_id("booking-status")).to_have_attribute("data-status", "requested")
    booking = Booking.objects.get(instrument=sem)
    assert booking.organisation == world.member_org and booking.starts_at == start

    # The slot now shows as taken on the public calendar, without saying by whom.
    visitor = open_page("en-US")
    visitor.goto(f"/equipment/{sem.pk}/")
    expect(visitor.locator(f'[data-testid="slot"][data-start="{start:%Y-%m-%dT%H:%M}"]')).to_have_attribute("data-state", "taken")
    expect(visitor.locator("main")).not_to_contain_text("Efort")

    # The lab approves.
    lab = open_page("en-US")
    sign_in(lab, "lab")
    lab.goto("/equipment/bookings/")
    lab.get_by_test_id("to-decide").get_by_test_id("booking-link").click()
    lab.get_by_test_id("approve").click()
    expect(lab.get_by_test_id("booking-status")).to_have_attribute("data-status", "approved")

    # Time passes: the booked morning is over (moved into the past, as the clock would).
    Booking.objects.filter(pk=booking.pk).update(
        starts_at=booking.starts_at - datetime.timedelta(days=3), ends_at=booking.ends_at - datetime.timedelta(days=3)
    )
    lab.reload()
    lab.locator("#id_hours").fill("2")
    lab.locator("#id_samples").fill("3")
    lab.get_by_test_id("complete").click()
    expect(lab.get_by_test_id("booking-status")).to_have_attribute("data-status", "completed")
    expect(lab.get_by_test_id("booking-usage")).to_contain_text("1200.00")  # 2 h × 450 + 3 × 100

    # The Wuhu voucher pays half the fee, with the contract and the receipt.
    member.reload()
    expect(member.get_by_test_id("booking-status")).to_have_attribute("data-status", "completed")
    member.locator("#id_amount").fill("600")
    member.locator("#id_contract_ref").fill("WH-CX-2026-0042")
    member.locator("#id_receipt_ref").fill("FP31008877")
    member.get_by_test_id("redeem").click()
    expect(member.get_by_test_id("redemptions")).to_contain_text("WH-CX-2026-0042")
    voucher.refresh_from_db()
    assert voucher.balance == Decimal("4400.00")
    member.goto("/equipment/vouchers/")
    expect(member.get_by_test_id("voucher-balance").first).to_have_text("4,400.00 元")

    # The Wuhu officer's settlement: Wuhu money paid a Songjiang provider.
    officer = open_page("zh-CN")
    sign_in(officer, "wuhu_officer")
    officer.goto(f"/equipment/vouchers/{ew.programme.pk}/")
    row = officer.get_by_test_id("settlement-row")
    expect(row).to_contain_text("芜湖市")
    expect(row).to_contain_text("松江区")
    expect(row).to_contain_text("600.00")
