import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from corridor.core.testing import expect_matrix
from corridor.imports.reading import csv_text
from corridor.imports.services import import_organisations
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.orgs import uscc
from corridor.orgs.models import Organisation

CODE = uscc.make("9", "1", "330108", "MA2H0K1X7")


def test_who_may_open_the_import_page(world):
    expect_matrix(world, "get", "/imports/organisations/", {
        "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 200, "officer": 403, "admin": 200,
    })


@pytest.mark.django_db(transaction=True)
def test_upload_runs_a_job_and_shows_the_counts(world):
    client = world.client_for("secretariat")
    body = csv_text(["企业名称", "统一社会信用代码", "地址"], [["杭州上传科技有限公司", CODE, "浙江省杭州市滨江区1号"]])
    upload = SimpleUploadedFile("members.csv", body.encode("gbk"), content_type="text/csv")
    response = client.post("/imports/organisations/", {"file": upload, "mapping": ""})
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"].endswith(f"/jobs/{job.pk}/")
    job = jobs.wait(job)
    assert job.status == Job.Status.SUCCEEDED, job.error
    page = client.get(f"/jobs/{job.pk}/status/").content.decode()
    assert 'data-testid="import-counts"' in page
    assert Organisation.objects.get(uscc=CODE).name_zh == "杭州上传科技有限公司"
    link = f'/organisations/?imported={job.result["entry"]}'
    assert link in page  # from the job to what it created
    listed = client.get(link).content.decode()
    assert "杭州上传科技有限公司" in listed and world.owner_org.name_zh not in listed
    assert 'data-testid="filter-imported"' in listed


@pytest.mark.django_db(transaction=True)
def test_a_rejected_upload_offers_the_error_report(world):
    client = world.client_for("admin")
    body = csv_text(["名称", "统一社会信用代码"], [["杭州甲科技有限公司", "bad"], ["", ""], ["杭州乙科技有限公司", ""]])
    response = client.post("/imports/organisations/", {"file": SimpleUploadedFile("m.csv", body.encode())})
    job = jobs.wait(Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1])))
    assert job.status == Job.Status.FAILED and job.result["error_count"] == 1
    assert 'data-testid="import-errors"' in client.get(f"/jobs/{job.pk}/").content.decode()
    report = client.get(f"/jobs/{job.pk}/output/")
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(report.streaming_content))).worksheets[0]
    last = [row[-1] for row in sheet.iter_rows(values_only=True)]
    assert "统一社会信用代码" in last[1] and not last[2]
    assert world.client_for("secretariat").get(f"/jobs/{job.pk}/output/").status_code == 404
    assert not Organisation.objects.filter(name_zh="杭州乙科技有限公司").exists()


def test_a_wrong_file_type_is_refused_on_the_form(world):
    response = world.client_for("admin").post(
        "/imports/organisations/", {"file": SimpleUploadedFile("m.pdf", b"%PDF")}
    )
    assert response.status_code == 422
    assert Job.objects.count() == 0


def _export_csv(client, query=""):
    response = client.get(f"/imports/organisations/export.csv{query}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_exports_follow_filters_and_hide_what_the_reader_may_not_see(world):
    visitor = _export_csv(world.client_for("visitor"))
    names = {r[0] for r in visitor[1:]}
    assert world.unlisted_org.name_zh not in names  # unlisted: not for visitors
    assert world.owner_org.name_zh in names
    email = visitor[0].index("联系邮箱") if "联系邮箱" in visitor[0] else visitor[0].index("Contact e-mail")
    assert all(r[email] == "" for r in visitor[1:])  # no contacts for visitors
    owner = _export_csv(world.client_for("owner"))
    mine = next(r for r in owner[1:] if r[0] == world.owner_org.name_zh)
    other = next(r for r in owner[1:] if r[0] == world.member_org.name_zh)
    assert mine[email] == "owner@guozi.example" and other[email] == ""
    filtered = _export_csv(world.client_for("admin"), "?industry=robots")
    assert {r[0] for r in filtered[1:]} == {world.owner_org.name_zh, world.member_org.name_zh}


def test_the_export_reimports_cleanly(world, tmp_path):
    admin = world.client_for("admin")
    rows = _export_csv(admin)
    source = tmp_path / "export.csv"
    source.write_text(csv_text(rows[0], rows[1:]), encoding="utf-8")
    result = import_organisations(world.users["admin"], source)
    assert result.errors == [] and (result.created, result.updated) == (0, 0)
    assert result.unchanged == Organisation.objects.count()
    workbook = admin.get("/imports/organisations/export.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    assert workbook.status_code == 200
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"".join(workbook.streaming_content))
    again = import_organisations(world.users["admin"], path)
    assert again.errors == [] and (again.created, again.updated) == (0, 0)
    # And into an empty registry it recreates the same organisations.
    before = {o.name_zh: (o.region_id, o.kind, sorted(o.industries.values_list("slug", flat=True)), o.listed)
              for o in Organisation.objects.all()}
    from corridor.accounts.models import RoleGrant
    from corridor.alliances.models import AllianceMembership

    AllianceMembership.objects.all().delete()
    RoleGrant.objects.all().delete()
    Organisation.objects.all().delete()
    fresh = import_organisations(None, path)
    assert fresh.created == len(before)
    after = {o.name_zh: (o.region_id, o.kind, sorted(o.industries.values_list("slug", flat=True)), o.listed)
             for o in Organisation.objects.all()}
    assert after == before
