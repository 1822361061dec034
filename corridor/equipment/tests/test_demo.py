"""The demo corridor's shared equipment: labs in Songjiang, Wuhu and Hefei, Wuhu vouchers paid across cities."""

from __future__ import annotations

from django.db import connection

from corridor.demo import services as demo
from corridor.equipment import demo as equipment_demo
from corridor.equipment import reports
from corridor.equipment.models import Booking, Instrument, Voucher, VoucherProgramme
from corridor.equipment.overlap_guard import OVERLAPPING_PAIRS_SQL


def test_demo_equipment_is_loaded_once_and_settles_across_cities(demo_corridor, db):
    assert {i.city.code for i in Instrument.objects.select_related("city")} == {"310117", "340200", "340100"}
    assert Instrument.objects.filter(category="emc").exists() and Instrument.objects.exclude(cnas_certificate="").count() >= 8
    assert Booking.objects.filter(status="completed").count() >= 10
    programme = VoucherProgramme.objects.get()
    report = reports.settlement(VoucherProgramme.objects.all())
    assert {p.paying_city for p in report.pairs} == {"Wuhu"}
    assert {"Songjiang District", "Hefei"} <= {p.provider_city for p in report.pairs}
    granted = sum(v.amount for v in Voucher.objects.all())
    assert programme.unallocated == programme.budget - granted
    assert sum(v.amount - v.balance for v in Voucher.objects.all()) == report.total_paid
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPPING_PAIRS_SQL)
        assert cursor.fetchone()[0] == 0
    before = equipment_demo.counts()
    assert equipment_demo.load_demo() == before


def test_demo_banner_lists_the_equipment_users_with_what_to_try(demo_corridor, db):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import translation

    out = StringIO()
    with translation.override("en"):
        call_command("demo", size=50, no_serve=True, stdout=out, stderr=StringIO())
    for username in ("lab", "officer_wuhu"):
        assert f"│ {username} " in out.getvalue(), username
    assert "lab — try: Songjiang lab staff: decide booking requests" in out.getvalue()
    assert "officer_wuhu — try: Wuhu officer: grant innovation vouchers" in out.getvalue()
    assert {"lab", "officer_wuhu"} <= {row[0] for row in demo.demo_accounts()}
