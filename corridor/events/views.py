"""Event pages: the list, an event with its agenda and registration form, the organiser's registrations and
check-in, a registration's confirmation (QR code, .ics), and 1:1 meetings of brokerage days.

Rows come through the models' rules (`restrict`); hidden is 404; the services decide 403 and every rule.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.alliances.models import Alliance
from corridor.core import access, registry, toolkit
from corridor.core.errors import Conflict
from corridor.events import documents, services
from corridor.events.forms import CheckInForm, EventForm, NewEventForm, ReasonForm, RegisterForm
from corridor.events.models import CANCEL, DECIDE, MANAGE, Event, Registration
from corridor.orgs.models import Organisation
from corridor.regions.models import Region, within_q


def visible_events(request: HttpRequest) -> Any:
    return Event.objects.restrict(request.user).select_related("alliance", "organiser", "region")


def event_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    events = visible_events(request)
    when = request.GET.get("when", "coming")
    events = events.filter(ends_at__lt=now).order_by("-starts_at") if when == "past" else events.filter(ends_at__gte=now)
    kind = request.GET.get("kind", "")
    if kind in Event.Kind.values:
        events = events.filter(kind=kind)
    page_obj = toolkit.paginate(request, events)
    return render(request, "events/list.html", {
        "page_obj": page_obj, "events": page_obj.object_list, "when": when, "kind": kind, "kinds": Event.Kind.choices,
        "can_create": services.may_create_events(request.user),
    })


def _form_choices(user: Any) -> dict[str, Any]:
    scope_admin = access.is_admin(user)
    alliances = Alliance.objects.all() if scope_admin else Alliance.objects.filter(pk__in=access.secretariat_alliance_ids(user))
    organisations, pick = services.organiser_choices(user)
    regions = Region.objects.filter(level__in=("city", "district"))
    officer = access.officer_region_ids(user)
    if not scope_admin:
        regions = regions.filter(within_q("", officer)) if officer else regions
    return {"alliances": alliances.order_by("name_zh"), "organisations": organisations.order_by("name_zh"),
            "regions": regions.order_by("code"), "pick_organiser": pick}


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    if not services.may_create_events(request.user):
        raise PermissionDenied(_("Only secretariats, city officers and organisations' staff may create events."))
    form = NewEventForm(request.POST if request.method == "POST" else None, **_form_choices(request.user),
                        initial={"waiting_list": True, "visibility": Event.Visibility.PUBLIC})

    def save(f: NewEventForm) -> Event:
        return services.create_event(request.user, f.service_data(), sessions=f.cleaned_data["agenda"],
                                     types=f.cleaned_data["types"], questions=f.cleaned_data["questions"])

    def done(event: Event) -> HttpResponse:
        messages.success(request, _("Event created."))
        return redirect("events:detail", pk=event.pk)

    return toolkit.form_view(request, form, save, template="events/event_form.html", done=done, context={"event": None})


def _visible_event(request: HttpRequest, pk: int) -> Event:
    return get_object_or_404(visible_events(request), pk=pk)


def _managed_event(request: HttpRequest, pk: int) -> Event:
    event = _visible_event(request, pk)
    if not access.may(request.user, MANAGE, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    return event


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    initial = {name: getattr(event, name) for name in services.EVENT_FIELDS if name not in ("status", "time_zone", "park")}
    choices = _form_choices(request.user)
    if event.organiser_id:  # the event's own organiser stays a valid choice, even one the editor may not see
        choices["named_organisations"] = choices["organisations"]  # (but is named only if they may see it)
        choices["organisations"] = choices["organisations"] | Organisation.objects.filter(pk=event.organiser_id)
    form = EventForm(request.POST if request.method == "POST" else None, **choices, initial=initial)

    def done(saved: Event) -> HttpResponse:
        messages.success(request, _("Saved."))
        return redirect("events:detail", pk=saved.pk)

    return toolkit.form_view(request, form, lambda f: services.update_event(request.user, event, f.service_data()),
                             template="events/event_form.html", done=done, context={"event": event})


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _visible_event(request, pk)
    mine = services.my_registration(request.user, event)
    form = None
    if access.is_signed_in(request.user) and mine is None and event.registration_open(timezone.now()):
        organisations = Organisation.objects.filter(pk__in=access.member_org_ids(request.user)).order_by("name_zh")
        form = RegisterForm(request.POST if request.method == "POST" else None, organisations=organisations,
                            types=event.registration_types.all(), questions=event.questions.all(),
                            initial={"organisation": organisations.first()})
    context: dict[str, Any] = {
        "event": event, "mine": mine, "can_manage": access.may(request.user, MANAGE, event),
        "sessions": event.sessions.all(), "types": event.registration_types.all(),
        "registration_open": event.registration_open(timezone.now()),
    }
    if form is None:
        if request.method == "POST":
            raise PermissionDenied(_("Registration for this event is closed."))
        return render(request, "events/detail.html", {**context, "form": None})

    def save(f: RegisterForm) -> Registration:
        data = f.cleaned_data
        return services.register(request.user, event, organisation=data.get("organisation"), type=data.get("type"),
                                 name=data.get("name", ""), note=data.get("note", ""), answers=f.answers())

    def done(registration: Registration) -> HttpResponse:
        messages.success(request, {
            "approved": _("You are registered."), "pending": _("Registered: the organiser will confirm."),
            "waitlisted": _("The event is full: you are on the waiting list."),
        }.get(registration.status, _("Saved.")))
        return redirect("events:registration", pk=registration.pk)

    return toolkit.form_view(request, form, save, template="events/detail.html", done=done, context=context)


@require_POST
@login_required
def event_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    event = _visible_event(request, pk)
    actions = {"publish": services.publish_event, "cancel": services.cancel_event}
    if action not in actions:
        raise Http404
    try:
        actions[action](request.user, event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("events:detail", pk=event.pk)


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = _visible_event(request, pk)
    item = documents.CalendarItem(
        uid=f"event-{event.pk}@corridor", starts_at=event.starts_at, ends_at=event.ends_at, summary=event.title,
        location=event.address or event.online_url, description=event.description,
        url=request.build_absolute_uri(reverse("events:detail", args=[event.pk])),
    )
    response = HttpResponse(documents.ics([item], name=event.title), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


# ---- registrations ---------------------------------------------------------------------------------

def _visible_registration(request: HttpRequest, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.restrict(request.user).select_related("event", "organisation", "type", "user"), pk=pk
    )


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _visible_registration(request, pk)
    permitted = access.permitted_actions(request.user, registration)
    confirmation_url = request.build_absolute_uri(reverse("events:registration", args=[registration.pk]))
    return render(request, "events/registration.html", {
        "registration": registration, "event": registration.event,
        "qr": mark_safe(documents.qr_svg(registration.code)) if registration.status == "approved" else "",
        "can_cancel": CANCEL in permitted and registration.status in Registration.ACTIVE,
        "can_decide": DECIDE in permitted and registration.status == "pending",
        "confirmation_url": confirmation_url, "reason_form": ReasonForm(),
    })


@login_required
def registration_ics(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _visible_registration(request, pk)
    event = registration.event
    item = documents.CalendarItem(
        uid=f"registration-{registration.pk}@corridor", starts_at=event.starts_at, ends_at=event.ends_at,
        summary=event.title, location=event.address or event.online_url,
        description=f"{_('Check-in code')}: {registration.code}\n{event.description}",
        url=request.build_absolute_uri(reverse("events:registration", args=[registration.pk])),
    )
    response = HttpResponse(documents.ics([item], name=event.title), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registration-{registration.pk}.ics"'
    return response


@require_POST
@login_required
def registration_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    registration = _visible_registration(request, pk)
    reason = request.POST.get("reason", "")
    try:
        if action == "approve":
            services.approve(request.user, registration)
        elif action == "reject":
            services.reject(request.user, registration, reason)
        elif action == "cancel":
            services.cancel(request.user, registration, reason)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    back = request.POST.get("next", "")
    if back == "registrations" and access.may(request.user, MANAGE, registration.event):
        return redirect("events:registrations", pk=registration.event_id)
    return redirect("events:registration", pk=registration.pk)


@login_required
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    rows = Registration.objects.restrict(request.user).filter(event=event).select_related(
        "organisation", "type").prefetch_related("answers__question")
    status = request.GET.get("status", "")
    if status in Registration.Status.values:
        rows = rows.filter(status=status)
    page_obj = toolkit.paginate(request, rows.order_by("status", "created_at", "id"))
    return render(request, "events/registrations.html", {
        "event": event, "page_obj": page_obj, "rows": page_obj.object_list, "status": status,
        "statuses": Registration.Status.choices, "counts": services.attendance(event),
        "types": event.registration_types.all(), "questions": list(event.questions.all()),
    })


@login_required
def badges_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Printable badges of the confirmed participants (or one registration type's: ?type=<id>)."""
    event = _managed_event(request, pk)
    rows = Registration.objects.restrict(request.user).filter(event=event, status=Registration.Status.APPROVED)
    kind = request.GET.get("type", "")
    if kind.isdigit():
        rows = rows.filter(type_id=int(kind))
    rows = rows.select_related("organisation", "type").order_by("type_id", "organisation__name_zh", "name")
    response = HttpResponse(documents.badges_pdf(event, list(rows)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="event-{event.pk}-badges.pdf"'
    return response


@login_required
def registrations_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from corridor.events import reports

    event = _managed_event(request, pk)
    response = HttpResponse(reports.registrations_xlsx(request.user, event),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrations.xlsx"'
    return response


@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    result: dict[str, Any] = {}
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.check_in(request.user, event, form.cleaned_data["code"])
        except Conflict as exc:
            result = {"level": "warning", "message": " ".join(exc.messages)}
            status = 409
        except ValidationError as exc:
            result = {"level": "error", "message": " ".join(exc.messages)}
            status = 422
        else:
            result = {"level": "success", "message": _("Checked in: %(name)s") % {"name": registration.display_name},
                      "registration": registration}
            form = CheckInForm()
    elif request.method == "POST":
        status = 422
    context = {"event": event, "form": form, "result": result, "counts": services.attendance(event),
               "oob": toolkit.is_htmx(request)}
    # htmx swaps only 2xx answers: the panel says what happened; a plain form post gets the status itself.
    return toolkit.htmx_partial(request, "events/check_in.html", "events/_check_in_panel.html", context,
                                status=200 if toolkit.is_htmx(request) else status)


@login_required
def check_in_counts(request: HttpRequest, pk: int) -> HttpResponse:
    event = _managed_event(request, pk)
    return render(request, "events/_counts.html", {"event": event, "counts": services.attendance(event)})


# ---- 1:1 meetings (brokerage days) -------------------------------------------------------------------

def _brokerage(request: HttpRequest, pk: int) -> Event:
    event = _visible_event(request, pk)
    if not event.is_brokerage:
        raise Http404
    return event


@login_required
def meetings(request: HttpRequest, pk: int) -> HttpResponse:
    """A participant's page: their profile and availability, whom to meet, requests both ways, their agenda."""
    from corridor.events import meetings as meeting_services
    from corridor.events.forms import MeetingRequestForm, ProfileForm
    from corridor.events.models import MeetingRequest, MeetingSeat

    event = _brokerage(request, pk)
    meeting_services.expire_requests(event)
    mine = meeting_services.own_registration(request.user, event)
    can_manage = access.may(request.user, MANAGE, event)
    if mine is None and not can_manage:
        raise PermissionDenied(_("Only confirmed participants take part in 1:1 meetings."))
    context: dict[str, Any] = {"event": event, "mine": mine, "can_manage": can_manage}
    if mine is not None:
        requests = MeetingRequest.objects.restrict(request.user).filter(event=event).select_related(
            "requester__organisation", "invitee__organisation")
        open_requests = requests.filter(status__in=("requested", "accepted"))
        asked = {**{r.invitee_id: r for r in open_requests.filter(requester=mine)},
                 **{r.requester_id: r for r in open_requests.filter(invitee=mine)}}
        others = meeting_services.participants(event).exclude(pk=mine.pk).order_by("organisation__name_zh", "name")
        query = request.GET.get("q", "").strip()
        if query:
            # Participants are not a kind of the header box (only this event's); its word matching all the same.
            others = registry.match_words(others, ("name", "organisation__name_zh", "organisation__name_en",
                                                   "profile_zh", "profile_en"), query)
        page_obj = toolkit.paginate(request, others)
        context.update({
            "received": requests.filter(invitee=mine).order_by("status", "-created_at"),
            "sent": requests.filter(requester=mine).order_by("status", "-created_at"),
            "others": [(p, asked.get(p.pk)) for p in page_obj.object_list], "page_obj": page_obj, "q": query,
            "agenda": meeting_services.agenda(mine), "published": event.schedule_published_at is not None,
            "profile_form": ProfileForm(initial={f: getattr(mine, f) for f in ProfileForm.base_fields}),
            "request_form": MeetingRequestForm(), "priorities": MeetingRequest.Priority.choices,
            "outcomes": MeetingSeat.Outcome.choices, "now": timezone.now(),
            "suggested": meeting_services.suggestions(mine),
        })
    return render(request, "events/meetings.html", context)


@require_POST
@login_required
def meeting_profile(request: HttpRequest, pk: int) -> HttpResponse:
    from corridor.events import meetings as meeting_services
    from corridor.events.forms import ProfileForm

    event = _brokerage(request, pk)
    mine = meeting_services.own_registration(request.user, event)
    if mine is None:
        raise PermissionDenied(_("Only confirmed participants take part in 1:1 meetings."))
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            meeting_services.update_profile(request.user, mine, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, " ".join(f"{form.fields[name].label}: {' '.join(str(e) for e in errs)}"
                                        for name, errs in form.errors.items()))
    return redirect("events:meetings", pk=event.pk)


@require_POST
@login_required
def meeting_request(request: HttpRequest, pk: int) -> HttpResponse:
    from corridor.events import meetings as meeting_services
    from corridor.events.forms import MeetingRequestForm

    event = _brokerage(request, pk)
    form = MeetingRequestForm(request.POST)
    status = 302
    if form.is_valid():
        invitee = Registration.objects.filter(event=event, pk=form.cleaned_data["invitee"]).first()
        if invitee is None:
            raise Http404
        try:
            meeting_services.request_meeting(request.user, event, invitee, priority=form.cleaned_data["priority"],
                                             message=form.cleaned_data["message"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 409 if isinstance(exc, Conflict) else 422
        else:
            messages.success(request, _("Meeting request sent to %(who)s.") % {"who": invitee.display_name})
    else:
        messages.error(request, _("Choose a participant and a priority."))
        status = 422
    response = redirect("events:meetings", pk=event.pk)
    if status != 302 and toolkit.is_htmx(request):
        response.status_code = status
    return response


@require_POST
@login_required
def meeting_request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    from corridor.events import meetings as meeting_services
    from corridor.events.models import MeetingRequest

    found = get_object_or_404(MeetingRequest.objects.restrict(request.user).select_related("event"), pk=pk)
    try:
        if action in ("accept", "decline"):
            meeting_services.answer(request.user, found, accept=action == "accept")
        elif action == "withdraw":
            meeting_services.withdraw(request.user, found)
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("events:meetings", pk=found.event_id)


@login_required
def agenda_ics(request: HttpRequest, pk: int) -> HttpResponse:
    from corridor.events import meetings as meeting_services

    event = _brokerage(request, pk)
    mine = meeting_services.own_registration(request.user, event)
    if mine is None:
        raise Http404
    items = [documents.CalendarItem(
        uid=f"meeting-{row['meeting'].pk}-{mine.pk}@corridor", starts_at=row["slot"].starts_at, ends_at=row["slot"].ends_at,
        summary=_("1:1 meeting with %(who)s (table %(table)s)") % {"who": row["other"].display_name, "table": row["table"]},
        location=event.address, description=row["message"],
    ) for row in meeting_services.agenda(mine)]
    response = HttpResponse(documents.ics(items, name=event.title), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-agenda.ics"'
    return response


@login_required
def meetings_manage(request: HttpRequest, pk: int) -> HttpResponse:
    from corridor.events import meetings as meeting_services
    from corridor.events.forms import SlotsForm
    from corridor.events.jobs import SCHEDULE_MEETINGS
    from corridor.events.models import MeetingRequest
    from corridor.jobs.models import Job

    event = _brokerage(request, pk)
    if not access.may(request.user, MANAGE, event):
        raise PermissionDenied(_("Only the event's organisers may do this."))
    meeting_services.expire_requests(event)
    slots = list(event.meeting_slots.all())
    initial: dict[str, Any] = {"starts_at": slots[0].starts_at if slots else event.starts_at,
                               "ends_at": slots[-1].ends_at if slots else event.ends_at,
                               "tables": event.meeting_tables or 10}
    if len(slots) > 1:
        initial["minutes"] = int((slots[0].ends_at - slots[0].starts_at).total_seconds() // 60)
        initial["gap"] = int((slots[1].starts_at - slots[0].ends_at).total_seconds() // 60)
    form = SlotsForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting_services.set_slots(request.user, event, data["starts_at"], data["ends_at"], data["minutes"],
                                           data["gap"], data["tables"], break_from=data["break_from"],
                                           break_until=data["break_until"])
            except ValidationError as exc:
                from corridor.core.forms import add_service_errors

                add_service_errors(form, exc)
                status = 422
            else:
                messages.success(request, _("Saved."))
                return redirect("events:meetings_manage", pk=event.pk)
        else:
            status = 422
    counts = {s: MeetingRequest.objects.filter(event=event, status=s).count() for s in MeetingRequest.Status.values}
    job = Job.objects.filter(kind=SCHEDULE_MEETINGS, params__event=event.pk).order_by("-created_at").first()
    return render(request, "events/meetings_manage.html", {
        "event": event, "form": form, "grid": meeting_services.grid(event), "slots": slots, "counts": counts,
        "tables": range(1, event.meeting_tables + 1), "job": job,
        "placed": event.meetings.count(), "unpublished": event.meetings.filter(published=False).count(),
        "report": meeting_services.schedule_report(event, time_limit=3.0) if slots and counts["accepted"] else None,
    }, status=status)


@require_POST
@login_required
def meetings_manage_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    from corridor.events import meetings as meeting_services
    from corridor.events.jobs import start_schedule
    from corridor.events.models import Meeting

    event = _brokerage(request, pk)
    try:
        if action in ("schedule-all", "schedule-rest"):
            job = start_schedule(request.user, event, keep_all=action == "schedule-rest")
            return redirect("jobs:detail", pk=job.pk)
        if action == "publish":
            count = meeting_services.publish(request.user, event)
            messages.success(request, _("Agenda published (%(n)s new meetings).") % {"n": count})
        elif action in ("lock", "unlock"):
            meeting = get_object_or_404(Meeting.objects.filter(event=event), pk=request.POST.get("meeting"))
            meeting_services.set_locked(request.user, meeting, action == "lock")
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("events:meetings_manage", pk=event.pk)


@require_POST
@login_required
def meeting_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    from corridor.events import meetings as meeting_services
    from corridor.events.models import MeetingSeat

    event = _brokerage(request, pk)
    mine = meeting_services.own_registration(request.user, event)
    seat = get_object_or_404(MeetingSeat.objects.filter(meeting__event=event, registration=mine).select_related(
        "meeting__request", "slot", "registration"), pk=request.POST.get("seat") or 0) if mine else None
    if seat is None:
        raise Http404
    held = request.POST.get("held", "")
    try:
        meeting_services.record_outcome(request.user, seat, held=held == "yes",
                                        outcome=request.POST.get("outcome", "") if held == "yes" else "")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("events:meetings", pk=event.pk)


@login_required
def event_report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from corridor.events import reports

    event = _managed_event(request, pk)
    response = HttpResponse(reports.event_report_xlsx(request.user, event),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-report.xlsx"'
    return response
