"""Settlement of vouchers between cities, and utilisation of instruments (booked hours / open hours).

Read-only; who may read a settlement is `VoucherProgramme.objects.restrict(user, MANAGE)`.
"""

from __future__ import annotations

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.core.access import Actor
from corridor.core.spreadsheet import xlsx_row
from corridor.equipment.models import MANAGE, Booking, Instrument, Redemption, VoucherProgramme
from corridor.regions.models import Region


@dataclass
class SettlementPair:
    """What one city's money paid to one city's providers."""

    paying_city: str
    provider_city: str
    redemptions: int = 0
    fees: Decimal = Decimal("0")
    paid: Decimal = Decimal("0")
    categories: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class SettlementLine:
    programme: str
    redeemed_at: datetime.datetime
    holder: str
    provider: str
    provider_city: str
    instrument: str
    category: str
    fee: Decimal
    paid: Decimal
    contract_ref: str
    receipt_ref: str


@dataclass
class Settlement:
    pairs: list[SettlementPair]
    lines: list[SettlementLine]

    @property
    def total_paid(self) -> Decimal:
        return sum((p.paid for p in self.pairs), Decimal("0"))


def _name(region: Region | None) -> str:
    return region.name if region is not None else _("unknown")


def settlement(programmes: QuerySet[VoucherProgramme]) -> Settlement:
    """Per pair (paying city → provider city), across the given programmes, with every line behind it."""
    redemptions = (
        Redemption.objects.filter(voucher__programme__in=programmes)
        .select_related(
            "voucher__programme__issuer__parent", "voucher__holder", "provider", "provider_city",
            "booking__instrument", "booking__usage",
        )
        .order_by("redeemed_at", "id")
    )
    pairs: dict[tuple[str, str], SettlementPair] = {}
    lines = []
    for r in redemptions:
        programme = r.voucher.programme
        paying = _name(programme.issuer.prefecture())
        provider_city = _name(r.provider_city)
        pair = pairs.setdefault((paying, provider_city), SettlementPair(paying, provider_city))
        instrument = r.booking.instrument
        fee = r.booking.usage.fee
        pair.redemptions += 1
        pair.fees += fee
        pair.paid += r.amount
        category = str(instrument.get_category_display())
        pair.categories[category] = pair.categories.get(category, Decimal("0")) + r.amount
        lines.append(SettlementLine(
            programme.name, r.redeemed_at, r.voucher.holder.name, r.provider.name, provider_city, instrument.name,
            category, fee, r.amount, r.contract_ref, r.receipt_ref,
        ))
    return Settlement(sorted(pairs.values(), key=lambda p: (p.paying_city, p.provider_city)), lines)


def settlement_xlsx(report: Settlement) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("By pair of cities")[:31]
    sheet.append(xlsx_row(sheet, [_("Paying city"), _("Provider city"), _("Redemptions"), _("Fees (CNY)"), _("Paid by vouchers (CNY)"), _("For what")]))
    for p in report.pairs:
        what = "; ".join(f"{name} {amount}" for name, amount in sorted(p.categories.items()))
        sheet.append(xlsx_row(sheet, [p.paying_city, p.provider_city, p.redemptions, float(p.fees), float(p.paid), what]))
    # "Redemptions" is a count in Chinese (兑付笔数): the sheet of rows gets a name of its own.
    lines = book.create_sheet(_("Redemption lines")[:31])
    lines.append(xlsx_row(lines, [_("Programme"), _("Redeemed at"), _("Holder"), _("Provider"), _("Provider city"),
                                  _("Instrument"), _("Category"), _("Fee (CNY)"), _("Paid (CNY)"), _("Contract"),
                                  _("Receipt")]))
    for line in report.lines:
        # Excel has no time zones: write the corridor's local time (Asia/Shanghai), to the minute.
        local = timezone.localtime(line.redeemed_at).replace(tzinfo=None, second=0, microsecond=0)
        lines.append(xlsx_row(lines, [line.programme, local, line.holder, line.provider, line.provider_city,
                                      line.instrument, line.category, float(line.fee), float(line.paid),
                                      line.contract_ref, line.receipt_ref]))
        lines.cell(row=lines.max_row, column=2).number_format = "yyyy-mm-dd hh:mm"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---- utilisation ------------------------------------------------------------------------------------

@dataclass
class Utilisation:
    label: str
    open_hours: float
    booked_hours: float

    @property
    def ratio(self) -> float:
        return self.booked_hours / self.open_hours if self.open_hours else 0.0


def open_hours(instrument: Instrument, start: datetime.date, end: datetime.date) -> float:
    """Opening hours of the instrument in [start, end) (days), from its weekly opening times."""
    daily = (datetime.datetime.combine(start, instrument.closes_at) - datetime.datetime.combine(start, instrument.opens_at)).total_seconds() / 3600
    days = (end - start).days
    open_days = sum(1 for i in range(days) if str((start + datetime.timedelta(days=i)).isoweekday()) in instrument.open_days)
    return daily * open_days


def utilisation(instruments: QuerySet[Instrument], start: datetime.date, end: datetime.date) -> tuple[list[Utilisation], list[Utilisation]]:
    """Per instrument and per city: approved and completed hours inside [start, end) over open hours."""
    items = list(instruments.select_related("city"))
    booked: dict[int, float] = defaultdict(float)
    window: dict[int, tuple[datetime.datetime, datetime.datetime]] = {}
    for inst in items:
        tz = ZoneInfo(inst.time_zone)
        window[inst.pk] = (datetime.datetime.combine(start, datetime.time(), tzinfo=tz),
                           datetime.datetime.combine(end, datetime.time(), tzinfo=tz))
    if items:
        lo = min(w[0] for w in window.values())
        hi = max(w[1] for w in window.values())
        for inst_id, s, e in Booking.objects.filter(
            instrument__in=items, status__in=("approved", "completed"), starts_at__lt=hi, ends_at__gt=lo
        ).values_list("instrument_id", "starts_at", "ends_at"):
            w0, w1 = window[inst_id]
            overlap = (min(e, w1) - max(s, w0)).total_seconds() / 3600
            if overlap > 0:
                booked[inst_id] += overlap
    per_instrument = [Utilisation(inst.name, open_hours(inst, start, end), booked[inst.pk]) for inst in items]
    cities: dict[str, Utilisation] = {}
    for inst, row in zip(items, per_instrument, strict=True):
        city = cities.setdefault(_name(inst.city), Utilisation(_name(inst.city), 0.0, 0.0))
        city.open_hours += row.open_hours
        city.booked_hours += row.booked_hours
    return per_instrument, sorted(cities.values(), key=lambda c: c.label)


def settlement_for(user: Actor, programme: VoucherProgramme | None = None) -> Settlement:
    programmes = VoucherProgramme.objects.restrict(user, MANAGE)
    if programme is not None:
        programmes = programmes.filter(pk=programme.pk)
    return settlement(programmes)
