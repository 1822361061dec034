"""Excel exports of R&D lists (the page's filter and the reader's rule decide the rows)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from corridor.core.spreadsheet import xlsx_row
from corridor.rnd.models import JointTeam, Overlap, RDDirection, RDProject, TeamMember


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


def directions_xlsx(directions: QuerySet[RDDirection]) -> bytes:
    """R&D directions the reader may see (the caller restricts them), with how many of their projects it sees."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(_("R&D directions"))
    sheet.append(xlsx_row(sheet, [_("Title"), _("Organisation"), _("City"), _("Keywords"), _("Visibility"),
                                  _("R&D projects")]))
    for d in directions.select_related("organisation__city").order_by("organisation_id", "pk"):
        org = d.organisation
        sheet.append(xlsx_row(sheet, [d.title, org.name, org.city.name if org.city else "", ", ".join(d.keywords),
                                      d.get_visibility_display(), getattr(d, "projects_seen", None)]))
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


def teams_xlsx(teams: QuerySet[JointTeam]) -> bytes:
    """Joint teams the reader may see (the caller restricts them): one row per team, its organisations by role."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet: Any = book.create_sheet(_("Joint R&D teams"))
    sheet.append(xlsx_row(sheet, [_("Team"), _("Status"), _("Alliance"), _("Lead organisation"), _("Participants"),
                                  _("Invited"), _("Declined"), _("Milestones"), _("Milestones done"), _("Outputs"),
                                  _("Agreement signed on")]))
    rows = teams.select_related("lead", "alliance").prefetch_related("members__organisation", "milestones", "outputs")
    for t in rows.order_by("pk"):
        by_status: dict[str, list[str]] = {}
        for m in t.members.all():
            by_status.setdefault(m.status, []).append(m.organisation.name)
        milestones = list(t.milestones.all())
        sheet.append(xlsx_row(sheet, [
            t.title, t.get_status_display(), t.alliance.name if t.alliance else "", t.lead.name if t.lead else "",
            ", ".join(by_status.get(TeamMember.Status.ACCEPTED, [])), ", ".join(by_status.get(TeamMember.Status.INVITED, [])),
            ", ".join(by_status.get(TeamMember.Status.DECLINED, [])), len(milestones),
            sum(1 for m in milestones if m.done_on), len(t.outputs.all()), t.agreement_signed_on,
        ]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
