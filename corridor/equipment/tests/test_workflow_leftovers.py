"""Leftovers of the kernel issue: completing a booking is `Booking.WORKFLOW`'s transition (guard and usage
record included, whoever applies it), and a province's officer manages the programmes its districts issue."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from corridor.accounts import services as accounts
from corridor.core.testing import PASSWORD, expect_matrix
from corridor.core.workflow import apply_transition
from corridor.equipment import services, vouchers
from corridor.equipment.models import MANAGE, Booking, UsageRecord, VoucherProgramme
from corridor.equipment.testing import at, build_equip_world


@pytest.fixture
def ew(world):
    return build_equip_world(world)


def _approved(ew, world, days: int) -> Booking:
    booking = services.request_series(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 11),
                                      samples=2).booked[0]
    services.approve_booking(world.users["owner"], booking)
    shift = datetime.timedelta(days=days)
    Booking.objects.filter(pk=booking.pk).update(starts_at=booking.starts_at - shift, ends_at=booking.ends_at - shift)
    booking.refresh_from_db()
    return booking


def test_the_complete_transition_records_the_usage_and_its_fee_whoever_applies_it(ew, world):
    booking = _approved(ew, world, days=3)
    apply_transition(world.users["owner"], booking, "complete", hours=Decimal("1.5"), samples=3)
    usage = UsageRecord.objects.get(booking=booking)
    assert booking.status == "completed" and usage.fee == Decimal("1800.00")  # 1.5 × 800 + 3 × 200
    assert usage.recorded_by == world.users["owner"]
    assert Booking.objects.get(pk=booking.pk).samples == 2  # what was booked stays; what was used is the record


def test_the_complete_transition_refuses_a_booking_that_has_not_begun(ew, world):
    booking = _approved(ew, world, days=0)  # tomorrow morning
    with pytest.raises(ValidationError):
        apply_transition(world.users["owner"], booking, "complete", hours=Decimal(2), samples=0)
    assert Booking.objects.get(pk=booking.pk).status == "approved" and not UsageRecord.objects.exists()


def test_negative_use_is_refused_by_the_transition_and_nothing_changes(ew, world):
    booking = _approved(ew, world, days=3)
    with pytest.raises(ValidationError) as refused:
        services.complete_booking(world.users["owner"], booking, hours=Decimal(-1))
    assert "hours" in refused.value.message_dict
    assert Booking.objects.get(pk=booking.pk).status == "approved" and not UsageRecord.objects.exists()


@pytest.fixture
def district_programme(ew, world):
    """Programme issued by Nanhu District (Jiaxing, Zhejiang); Zhejiang's province officer, Anhui's too."""
    for username, code in (("zhejiang_officer", "330000"), ("anhui_officer", "340000")):
        user = accounts.create_user(username, PASSWORD)
        accounts.grant_role(user, "city_officer", region=world.regions[code])
        world.users[username] = user
    return vouchers.create_programme(world.users["zhejiang_officer"], {
        "issuer": world.regions["330402"], "name_zh": "南湖区科技创新券", "name_en": "Nanhu innovation vouchers",
        "budget": "50000", "valid_from": datetime.date(2020, 1, 1), "valid_until": datetime.date(2099, 12, 31),
        "fee_share": "0.5", "holder_regions": [world.regions["330402"]], "provider_regions": [world.regions["330000"]],
    })


def test_a_province_officer_manages_programmes_issued_by_its_districts(ew, world, district_programme):
    zhejiang = world.users["zhejiang_officer"]
    assert list(VoucherProgramme.objects.restrict(zhejiang, MANAGE)) == [district_programme]
    assert vouchers.may_manage_programme(zhejiang, district_programme)
    voucher = vouchers.grant_voucher(zhejiang, district_programme, world.outsider_org, "3000")  # Nanhu organisation
    assert voucher.balance == Decimal("3000.00")
    # The Jiaxing city officer (the city above the district) manages it too; Wuhu's and Anhui's do not.
    assert vouchers.may_manage_programme(world.users["officer"], district_programme)
    for outsider in ("wuhu_officer", "anhui_officer"):
        user = ew.wuhu_officer if outsider == "wuhu_officer" else world.users[outsider]
        assert not vouchers.may_manage_programme(user, district_programme)
        assert district_programme not in VoucherProgramme.objects.restrict(user, MANAGE)


def test_the_province_officer_sees_the_grants_and_exports_the_settlement(ew, world, district_programme):
    vouchers.grant_voucher(world.users["zhejiang_officer"], district_programme, world.outsider_org, "3000")
    url = f"/equipment/vouchers/{district_programme.pk}/settlement.xlsx"
    expect_matrix(world, "get", url, {"officer": 200, "admin": 200, "member": 404, "owner": 404, "outsider": 404,
                                      "secretariat": 404, "visitor": 302})
    for username, status in (("zhejiang_officer", 200), ("anhui_officer", 404)):
        client = world.client_for("visitor")
        client.force_login(world.users[username])
        assert client.get(url).status_code == status, username
    client = world.client_for("visitor")
    client.force_login(world.users["zhejiang_officer"])
    page = client.get(f"/equipment/vouchers/{district_programme.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'name="holder"' in page and "嘉兴外联科技有限公司" in page  # the grant form and the granted table
