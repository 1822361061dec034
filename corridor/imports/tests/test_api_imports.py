"""Import through the REST API: upload → job id → status and progress → error report; who may do it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from corridor.accounts.services import create_api_token
from corridor.imports.reading import csv_text
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.orgs import uscc
from corridor.orgs.models import Organisation

CODE = uscc.make("9", "1", "330108", "MA2H0K1X7")
URL = "/api/imports/organisations"


def bearer(world, role: str) -> dict[str, str]:
    _token, plain = create_api_token(world.users[role], "import")
    return {"authorization": f"Bearer {plain}"}


def upload(name: str, body: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body.encode(encoding), content_type="text/csv")


@pytest.mark.django_db(transaction=True)
def test_upload_gives_a_job_that_imports_and_reports_its_progress(world):
    headers = bearer(world, "secretariat")
    body = csv_text(["企业名称", "统一社会信用代码", "地址"], [["杭州接口科技有限公司", CODE, "浙江省杭州市滨江区1号"]])
    response = Client().post(URL, {"file": upload("members.csv", body, "gbk")}, headers=headers)
    assert response.status_code == 202, response.content
    job_id = response.json()["id"]
    assert response.json()["status"] in ("queued", "running", "succeeded")
    jobs.wait(Job.objects.get(pk=job_id))
    status = Client().get(f"/api/jobs/{job_id}", headers=headers).json()
    assert status["status"] == "succeeded", status
    assert (status["done"], status["total"], status["percent"]) == (1, 1, 100)
    assert status["result"]["created"] == 1 and status["error_report_url"] is None
    assert Organisation.objects.get(uscc=CODE).region.code == "330108"
    assert Client().get(f"/api/jobs/{job_id}/report", headers=headers).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_rejected_import_lists_every_bad_row_and_offers_the_report(world):
    headers = bearer(world, "admin")
    body = csv_text(["名称", "统一社会信用代码", "成立年份"],
                    [["杭州甲科技有限公司", "bad", ""], ["杭州乙科技有限公司", "", "去年"], ["杭州丙科技有限公司", "", ""]])
    job_id = Client().post(URL, {"file": upload("m.csv", body)}, headers=headers).json()["id"]
    jobs.wait(Job.objects.get(pk=job_id))
    status = Client().get(f"/api/jobs/{job_id}", headers=headers).json()
    assert status["status"] == "failed" and status["result"]["error_count"] == 2
    assert [(e["row"], e["column"]) for e in status["result"]["errors"]] == [(2, "统一社会信用代码"), (3, "成立年份")]
    assert status["error_report_url"] == f"/api/jobs/{job_id}/report"
    report = Client().get(status["error_report_url"], headers=headers)
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(report.getvalue())).active
    assert sheet.max_row == 4  # the header and every row, bad or not, with the error column
    assert not Organisation.objects.filter(name_zh__startswith="杭州丙").exists()


@pytest.mark.django_db(transaction=True)
def test_a_job_is_seen_only_by_its_owner_and_admins(world):
    body = csv_text(["名称"], [["杭州丁科技有限公司"]])
    job_id = Client().post(URL, {"file": upload("m.csv", body)}, headers=bearer(world, "secretariat")).json()["id"]
    jobs.wait(Job.objects.get(pk=job_id))
    assert Client().get(f"/api/jobs/{job_id}", headers=bearer(world, "admin")).status_code == 200
    assert Client().get(f"/api/jobs/{job_id}", headers=bearer(world, "member")).status_code == 404
    assert Client().get(f"/api/jobs/{job_id}").status_code == 401


def test_who_may_import_and_what_the_upload_must_be(world):
    body = csv_text(["名称"], [["杭州戊科技有限公司"]])
    assert Client().post(URL, {"file": upload("m.csv", body)}).status_code == 401
    member = Client().post(URL, {"file": upload("m.csv", body)}, headers=bearer(world, "member"))
    assert member.status_code == 403
    wrong = Client().post(URL, {"file": upload("m.txt", body)}, headers=bearer(world, "secretariat"))
    assert wrong.status_code == 422 and "file" in wrong.json()["errors"]
    mapping = Client().post(URL, {"file": upload("m.csv", body), "mapping": "nonsense"}, headers=bearer(world, "secretariat"))
    assert mapping.status_code == 422 and "mapping" in mapping.json()["errors"]
    missing = Client().post(URL, {}, headers=bearer(world, "secretariat"))
    assert missing.status_code == 422
    assert not Job.objects.exists()
