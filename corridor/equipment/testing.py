"""Test fixtures on top of `corridor.core.testing.build_world`.

The world's `owner_org` (Hangzhou) owns a reducer test bench; `member_org` (Wuhu) books it; the Wuhu
programme (issued by Wuhu, 340200) pays providers anywhere in Zhejiang or Shanghai. `wuhu_officer`
manages that programme; the world's `officer` (Jiaxing) does not.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from corridor.accounts import services as accounts
from corridor.core.testing import PASSWORD, World
from corridor.equipment import services, vouchers
from corridor.equipment.models import Booking, Instrument, VoucherProgramme

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass
class EquipWorld:
    world: World
    bench: Instrument
    programme: VoucherProgramme
    wuhu_officer: Any


def make_instrument(owner: Any, region: Any, **fields: Any) -> Instrument:
    values: dict[str, Any] = {
        "name_zh": "RV减速器综合性能试验台", "name_en": "RV reducer performance test bench", "maker": "秦川",
        "model_number": "QC-RV-200", "category": Instrument.Category.MECHANICAL,
        "capabilities_zh": "精密减速器传动误差、回差、刚度、寿命测试", "capabilities_en": "transmission error, backlash, stiffness, life",
        "cnas_certificate": "CNAS L1234", "cnas_expires_on": datetime.date(2030, 1, 1),
        "rate_per_hour": Decimal("800"), "rate_per_sample": Decimal("200"), "open_days": "1234567",
        "opens_at": datetime.time(8, 0), "closes_at": datetime.time(20, 0), "lead_hours": 0,
        "min_minutes": 30, "max_minutes": 600, "approval_required": True,
    }
    values.update(fields)
    return services.save_instrument(None, Instrument(owner=owner, region=region, **values))


def at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A Shanghai wall-clock time `days` days from today in Shanghai (whatever TIME_ZONE says)."""
    day = timezone.now().astimezone(SHANGHAI).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


def build_equip_world(world: World) -> EquipWorld:
    bench = make_instrument(world.owner_org, world.regions["330108"])
    officer = accounts.create_user("wuhu_officer", PASSWORD)
    accounts.grant_role(officer, "city_officer", region=world.regions["340200"])
    programme = vouchers.create_programme(officer, {
        "issuer": world.regions["340200"], "name_zh": "芜湖市科技创新券", "name_en": "Wuhu innovation vouchers",
        "budget": "10000", "valid_from": datetime.date(2020, 1, 1), "valid_until": datetime.date(2099, 12, 31),
        "fee_share": "0.5", "holder_regions": [world.regions["340200"]],
        "provider_regions": [world.regions["330000"], world.regions["310000"]],
    })
    return EquipWorld(world, bench, programme, officer)


def completed_booking(ew: EquipWorld, *, hours: int = 2, samples: int = 1, day: int = 1) -> Booking:
    """A Wuhu booking of the Hangzhou bench, approved, moved into the past as time would, and completed."""
    world = ew.world
    booking = services.request_booking(world.users["member"], ew.bench, world.member_org, at(day, 9), at(day, 9 + hours), samples=samples)
    services.approve_booking(world.users["owner"], booking)
    shift = datetime.timedelta(days=2 * day + 1)  # to `day + 1` days ago: distinct days stay distinct
    Booking.objects.filter(pk=booking.pk).update(starts_at=booking.starts_at - shift, ends_at=booking.ends_at - shift)
    booking.refresh_from_db()
    services.complete_booking(world.users["owner"], booking)
    booking.refresh_from_db()
    return booking


def equipment_ids(world: World) -> dict[str, str]:
    """Path parameters of existing equipment objects, for the OpenAPI test's walk over every operation."""
    ew = build_equip_world(world)
    booking = completed_booking(ew)
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "100")
    return {
        "instrument_id": str(ew.bench.pk), "booking_id": str(booking.pk),
        "programme_id": str(ew.programme.pk), "voucher_id": str(voucher.pk),
    }
