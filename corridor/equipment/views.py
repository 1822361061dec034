"""Equipment pages: the catalogue, an instrument with its calendar and booking form, bookings and their
decisions, voucher programmes with grants and settlement, and utilisation.

Row access goes through the models' queryset methods only; the services decide every rule and 403.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.audit.services import history_of
from corridor.core import access, toolkit
from corridor.core.access import Actor
from corridor.core.dates import page_day
from corridor.equipment import reports, services, vouchers
from corridor.equipment.filters import InstrumentFilter
from corridor.equipment.forms import (
    BookingForm,
    CompleteForm,
    EstimateForm,
    GrantForm,
    InstrumentForm,
    ProgrammeForm,
    ReasonForm,
    RedeemForm,
)
from corridor.equipment.models import CANCEL, DECIDE, MANAGE, Booking, Instrument, Voucher, VoucherProgramme
from corridor.orgs.models import Organisation
from corridor.orgs.views import _city_options
from corridor.regions.models import Region

PAGE_SIZE = 25


def instruments() -> Any:
    return Instrument.objects.filter(active=True).select_related("owner", "region", "city")


def instrument_list(request: HttpRequest) -> HttpResponse:
    filters = InstrumentFilter.from_query(request.GET, None if toolkit.is_htmx(request) else request)
    page_obj = toolkit.paginate(request, filters.apply(instruments()))
    context: dict[str, Any] = {
        "page_obj": page_obj, "instruments": page_obj.object_list, "filters": filters,
        "filtered": filters.is_active(), "hx_target": "#instrument-results",
    }
    return toolkit.htmx_partial(request, "equipment/list.html", "equipment/_results.html", context, lambda: {
        "cities": _city_options(filters.city), "categories": Instrument.Category.choices,
        "can_create": services.may_create_instruments(request.user),
        "free_from": request.GET.get("free_from", ""), "free_until": request.GET.get("free_until", ""),
    })


def _week_start(request: HttpRequest) -> datetime.date:
    return page_day(request.GET.get("week", ""), "week") or timezone.localdate()


def _calendar_rows(instrument: Instrument, first_day: datetime.date) -> tuple[list[datetime.date], list[list[Any]]]:
    """The week as rows of times × columns of days, for a table."""
    week = services.week_calendar(instrument, first_day)
    days = [day for day, _slots in week]
    rows = [list(cells) for cells in zip(*[slots for _day, slots in week], strict=True)]
    return days, rows


@dataclass
class Cell:
    """A calendar cell; a free one that could be booked now links to the booking form, prefilled."""

    slot: services.Slot
    book_until: datetime.datetime | None = None


def _bookable_cells(instrument: Instrument, rows: list[list[services.Slot]]) -> list[list[Cell]]:
    now = timezone.now()
    length = datetime.timedelta(minutes=max(instrument.min_minutes, min(60, instrument.max_minutes)))
    out = []
    for row in rows:
        cells = []
        for slot in row:
            end = slot.starts_at + length
            bookable = slot.state == "free" and not services.rule_problems(instrument, slot.starts_at, end, now)
            cells.append(Cell(slot, end if bookable else None))
        out.append(cells)
    return out


def _estimate(instrument: Instrument, data: Any) -> services.FeeEstimate | None:
    """The fee of what the booking form holds, or None while it holds no usable times."""
    form = EstimateForm(data)
    if not form.is_valid():
        return None
    d = form.cleaned_data
    try:
        return services.estimate_fee(
            instrument, services.aware(d["starts_at"], instrument), services.aware(d["ends_at"], instrument),
            samples=d["samples"] or 0, repeat=d["repeat"] or "none", count=d["count"] or 1,
        )
    except ValidationError:
        return None


def fee_estimate(request: HttpRequest, pk: int) -> HttpResponse:
    """The estimate beside the booking form, asked again (htmx) as the times and samples change."""
    instrument = get_object_or_404(instruments(), pk=pk)
    return render(request, "equipment/_fee_estimate.html",
                  {"instrument": instrument, "estimate": _estimate(instrument, request.GET)})


def _my_organisations(user: Actor) -> Any:
    return Organisation.objects.filter(pk__in=access.member_org_ids(user)).order_by("name_zh")


def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(instruments(), pk=pk)
    tz = services.zone(instrument)
    first_day = _week_start(request)
    organisations = _my_organisations(request.user)
    days, rows = _calendar_rows(instrument, first_day)
    context: dict[str, Any] = {
        "instrument": instrument, "clashes": [], "days": days, "rows": _bookable_cells(instrument, rows),
        "week": request.GET.get("week", ""),
        "previous_week": first_day - datetime.timedelta(days=7), "next_week": first_day + datetime.timedelta(days=7),
        "can_manage": services.may_manage(request.user, instrument), "time_zone": instrument.time_zone,
        **_free_slot_finder(request, instrument),
    }
    if not organisations.exists():  # only members of an organisation book
        return render(request, "equipment/detail.html", {**context, "form": None})
    # A suggested free slot, chosen on the page, fills the form.
    initial = {"organisation": organisations.first(),
               "starts_at": request.GET.get("starts_at") or None, "ends_at": request.GET.get("ends_at") or None}
    form = BookingForm(request.POST if request.method == "POST" else None, organisations=organisations, initial=initial)
    context["estimate"] = _estimate(instrument, request.POST if request.method == "POST" else
                                    {key: request.GET.get(key, "") for key in ("starts_at", "ends_at")} | {"samples": 0})

    def book(f: BookingForm) -> services.SeriesResult:
        data = f.cleaned_data
        try:
            with timezone.override(tz):
                return services.request_series(
                    request.user, instrument, data["organisation"], data["starts_at"], data["ends_at"],
                    repeat=data["repeat"], count=data["count"], allow_partial=data["allow_partial"],
                    purpose=data["purpose"], samples=data["samples"],
                )
        except (services.BookingConflict, services.BookingRefused) as exc:
            # Listed occurrence by occurrence above the form rather than as form errors: refused, nothing more.
            context["clashes"] = exc.message_dict["occurrences"]
            raise ValidationError({}) from None

    def booked(result: services.SeriesResult) -> HttpResponse:
        messages.success(request, _("%(n)s booking(s) requested.") % {"n": len(result.booked)})
        for clash in result.skipped:
            messages.warning(request, clash.describe(tz))
        return redirect("equipment:booking", pk=result.booked[0].pk)

    if form.is_bound:
        with timezone.override(tz):  # times typed on the page are the instrument's local time
            form.is_valid()  # form_view reuses what this parsed
    return toolkit.form_view(request, form, book, template="equipment/detail.html", context=context, done=booked)


def _free_slot_finder(request: HttpRequest, instrument: Instrument) -> dict[str, Any]:
    """"Available in a window": the next free slots of the asked length from the asked day on."""
    raw_minutes, raw_from = request.GET.get("find_minutes", ""), request.GET.get("find_from", "")
    out: dict[str, Any] = {"find_minutes": raw_minutes or instrument.min_minutes, "find_from": raw_from,
                           "suggestions": None, "find_error": ""}
    if not raw_minutes:
        return out
    tz = services.zone(instrument)
    try:
        minutes = int(raw_minutes)
        first = page_day(raw_from, "find_from") if raw_from else None
        if raw_from and first is None:
            raise ValueError(raw_from)
        after = datetime.datetime.combine(first, datetime.time(), tzinfo=tz) if first else None
        out["suggestions"] = services.next_free_slots(instrument, minutes, after=after)
    except ValueError:
        out["find_error"] = _("Give the length in minutes and the first day as YYYY-MM-DD.")
    except ValidationError as exc:
        out["find_error"] = " ".join(exc.messages)
    return out


@login_required
def booking_list(request: HttpRequest) -> HttpResponse:
    visible = Booking.objects.restrict(request.user).select_related("instrument", "organisation").order_by("-starts_at", "-id")
    to_decide = visible.restrict(request.user, DECIDE).filter(status="requested")
    page_obj = toolkit.paginate(request, visible)
    return render(request, "equipment/bookings.html", {"to_decide": to_decide[:100], "page_obj": page_obj})


def _visible_booking(request: HttpRequest, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.restrict(request.user).select_related("instrument__owner", "organisation", "usage"), pk=pk
    )


@login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _visible_booking(request, pk)
    usable = vouchers.vouchers_for_booking(request.user, booking)
    redeem_form = RedeemForm(vouchers=usable) if usable else None
    return _render_booking(request, booking, redeem_form=redeem_form)


def _booking_context(request: HttpRequest, booking: Booking, **forms: Any) -> dict[str, Any]:
    permitted = access.permitted_actions(request.user, booking)
    return {
        "booking": booking, "can_manage": DECIDE in permitted,
        "can_cancel": booking.status in ("requested", "approved") and CANCEL in permitted,
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "complete_form": forms.get("complete_form") or CompleteForm(initial={"hours": booking.hours.quantize(1), "samples": booking.samples}),
        "redeem_form": forms.get("redeem_form"),
        "redemptions": booking.redemptions.select_related("voucher__programme"),
        "time_zone": booking.instrument.time_zone,
    }


def _render_booking(request: HttpRequest, booking: Booking, status: int = 200, **forms: Any) -> HttpResponse:
    return render(request, "equipment/booking.html", _booking_context(request, booking, **forms), status=status)


def _redeem(request: HttpRequest, booking: Booking) -> HttpResponse:
    """A voucher paid towards a completed booking: the form, then the service; refused, the form says why."""
    redeem_form = RedeemForm(request.POST, vouchers=vouchers.vouchers_for_booking(request.user, booking))

    def redeem(f: RedeemForm) -> Any:
        data = f.cleaned_data
        return vouchers.redeem(request.user, data["voucher"], booking, data["amount"],
                               contract_ref=data["contract_ref"], receipt_ref=data["receipt_ref"])

    def redeemed(_redemption: Any) -> HttpResponse:
        messages.success(request, _("Saved."))
        return redirect("equipment:booking", pk=booking.pk)

    return toolkit.form_view(request, redeem_form, redeem, template="equipment/booking.html",
                             context=_booking_context(request, booking, redeem_form=redeem_form), done=redeemed)


@require_POST
@login_required
def booking_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """approve / reject / cancel / no-show / complete / redeem: one POST each, decided by the services."""
    booking = _visible_booking(request, pk)
    user = request.user
    try:
        if action == "approve":
            services.approve_booking(user, booking)
        elif action in ("reject", "cancel"):
            form = ReasonForm(request.POST)
            form.is_valid()
            reason = form.cleaned_data.get("reason", "")
            if action == "reject":
                services.reject_booking(user, booking, reason)
            else:
                services.cancel_booking(user, booking, reason)
        elif action == "no-show":
            services.mark_no_show(user, booking)
        elif action == "complete":
            complete_form = CompleteForm(request.POST)
            if not complete_form.is_valid():
                return _render_booking(request, booking, 422, complete_form=complete_form)
            services.complete_booking(user, booking, hours=complete_form.cleaned_data["hours"], samples=complete_form.cleaned_data["samples"])
        elif action == "redeem":
            return _redeem(request, booking)
        else:
            return HttpResponse(status=404)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("equipment:booking", pk=booking.pk)
    messages.success(request, _("Saved."))
    return redirect("equipment:booking", pk=booking.pk)


def _programme_form(request: HttpRequest) -> ProgrammeForm | None:
    """Officers (and admins) create programmes for their own regions; providers from the corridor's cities."""
    admin, officer_of = access.is_admin(request.user), access.officer_region_ids(request.user)
    if not (admin or officer_of):
        return None
    issuers = Region.objects.all() if admin else Region.objects.filter(pk__in=officer_of)
    cities = [r.pk for r in _city_options(None)]
    providers = Region.objects.filter(pk__in=cities).order_by("code")
    data = request.POST if request.method == "POST" else None
    return ProgrammeForm(data, issuers=issuers.order_by("code")[:500] if admin else issuers, providers=providers,
                         initial={"provider_regions": cities})


def programme_list(request: HttpRequest) -> HttpResponse:
    form = _programme_form(request)
    programmes = VoucherProgramme.objects.select_related("issuer").prefetch_related("provider_regions")
    mine = Voucher.objects.restrict(request.user).select_related("programme", "holder") if request.user.is_authenticated else []
    context = {"programmes": programmes, "vouchers": mine}
    if form is None:
        if request.method == "POST":
            raise PermissionDenied(_("Only city officers create voucher programmes."))
        return render(request, "equipment/programmes.html", {**context, "form": None})

    def created(programme: VoucherProgramme) -> HttpResponse:
        messages.success(request, _("The programme was created."))
        return redirect("equipment:programme", pk=programme.pk)

    return toolkit.form_view(request, form, lambda f: vouchers.create_programme(request.user, dict(f.cleaned_data)),
                             template="equipment/programmes.html", context=context, done=created)


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(
        VoucherProgramme.objects.select_related("issuer").prefetch_related("holder_regions", "provider_regions"), pk=pk
    )
    manages = vouchers.may_manage_programme(request.user, programme)
    form = GrantForm(request.POST) if request.method == "POST" else GrantForm()

    def grant(f: GrantForm) -> Voucher:
        holder = vouchers.find_holder(request.user, f.cleaned_data["holder"])
        context["holder"] = holder  # named next to the picker when the form comes back (a second grant)
        try:
            return vouchers.grant_voucher(request.user, programme, holder, f.cleaned_data["amount"],
                                          another=f.cleaned_data["another"])
        except ValidationError as exc:
            if vouchers.SECOND_GRANT in {e.code for e in getattr(exc, "error_dict", {}).get("holder", [])}:
                f.fields["another"].widget = forms.CheckboxInput()  # the question gets its box
            raise

    def granted(_voucher: Voucher) -> HttpResponse:
        messages.success(request, _("The voucher was granted."))
        return redirect("equipment:programme", pk=programme.pk)

    context: dict[str, Any] = {"programme": programme, "manages": manages}
    if manages:
        context["granted"] = programme.vouchers.select_related("holder")
        # Lazily: computed only when the page is shown, not before a successful grant redirects.
        context["settlement"] = SimpleLazyObject(lambda: reports.settlement(VoucherProgramme.objects.filter(pk=programme.pk)))
    return toolkit.form_view(request, form, grant, template="equipment/programme.html", context=context, done=granted)


@login_required
def settlement_xlsx(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Per programme, or across every programme the officer manages."""
    managed = VoucherProgramme.objects.restrict(request.user, MANAGE)
    if pk is not None:
        managed = managed.filter(pk=get_object_or_404(managed, pk=pk).pk)
    content = reports.settlement_xlsx(reports.settlement(managed))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="settlement-{pk or "all"}.xlsx"'
    return response


def utilisation(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    asked_start, asked_end = page_day(request.GET.get("start", ""), "start"), page_day(request.GET.get("end", ""), "end")
    if asked_start is None or asked_end is None:
        start, end = today - datetime.timedelta(days=30), today
    else:
        start, end = asked_start, asked_end
    if not start < end or (end - start).days > 366:
        start, end = today - datetime.timedelta(days=30), today
    filters = InstrumentFilter.from_query(request.GET, request)
    per_instrument, per_city = reports.utilisation(filters.apply(instruments()), start, end)
    context = {"per_instrument": per_instrument, "per_city": per_city, "start": start, "end": end,
               "filters": filters, "cities": _city_options(filters.city)}
    return render(request, "equipment/utilisation.html", context)


def _instrument_form(request: HttpRequest, instrument: Instrument | None) -> InstrumentForm:
    owners = None if access.is_admin(request.user) else _my_organisations(request.user)
    data = request.POST if request.method == "POST" else None
    initial = InstrumentForm.initial_for(instrument) if instrument is not None else {
        "category": Instrument.Category.OTHER, "approval_required": True, "open_days": "12345", "opens_at": "08:30",
        "closes_at": "17:30", "min_minutes": 60, "max_minutes": 480, "lead_hours": 24, "rate_per_hour": 0, "rate_per_sample": 0,
    }
    return InstrumentForm(data, owners=owners, editing=instrument is not None, initial=initial)


def _save_instrument_form(request: HttpRequest, instrument: Instrument | None) -> HttpResponse:
    form = _instrument_form(request, instrument)

    def save(f: InstrumentForm) -> Instrument:
        if instrument is None:
            return services.create_instrument(request.user, f.as_text())
        return services.update_instrument(request.user, instrument, f.as_text())

    def done(saved: Instrument) -> HttpResponse:
        messages.success(request, _("Saved."))
        return redirect("equipment:detail", pk=saved.pk) if saved.active else redirect("equipment:edit", pk=saved.pk)

    context = {"instrument": instrument,
               "history": history_of(instrument).order_by("-at", "-id")[:20] if instrument is not None else []}
    return toolkit.form_view(request, form, save, template="equipment/instrument_form.html", context=context, done=done)


@login_required
def instrument_create(request: HttpRequest) -> HttpResponse:
    """The owner organisation's staff list their instruments; admins for any organisation."""
    if not services.may_create_instruments(request.user):
        raise PermissionDenied(_("Only an organisation's staff may list its instruments."))
    return _save_instrument_form(request, None)


def _managed_instrument(request: HttpRequest, pk: int) -> Instrument:
    # Retired instruments too, so that their owners still see and correct them.
    instrument = get_object_or_404(Instrument.objects.select_related("owner", "region", "park"), pk=pk)
    if not services.may_manage(request.user, instrument):
        raise PermissionDenied(_("Only the owner's staff may change this instrument."))
    return instrument


@login_required
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_instrument_form(request, _managed_instrument(request, pk))


@require_POST
@login_required
def instrument_retire(request: HttpRequest, pk: int) -> HttpResponse:
    services.retire_instrument(request.user, _managed_instrument(request, pk))
    messages.success(request, _("The instrument was retired: it is no longer listed nor bookable."))
    return redirect("equipment:list")
