"""Use cases on instruments and bookings: the only code that writes them (views, API and CLI call these).

Every rule of a booking (who may book, duration, lead time, opening hours, quota, free slot) is
checked here, per occurrence; the database then refuses an overlap that slipped past (a race).
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.alliances.models import AllianceMembership
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import CHANGE, Actor
from corridor.core.errors import Conflict
from corridor.core.workflow import apply_transition
from corridor.equipment.instrument_fields import Row, apply_text, as_validation_error, refresh_derived_fields
from corridor.equipment.models import DECIDE, Booking, Instrument, UsageRecord
from corridor.equipment.overlap_guard import is_deadlock, is_overlap
from corridor.orgs.models import Organisation

MAX_OCCURRENCES = 52
REPEATS = {"none": None, "daily": datetime.timedelta(days=1), "weekly": datetime.timedelta(weeks=1)}


# ---- instruments -------------------------------------------------------------------------------

def may_manage(user: Actor, instrument: Instrument) -> bool:
    """The owner organisation's staff (its member users) and platform admins; nobody else (the `change` rule)."""
    if instrument.pk is None:  # not stored yet: whether the actor could manage it once stored
        return access.is_admin(user) or access.is_member_of(user, instrument.owner_id)
    return access.may(user, CHANGE, instrument)


def save_instrument(actor: Actor, instrument: Instrument) -> Instrument:
    """Validate and save an instrument the actor may manage (actor None: a batch job, e.g. the importer)."""
    if actor is not None and not may_manage(actor, instrument):
        raise PermissionDenied(_("Only the owner's staff may change this instrument."))
    refresh_derived_fields(instrument)
    instrument.full_clean(exclude=["search_text", "city"])
    instrument.save()
    return instrument


def may_create_instruments(user: Actor) -> bool:
    return access.is_admin(user) or access.acts_for_an_organisation(user)


def _snapshot(instrument: Instrument) -> dict[str, Any]:
    # Opening hours are times, which the history's JSON does not take as they are.
    return {name: value.isoformat(timespec="minutes") if isinstance(value, datetime.time) else value
            for name, value in audit.snapshot(instrument).items()}


def _checked(data: dict[str, str], target: Instrument | None) -> Instrument:
    row = Row(0, data)
    instrument = apply_text(row, target, blank_clears=True)
    if instrument is None:
        raise as_validation_error(row.errors)
    return instrument


@transaction.atomic
def create_instrument(actor: Actor, data: dict[str, str]) -> Instrument:
    """A new instrument of an organisation the actor acts for (admins: any); fields checked as the importer does."""
    if not may_create_instruments(actor):
        raise PermissionDenied(_("Only an organisation's staff may list its instruments."))
    instrument = _checked(data, None)
    if not may_manage(actor, instrument):
        raise PermissionDenied(_("Only the owner's staff may change this instrument."))
    instrument.source = "web"
    instrument.save()
    instrument.refresh_from_db()
    audit.record(actor, instrument, ChangeRecord.Action.CREATE, after=_snapshot(instrument))
    return instrument


@transaction.atomic
def update_instrument(actor: Actor, instrument: Instrument, data: dict[str, str]) -> Instrument:
    """Change the given columns only (the owner stays); before and after go into the history."""
    if not may_manage(actor, instrument):
        raise PermissionDenied(_("Only the owner's staff may change this instrument."))
    instrument = Instrument.objects.select_for_update(of=("self",)).select_related("owner", "region", "park").get(pk=instrument.pk)
    before = _snapshot(instrument)
    instrument = _checked(data, instrument)
    instrument.save()
    instrument.refresh_from_db()  # as stored (900 → 900.00), so an identical save records no change
    audit.record(actor, instrument, ChangeRecord.Action.UPDATE, before=before, after=_snapshot(instrument))
    return instrument


@transaction.atomic
def retire_instrument(actor: Actor, instrument: Instrument) -> Instrument:
    """No longer listed nor bookable; its bookings and usage stay for the records and settlement."""
    if not may_manage(actor, instrument):
        raise PermissionDenied(_("Only the owner's staff may change this instrument."))
    before = _snapshot(instrument)
    Instrument.objects.filter(pk=instrument.pk).update(active=False)
    instrument.refresh_from_db()
    audit.record(actor, instrument, ChangeRecord.Action.UPDATE, before=before, after=_snapshot(instrument), note="retired")
    return instrument


# ---- rules --------------------------------------------------------------------------------------

@dataclass
class Clash:
    """One occurrence of a request that cannot be booked, and why (all reasons, not just the first)."""

    index: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    reasons: list[str] = field(default_factory=list)
    taken: bool = False

    def describe(self, tz: ZoneInfo) -> str:
        start = self.starts_at.astimezone(tz)
        end = self.ends_at.astimezone(tz)
        when = f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
        return _("Occurrence %(n)s (%(when)s): %(reasons)s") % {
            "n": self.index + 1, "when": when, "reasons": "; ".join(self.reasons),
        }


class BookingRefused(ValidationError):
    """Some occurrences break a rule (lead time, opening hours, quota); nothing was booked."""

    def __init__(self, clashes: list[Clash], tz: ZoneInfo) -> None:
        self.clashes = clashes
        super().__init__({"occurrences": [c.describe(tz) for c in clashes]})


class BookingConflict(Conflict):
    """Some occurrences are taken; nothing was booked."""

    def __init__(self, clashes: list[Clash], tz: ZoneInfo) -> None:
        self.clashes = clashes
        super().__init__({"occurrences": [c.describe(tz) for c in clashes]})


def zone(instrument: Instrument) -> ZoneInfo:
    return ZoneInfo(instrument.time_zone)


def aware(value: datetime.datetime, instrument: Instrument) -> datetime.datetime:
    """A time without a zone is read in the instrument's zone (Asia/Shanghai unless set otherwise)."""
    return value.replace(tzinfo=zone(instrument)) if timezone.is_naive(value) else value


def occurrences(starts_at: datetime.datetime, ends_at: datetime.datetime, repeat: str, count: int) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The slots of a request; weekly and daily repeats keep the local wall-clock time across DST."""
    if repeat not in REPEATS:
        raise ValidationError({"repeat": _("Repeat must be one of: %(choices)s.") % {"choices": ", ".join(REPEATS)}})
    step = REPEATS[repeat]
    if step is None:
        return [(starts_at, ends_at)]
    if not 1 <= count <= MAX_OCCURRENCES:
        raise ValidationError({"count": _("Between 1 and %(max)s occurrences.") % {"max": MAX_OCCURRENCES}})
    return [(starts_at + i * step, ends_at + i * step) for i in range(count)]


def may_book_for(user: Actor, instrument: Instrument, organisation: Organisation) -> None:
    if not (access.is_admin(user) or access.is_member_of(user, organisation.pk)):
        raise PermissionDenied(_("You may book only for an organisation you belong to."))
    if not instrument.active:
        raise ValidationError({"instrument": _("This instrument is not open for booking.")})
    if instrument.bookable_by == Instrument.BookableBy.ALLIANCE_MEMBERS and organisation.pk != instrument.owner_id:
        owner_alliances = AllianceMembership.objects.filter(organisation_id=instrument.owner_id).values("alliance_id")
        if not AllianceMembership.objects.filter(organisation=organisation, alliance_id__in=owner_alliances).exists():
            raise PermissionDenied(_("Only members of an alliance the owner belongs to may book this instrument."))


def rule_problems(instrument: Instrument, start: datetime.datetime, end: datetime.datetime, now: datetime.datetime) -> list[str]:
    problems = []
    minutes = (end - start).total_seconds() / 60
    if minutes <= 0:
        return [_("The end must be after the start.")]
    if minutes < instrument.min_minutes or minutes > instrument.max_minutes:
        problems.append(_("Duration must be between %(min)s and %(max)s minutes.") % {
            "min": instrument.min_minutes, "max": instrument.max_minutes})
    if start < now + datetime.timedelta(hours=instrument.lead_hours):
        problems.append(_("Book at least %(hours)s hours ahead.") % {"hours": instrument.lead_hours})
    tz = zone(instrument)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    if (
        str(local_start.isoweekday()) not in instrument.open_days
        or local_start.date() != local_end.date()
        or local_start.time() < instrument.opens_at
        or local_end.time() > instrument.closes_at
    ):
        problems.append(_("Outside opening hours (%(days)s, %(opens)s–%(closes)s).") % {
            "days": instrument.open_days, "opens": f"{instrument.opens_at:%H:%M}", "closes": f"{instrument.closes_at:%H:%M}"})
    return problems


def _month(value: datetime.datetime, tz: ZoneInfo) -> tuple[int, int]:
    local = value.astimezone(tz)
    return local.year, local.month


def _hours_used(instrument: Instrument, organisation: Organisation, months: set[tuple[int, int]], tz: ZoneInfo) -> dict[tuple[int, int], Decimal]:
    if not months:
        return {}
    first = min(months)
    last = max(months)
    window_start = datetime.datetime(first[0], first[1], 1, tzinfo=tz)
    window_end = datetime.datetime(last[0] + last[1] // 12, last[1] % 12 + 1, 1, tzinfo=tz)
    used: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for booking in Booking.objects.holding_slot().filter(
        instrument=instrument, organisation=organisation, starts_at__gte=window_start, starts_at__lt=window_end
    ):
        used[_month(booking.starts_at, tz)] += booking.hours
    return used


def taken_between(instrument: Instrument, start: datetime.datetime, end: datetime.datetime) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """(start, end) of the bookings holding a slot of this instrument that overlap [start, end)."""
    return list(
        Booking.objects.holding_slot()
        .filter(instrument=instrument, starts_at__lt=end, ends_at__gt=start)
        .order_by("starts_at")
        .values_list("starts_at", "ends_at")
    )


# ---- booking -------------------------------------------------------------------------------------

@dataclass
class SeriesResult:
    booked: list[Booking]
    skipped: list[Clash]


@transaction.atomic
def request_series(
    actor: Actor,
    instrument: Instrument,
    organisation: Organisation,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    *,
    repeat: str = "none",
    count: int = 1,
    allow_partial: bool = False,
    purpose: str = "",
    samples: int = 0,
    now: datetime.datetime | None = None,
) -> SeriesResult:
    """Book every occurrence, or none: each is checked and every clash is reported by occurrence.

    With `allow_partial` the free occurrences are booked and the clashing ones are returned as skipped.
    """
    may_book_for(actor, instrument, organisation)
    tz = zone(instrument)
    slots = occurrences(aware(starts_at, instrument), aware(ends_at, instrument), repeat, count)
    now = now or timezone.now()
    if instrument.monthly_quota_hours is not None:
        # Quota is a sum over rows, which no constraint can guard: one booking of this instrument at a time.
        list(Instrument.objects.select_for_update().filter(pk=instrument.pk).order_by().values_list("pk", flat=True))
    used: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    if instrument.monthly_quota_hours is not None:
        used.update(_hours_used(instrument, organisation, {_month(s, tz) for s, _e in slots}, tz))
    taken = taken_between(instrument, min(s for s, _e in slots), max(e for _s, e in slots))
    clashes: list[Clash] = []
    free: list[tuple[int, datetime.datetime, datetime.datetime]] = []
    for index, (start, end) in enumerate(slots):
        clash = Clash(index, start, end, rule_problems(instrument, start, end, now))
        if any(s < end and start < e for s, e in taken):
            clash.taken = True
            clash.reasons.append(_("already booked"))
        hours = Decimal((end - start).total_seconds()) / Decimal(3600)
        month = _month(start, tz)
        if instrument.monthly_quota_hours is not None and used[month] + hours > instrument.monthly_quota_hours:
            clash.reasons.append(_("over the monthly quota of %(quota)s hours (%(used)s used)") % {
                "quota": instrument.monthly_quota_hours, "used": f"{used[month]:.1f}"})
        if clash.reasons:
            clashes.append(clash)
        else:
            used[month] += hours
            free.append((index, start, end))
    _refuse_unless_partial(clashes, allow_partial, tz)
    status = Booking.Status.REQUESTED if instrument.approval_required else Booking.Status.APPROVED
    series = uuid.uuid4() if len(slots) > 1 else None
    booked: list[Booking] = []
    for index, start, end in free:
        booking = Booking(
            instrument=instrument, organisation=organisation, requested_by=access.user_of(actor),
            starts_at=start, ends_at=end, status=status, series=series, purpose=purpose, samples=samples,
        )
        try:
            with transaction.atomic():
                booking.save()
        except (IntegrityError, OperationalError) as exc:
            if not (is_overlap(exc) or is_deadlock(exc)):
                raise
            # Someone else took it between our check and our insert: the database said no.
            clashes.append(Clash(index, start, end, [_("already booked")], taken=True))
            _refuse_unless_partial(clashes, allow_partial, tz)
            continue
        audit.record(actor, booking, ChangeRecord.Action.CREATE)
        booked.append(booking)
    if not booked:
        _refuse_unless_partial(clashes, False, tz)
    clashes.sort(key=lambda c: c.index)
    return SeriesResult(booked, clashes)


def _refuse_unless_partial(clashes: list[Clash], allow_partial: bool, tz: ZoneInfo) -> None:
    if not clashes or allow_partial:
        return
    if any(c.taken for c in clashes):
        raise BookingConflict(clashes, tz)
    raise BookingRefused(clashes, tz)


def request_booking(actor: Actor, instrument: Instrument, organisation: Organisation, starts_at: datetime.datetime,
                    ends_at: datetime.datetime, **kwargs: Any) -> Booking:
    return request_series(actor, instrument, organisation, starts_at, ends_at, **kwargs).booked[0]


# ---- decisions -------------------------------------------------------------------------------------

# The transitions (who, from which status, what is required) are declared on `Booking.WORKFLOW`; a status
# changes only if it is still a source of the transition, so a second click or a race changes nothing.

def _require_owner_staff(actor: Actor, booking: Booking) -> None:
    access.require(actor, DECIDE, booking, _("Only the instrument owner's staff may decide on this booking."))


def approve_booking(actor: Actor, booking: Booking) -> Booking:
    return apply_transition(actor, booking, "approve")


def reject_booking(actor: Actor, booking: Booking, reason: str) -> Booking:
    return apply_transition(actor, booking, "reject", reason=reason)


def cancel_booking(actor: Actor, booking: Booking, reason: str = "") -> Booking:
    return apply_transition(actor, booking, "cancel", reason=reason)


def _require_started(booking: Booking, now: datetime.datetime | None) -> None:
    if booking.starts_at > (now or timezone.now()):
        raise ValidationError({"status": _("The booked time has not begun yet.")})


@transaction.atomic
def mark_no_show(actor: Actor, booking: Booking, *, now: datetime.datetime | None = None) -> Booking:
    _require_owner_staff(actor, booking)
    _require_started(booking, now)
    return apply_transition(actor, booking, "no_show")


def fee_for(instrument: Instrument, hours: Decimal, samples: int) -> Decimal:
    """What a use costs at the instrument's rates: charged at completion, estimated before booking."""
    return (Decimal(hours) * instrument.rate_per_hour + samples * instrument.rate_per_sample).quantize(Decimal("0.01"))


@dataclass
class FeeEstimate:
    occurrences: int
    hours: Decimal  # per occurrence
    samples: int  # per occurrence
    each: Decimal
    total: Decimal


def estimate_fee(instrument: Instrument, starts_at: datetime.datetime, ends_at: datetime.datetime, *,
                 samples: int = 0, repeat: str = "none", count: int = 1) -> FeeEstimate:
    """The fee a request would be charged if every occurrence is used as booked (`fee_for`, as at completion)."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    if samples < 0:
        raise ValidationError({"samples": _("Samples cannot be negative.")})
    n = len(occurrences(starts_at, ends_at, repeat, count))
    hours = (Decimal((ends_at - starts_at).total_seconds()) / Decimal(3600)).quantize(Decimal("0.01"))
    each = fee_for(instrument, hours, samples)
    return FeeEstimate(n, hours, samples, each, each * n)


@transaction.atomic
def complete_booking(actor: Actor, booking: Booking, *, hours: Decimal | None = None, samples: int | None = None,
                     now: datetime.datetime | None = None) -> UsageRecord:
    """Record what was used: `Booking.WORKFLOW`'s "complete" (its guard checks the time has begun and the
    figures; its effect records the usage, with the fee from the instrument's rates that vouchers pay part of)."""
    hours = booking.hours.quantize(Decimal("0.01")) if hours is None else Decimal(hours)
    samples = booking.samples if samples is None else samples
    apply_transition(actor, booking, "complete", hours=hours, samples=samples, now=now)
    return UsageRecord.objects.get(booking=booking)


def check_usage(booking: Booking, values: dict[str, Any]) -> None:
    """The completion's guard: the booked time has begun, and nothing used is negative."""
    _require_started(booking, values.get("now"))
    if values["hours"] < 0:
        raise ValidationError({"hours": _("Hours cannot be negative.")})
    if values["samples"] < 0:
        raise ValidationError({"samples": _("Samples cannot be negative.")})


def record_usage(actor: Actor, booking: Booking, values: dict[str, Any]) -> UsageRecord:
    """The completion's effect, in its transaction."""
    hours, samples = values["hours"], values["samples"]
    return UsageRecord.objects.create(booking=booking, hours=hours, samples=samples,
                                      fee=fee_for(booking.instrument, hours, samples), recorded_by=access.user_of(actor))


# ---- the calendar --------------------------------------------------------------------------------

@dataclass
class Slot:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    state: str  # "free", "taken", "closed"


def week_calendar(instrument: Instrument, first_day: datetime.date, *, step_minutes: int = 60, days: int = 7) -> list[tuple[datetime.date, list[Slot]]]:
    """Free and taken slots per day in the instrument's local time; who booked is not shown here."""
    tz = zone(instrument)
    start = datetime.datetime.combine(first_day, instrument.opens_at, tzinfo=tz)
    end = datetime.datetime.combine(first_day + datetime.timedelta(days=days), instrument.closes_at, tzinfo=tz)
    taken = taken_between(instrument, start, end)
    out = []
    step = datetime.timedelta(minutes=step_minutes)
    for offset in range(days):
        day = first_day + datetime.timedelta(days=offset)
        slots = []
        cursor = datetime.datetime.combine(day, instrument.opens_at, tzinfo=tz)
        closing = datetime.datetime.combine(day, instrument.closes_at, tzinfo=tz)
        is_open = str(day.isoweekday()) in instrument.open_days
        while cursor < closing:
            slot_end = min(cursor + step, closing)
            state = "closed" if not is_open else (
                "taken" if any(s < slot_end and cursor < e for s, e in taken) else "free")
            slots.append(Slot(cursor, slot_end, state))
            cursor = slot_end
        out.append((day, slots))
    return out


def instruments_free_between(start: datetime.datetime, end: datetime.datetime) -> Q:
    """Instruments with no booking holding any part of [start, end)."""
    busy = Booking.objects.holding_slot().filter(starts_at__lt=end, ends_at__gt=start).values("instrument_id")
    return ~Q(pk__in=busy)


SUGGESTION_STEP = datetime.timedelta(minutes=30)


def next_free_slots(
    instrument: Instrument, minutes: int, *, after: datetime.datetime | None = None, count: int = 5, horizon_days: int = 28,
    now: datetime.datetime | None = None,
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The first `count` free slots of `minutes` within opening hours, on the half hour, that a booking
    request could get right now (duration limits and lead time as `rule_problems` checks them)."""
    if not instrument.min_minutes <= minutes <= instrument.max_minutes:
        raise ValidationError({"minutes": _("Duration must be between %(min)s and %(max)s minutes.") % {
            "min": instrument.min_minutes, "max": instrument.max_minutes}})
    tz = zone(instrument)
    now = now or timezone.now()
    earliest = max(after or now, now + datetime.timedelta(hours=instrument.lead_hours)).astimezone(tz)
    length = datetime.timedelta(minutes=minutes)
    first_day = earliest.date()
    last_day = first_day + datetime.timedelta(days=horizon_days)
    taken = taken_between(
        instrument, datetime.datetime.combine(first_day, datetime.time(), tzinfo=tz),
        datetime.datetime.combine(last_day, datetime.time(), tzinfo=tz),
    )
    found: list[tuple[datetime.datetime, datetime.datetime]] = []
    day = first_day
    while day < last_day and len(found) < count:
        if str(day.isoweekday()) in instrument.open_days:
            start = datetime.datetime.combine(day, instrument.opens_at, tzinfo=tz)
            closing = datetime.datetime.combine(day, instrument.closes_at, tzinfo=tz)
            while start + length <= closing and len(found) < count:
                end = start + length
                if start >= earliest and not any(s < end and start < e for s, e in taken):
                    found.append((start, end))
                    start = end  # suggest distinct, back-to-back slots
                else:
                    start += SUGGESTION_STEP
        day += datetime.timedelta(days=1)
    return found
