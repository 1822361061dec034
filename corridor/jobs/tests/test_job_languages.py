"""A job's progress, its failure and an import's row problems are kept as message ids with their parameters
and said in the reader's language, whatever language the job was started in."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from corridor.jobs import services as jobs
from corridor.jobs.models import Job

HAN = re.compile(r"[\u4e00-\u9fff]")
# What the English page must not fall back to, and what the Chinese page must not show in English.
ENGLISH = ("Importing", "cannot be imported", "Invalid unified social credit code", "check character", "Not a year",
           "Failed", "of 5")
BAD_ROWS = ("name,uscc,founded_year\n"
            "Acme One,91330100MA27XXXXX1,2001\n"
            "Acme Two,,nineteen\n"
            "Acme Three,,1999\nAcme Four,,1998\nAcme Five,,1997\n")


def _status(html: str) -> str:
    found = re.search(r'<section id="job-status".*?</section>', html, re.S)
    assert found, html[:500]
    return found.group(0)


def _job_of(response) -> Job:  # type: ignore[no-untyped-def]
    """The import job the upload page redirected to, once it has ended."""
    return jobs.wait(Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1])))


def _uploaded(client, name: str, body: bytes, language: str) -> Job:  # type: ignore[no-untyped-def]
    return _job_of(client.post("/imports/organisations/", {"file": SimpleUploadedFile(name, body)},
                               HTTP_ACCEPT_LANGUAGE=language))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("started_in", ["zh-hans", "en"])
def test_a_failed_import_reads_in_the_viewers_language_whoever_started_it(world, started_in):
    client = world.client_for("admin")
    job = _uploaded(client, "bad5.csv", BAD_ROWS.encode(), started_in)
    assert job.status == Job.Status.FAILED and job.message_params == {"file": "bad5.csv"}

    english = _status(client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert "Importing bad5.csv" in english and "2 rows cannot be imported" in english
    assert "Invalid unified social credit code" in english and "Not a year: nineteen" in english
    assert not HAN.search(english), HAN.findall(english)

    chinese = _status(client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
    assert "bad5.csv" in chinese and "统一社会信用代码" in chinese
    assert not [word for word in ENGLISH if word in chinese], chinese

    # The API says it in the caller's language too.
    api = client.get(f"/api/jobs/{job.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert api["message"] == "Importing bad5.csv" and "cannot be imported" in api["error"]
    errors = {e["column"]: e for e in api["result"]["errors"]}
    assert set(errors) == {"uscc", "founded_year"}


@pytest.mark.django_db
def test_rows_written_before_message_ids_still_show(world):
    job = Job.objects.create(kind="import-organisations", status=Job.Status.FAILED, message="正在导入 old.csv",
                             error="1 行无法导入，未做任何更改。", created_by=world.users["admin"])
    html = world.client_for("admin").get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "正在导入 old.csv" in html


def _report_text(client, job: Job, language: str) -> str:
    from openpyxl import load_workbook

    response = client.get(f"/jobs/{job.pk}/output/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = book.worksheets[0]
    cells = [sheet.title] + [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    return "\n".join(cells)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("started_in", ["zh-hans", "en"])
def test_the_error_report_downloads_in_the_readers_language(world, started_in):
    client = world.client_for("admin")
    job = _uploaded(client, "bad5.csv", BAD_ROWS.encode(), started_in)
    english = _report_text(client, job, "en")
    assert "Import errors" in english and "Invalid unified social credit code" in english
    assert "Not a year: nineteen" in english and not HAN.search(english.replace("bad5", "")), HAN.findall(english)
    chinese = _report_text(client, job, "zh-hans")
    assert "统一社会信用代码" in chinese and not [w for w in (*ENGLISH, "Import errors", "Row") if w in chinese], chinese


# Whole-file problems (nothing was read, no row to blame): said in the reader's language too.
WHOLE_FILE = {
    "no-name.csv": (b"uscc,address\n91330100MA27XXXXX1,somewhere\n", "No name column", "没有名称列"),
    "empty.csv": (b"", "is empty", "是空文件"),
    "broken.xlsx": (b"PK\x03\x04 not really a zip", "not an Excel workbook", "不是 Excel 工作簿"),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", sorted(WHOLE_FILE))
def test_a_whole_file_problem_reads_in_the_viewers_language(world, name):
    body, english_words, chinese_words = WHOLE_FILE[name]
    client = world.client_for("admin")
    response = client.post("/imports/organisations/", {"file": SimpleUploadedFile(name, body)},
                           HTTP_ACCEPT_LANGUAGE="zh-hans")
    if response.status_code != 302:  # refused on the form already (the upload check): that page speaks too
        page = response.content.decode()
        assert chinese_words in page, page
        english = client.post("/imports/organisations/", {"file": SimpleUploadedFile(name, body)},
                              HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert english_words in english
        return
    job = _job_of(response)
    assert job.status == Job.Status.FAILED
    english = _status(client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    headers = english.replace("名称/企业名称", "")  # the Chinese header names the file may use, quoted as such
    assert english_words in english and not HAN.search(headers), HAN.findall(headers)
    chinese = _status(client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
    assert chinese_words in chinese, chinese
