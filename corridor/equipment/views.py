"""Equipment pages: the catalogue, an instrument with its calendar and booking form, bookings and their
decisions, voucher programmes with grants and settlement, and utilisation.

Row access goes through the models' queryset methods only; the services decide every rule and 403.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts.scope import scope_of
from corridor.audit.services import history_of
from corridor.core.forms import add_service_errors
from corridor.core.money import money_text
from corridor.equipment import reports, services, vouchers
from corridor.equipment.filters import InstrumentFilter
from corridor.equipment.forms import (
    BookingForm,
    CompleteForm,
    GrantForm,
    InstrumentForm,
    ProgrammeForm,
    ReasonForm,
    RedeemForm,
)
from corridor.equipment.models import Booking, Instrument, Voucher, VoucherProgramme
from corridor.orgs.models import Organisation
from corridor.orgs.views import _city_options, is_htmx_partial, page_size
from corridor.regions.models import Region

PAGE_SIZE = 25


def instruments() -> Any:
    return Instrument.objects.filter(active=True).select_related("owner", "region", "city")


def instrument_list(request: HttpRequest) -> HttpResponse:
    filters = InstrumentFilter.from_query(request.GET)
    page_obj = Paginator(filters.apply(instruments()), page_size(request)).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "page_obj": page_obj, "instruments": page_obj.object_list, "filters": filters,
        "filtered": filters.is_active(), "hx_target": "#instrument-results",
    }
    if is_htmx_partial(request):
        return render(request, "equipment/_results.html", context)
    context.update(
        cities=_city_options(filters.city), categories=Instrument.Category.choices,
        can_create=services.may_create_instruments(request.user),
        free_from=request.GET.get("free_from", ""), free_until=request.GET.get("free_until", ""),
    )
    return render(request, "equipment/list.html", context)


def _week_start(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        return timezone.localdate()


def _calendar_rows(instrument: Instrument, first_day: datetime.date) -> tuple[list[datetime.date], list[list[Any]]]:
    """The week as rows of times × columns of days, for a table."""
    week = services.week_calendar(instrument, first_day)
    days = [day for day, _slots in week]
    rows = [list(cells) for cells in zip(*[slots for _day, slots in week], strict=True)]
    return days, rows


def _my_organisations(user: Any) -> Any:
    return Organisation.objects.filter(pk__in=scope_of(user).org_ids).order_by("name_zh")


def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(instruments(), pk=pk)
    tz = services.zone(instrument)
    first_day = _week_start(request)
    organisations = _my_organisations(request.user)
    status = 200
    form = None
    clashes: list[str] = []
    if organisations.exists():
        with timezone.override(tz):  # times typed on the page are the instrument's local time
            if request.method == "POST":
                form = BookingForm(request.POST, organisations=organisations)
                if form.is_valid():
                    data = form.cleaned_data
                    try:
                        result = services.request_series(
                            request.user, instrument, data["organisation"], data["starts_at"], data["ends_at"],
                            repeat=data["repeat"], count=data["count"], allow_partial=data["allow_partial"],
                            purpose=data["purpose"], samples=data["samples"],
                        )
                    except (services.BookingConflict, services.BookingRefused) as exc:
                        clashes = exc.message_dict["occurrences"]
                    except ValidationError as exc:
                        add_service_errors(form, exc)
                    else:
                        messages.success(request, _("%(n)s booking(s) requested.") % {"n": len(result.booked)})
                        for clash in result.skipped:
                            messages.warning(request, clash.describe(tz))
                        return redirect("equipment:booking", pk=result.booked[0].pk)
                status = 422
            else:
                form = BookingForm(organisations=organisations, initial={
                    "organisation": organisations.first(),
                    # A suggested free slot, chosen below, fills the form.
                    "starts_at": request.GET.get("starts_at") or None, "ends_at": request.GET.get("ends_at") or None,
                })
    days, rows = _calendar_rows(instrument, first_day)
    finder = _free_slot_finder(request, instrument)
    context = {
        "instrument": instrument, "form": form, "clashes": clashes, "days": days, "rows": rows,
        "previous_week": first_day - datetime.timedelta(days=7), "next_week": first_day + datetime.timedelta(days=7),
        "can_manage": services.may_manage(request.user, instrument), "time_zone": instrument.time_zone, **finder,
    }
    return render(request, "equipment/detail.html", context, status=status)


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
        after = datetime.datetime.combine(datetime.date.fromisoformat(raw_from), datetime.time(), tzinfo=tz) if raw_from else None
        out["suggestions"] = services.next_free_slots(instrument, minutes, after=after)
    except ValueError:
        out["find_error"] = _("Give the length in minutes and the first day as YYYY-MM-DD.")
    except ValidationError as exc:
        out["find_error"] = " ".join(exc.messages)
    return out


@login_required
def booking_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    visible = Booking.objects.visible_to(request.user).select_related("instrument", "organisation").order_by("-starts_at", "-id")
    to_decide = visible.filter(status="requested")
    if not scope.is_admin:
        to_decide = to_decide.filter(instrument__owner_id__in=scope.org_ids)
    page_obj = Paginator(visible, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "equipment/bookings.html", {"to_decide": to_decide[:100], "page_obj": page_obj})


def _visible_booking(request: HttpRequest, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.visible_to(request.user).select_related("instrument__owner", "organisation", "usage"), pk=pk
    )


@login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _visible_booking(request, pk)
    usable = vouchers.vouchers_for_booking(request.user, booking)
    redeem_form = RedeemForm(vouchers=usable) if usable else None
    return _render_booking(request, booking, redeem_form=redeem_form)


def _render_booking(request: HttpRequest, booking: Booking, status: int = 200, **forms: Any) -> HttpResponse:
    can_manage = services.may_manage(request.user, booking.instrument)
    context = {
        "booking": booking, "can_manage": can_manage,
        "can_cancel": booking.status in ("requested", "approved") and (can_manage or booking.organisation_id in scope_of(request.user).org_ids),
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "complete_form": forms.get("complete_form") or CompleteForm(initial={"hours": booking.hours.quantize(1), "samples": booking.samples}),
        "redeem_form": forms.get("redeem_form"),
        "redemptions": booking.redemptions.select_related("voucher__programme"),
        "time_zone": booking.instrument.time_zone,
    }
    return render(request, "equipment/booking.html", context, status=status)


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
            redeem_form = RedeemForm(request.POST, vouchers=vouchers.vouchers_for_booking(user, booking))
            if not redeem_form.is_valid():
                return _render_booking(request, booking, 422, redeem_form=redeem_form)
            data = redeem_form.cleaned_data
            try:
                vouchers.redeem(user, data["voucher"], booking, data["amount"], contract_ref=data["contract_ref"], receipt_ref=data["receipt_ref"])
            except ValidationError as exc:
                add_service_errors(redeem_form, exc)
                return _render_booking(request, booking, 422, redeem_form=redeem_form)
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
    scope = scope_of(request.user)
    if not (scope.is_admin or scope.officer_region_ids):
        return None
    issuers = Region.objects.all() if scope.is_admin else Region.objects.filter(pk__in=scope.officer_region_ids)
    cities = [r.pk for r in _city_options(None)]
    providers = Region.objects.filter(pk__in=cities).order_by("code")
    data = request.POST if request.method == "POST" else None
    return ProgrammeForm(data, issuers=issuers.order_by("code")[:500] if scope.is_admin else issuers, providers=providers,
                         initial={"provider_regions": cities})


def programme_list(request: HttpRequest) -> HttpResponse:
    form = _programme_form(request)
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only city officers create voucher programmes."))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                programme = vouchers.create_programme(request.user, data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The programme was created."))
                return redirect("equipment:programme", pk=programme.pk)
        status = 422
    programmes = VoucherProgramme.objects.select_related("issuer").prefetch_related("provider_regions")
    mine = Voucher.objects.visible_to(request.user).select_related("programme", "holder") if request.user.is_authenticated else []
    return render(request, "equipment/programmes.html", {"programmes": programmes, "vouchers": mine, "form": form}, status=status)


def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(
        VoucherProgramme.objects.select_related("issuer").prefetch_related("holder_regions", "provider_regions"), pk=pk
    )
    manages = vouchers.may_manage_programme(request.user, programme)
    form = GrantForm()
    status = 200
    if request.method == "POST":
        form = GrantForm(request.POST)
        if form.is_valid():
            try:
                holder = vouchers.find_holder(form.cleaned_data["holder"])
                held = vouchers.vouchers_held(programme, holder) if vouchers.may_manage_programme(request.user, programme) else []
                if held and not form.cleaned_data["another"]:
                    # Most second grants are a slip (a double click, the wrong row): ask before granting.
                    form.fields["another"].widget = forms.CheckboxInput()
                    raise ValidationError({"holder": _(
                        "%(name)s already holds %(count)s voucher(s) of this programme (%(amount)s). Tick the box "
                        "below to grant a further one.") % {"name": holder.name, "count": len(held),
                                                            "amount": money_text(sum(v.amount for v in held))}})
                vouchers.grant_voucher(request.user, programme, holder, form.cleaned_data["amount"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The voucher was granted."))
                return redirect("equipment:programme", pk=programme.pk)
        status = 422
    context: dict[str, Any] = {"programme": programme, "manages": manages, "form": form}
    if manages:
        context["granted"] = programme.vouchers.select_related("holder")
        context["settlement"] = reports.settlement(VoucherProgramme.objects.filter(pk=programme.pk))
    return render(request, "equipment/programme.html", context, status=status)


@login_required
def settlement_xlsx(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Per programme, or across every programme the officer manages."""
    managed = VoucherProgramme.objects.managed_by(request.user)
    if pk is not None:
        managed = managed.filter(pk=get_object_or_404(managed, pk=pk).pk)
    content = reports.settlement_xlsx(reports.settlement(managed))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="settlement-{pk or "all"}.xlsx"'
    return response


def utilisation(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        start = datetime.date.fromisoformat(request.GET.get("start", ""))
        end = datetime.date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        start, end = today - datetime.timedelta(days=30), today
    if not start < end or (end - start).days > 366:
        start, end = today - datetime.timedelta(days=30), today
    filters = InstrumentFilter.from_query(request.GET)
    per_instrument, per_city = reports.utilisation(filters.apply(instruments()), start, end)
    context = {"per_instrument": per_instrument, "per_city": per_city, "start": start, "end": end,
               "filters": filters, "cities": _city_options(filters.city)}
    return render(request, "equipment/utilisation.html", context)


def _instrument_form(request: HttpRequest, instrument: Instrument | None) -> InstrumentForm:
    scope = scope_of(request.user)
    owners = None if scope.is_admin else _my_organisations(request.user)
    data = request.POST if request.method == "POST" else None
    initial = InstrumentForm.initial_for(instrument) if instrument is not None else {
        "category": Instrument.Category.OTHER, "approval_required": True, "open_days": "12345", "opens_at": "08:30",
        "closes_at": "17:30", "min_minutes": 60, "max_minutes": 480, "lead_hours": 24, "rate_per_hour": 0, "rate_per_sample": 0,
    }
    return InstrumentForm(data, owners=owners, editing=instrument is not None, initial=initial)


def _save_instrument_form(request: HttpRequest, instrument: Instrument | None) -> HttpResponse:
    form = _instrument_form(request, instrument)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if instrument is None:
                    saved = services.create_instrument(request.user, form.as_text())
                else:
                    saved = services.update_instrument(request.user, instrument, form.as_text())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("equipment:detail", pk=saved.pk) if saved.active else redirect("equipment:edit", pk=saved.pk)
        status = 422
    context = {"form": form, "instrument": instrument,
               "history": history_of(instrument).order_by("-at", "-id")[:20] if instrument is not None else []}
    return render(request, "equipment/instrument_form.html", context, status=status)


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
