"""Equipment pages in both languages, the booking form's per-occurrence report, and who sees what."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from corridor.core.testing import expect_matrix
from corridor.equipment import services, vouchers
from corridor.equipment.models import Booking
from corridor.equipment.testing import at, build_equip_world, completed_booking


@pytest.fixture
def ew(world):
    return build_equip_world(world)


@pytest.mark.parametrize(("language", "text"), [("zh-hans", "共享仪器"), ("en", "Shared equipment")])
def test_catalogue_and_instrument_pages_in_both_languages(ew, language, text):
    client = Client(headers={"accept-language": language})
    response = client.get("/equipment/", {"q": "减速器"})
    assert response.status_code == 200
    body = response.content.decode()
    assert text in body and ("RV减速器综合性能试验台" in body or "RV reducer" in body)
    response = client.get(f"/equipment/{ew.bench.pk}/")
    assert response.status_code == 200 and 'data-testid="calendar"' in response.content.decode()
    for url in ("/equipment/vouchers/", f"/equipment/vouchers/{ew.programme.pk}/", "/equipment/utilisation/"):
        assert client.get(url).status_code == 200, url


def test_htmx_asks_for_results_only(ew):
    response = Client().get("/equipment/", {"q": "reducer"}, headers={"hx-request": "true"})
    assert response.status_code == 200 and "<html" not in response.content.decode()


def _form(start, end, **extra):
    return {"organisation": "", "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": end.strftime("%Y-%m-%dT%H:%M"),
            "repeat": "none", "count": "1", "samples": "0", "purpose": "", **extra}


def test_booking_form_books_and_reports_each_clashing_occurrence(ew, world):
    client = world.client_for("member")
    url = f"/equipment/{ew.bench.pk}/"
    response = client.post(url, _form(at(1, 9), at(1, 11), organisation=world.member_org.pk))
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/equipment/bookings/{booking.pk}/"
    response = client.post(url, _form(at(1, 10), at(1, 12), organisation=world.member_org.pk, repeat="daily", count="2"),
                           headers={"accept-language": "en"})
    assert response.status_code == 422
    assert response.content.decode().count('data-testid="clash"') == 1
    assert "Occurrence 1" in response.content.decode()
    assert Booking.objects.count() == 1
    # Booking for an organisation the user does not belong to is not even offered.
    response = client.post(url, _form(at(2, 9), at(2, 11), organisation=world.owner_org.pk))
    assert response.status_code == 422 and Booking.objects.count() == 1


def test_approval_on_the_page_only_by_the_owner(ew, world):
    booking = services.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 11))
    url = f"/equipment/bookings/{booking.pk}/approve/"
    expect_matrix(world, "post", url, {
        "visitor": 302, "owner": 302, "member": 403, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 302,
    })
    booking.refresh_from_db()
    assert booking.status == "approved" and booking.decided_by == world.users["owner"]


def test_member_cannot_approve_on_the_page(ew, world):
    booking = services.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 11))
    response = world.client_for("member").post(f"/equipment/bookings/{booking.pk}/approve/")
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.status == "requested"


def test_who_sees_the_booking_page_and_voucher_balances(ew, world):
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "3456.78")
    booking = completed_booking(ew)
    expect_matrix(world, "get", f"/equipment/bookings/{booking.pk}/", {
        "visitor": 302, "owner": 200, "member": 200, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200,
    })
    for role in ("visitor", "owner", "outsider", "secretariat", "officer"):
        body = world.client_for(role).get("/equipment/vouchers/").content.decode()
        # Amounts are shown formatted (3,456.78 元): look for them as shown, or the check proves nothing.
        assert "3,456.78" not in body, role
        body = world.client_for(role).get(f"/equipment/vouchers/{ew.programme.pk}/").content.decode()
        assert "3,456.78" not in body, role
    assert "3,456.78" in world.client_for("member").get("/equipment/vouchers/").content.decode()
    # The booking page offers the holder the voucher and redeems it.
    page = world.client_for("member").get(f"/equipment/bookings/{booking.pk}/").content.decode()
    assert 'data-testid="redeem-form"' in page
    response = world.client_for("member").post(f"/equipment/bookings/{booking.pk}/redeem/", {
        "voucher": voucher.pk, "amount": "900", "contract_ref": "HT-2026-001", "receipt_ref": "FP-0001"})
    assert response.status_code == 302
    voucher.refresh_from_db()
    assert str(voucher.balance) == "2556.78"


def test_settlement_export_only_for_the_programmes_officers(ew, world):
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "1000")
    vouchers.redeem(world.users["member"], voucher, completed_booking(ew), "400", contract_ref="HT", receipt_ref="FP")
    url = f"/equipment/vouchers/{ew.programme.pk}/settlement.xlsx"
    expect_matrix(world, "get", url, {
        "visitor": 302, "owner": 404, "member": 404, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200,
    })
    officer = Client()
    officer.force_login(ew.wuhu_officer)
    book = load_workbook(io.BytesIO(officer.get(url).content))
    assert list(book.worksheets[0].iter_rows(values_only=True))[1][:5] == ("芜湖市", "杭州市", 1, 1800.0, 400.0)
    page = officer.get(f"/equipment/vouchers/{ew.programme.pk}/").content.decode()
    assert 'data-testid="settlement-row"' in page


def test_an_officer_creates_a_programme_on_the_page(ew, world):
    officer = Client()
    officer.force_login(ew.wuhu_officer)
    page = officer.get("/equipment/vouchers/").content.decode()
    assert 'data-testid="programme-form"' in page
    assert 'data-testid="programme-form"' not in world.client_for("member").get("/equipment/vouchers/").content.decode()
    data = {"issuer": world.regions["340200"].pk, "name_zh": "芜湖市检测券", "budget": "80000", "valid_from": "2026-01-01",
            "valid_until": "2026-12-31", "fee_share": "0.4", "provider_regions": [world.regions["330100"].pk]}
    response = officer.post("/equipment/vouchers/", data)
    assert response.status_code == 302
    assert world.client_for("member").post("/equipment/vouchers/", data).status_code == 403
    # A Jiaxing officer may only issue for Jiaxing.
    response = world.client_for("officer").post("/equipment/vouchers/", data)
    assert response.status_code == 422
