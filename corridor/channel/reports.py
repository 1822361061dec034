"""The office's Excel export: requests the reader may see (through the model's rule), with their deadlines."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.channel.models import EnterpriseRequest
from corridor.channel.services import Rates
from corridor.core.spreadsheet import xlsx_row


def _local(moment: object) -> object:
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else ""  # type: ignore[arg-type]


def requests_xlsx(requests: Iterable[EnterpriseRequest], figures: Rates | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Requests")[:31]
    sheet.append(xlsx_row(sheet, [_("Number"), _("Organisation"), _("Type"), _("Region"), _("Subject"), _("Status"),
                                  _("Office"), _("Filed at"), _("Contact due"), _("Answer due"), _("Answered at"),
                                  _("Satisfaction"), _("Resolved")]))
    for r in requests:
        sheet.append(xlsx_row(sheet, [
            r.number, r.organisation.name, r.get_type_display(), r.region.name, r.subject, r.get_status_display(),
            r.office.name if r.office else "", _local(r.filed_at), _local(r.contact_due), _local(r.answer_due),
            _local(r.answered_at), r.get_satisfaction_display() if r.satisfaction else "",
            "" if r.resolved is None else (_("Yes") if r.resolved else _("No")),
        ]))
    if figures is not None:
        rates = book.create_sheet(_("Rates")[:31])
        for label, value in ((_("Requests"), figures.requests), (_("Response rate"), figures.response_rate),
                             (_("Resolution rate"), figures.resolution_rate), (_("Satisfaction rate"), figures.satisfaction_rate),
                             (_("Overdue"), figures.overdue)):
            rates.append(xlsx_row(rates, [label, "" if value is None else value]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
