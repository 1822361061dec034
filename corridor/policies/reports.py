"""The officer's export of an item's reach (.xlsx): eligible organisations, and those unknown with what they lack."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from corridor.core.spreadsheet import xlsx_row
from corridor.policies.reach import Reach
from corridor.policies.services import FILL_IN_LABELS


def reach_xlsx(found: Reach) -> bytes:
    """The eligible organisations (for a 免申即享 item: the office's list of beneficiaries, granted without
    applying) and those unknown with what they lack."""
    from openpyxl import Workbook

    item = found.item
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = (_("Beneficiaries") if item.no_application else _("Eligible"))[:31]
    heading = [_("Organisation"), _("Unified social credit code"), _("Region")]
    sheet.append(xlsx_row(sheet, [*heading, _("Granting office")] if item.no_application else heading))
    for org, _answer in found.eligible:
        row = [org.name, org.uscc, org.region.name if org.region else ""]
        sheet.append(xlsx_row(sheet, [*row, item.office] if item.no_application else row))
    unknown = book.create_sheet(_("Unknown")[:31])
    unknown.append(xlsx_row(unknown, [*heading, _("Missing data")]))
    for org, answer in found.unknown:
        unknown.append(xlsx_row(unknown, [org.name, org.uscc, org.region.name if org.region else "",
                                          ", ".join(str(FILL_IN_LABELS.get(m, m)) for m in answer.missing)]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def policies_xlsx(items: Any) -> bytes:
    """The library as a spreadsheet: one row per application item of the policies the reader may see
    (`items`: ApplicationItems already restricted, with their policy and its home region)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Policies")[:31])
    sheet.append(xlsx_row(sheet, [
        _("Policy"), _("Issuer"), _("Document number"), _("Level"), _("Issuing region"), _("Status"), _("Effective from"),
        _("Expires on"), _("Application item"), _("Benefit kind"), _("Amount (CNY)"), _("Rate (%)"), _("Cap (CNY)"),
        _("Application opens"), _("Application closes"), _("Granted without application (免申即享)"), _("Source link")]))
    for item in items:
        policy = item.policy
        sheet.append(xlsx_row(sheet, [
            policy.title, policy.issuer_zh, policy.document_number, policy.get_level_display(),
            policy.home_region.name if policy.home_region else "", policy.get_status_display(), policy.effective_from,
            policy.expires_on, item.title, item.get_benefit_display(), item.amount, item.rate, item.cap,
            item.window_opens, item.window_closes, _("yes") if item.no_application else "", policy.source_url]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
