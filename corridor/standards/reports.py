"""The comment-disposition table (征求意见汇总处理表) of a standard, as rows and as .xlsx."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _

from corridor.core.spreadsheet import xlsx_row
from corridor.standards.clauses import number_key
from corridor.standards.models import Comment, Standard


def disposition_rows(standard: Standard) -> list[list[Any]]:
    """One row a comment, in clause order: number, clause, comment, proposed change, organisation, disposition, reason."""
    comments = sorted(Comment.objects.filter(standard=standard).select_related("organisation", "draft"),
                      key=lambda c: (number_key(c.clause), c.created_at, c.pk))
    return [[index, c.clause, c.text, c.proposal, c.organisation.name if c.organisation else "",
             c.get_disposition_display() if c.disposition else _("Not yet disposed of"), c.response]
            for index, c in enumerate(comments, start=1)]


def disposition_header() -> list[str]:
    return [_("No."), _("Clause"), _("Comment"), _("Proposed change"), _("Organisation"), _("Disposition"), _("Reason")]


def disposition_xlsx(standard: Standard) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(_("Comment dispositions"))
    sheet.append(xlsx_row(sheet, [_("Comment-disposition table of %(title)s") % {"title": standard.title}]))
    counts = {value: 0 for value in Comment.Disposition.values}
    rows = disposition_rows(standard)
    for c in standard.comments.values_list("disposition", flat=True):
        counts[c] += 1
    sheet.append(xlsx_row(sheet, [_("%(n)s comments: %(a)s accepted, %(p)s partly accepted, %(x)s not accepted, %(o)s open")
                                  % {"n": len(rows), "a": counts["accepted"], "p": counts["partly"],
                                     "x": counts["not_accepted"], "o": counts[""]}]))
    sheet.append(xlsx_row(sheet, disposition_header()))
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
