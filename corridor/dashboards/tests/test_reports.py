"""Reports: a job per report, the PDF's Chinese text read back from the file (a subset CJK font embedded,
charts drawn), the .xlsx re-opened, each computed as its reader may see the figures."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from corridor.dashboards import reports
from corridor.dashboards.testing import build_dash_world
from corridor.jobs import services as jobs

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dw():
    return build_dash_world()


def run(user, kind, target, fmt, language="zh-hans"):
    with translation.override(language):
        job = reports.start(user, kind, target, fmt)
    job = jobs.wait(job, timeout=120)
    assert job.status == "succeeded", (job.error, job.result)
    with job.output.open("rb") as handle:
        return job, handle.read()


def pdf_text(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_monthly_city_pdf_in_chinese_with_its_charts(dw):
    job, data = run(dw.world.users["officer"], "city", "330400", "pdf")
    assert data.startswith(b"%PDF")
    text, reader = pdf_text(data)
    assert "嘉兴市" in text and "月度报告" in text and "机构" in text
    assert "杭州市" in text and "芜湖市" in text  # the comparison and its charts name the other cities
    embedded = fonts(reader)
    assert any("+" in name and ("WenQuanYi" in name or "Noto" in name or "Droid" in name) for name in embedded), embedded
    assert "隐名材料" not in text  # names of hidden organisations never appear, only counts
    assert job.output.name.endswith(".pdf")


def test_the_english_report_is_in_english(dw):
    _job, data = run(dw.world.users["officer"], "city", "330400", "pdf", language="en")
    text, _reader = pdf_text(data)
    assert "Monthly report of Jiaxing" in text and "Organisations" in text


def test_the_report_counts_what_its_reader_may_see(dw):
    _j, officer = run(dw.world.users["officer"], "city", "330400", "xlsx")
    _j, outsider = run(dw.world.users["outsider"], "city", "330400", "xlsx")

    def organisations(data: bytes) -> float:
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            if row and row[0] in ("机构", "Organisations"):
                return row[1]
        raise AssertionError("no organisations row")

    assert organisations(officer) == 2  # Jiaxing's officer sees Jiaxing's unlisted organisation
    assert organisations(outsider) == 1


def test_alliance_report_as_xlsx_reopens(dw):
    _job, data = run(dw.world.users["secretariat"], "alliance", dw.world.alliance.slug, "xlsx", language="en")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:2] == ["Figures", "Cities"]
    from django.utils import timezone

    year = timezone.localdate().year
    assert book.worksheets[0]["A1"].value == f"Annual report of G60 Robot Industry Alliance, {year}"
    figures = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=4, values_only=True)}
    assert figures["Alliance members"] == 2  # the secretariat sees its two members
    assert "Strong links" not in figures  # no period on chain figures: not in a yearly report
    assert book.worksheets[1]._charts  # the cities chart


def test_reports_need_a_signed_in_reader_and_a_known_target(dw):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        reports.start(None, "city", "330400", "pdf")
    with translation.override("en"), pytest.raises(ValidationError, match="123456"):
        reports.start(dw.world.users["officer"], "city", "123456", "pdf")
    with pytest.raises(ValidationError):
        reports.start(dw.world.users["officer"], "city", "330400", "docx")
