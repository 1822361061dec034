"""Background jobs over the REST API: status and progress, and the file a job produced (an import's error report).

A job is visible to the user who started it and to administrators; anyone else gets 404, as if it did not exist.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema

from corridor.accounts.api_auth import USER_REQUIRED, signed_in
from corridor.core.schemas import errors
from corridor.jobs import services
from corridor.jobs.models import Job

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: int
    kind: str
    status: str
    message: str
    done: int
    total: int
    percent: int
    result: dict[str, Any]
    error: str
    error_report_url: str | None
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None

    @staticmethod
    def resolve_message(job: Job) -> str:  # in the caller's language, whoever started the job
        return job.message_text

    @staticmethod
    def resolve_error(job: Job) -> str:
        return job.error_text

    @staticmethod
    def resolve_error_report_url(job: Job) -> str | None:
        return reverse("api:job_report", kwargs={"job_id": job.pk}) if job.output else None


def visible_job(request: HttpRequest, job_id: int) -> Job:
    """The job with its live progress, if the caller may see it (else 404)."""
    job = get_object_or_404(Job, pk=job_id)
    if not job.visible_to(signed_in(request)):
        raise Http404
    services.live_progress(job)
    return job


@router.get("/{int:job_id}", response={200: JobOut, **errors(401, 404)}, auth=USER_REQUIRED, summary="A job's status and progress")
def get_job(request: HttpRequest, job_id: int) -> Job:
    """`status` is queued, running, succeeded or failed; `done`/`total` is the progress while it runs. A failed
    import lists its bad rows in `result.errors` (the first 1000) and offers the whole report at `error_report_url`."""
    return visible_job(request, job_id)


@router.get(
    "/{int:job_id}/report", response={200: None, **errors(401, 404)}, auth=USER_REQUIRED, url_name="job_report",
    summary="The file a job produced (an import's error report, .xlsx)",
    openapi_extra={"responses": {200: {"description": "The file", "content": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}},
    }}}},
)
def get_job_report(request: HttpRequest, job_id: int) -> FileResponse:
    """Every row of the imported file with an error column; 404 while there is none (the job has not failed on rows)."""
    job = visible_job(request, job_id)
    if not job.output:
        raise Http404
    return FileResponse(job.output.open("rb"), as_attachment=True, filename=job.output.name.rsplit("/", 1)[-1])
