"""The equipment API: catalogue filters, booking with approval, and who may see a booking or a voucher."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from corridor.core.testing import expect_matrix
from corridor.equipment import services, vouchers
from corridor.equipment.models import Booking
from corridor.equipment.testing import at, build_equip_world, completed_booking, make_instrument


@pytest.fixture
def ew(world):
    return build_equip_world(world)


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name_en"] for item in response.json()["items"]]


def test_catalogue_search_and_filters(ew, world):
    make_instrument(world.owner_org, world.regions["310117"], name_zh="场发射扫描电子显微镜", name_en="Field-emission SEM",
                    maker="蔡司", model_number="Sigma 300", category="microscopy", rate_per_hour=Decimal("450"),
                    cnas_certificate="", cma_certificate="CMA 2019", cma_expires_on=datetime.date(2020, 1, 1),
                    capabilities_zh="形貌观察、能谱分析", capabilities_en="morphology, EDS")
    client = Client()
    url = "/api/equipment/instruments"
    assert _names(client.get(url, {"q": "电子显微镜"})) == ["Field-emission SEM"]
    assert _names(client.get(url, {"q": "電子顯微鏡"})) == ["Field-emission SEM"]  # traditional folded
    assert _names(client.get(url, {"q": "reducer"})) == ["RV reducer performance test bench"]
    assert _names(client.get(url, {"q": "jiansuqi"})) == ["RV reducer performance test bench"]  # pinyin
    assert _names(client.get(url, {"q": "EDS"})) == ["Field-emission SEM"]  # capabilities
    assert _names(client.get(url, {"city": "310117"})) == ["Field-emission SEM"]
    assert _names(client.get(url, {"city": "330000"})) == ["RV reducer performance test bench"]  # province
    assert _names(client.get(url, {"category": "microscopy"})) == ["Field-emission SEM"]
    assert _names(client.get(url, {"accreditation": "cnas"})) == ["RV reducer performance test bench"]
    assert _names(client.get(url, {"accreditation": "cma"})) == []  # expired
    assert _names(client.get(url, {"max_rate": "500"})) == ["Field-emission SEM"]
    services.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 11))
    window = {"free_from": at(1, 10).isoformat(), "free_until": at(1, 12).isoformat()}
    assert _names(client.get(url, window)) == ["Field-emission SEM"]
    assert client.get(url, {"category": "nonsense"}).status_code == 422


def test_book_approve_complete_through_the_api(ew, world):
    member = world.client_for("member")
    url = f"/api/equipment/instruments/{ew.bench.pk}/bookings"
    body = {"organisation_id": world.member_org.pk, "starts_at": at(1, 9).isoformat(), "ends_at": at(1, 11).isoformat(),
            "samples": 2}
    response = member.post(url, body, content_type="application/json")
    assert response.status_code == 201, response.content
    booking_id = response.json()["booked"][0]["id"]
    assert response.json()["booked"][0]["status"] == "requested"
    # Recurring, clashing on its first occurrence: 409 naming it, nothing booked.
    clash = {**body, "starts_at": at(1, 10).isoformat(), "ends_at": at(1, 12).isoformat(), "repeat": "daily", "count": 3}
    response = member.post(url, clash, content_type="application/json", headers={"accept-language": "en"})
    assert response.status_code == 409
    assert response.json()["errors"]["occurrences"][0].startswith("Occurrence 1")
    assert Booking.objects.count() == 1
    response = member.post(url, {**clash, "allow_partial": True}, content_type="application/json")
    assert response.status_code == 201
    assert [s["occurrence"] for s in response.json()["skipped"]] == [1]
    assert len(response.json()["booked"]) == 2
    # The booker cannot approve their own request; the owner can.
    assert member.post(f"/api/equipment/bookings/{booking_id}/approve").status_code == 403
    owner = world.client_for("owner")
    assert owner.post(f"/api/equipment/bookings/{booking_id}/approve").json()["status"] == "approved"
    response = owner.post(f"/api/equipment/bookings/{booking_id}/complete", {}, content_type="application/json")
    assert response.status_code == 422  # not begun


def test_who_sees_a_booking(ew, world):
    booking = services.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 11))
    expect_matrix(world, "get", f"/api/equipment/bookings/{booking.pk}", {
        "visitor": 401, "owner": 200, "member": 200, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200,
    })
    listed = {role: len(world.client_for(role).get("/api/equipment/bookings").json().get("items", []))
              for role in ("owner", "member", "outsider", "secretariat", "officer")}
    assert listed == {"owner": 1, "member": 1, "outsider": 0, "secretariat": 0, "officer": 0}
    # The public calendar shows the slot taken, never by whom.
    calendar = Client().get(f"/api/equipment/instruments/{ew.bench.pk}/calendar", {"start": at(1, 0).date().isoformat(), "days": 1})
    assert "taken" in {slot["state"] for slot in calendar.json()}
    assert "Efort" not in calendar.content.decode() and "埃夫特" not in calendar.content.decode()


def test_approval_cannot_be_bypassed_by_any_other_role(ew, world):
    booking = services.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 11))
    expect_matrix(world, "post", f"/api/equipment/bookings/{booking.pk}/approve", {
        "visitor": 401, "owner": 200, "member": 403, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 409,
    })
    other = services.request_booking(world.users["member"], ew.bench, world.member_org, at(2, 9), at(2, 11))
    assert world.client_for("admin").post(f"/api/equipment/bookings/{other.pk}/approve").status_code == 200


def test_who_sees_a_voucher_and_a_settlement(ew, world):
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "1000")
    booking = completed_booking(ew)
    vouchers.redeem(world.users["member"], voucher, booking, "500", contract_ref="HT-9", receipt_ref="FP-9")
    expect_matrix(world, "get", f"/api/equipment/vouchers/{voucher.pk}", {
        "visitor": 401, "owner": 404, "member": 200, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200,
    })
    expect_matrix(world, "get", f"/api/equipment/programmes/{ew.programme.pk}/settlement", {
        "visitor": 401, "owner": 404, "member": 404, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200,
    })
    wuhu = Client()
    wuhu.force_login(ew.wuhu_officer)
    assert wuhu.get(f"/api/equipment/vouchers/{voucher.pk}").json()["balance"] == "500.00"
    pairs = wuhu.get(f"/api/equipment/programmes/{ew.programme.pk}/settlement").json()
    assert pairs[0]["paying_city"] == "芜湖市" and pairs[0]["paid"] == "500.00"
    # The officer of the paying programme may see the booking it paid for; the public programme shows no balances.
    assert wuhu.get(f"/api/equipment/bookings/{booking.pk}").status_code == 200
    assert "balance" not in Client().get(f"/api/equipment/programmes/{ew.programme.pk}").json()


def test_grant_and_redeem_through_the_api(ew, world):
    wuhu = Client()
    wuhu.force_login(ew.wuhu_officer)
    response = wuhu.post(f"/api/equipment/programmes/{ew.programme.pk}/vouchers",
                         {"holder_id": world.member_org.pk, "amount": "20000"}, content_type="application/json")
    assert response.status_code == 409  # over the 10,000 budget
    response = wuhu.post(f"/api/equipment/programmes/{ew.programme.pk}/vouchers",
                         {"holder_id": world.member_org.pk, "amount": "2000"}, content_type="application/json")
    assert response.status_code == 201
    voucher_id = response.json()["id"]
    booking = completed_booking(ew)
    member = world.client_for("member")
    url = f"/api/equipment/vouchers/{voucher_id}/redemptions"
    response = member.post(url, {"booking_id": booking.pk, "amount": "100", "contract_ref": "", "receipt_ref": "FP"},
                           content_type="application/json")
    assert response.status_code == 422 and "contract_ref" in response.json()["errors"]
    response = member.post(url, {"booking_id": booking.pk, "amount": "100", "contract_ref": "HT", "receipt_ref": "FP"},
                           content_type="application/json")
    assert response.status_code == 201


def test_utilisation_endpoint(ew, world):
    booking = services.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 12))
    services.approve_booking(world.users["owner"], booking)
    start = at(1, 0).date()
    response = Client().get("/api/equipment/utilisation", {"start": start.isoformat(), "end": (start + datetime.timedelta(days=1)).isoformat()})
    assert response.status_code == 200
    assert response.json()["cities"][0]["ratio"] == 0.25  # 3 of 12 open hours
    assert Client().get("/api/equipment/utilisation", {"start": start.isoformat(), "end": start.isoformat()}).status_code == 422


def test_officers_create_programmes_for_their_region_only(ew, world):
    body = {"issuer": "340200", "name_zh": "芜湖市首台套检测券", "budget": "200000", "valid_from": "2026-01-01",
            "valid_until": "2027-12-31", "fee_share": "0.3", "provider_regions": ["310000", "330000"]}
    expect_matrix(world, "post", "/api/equipment/programmes", {
        "visitor": 401, "owner": 403, "member": 403, "outsider": 403, "secretariat": 403, "officer": 403, "admin": 201,
    }, data=body, content_type="application/json")
    wuhu = Client()
    wuhu.force_login(ew.wuhu_officer)
    response = wuhu.post("/api/equipment/programmes", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["unallocated"] == "200000.00"
    assert [r["code"] for r in response.json()["holder_regions"]] == ["340200"]
    response = wuhu.post("/api/equipment/programmes", {**body, "provider_regions": ["999999"]}, content_type="application/json")
    assert response.status_code == 422 and "provider_regions" in response.json()["errors"]
    assert wuhu.get("/api/equipment/settlement").status_code == 200
    assert world.client_for("officer").get("/api/equipment/settlement").json() == []


def test_admin_pages_open(ew, world):
    completed_booking(ew)
    vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "100")
    admin = world.client_for("admin")
    for model in ("instrument", "booking", "voucherprogramme", "voucher", "redemption"):
        assert admin.get(f"/admin/equipment/{model}/").status_code == 200, model
    assert admin.get(f"/admin/equipment/booking/{Booking.objects.first().pk}/change/").status_code == 200
    assert admin.get(f"/admin/equipment/voucherprogramme/{ew.programme.pk}/change/").status_code == 200
    assert admin.get("/admin/equipment/voucherprogramme/add/").status_code == 200
