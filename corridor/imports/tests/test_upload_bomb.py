"""Zip bombs: an .xlsx that unpacks huge, or holds a cell no spreadsheet can hold, is refused before
openpyxl parses it (so before it can take the process's memory)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from corridor.imports import reading
from corridor.imports.reading import TableError, open_table
from corridor.imports.services import import_organisations
from corridor.jobs.models import Job


def _workbook(path: Path, cell: str, rows: int = 1) -> Path:
    """A real workbook whose second column holds `cell` on every row. Written by hand (inline strings in
    the sheet's XML), because openpyxl itself cuts a cell at 32,767 characters when saving."""
    template = path.with_suffix(".template.xlsx")
    book = Workbook()
    book.active.append(["企业名称", "简介"])
    book.save(template)
    body = "".join(
        f'<row r="{i + 2}"><c r="A{i + 2}" t="inlineStr"><is><t>测试{i}有限公司</t></is></c>'
        f'<c r="B{i + 2}" t="inlineStr"><is><t>{cell}</t></is></c></row>'
        for i in range(rows)
    )
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</row></sheetData>", b"</row>" + body.encode() + b"</sheetData>")
                data = data.replace(b'<dimension ref="A1:B1" />', f'<dimension ref="A1:B{rows + 1}" />'.encode())
            out.writestr(info, data)
    template.unlink()
    return path


@pytest.fixture
def no_parsing(monkeypatch):
    """openpyxl must not be reached: the refusal comes first."""
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_cell_longer_than_excel_allows_is_refused_before_parsing(tmp_path, no_parsing):
    # 5 MB of one letter compresses to a few kB: the probe's 1 GB cell, scaled down.
    path = _workbook(tmp_path / "bomb.xlsx", "a" * (5 << 20))
    assert path.stat().st_size < 100_000
    with pytest.raises(TableError, match="32767"):
        open_table(path)


def test_unpacked_size_is_refused_from_the_zip_directory(tmp_path, settings, no_parsing):
    settings.IMPORT_MAX_UNCOMPRESSED_MB = 1
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"<si><t>x</t></si>" * 200_000 + b"</sst>")
    with pytest.raises(TableError, match="1 MB"):
        open_table(path)


def test_a_reasonable_workbook_still_reads(tmp_path):
    path = _workbook(tmp_path / "ok.xlsx", "b" * 30_000, rows=3)
    table = open_table(path)
    assert [cells[1][:3] for _n, cells in table.rows] == ["bbb"] * 3


def test_the_text_scan_spans_pieces(tmp_path, monkeypatch):
    # A long cell split across the scanner's 1 MB pieces is still measured whole.
    monkeypatch.setattr("corridor.imports.workbook_guard._PIECE", 1000)
    path = _workbook(tmp_path / "split.xlsx", "c" * 250_000)
    with pytest.raises(TableError):
        open_table(path)
    ok = _workbook(tmp_path / "fine.xlsx", "c" * 20_000, rows=5)
    assert len(list(open_table(ok).rows)) == 5


def test_the_upload_page_refuses_an_oversized_workbook_without_storing_it(world, tmp_path, settings):
    settings.IMPORT_MAX_UNCOMPRESSED_MB = 1
    path = tmp_path / "big.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"<si><t>x</t></si>" * 200_000 + b"</sst>")
    response = world.client_for("admin").post(
        "/imports/organisations/", {"file": SimpleUploadedFile("big.xlsx", path.read_bytes())}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422 and "1 MB" in response.content.decode()
    assert Job.objects.count() == 0


def test_the_import_reports_the_refusal_in_the_users_language(world, tmp_path):
    from django.utils import translation

    path = _workbook(tmp_path / "bomb.xlsx", "a" * (1 << 20))
    with translation.override("zh-hans"), pytest.raises(TableError) as caught:
        import_organisations(world.users["admin"], path)
    assert "32767" in str(caught.value) and "单元格" in str(caught.value)
    assert reading.xlsx_limits()[1] == 32767
