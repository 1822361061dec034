"""The officer's export of an item's reach (.xlsx): eligible organisations, and those unknown with what they lack."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from corridor.core.spreadsheet import xlsx_row
from corridor.policies.services import FILL_IN_LABELS, Reach


def reach_xlsx(found: Reach) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Eligible")[:31]
    sheet.append(xlsx_row(sheet, [_("Organisation"), _("Unified social credit code"), _("Region"), _("Beneficiary (免申即享)")]))
    for org, _answer in found.eligible:
        sheet.append(xlsx_row(sheet, [org.name, org.uscc, org.region.name if org.region else "",
                                      _("yes") if found.item.no_application else ""]))
    unknown = book.create_sheet(_("Unknown")[:31])
    unknown.append(xlsx_row(unknown, [_("Organisation"), _("Unified social credit code"), _("Region"), _("Missing data")]))
    for org, answer in found.unknown:
        unknown.append(xlsx_row(unknown, [org.name, org.uscc, org.region.name if org.region else "",
                                          ", ".join(str(FILL_IN_LABELS.get(m, m)) for m in answer.missing)]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
