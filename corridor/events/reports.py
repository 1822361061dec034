"""Exports of an event's lists for its organisers (rows through the models' rules)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _

from corridor.core.access import Actor
from corridor.core.spreadsheet import xlsx_row
from corridor.events.models import Event, Registration


def registrations_xlsx(actor: Actor, event: Event) -> bytes:
    """Every registration of the event the actor may see, one row each; no cell is a formula."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(_("Registrations"))
    questions = list(event.questions.all())
    sheet.append(xlsx_row(sheet, [_("Name"), _("Organisation"), _("Registration type"), _("Status"), _("Code"),
                                  _("Registered at"), _("Checked in at"), _("Note"),
                                  *[q.label for q in questions]]))
    rows = Registration.objects.restrict(actor).filter(event=event).select_related("organisation", "type").prefetch_related(
        "answers")
    for r in rows.order_by("created_at", "id"):
        given = {a.question_id: a.value for a in r.answers.all()}
        sheet.append(xlsx_row(sheet, [
            r.name, r.organisation.name if r.organisation else "", r.type.name if r.type else "", r.get_status_display(),
            r.code, r.created_at.replace(tzinfo=None), r.checked_in_at.replace(tzinfo=None) if r.checked_in_at else None,
            r.note, *[q.display(given[q.pk]) if q.pk in given else "" for q in questions],
        ]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def event_report_xlsx(actor: Actor, event: Event) -> bytes:
    """The organiser's report: registrations by type and attendance; meetings requested, accepted, placed, held,
    and their outcomes as each side recorded them."""
    from django.db.models import Count, Q
    from openpyxl import Workbook

    from corridor.events.models import Meeting, MeetingRequest, MeetingSeat

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(_("Registrations"))
    sheet.append(xlsx_row(sheet, [_("Registration type"), _("Registered"), _("Confirmed"), _("Pending approval"),
                                  _("On the waiting list"), _("Cancelled"), _("Checked in")]))
    rows = Registration.objects.restrict(actor).filter(event=event)

    def line(label: str, qs: Any) -> None:
        counts = qs.aggregate(
            total=Count("pk"), approved=Count("pk", filter=Q(status="approved")),
            pending=Count("pk", filter=Q(status="pending")), waiting=Count("pk", filter=Q(status="waitlisted")),
            cancelled=Count("pk", filter=Q(status__in=("cancelled", "rejected"))),
            checked=Count("pk", filter=Q(checked_in_at__isnull=False)))
        sheet.append(xlsx_row(sheet, [label, counts["total"], counts["approved"], counts["pending"], counts["waiting"],
                                      counts["cancelled"], counts["checked"]]))

    for kind in event.registration_types.all():
        line(kind.name, rows.filter(type=kind))
    line(_("All"), rows)
    meetings_sheet: Any = book.create_sheet(_("Meetings"))
    requests = MeetingRequest.objects.filter(event=event)
    seats = MeetingSeat.objects.filter(meeting__event=event)
    figures = [
        (_("Requested"), requests.count()),
        (_("Accepted"), requests.filter(status="accepted").count()),
        (_("Declined"), requests.filter(status="declined").count()),
        (_("Expired"), requests.filter(status="expired").count()),
        (_("Placed in the schedule"), Meeting.objects.filter(event=event).count()),
        (_("Published"), Meeting.objects.filter(event=event, published=True).count()),
        (_("Held (both sides say so)"), Meeting.objects.filter(event=event).annotate(
            held=Count("seats", filter=Q(seats__held=True))).filter(held=2).count()),
    ]
    figures += [(str(label), seats.filter(outcome=value).count()) for value, label in MeetingSeat.Outcome.choices]
    meetings_sheet.append(xlsx_row(meetings_sheet, [_("What"), _("Count")]))
    for label, value in figures:
        meetings_sheet.append(xlsx_row(meetings_sheet, [str(label), value]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
