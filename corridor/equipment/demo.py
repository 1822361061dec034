"""Demo shared equipment: labs in Songjiang, Wuhu and Hefei with the kinds of instruments the YRD
sharing platform lists, a Wuhu innovation-voucher programme accepted in all nine G60 cities, and a
few months of bookings (some paid in part with Wuhu vouchers). Idempotent: a second run adds nothing.

The labs are run by institutes of the demo population in those cities (a new one only where there is
none); instrument makers and models are real products of the kind such labs run. Everything is written through the services, with `now` set back for past bookings.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.accounts import services as accounts
from corridor.accounts.models import RoleGrant
from corridor.core.access import Actor
from corridor.demo import facts
from corridor.equipment import services, vouchers
from corridor.equipment.models import Booking, Instrument, VoucherProgramme
from corridor.orgs.models import Organisation
from corridor.orgs.services import create_organisation
from corridor.regions.models import Region

SOURCE = "demo"
SHANGHAI = ZoneInfo("Asia/Shanghai")

# (key, name_zh, name_en, region code, fallback city code, address)
LABS = [
    ("songjiang", "G60科创走廊（松江）检验检测认证服务中心", "G60 Corridor (Songjiang) Testing and Certification Centre",
     "310117", "310117", "上海市松江区新桥镇明华路"),
    ("wuhu", "芜湖机器人产业检测技术研究院", "Wuhu Robot Industry Testing Technology Institute",
     "340207", "340200", "安徽省芜湖市鸠江区电子产业园"),
    ("hefei", "合肥先进材料分析测试平台", "Hefei Advanced Materials Analysis and Testing Platform",
     "340104", "340100", "安徽省合肥市蜀山区望江西路"),
]

# (lab, name_zh, name_en, maker, model, category, rate/h, rate/sample, CNAS?, approval, quota h/month, capabilities zh, en)
INSTRUMENTS = [
    ("songjiang", "3米法电波暗室", "3 m semi-anechoic EMC chamber", "ETS-Lindgren", "FACT-3", "emc", 1500, 0, True, True, 40,
     "辐射发射、辐射抗扰度测试，30 MHz–18 GHz；GB/T 17626、CISPR 32", "radiated emission and immunity, 30 MHz–18 GHz; GB/T 17626, CISPR 32"),
    ("songjiang", "场发射扫描电子显微镜", "Field-emission scanning electron microscope (SEM)", "蔡司 ZEISS", "Sigma 300",
     "microscopy", 450, 150, True, True, None, "表面形貌观察、能谱（EDS）元素分析，分辨率 1.2 nm",
     "surface morphology, EDS elemental analysis, 1.2 nm resolution"),
    ("songjiang", "X射线衍射仪", "X-ray diffractometer (XRD)", "布鲁克 Bruker", "D8 Advance", "diffraction", 380, 120, True, False, None,
     "物相鉴定、晶粒尺寸、残余应力分析", "phase identification, crystallite size, residual stress"),
    ("songjiang", "高低温交变湿热试验箱", "Temperature and humidity cycling chamber", "爱斯佩克 ESPEC", "PL-3J", "environmental",
     120, 0, True, False, None, "-70 ℃～+150 ℃，湿度 20%～98% RH，GB/T 2423", "-70 °C to +150 °C, 20–98 % RH, GB/T 2423"),
    ("wuhu", "RV减速器综合性能试验台", "RV reducer comprehensive performance test bench", "秦川机床", "QCRV-500", "mechanical", 800, 300,
     True, True, 60, "精密减速器传动误差、回差、扭转刚度、效率与寿命测试", "transmission error, backlash, torsional stiffness, efficiency, life"),
    ("wuhu", "谐波减速器寿命试验台", "Harmonic drive life test bench", "来福谐波", "LHT-100", "mechanical", 600, 200, True, True, None,
     "谐波减速器加速寿命、温升与噪声测试", "accelerated life, temperature rise and noise of harmonic drives"),
    ("wuhu", "工业机器人性能检测系统", "Industrial robot performance test system", "Leica 徕卡", "AT960 激光跟踪仪", "testing_centre",
     900, 0, True, True, None, "按 GB/T 12642 测试位姿准确度与重复性、轨迹准确度", "pose and path accuracy and repeatability per GB/T 12642 (ISO 9283)"),
    ("hefei", "球差校正透射电子显微镜", "Aberration-corrected transmission electron microscope (TEM)", "赛默飞 Thermo Fisher",
     "Themis Z", "microscopy", 2200, 0, True, True, 20, "原子分辨成像、STEM-EDS 面分布", "atomic-resolution imaging, STEM-EDS mapping"),
    ("hefei", "电感耦合等离子体质谱仪", "ICP mass spectrometer (ICP-MS)", "安捷伦 Agilent", "7900", "spectroscopy", 300, 260, True, False,
     None, "痕量元素与同位素分析，ppt 级", "trace elements and isotopes at ppt level"),
    ("hefei", "高分辨X射线衍射仪", "High-resolution X-ray diffractometer", "理学 Rigaku", "SmartLab 9kW", "diffraction", 420, 150, False,
     False, None, "薄膜、外延层结构分析，倒易空间图", "thin films and epitaxial layers, reciprocal space maps"),
]


def _region(code: str, fallback: str) -> Region:
    return Region.objects.filter(code=code).first() or Region.objects.get(code=fallback)


def _lab(key: str, name_zh: str, name_en: str, region: Region, address: str) -> Organisation:
    """An institute or university of the demo population in that city runs the lab; a new one only if none."""
    city = region.prefecture() or region
    for kind in ("institute", "university", "enterprise"):
        found = Organisation.objects.filter(city=city, kind=kind).order_by("-is_synthetic", "uscc", "pk").first()
        if found is not None:
            return found
    return create_organisation(None, {
        "name_zh": name_zh, "name_en": name_en, "kind": "institute", "region": region.code, "address": address,
    }, source_seed=SOURCE, is_synthetic=True)


# The start banner of `corridor demo` lists these users with what to try (corridor/demo/services.py: demo_hints).
DEMO_HINTS = {
    "lab": gettext_lazy(
        "Songjiang lab staff: decide booking requests and complete them (/equipment/bookings/); "
        "list, edit or retire the lab's instruments"
    ),
    "officer_wuhu": gettext_lazy(
        "Wuhu officer: grant innovation vouchers, create a programme, read which city paid which (/equipment/vouchers/)"
    ),
}


def _user(username: str, password_hash: str) -> Any:
    User = get_user_model()
    user, _created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@demo.example", "password": password_hash})
    return user


def _wuhu_members(limit: int) -> list[Organisation]:
    granted = RoleGrant.objects.filter(role="member", user__username="member2").values("organisation_id")
    first = list(Organisation.objects.filter(pk__in=granted))
    others = list(Organisation.objects.filter(city__code=facts.WUHU, kind="enterprise").exclude(pk__in=granted).order_by("uscc", "pk")[: limit - len(first)])
    return first + others


@transaction.atomic
def load_demo(progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    report = progress or (lambda stage, done, total: None)
    stage = _("Shared equipment and vouchers")
    report(stage, 0, 3)
    if Instrument.objects.filter(source=SOURCE).exists():
        report(stage, 3, 3)
        return counts()
    labs = {key: _lab(key, zh, en, _region(code, fallback), address) for key, zh, en, code, fallback, address in LABS}
    made: list[Instrument] = []
    for lab, zh, en, maker, model, category, per_hour, per_sample, cnas, approval, quota, cap_zh, cap_en in INSTRUMENTS:
        owner = labs[lab]
        made.append(services.save_instrument(None, Instrument(
            owner=owner, region=owner.region or owner.city, address=owner.address, name_zh=zh, name_en=en, maker=maker, model_number=model,
            category=category, capabilities_zh=cap_zh, capabilities_en=cap_en, rate_per_hour=Decimal(per_hour),
            rate_per_sample=Decimal(per_sample), cma_certificate=f"{owner.pk:03d}{len(made):02d}120345",
            cma_expires_on=datetime.date(2028, 6, 30), cnas_certificate=f"CNAS L{1200 + len(made) * 37}" if cnas else "",
            cnas_expires_on=datetime.date(2029, 3, 31) if cnas else None, approval_required=approval, monthly_quota_hours=quota,
            min_minutes=60, max_minutes=480, lead_hours=24, source=SOURCE,
        )))
    report(stage, 1, 3)
    password = _password_hash()
    lab_user = _user("lab", password)
    if not lab_user.grants.exists():
        accounts.grant_role(lab_user, RoleGrant.Role.MEMBER, organisation=labs["songjiang"])
    officer = _user("officer_wuhu", password)
    wuhu = Region.objects.get(code=facts.WUHU)
    if not officer.grants.exists():
        accounts.grant_role(officer, RoleGrant.Role.CITY_OFFICER, region=wuhu)
    cities = list(Region.objects.filter(code__in=facts.G60_CITIES))
    today = timezone.localdate()
    programme = VoucherProgramme.objects.filter(name_zh="芜湖市科技创新券（长三角通用通兑）").first() or vouchers.create_programme(officer, {
        "issuer": wuhu, "name_zh": "芜湖市科技创新券（长三角通用通兑）", "name_en": "Wuhu innovation vouchers (redeemable across the YRD)",
        "budget": "5000000", "valid_from": datetime.date(today.year - 1, 1, 1), "valid_until": datetime.date(today.year + 1, 12, 31),
        "fee_share": "0.5", "holder_regions": [wuhu], "provider_regions": cities,
    })
    report(stage, 2, 3)
    _bookings(made, _wuhu_members(6), labs, programme, officer, lab_user)
    report(stage, 3, 3)
    return counts()


def _password_hash() -> str:
    """The demo users' shared password (see corridor.demo.services)."""
    from corridor.demo.services import DEMO_PASSWORD

    return make_password(DEMO_PASSWORD)


def _bookings(made: list[Instrument], holders: list[Organisation], labs: dict[str, Organisation],
              programme: VoucherProgramme, officer: Actor, lab_user: Actor) -> None:
    """Past bookings by Wuhu firms (completed, half paid by vouchers) and a few upcoming ones."""
    if not holders:
        return
    admin = get_user_model().objects.filter(is_superuser=True).first()
    if admin is None:  # the demo's own accounts come first; without an admin there is no one to book as
        return
    grants = {org.pk: vouchers.grant_voucher(officer, programme, org, "50000") for org in holders}
    today = timezone.localdate()
    for n in range(36):
        instrument = made[n % len(made)]
        if instrument.owner_id == holders[n % len(holders)].pk:
            continue
        holder = holders[n % len(holders)]
        day = today - datetime.timedelta(days=3 + n * 2)
        start = datetime.datetime.combine(day, datetime.time(9 + n % 5), tzinfo=SHANGHAI)
        end = start + datetime.timedelta(hours=2 + n % 3)
        if str(day.isoweekday()) not in instrument.open_days:
            continue
        earlier = start - datetime.timedelta(days=3)
        booking = services.request_booking(admin, instrument, holder, start, end, samples=n % 4, now=earlier,
                                           purpose="研发样品检测 / R&D sample testing")
        if booking.status == Booking.Status.REQUESTED:
            services.approve_booking(admin, booking)
        usage = services.complete_booking(admin, booking, now=end)
        if usage.fee > 0 and n % 3 != 2:
            amount = (usage.fee * programme.fee_share).quantize(Decimal("0.01"))
            vouchers.redeem(admin, grants[holder.pk], booking, amount, contract_ref=f"WH-CX-{today.year}-{n:04d}",
                            receipt_ref=f"FP{31000000 + n * 7919}")
    for n in range(8):
        instrument = made[n % 4]  # the Songjiang lab's, so that the `lab` user has requests to decide
        day = today + datetime.timedelta(days=2 + n)
        if str(day.isoweekday()) not in instrument.open_days:
            continue
        start = datetime.datetime.combine(day, datetime.time(9 + (n % 3) * 2), tzinfo=SHANGHAI)
        booking = services.request_booking(admin, instrument, holders[n % len(holders)], start, start + datetime.timedelta(hours=2))
        if n % 2 and booking.status == Booking.Status.REQUESTED:
            services.approve_booking(lab_user, booking)


def counts() -> dict[str, int]:
    return {
        "instruments": Instrument.objects.count(),
        "bookings": Booking.objects.count(),
        "voucher_programmes": VoucherProgramme.objects.count(),
    }
