"""Excel exports of R&D lists (the page's filter and the reader's rule decide the rows)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from corridor.core.spreadsheet import xlsx_row
from corridor.rnd.models import Overlap, RDProject


def projects_xlsx(projects: QuerySet[RDProject]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(_("R&D projects"))
    sheet.append(xlsx_row(sheet, [_("Title"), _("Organisation"), _("City"), _("Stage (TRL 1–9)"), _("Budget"),
                                  _("Team size"), _("Starts on"), _("Ends on"), _("Keywords"), _("Visibility")]))
    for p in projects.select_related("organisation__city"):
        org = p.organisation
        sheet.append(xlsx_row(sheet, [p.title, org.name, org.city.name if org.city else "", p.trl, p.get_budget_band_display(),
                                      p.team_size, p.starts_on, p.ends_on, ", ".join(p.keywords), p.get_visibility_display()]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def overlaps_xlsx(overlaps: QuerySet[Overlap]) -> bytes:
    """The secretariat's overlaps (the caller restricts them to those it may judge)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(_("R&D overlaps"))
    sheet.append(xlsx_row(sheet, [_("Project"), _("Organisation"), _("Project"), _("Organisation"), _("Relation"),
                                  _("Score"), _("Judgement"), _("Note")]))
    for o in overlaps.select_related("project_a__organisation", "project_b__organisation"):
        sheet.append(xlsx_row(sheet, [o.project_a.title, o.project_a.organisation.name, o.project_b.title,
                                      o.project_b.organisation.name, o.get_relation_display(), round(o.score, 3),
                                      o.get_status_display(), o.note]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
