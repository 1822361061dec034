"""Exports of an alliance's lists (the page's filter decides the rows)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from corridor.alliances.models import AllianceMembership
from corridor.core.spreadsheet import xlsx_row


def members_xlsx(memberships: QuerySet[AllianceMembership]) -> bytes:
    """The filtered members as one sheet; every text cell through `xlsx_row`, so none is a formula."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(_("Members"))
    sheet.append(xlsx_row(sheet, [_("Organisation"), _("Role"), _("City"), _("Batch"), _("Joined")]))
    for m in memberships.select_related("organisation__city"):
        org = m.organisation
        sheet.append(xlsx_row(sheet, [org.name, m.get_role_display(), org.city.name if org.city else "", m.batch,
                                      m.joined_on]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
