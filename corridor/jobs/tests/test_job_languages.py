"""A job's progress, its failure and an import's row problems are kept as message ids with their parameters
and said in the reader's language, whatever language the job was started in."""

from __future__ import annotations

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


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("started_in", ["zh-hans", "en"])
def test_a_failed_import_reads_in_the_viewers_language_whoever_started_it(world, started_in):
    client = world.client_for("admin")
    response = client.post("/imports/organisations/", {"file": SimpleUploadedFile("bad5.csv", BAD_ROWS.encode())},
                           HTTP_ACCEPT_LANGUAGE=started_in)
    job = jobs.wait(Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1])))
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
