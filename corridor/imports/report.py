"""The error report of a rejected import: the file's rows as an Excel workbook with an error column.

Every row is kept (fix the bad ones and import the same workbook again); bad cells are shaded and the
last column says what is wrong with the row.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from corridor.core.spreadsheet import xlsx_row
from corridor.core.texts import said, stored
from corridor.imports.reading import open_table
from corridor.imports.services import ImportResult

BAD = PatternFill("solid", fgColor="FFC7CE")


def write_error_report(source: str | Path, result: ImportResult, out: str | Path) -> None:
    by_row: dict[int, list[tuple[str, str]]] = {}
    for e in result.errors:
        by_row.setdefault(e.row, []).append((e.column, e.reason))
    table = open_table(source)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Import errors"))
    title = _("Error")
    header = [WriteOnlyCell(sheet, value=h) for h in table.header]
    header.append(WriteOnlyCell(sheet, value=title))
    header[-1].font = Font(bold=True, color="9C0006")
    sheet.append(xlsx_row(sheet, [_row_cell(sheet, _("Row")), *header]))
    for number, cells in table.rows:
        problems = by_row.get(number, [])
        bad_columns = {column for column, _reason in problems}
        out_cells = [WriteOnlyCell(sheet, value=number)]
        for i, value in enumerate(cells):
            cell = WriteOnlyCell(sheet, value=value)
            if i < len(table.header) and table.header[i] in bad_columns:
                cell.fill = BAD
            out_cells.append(cell)
        out_cells += [WriteOnlyCell(sheet, value="") for _ in range(len(table.header) - len(cells))]
        out_cells.append(WriteOnlyCell(sheet, value="; ".join(f"{c}: {said(stored(r))}" for c, r in problems)))
        sheet.append(xlsx_row(sheet, out_cells))
    book.save(out)


def write_error_reports(source: str | Path, result: ImportResult, folder: Path, stem: str) -> dict[str, Path]:
    """The report once per language of the site, `folder/<language>/<stem>-errors.xlsx`: whoever opens the failed
    job (the secretariat colleague who did not start it, in the other language) downloads it in theirs."""
    reports = {}
    for code, _name in settings.LANGUAGES:
        out = folder / code / f"{stem}-errors.xlsx"
        out.parent.mkdir(parents=True, exist_ok=True)
        with translation.override(code):
            write_error_report(source, result, out)
        reports[code] = out
    return reports


def _row_cell(sheet: object, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)  # type: ignore[arg-type]
    cell.font = Font(bold=True)
    return cell
