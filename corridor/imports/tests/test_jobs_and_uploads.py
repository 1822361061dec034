"""Jobs and uploads: orphans failed at start-up, uploads deleted after their retention (failed ones sooner,
as the page says), whole-file errors in the user's language."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone, translation

from corridor.imports.jobs import IMPORT_ORGANISATIONS
from corridor.imports.retention import purge_old_uploads
from corridor.jobs import services as jobs
from corridor.jobs.models import Job


def _job(world, status, finished_days_ago, media: Path, name: str) -> tuple[Job, Path]:
    folder = media / "imports" / name
    folder.mkdir(parents=True)
    (folder / "upload.csv").write_text("企业名称,联系邮箱\n某公司,a@example.com\n", encoding="utf-8")
    job = Job.objects.create(kind=IMPORT_ORGANISATIONS, params={"path": str(folder / "upload.csv"), "name": "m.csv"},
                             created_by=world.users["admin"], status=status,
                             finished_at=timezone.now() - datetime.timedelta(days=finished_days_ago))
    if status == Job.Status.FAILED:
        job.output.save("m-errors.xlsx", ContentFile(b"report"), save=True)
    return job, folder


def test_uploads_are_deleted_after_their_retention(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_KEEP_DAYS, settings.IMPORT_KEEP_FAILED_DAYS = 30, 7
    _old_ok, old_ok_dir = _job(world, Job.Status.SUCCEEDED, 31, settings.MEDIA_ROOT, "a" * 32)
    _new_ok, new_ok_dir = _job(world, Job.Status.SUCCEEDED, 10, settings.MEDIA_ROOT, "b" * 32)
    old_bad, old_bad_dir = _job(world, Job.Status.FAILED, 8, settings.MEDIA_ROOT, "c" * 32)
    new_bad, new_bad_dir = _job(world, Job.Status.FAILED, 2, settings.MEDIA_ROOT, "d" * 32)
    report = Path(old_bad.output.path)
    assert report.exists()
    assert purge_old_uploads() == 2
    assert not old_ok_dir.exists() and not old_bad_dir.exists() and not report.exists()
    assert new_ok_dir.exists() and new_bad_dir.exists() and Path(new_bad.output.path).exists()
    old_bad.refresh_from_db()
    assert not old_bad.output and old_bad.params["purged"] is True
    assert purge_old_uploads() == 0  # done once


def test_a_job_row_cannot_make_the_purge_delete_elsewhere(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "keep.txt").write_text("x")
    Job.objects.create(kind=IMPORT_ORGANISATIONS, params={"path": str(outside / "keep.txt")}, status=Job.Status.FAILED,
                       finished_at=timezone.now() - datetime.timedelta(days=100))
    purge_old_uploads()
    assert (outside / "keep.txt").exists()


def test_the_import_page_says_how_long_uploads_are_kept(world, settings):
    settings.IMPORT_KEEP_DAYS, settings.IMPORT_KEEP_FAILED_DAYS = 21, 3
    page = world.client_for("admin").get("/imports/organisations/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="upload-retention"' in page and "21 days" in page and "3 days" in page
    page = world.client_for("admin").get("/imports/organisations/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "21 天" in page


def test_orphaned_jobs_are_failed_at_start_up(world):
    from corridor.jobs.tests.test_stale_jobs import cut_off

    recent = cut_off(world, minutes=0)  # its process died a moment ago: not yet stale by the 5-minute rule
    forty_seconds_ago = timezone.now() - datetime.timedelta(seconds=40)
    Job.objects.filter(pk=recent.pk).update(created_at=forty_seconds_ago, started_at=forty_seconds_ago,
                                            heartbeat_at=forty_seconds_ago)
    assert jobs.fail_if_stale(Job.objects.get(pk=recent.pk)) is False
    beating = cut_off(world, minutes=0)
    Job.objects.filter(pk=beating.pk).update(heartbeat_at=timezone.now())
    failed = jobs.fail_orphans_at_start()
    assert Job.objects.get(pk=recent.pk).status == Job.Status.FAILED
    # One serving process on SQLite: every unfinished job is an orphan. On PostgreSQL another process may be
    # serving, so a job whose heartbeat is fresh keeps running.
    expected = Job.Status.FAILED if connection.vendor == "sqlite" else Job.Status.RUNNING
    assert Job.objects.get(pk=beating.pk).status == expected
    assert failed == (2 if connection.vendor == "sqlite" else 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language, expected", [("zh-hans", "不是可读取的 Excel 工作簿"), ("en", "is not a readable Excel workbook")])
def test_whole_file_errors_are_in_the_users_language(world, language, expected):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:  # a zip, so it passes the upload check, but no workbook inside
        z.writestr("hello.txt", "not a workbook")
    client = world.client_for("admin")
    response = client.post("/imports/organisations/", {"file": SimpleUploadedFile("m.xlsx", archive.getvalue())},
                           HTTP_ACCEPT_LANGUAGE=language)
    job = jobs.wait(Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1])))
    assert job.status == Job.Status.FAILED
    with translation.override(language):  # kept as a message id: said in whichever language reads it
        assert expected in job.error_text and "Error" not in job.error_text, job.error_text


def test_a_workbook_that_is_not_one_is_refused_in_the_users_language(world):
    response = world.client_for("admin").post(
        "/imports/organisations/", {"file": SimpleUploadedFile("m.xlsx", b"not a zip")}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 422
    body = response.content.decode()
    assert "BadZipFile" not in body and "不是 Excel 工作簿" in body
