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
    sheet.append(xlsx_row(sheet, [_("Name"), _("Organisation"), _("Registration type"), _("Status"), _("Code"),
                                  _("Registered at"), _("Checked in at"), _("Note")]))
    rows = Registration.objects.restrict(actor).filter(event=event).select_related("organisation", "type")
    for r in rows.order_by("created_at", "id"):
        sheet.append(xlsx_row(sheet, [
            r.name, r.organisation.name if r.organisation else "", r.type.name if r.type else "", r.get_status_display(),
            r.code, r.created_at.replace(tzinfo=None), r.checked_in_at.replace(tzinfo=None) if r.checked_in_at else None,
            r.note,
        ]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
