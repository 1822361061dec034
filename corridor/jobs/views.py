"""The job page and its status partial, polled by htmx while the job runs."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from corridor.jobs import services
from corridor.jobs.models import Job


def _job_for(request: HttpRequest, pk: int) -> Job:
    job = get_object_or_404(Job, pk=pk)
    if not job.visible_to(request.user):
        raise Http404  # someone else's job does not exist for you
    services.live_progress(job)
    return job


def _context(job: Job) -> dict[str, object]:
    spec = services.KINDS.get(job.kind)
    return {"job": job, "label": spec.label if spec else job.kind, "result_template": spec.template if spec else ""}


def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/detail.html", _context(_job_for(request, pk)))


def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/_status.html", _context(_job_for(request, pk)))


def job_output(request: HttpRequest, pk: int) -> HttpResponseBase:
    job = _job_for(request, pk)
    name = services.output_name(job, get_language())
    if not name:
        raise Http404
    return FileResponse(job.output.storage.open(name, "rb"), as_attachment=True, filename=name.rsplit("/", 1)[-1])
