"""Voucher programmes, grants, redemptions and the settlement between cities."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from corridor.core.errors import Conflict
from corridor.equipment import reports, services, vouchers
from corridor.equipment.models import Voucher, VoucherProgramme
from corridor.equipment.testing import at, build_equip_world, completed_booking, make_instrument


@pytest.fixture
def ew(world):
    return build_equip_world(world)


def test_only_the_issuing_regions_officers_create_and_grant(ew, world):
    data = {"issuer": world.regions["340200"], "name_zh": "芜湖券", "budget": "100", "valid_from": datetime.date(2025, 1, 1),
            "valid_until": datetime.date(2030, 1, 1), "fee_share": "0.5"}
    for role in ("officer", "member", "secretariat"):  # the Jiaxing officer is not Wuhu's
        with pytest.raises(PermissionDenied):
            vouchers.create_programme(world.users[role], data)
        with pytest.raises(PermissionDenied):
            vouchers.grant_voucher(world.users[role], ew.programme, world.member_org, "100")
    assert vouchers.create_programme(world.users["admin"], data).unallocated == Decimal("100.00")


def test_grants_respect_the_budget_and_the_holders_region(ew, world):
    vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "9000")
    with pytest.raises(Conflict, match=r"1000\.00"):
        vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "1000.01")
    with pytest.raises(ValidationError) as caught:
        vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.owner_org, "10")  # a Hangzhou firm
    assert "holder" in caught.value.message_dict
    with pytest.raises(ValidationError):
        vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "-5")
    ew.programme.refresh_from_db()
    assert ew.programme.unallocated == Decimal("1000.00")


def test_redemption_rules(ew, world):
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "5000")
    booking = completed_booking(ew)  # fee 1800, voucher may pay 900
    member = world.users["member"]
    with pytest.raises(ValidationError) as caught:
        vouchers.redeem(member, voucher, booking, "100", contract_ref="", receipt_ref=" ")
    assert set(caught.value.message_dict) >= {"contract_ref", "receipt_ref"}
    with pytest.raises(ValidationError, match=r"at most 900\.00"):
        vouchers.redeem(member, voucher, booking, "900.01", contract_ref="HT-1", receipt_ref="FP-1")
    for role in ("owner", "officer", "secretariat"):
        with pytest.raises(PermissionDenied):
            vouchers.redeem(world.users[role], voucher, booking, "100", contract_ref="HT-1", receipt_ref="FP-1")
    redemption = vouchers.redeem(member, voucher, booking, "900", contract_ref="HT-1", receipt_ref="FP-1")
    assert redemption.provider_city.code == "330100" and redemption.holder_city.code == "340200"
    voucher.refresh_from_db()
    assert voucher.balance == Decimal("4100.00")
    with pytest.raises(Conflict):
        vouchers.redeem(member, voucher, booking, "1", contract_ref="HT-1", receipt_ref="FP-1")


def test_not_completed_or_ineligible_provider_is_refused(ew, world):
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "5000")
    pending = services.request_booking(world.users["member"], ew.bench, world.member_org, at(5, 9), at(5, 10))
    with pytest.raises(ValidationError, match="completed"):
        vouchers.redeem(world.users["member"], voucher, pending, "10", contract_ref="a", receipt_ref="b")
    ew.programme.provider_regions.set([world.regions["310000"]])  # Shanghai only; the bench is in Hangzhou
    booking = completed_booking(ew)
    with pytest.raises(ValidationError, match="provider"):
        vouchers.redeem(world.users["member"], voucher, booking, "10", contract_ref="a", receipt_ref="b")
    ew.programme.provider_regions.set([world.regions["330000"]])
    ew.programme.valid_until = datetime.date(2021, 1, 1)
    ew.programme.save()
    with pytest.raises(ValidationError, match="valid from"):
        vouchers.redeem(world.users["member"], voucher, booking, "10", contract_ref="a", receipt_ref="b")


def test_balance_cannot_go_negative_even_bypassing_the_service(ew, world):
    from django.db import IntegrityError, transaction

    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "50")
    with pytest.raises(IntegrityError), transaction.atomic():
        Voucher.objects.filter(pk=voucher.pk).update(balance=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        VoucherProgramme.objects.filter(pk=ew.programme.pk).update(unallocated=Decimal("-0.01"))


def test_settlement_arithmetic_per_programme_and_pair_of_cities(ew, world):
    songjiang_lab = make_instrument(world.owner_org, world.regions["310117"], name_zh="扫描电子显微镜", name_en="SEM",
                                    category="microscopy", rate_per_hour=Decimal("600"), rate_per_sample=Decimal("0"))
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "5000")
    first = completed_booking(ew)  # Hangzhou: fee 1800
    second = completed_booking(ew, hours=3, samples=0, day=2)  # Hangzhou: fee 2400
    ew.bench = songjiang_lab
    third = completed_booking(ew, hours=1, samples=0, day=3)  # Songjiang: fee 600
    member = world.users["member"]
    vouchers.redeem(member, voucher, first, "900", contract_ref="HT-1", receipt_ref="FP-1")
    vouchers.redeem(member, voucher, second, "1000.50", contract_ref="HT-2", receipt_ref="FP-2")
    vouchers.redeem(member, voucher, third, "300", contract_ref="HT-3", receipt_ref="FP-3")
    report = reports.settlement_for(ew.wuhu_officer, ew.programme)
    pairs = {(p.paying_city, p.provider_city): p for p in report.pairs}
    hz = pairs[("Wuhu", "Hangzhou")]
    sj = pairs[("Wuhu", "Songjiang District")]
    assert (hz.redemptions, hz.fees, hz.paid) == (2, Decimal("4200.00"), Decimal("1900.50"))
    assert (sj.redemptions, sj.fees, sj.paid) == (1, Decimal("600.00"), Decimal("300.00"))
    assert report.total_paid == Decimal("2200.50")
    voucher.refresh_from_db()
    assert voucher.balance == Decimal("5000") - report.total_paid
    assert len(report.lines) == 3 and report.lines[2].contract_ref == "HT-3"
    # Another city's officer sees none of it.
    assert reports.settlement_for(world.users["officer"]).pairs == []
    book = load_workbook(io.BytesIO(reports.settlement_xlsx(report)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][:5] == ("Wuhu", "Hangzhou", 2, 4200.0, 1900.5)
    assert len(list(book.worksheets[1].iter_rows())) == 4
    # Times as the corridor reads them: Asia/Shanghai, to the minute (not UTC with microseconds).
    from django.utils import timezone, translation

    written = book.worksheets[1].cell(row=2, column=2)
    shanghai = timezone.localtime(report.lines[0].redeemed_at, ZoneInfo("Asia/Shanghai"))
    assert written.value == shanghai.replace(tzinfo=None, second=0, microsecond=0)
    assert written.number_format == "yyyy-mm-dd hh:mm"
    with translation.override("zh-hans"):
        titles = load_workbook(io.BytesIO(reports.settlement_xlsx(report))).sheetnames
    assert titles == ["按城市对", "兑付明细"]


def test_utilisation_is_booked_over_open_hours(ew, world):
    booking = services.request_booking(world.users["member"], ew.bench, world.member_org, at(1, 9), at(1, 15))
    services.approve_booking(world.users["owner"], booking)
    services.request_booking(world.users["member"], ew.bench, world.member_org, at(2, 9), at(2, 10))  # only requested
    start = at(1, 0).date()
    per_instrument, per_city = reports.utilisation(type(ew.bench).objects.all(), start, start + datetime.timedelta(days=2))
    assert per_instrument[0].open_hours == 24.0  # 2 days × 12 h
    assert per_instrument[0].booked_hours == 6.0
    assert per_city[0].label == "Hangzhou" and per_city[0].ratio == 0.25
