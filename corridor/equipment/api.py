"""Instruments, bookings, voucher programmes, vouchers and redemptions over the REST API.

Row access goes through the models' queryset methods (`Booking.objects.restrict`,
`Voucher.objects.restrict`, `VoucherProgramme.objects.restrict(user, "manage")`): what a caller may not see is a
404, exactly as if it did not exist. The services decide 403 and every rule.
"""


import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from corridor.accounts.api_auth import USER_REQUIRED, signed_in
from corridor.core.access import Actor
from corridor.core.dates import check_day
from corridor.core.pagination import LimitOffsetPagination
from corridor.core.schemas import errors
from corridor.equipment import reports, services, vouchers
from corridor.equipment.filters import InstrumentFilter
from corridor.equipment.models import MANAGE, Booking, Instrument, Voucher, VoucherProgramme
from corridor.equipment.schemas import (
    BookingDetailOut,
    BookingIn,
    BookingOut,
    ClashOut,
    CompleteIn,
    GrantIn,
    InstrumentDetailOut,
    InstrumentIn,
    InstrumentOut,
    ProgrammeIn,
    ProgrammeOut,
    ReasonIn,
    RedeemIn,
    RedemptionOut,
    SeriesOut,
    SettlementPairOut,
    SlotOut,
    UtilisationOut,
    VoucherDetailOut,
    VoucherOut,
)
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

router = Router(tags=["equipment"])


def instruments() -> Any:
    return Instrument.objects.filter(active=True).select_related("owner", "region", "city")


def bookings_for(user: Actor) -> Any:
    return Booking.objects.restrict(user).select_related("instrument", "organisation", "usage")


def _booking(request: HttpRequest, booking_id: int) -> Booking:
    return get_object_or_404(bookings_for(signed_in(request)).select_related("instrument__owner"), pk=booking_id)


@router.get("/instruments", response={200: list[InstrumentOut], **errors(422)}, summary="Search the instrument catalogue")
@paginate(LimitOffsetPagination)
def list_instruments(request: HttpRequest, filters: Query[InstrumentFilter]) -> Any:
    """Filtered exactly as the catalogue page is."""
    return filters.apply(instruments())


@router.get("/instruments/{int:instrument_id}", response={200: InstrumentDetailOut, **errors(404)}, summary="An instrument")
def get_instrument(request: HttpRequest, instrument_id: int) -> Instrument:
    return get_object_or_404(instruments(), pk=instrument_id)


def _managed_instrument(request: HttpRequest, instrument_id: int) -> Instrument:
    # Retired ones too: their owners may still correct them. Whether one may is the services' call.
    return get_object_or_404(Instrument.objects.select_related("owner", "region", "city", "park"), pk=instrument_id)


@router.post("/instruments", response={201: InstrumentOut, **errors(401, 403, 422)}, auth=USER_REQUIRED,
             summary="List an instrument (the owner organisation's staff, admins)")
def create_instrument(request: HttpRequest, payload: InstrumentIn) -> Status:
    instrument = services.create_instrument(signed_in(request), payload.as_text())
    return Status(201, instrument)


@router.patch("/instruments/{int:instrument_id}", response={200: InstrumentOut, **errors(401, 403, 404, 422)},
              auth=USER_REQUIRED, summary="Change an instrument's fields (the owner's staff, admins)")
def update_instrument(request: HttpRequest, instrument_id: int, payload: InstrumentIn) -> Instrument:
    """Only the fields sent change; the owner does not. Recorded in the instrument's history."""
    user = signed_in(request)
    return services.update_instrument(user, _managed_instrument(request, instrument_id), payload.as_text())


@router.post("/instruments/{int:instrument_id}/retire", response={200: InstrumentOut, **errors(401, 403, 404)},
             auth=USER_REQUIRED, summary="Retire an instrument: no longer listed nor bookable (the owner's staff, admins)")
def retire_instrument(request: HttpRequest, instrument_id: int) -> Instrument:
    return services.retire_instrument(signed_in(request), _managed_instrument(request, instrument_id))


@router.get(
    "/instruments/{int:instrument_id}/calendar", response={200: list[SlotOut], **errors(404, 422)},
    summary="Free and taken slots (who booked is not shown)",
)
def instrument_calendar(request: HttpRequest, instrument_id: int, start: datetime.date | None = None, days: int = 7) -> Any:
    instrument = get_object_or_404(instruments(), pk=instrument_id)
    check_day(start, "start")
    days = min(max(days, 1), 31)
    calendar = services.week_calendar(instrument, start or timezone.localdate(), days=days)
    return [slot for _day, slots in calendar for slot in slots]


@router.post(
    "/instruments/{int:instrument_id}/bookings", response={201: SeriesOut, **errors(401, 403, 404, 409, 422)},
    auth=USER_REQUIRED, summary="Request a booking (once or recurring)",
)
def request_booking(request: HttpRequest, instrument_id: int, payload: BookingIn) -> Status:
    """Every occurrence is checked; a clash answers 409 naming each clashing occurrence and books nothing,
    unless `allow_partial` is true (then the free ones are booked and the others listed in `skipped`)."""
    user = signed_in(request)
    instrument = get_object_or_404(instruments(), pk=instrument_id)
    # Unknown and hidden look the same (404): a 403 would confirm that an unlisted organisation exists.
    organisation = get_object_or_404(Organisation.objects.visible_to(user), pk=payload.organisation_id)
    result = services.request_series(
        user, instrument, organisation, payload.starts_at, payload.ends_at, repeat=payload.repeat, count=payload.count,
        allow_partial=payload.allow_partial, purpose=payload.purpose, samples=payload.samples,
    )
    skipped = [ClashOut(occurrence=c.index + 1, starts_at=c.starts_at, ends_at=c.ends_at, reasons=c.reasons) for c in result.skipped]
    booked = list(bookings_for(user).filter(pk__in=[b.pk for b in result.booked]))
    return Status(201, {"booked": booked, "skipped": skipped})


@router.get("/bookings", response={200: list[BookingOut], **errors(401, 422)}, auth=USER_REQUIRED, summary="Bookings you may see")
@paginate(LimitOffsetPagination)
def list_bookings(request: HttpRequest, status: str | None = None) -> Any:
    """Your organisations' bookings and the bookings of instruments they own."""
    qs = bookings_for(signed_in(request)).order_by("-starts_at", "-id")
    return qs.filter(status=status) if status else qs


@router.get("/bookings/{int:booking_id}", response={200: BookingDetailOut, **errors(401, 404)}, auth=USER_REQUIRED, summary="A booking")
def get_booking(request: HttpRequest, booking_id: int) -> Booking:
    return _booking(request, booking_id)


DECISION = {200: BookingOut, **errors(401, 403, 404, 409, 422)}


@router.post("/bookings/{int:booking_id}/approve", response=DECISION, auth=USER_REQUIRED, summary="Approve (owner's staff)")
def approve(request: HttpRequest, booking_id: int) -> Booking:
    return services.approve_booking(signed_in(request), _booking(request, booking_id))


@router.post("/bookings/{int:booking_id}/reject", response=DECISION, auth=USER_REQUIRED, summary="Reject with a reason (owner's staff)")
def reject(request: HttpRequest, booking_id: int, payload: ReasonIn) -> Booking:
    return services.reject_booking(signed_in(request), _booking(request, booking_id), payload.reason)


@router.post("/bookings/{int:booking_id}/cancel", response=DECISION, auth=USER_REQUIRED, summary="Cancel (booker or owner)")
def cancel(request: HttpRequest, booking_id: int, payload: ReasonIn) -> Booking:
    return services.cancel_booking(signed_in(request), _booking(request, booking_id), payload.reason)


@router.post("/bookings/{int:booking_id}/no-show", response=DECISION, auth=USER_REQUIRED, summary="Mark a no-show (owner's staff)")
def no_show(request: HttpRequest, booking_id: int) -> Booking:
    return services.mark_no_show(signed_in(request), _booking(request, booking_id))


@router.post("/bookings/{int:booking_id}/complete", response=DECISION, auth=USER_REQUIRED, summary="Complete and record usage (owner's staff)")
def complete(request: HttpRequest, booking_id: int, payload: CompleteIn) -> Booking:
    user = signed_in(request)
    services.complete_booking(user, _booking(request, booking_id), hours=payload.hours, samples=payload.samples)
    return _booking(request, booking_id)


# ---- vouchers ---------------------------------------------------------------------------------------

def programmes() -> Any:
    return VoucherProgramme.objects.select_related("issuer").prefetch_related("holder_regions", "provider_regions")


@router.get("/programmes", response={200: list[ProgrammeOut], **errors(422)}, summary="Innovation voucher programmes")
@paginate(LimitOffsetPagination)
def list_programmes(request: HttpRequest) -> Any:
    return programmes()


@router.post("/programmes", response={201: ProgrammeOut, **errors(401, 403, 422)}, auth=USER_REQUIRED,
             summary="Create a voucher programme (the issuing region's officers)")
def create_programme(request: HttpRequest, payload: ProgrammeIn) -> Status:
    user = signed_in(request)
    data = payload.model_dump()
    codes = {data["issuer"], *data["holder_regions"], *data["provider_regions"]}
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    unknown = sorted(codes - set(regions))
    if unknown:
        raise ValidationError({"issuer" if data["issuer"] in unknown else "provider_regions": _("Unknown region code: %(value)s") % {"value": ", ".join(unknown)}})
    data["issuer"] = regions[data["issuer"]]
    data["holder_regions"] = [regions[c] for c in data["holder_regions"]]
    data["provider_regions"] = [regions[c] for c in data["provider_regions"]]
    programme = vouchers.create_programme(user, data)
    return Status(201, get_object_or_404(programmes(), pk=programme.pk))


@router.get("/settlement", response={200: list[SettlementPairOut], **errors(401)}, auth=USER_REQUIRED,
            summary="Across the programmes you manage: what each city's money paid each city's providers")
def settlement(request: HttpRequest) -> Any:
    return reports.settlement_for(signed_in(request)).pairs


@router.get("/programmes/{int:programme_id}", response={200: ProgrammeOut, **errors(404)}, summary="A voucher programme")
def get_programme(request: HttpRequest, programme_id: int) -> VoucherProgramme:
    return get_object_or_404(programmes(), pk=programme_id)


@router.post(
    "/programmes/{int:programme_id}/vouchers", response={201: VoucherOut, **errors(401, 403, 404, 409, 422)},
    auth=USER_REQUIRED, summary="Grant a voucher (the issuing region's officers)",
)
def grant(request: HttpRequest, programme_id: int, payload: GrantIn) -> Status:
    user = signed_in(request)
    programme = get_object_or_404(programmes(), pk=programme_id)
    holder = get_object_or_404(Organisation.objects.visible_to(user), pk=payload.holder_id)  # hidden = unknown: 404
    voucher = vouchers.grant_voucher(user, programme, holder, payload.amount)
    return Status(201, _voucher(request, voucher.pk))


@router.get(
    "/programmes/{int:programme_id}/settlement", response={200: list[SettlementPairOut], **errors(401, 404)},
    auth=USER_REQUIRED, summary="What this programme paid, per pair of cities (its officers)",
)
def programme_settlement(request: HttpRequest, programme_id: int) -> Any:
    programme = get_object_or_404(VoucherProgramme.objects.restrict(signed_in(request), MANAGE), pk=programme_id)
    return reports.settlement(VoucherProgramme.objects.filter(pk=programme.pk)).pairs


def vouchers_for(user: Actor) -> Any:
    return Voucher.objects.restrict(user).select_related("programme__issuer", "holder").prefetch_related(
        "programme__holder_regions", "programme__provider_regions")


def _voucher(request: HttpRequest, voucher_id: int) -> Voucher:
    return get_object_or_404(vouchers_for(signed_in(request)), pk=voucher_id)


@router.get("/vouchers", response={200: list[VoucherOut], **errors(401, 422)}, auth=USER_REQUIRED, summary="Vouchers you may see")
@paginate(LimitOffsetPagination)
def list_vouchers(request: HttpRequest) -> Any:
    """Your organisations' vouchers; for officers, those of the programmes they manage."""
    return vouchers_for(signed_in(request))


@router.get("/vouchers/{int:voucher_id}", response={200: VoucherDetailOut, **errors(401, 404)}, auth=USER_REQUIRED, summary="A voucher and its balance")
def get_voucher(request: HttpRequest, voucher_id: int) -> Voucher:
    return _voucher(request, voucher_id)


@router.post(
    "/vouchers/{int:voucher_id}/redemptions", response={201: RedemptionOut, **errors(401, 403, 404, 409, 422)},
    auth=USER_REQUIRED, summary="Pay part of a completed booking with a voucher",
)
def redeem(request: HttpRequest, voucher_id: int, payload: RedeemIn) -> Status:
    user = signed_in(request)
    voucher = _voucher(request, voucher_id)
    booking = get_object_or_404(bookings_for(user), pk=payload.booking_id)
    redemption = vouchers.redeem(user, voucher, booking, payload.amount, contract_ref=payload.contract_ref,
                                 receipt_ref=payload.receipt_ref)
    return Status(201, redemption)


class UtilisationReport(Schema):
    instruments: list[UtilisationOut]
    cities: list[UtilisationOut]


@router.get("/utilisation", response={200: UtilisationReport, **errors(422)}, summary="Booked hours over open hours")
def utilisation(request: HttpRequest, start: datetime.date, end: datetime.date, filters: Query[InstrumentFilter]) -> Any:
    """Per instrument and per city, over the days [start, end) (at most a year)."""
    check_day(start, "start")
    check_day(end, "end")
    if not start < end or (end - start).days > 366:
        raise ValidationError({"end": _("The end must be after the start, at most a year later.")})
    per_instrument, per_city = reports.utilisation(filters.apply(instruments()), start, end)
    return {"instruments": per_instrument, "cities": per_city}
