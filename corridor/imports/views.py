"""Pages: the import upload (a background job), exports of organisation lists, the duplicates review."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.imports import export
from corridor.imports.forms import ImportForm
from corridor.imports.jobs import IMPORT_ORGANISATIONS
from corridor.imports.services import may_import
from corridor.jobs import services as jobs
from corridor.orgs.filters import OrganisationFilter


@login_required
@require_http_methods(["GET", "POST"])
def import_organisations_page(request: HttpRequest) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied(_("Only secretariats and administrators may import organisations."))
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            folder = Path(settings.MEDIA_ROOT) / "imports" / uuid.uuid4().hex
            folder.mkdir(parents=True, exist_ok=True)
            suffix = Path(upload.name).suffix.lower()
            path = folder / f"upload{suffix}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            job = jobs.start(IMPORT_ORGANISATIONS, {
                "path": str(path), "name": Path(upload.name).name, "mapping": form.cleaned_data["mapping"],
            }, request.user)
            return redirect("jobs:detail", pk=job.pk)
        status = 422
    else:
        form = ImportForm()
    from corridor.jobs.models import Job

    recent = Job.objects.filter(kind=IMPORT_ORGANISATIONS, created_by_id=request.user.pk)[:10]
    return render(request, "imports/import.html", {"form": form, "recent": recent}, status=status)


def _filename(ext: str) -> str:
    return f"organisations-{timezone.localdate():%Y%m%d}.{ext}"


def export_csv(request: HttpRequest) -> HttpResponseBase:
    filters = OrganisationFilter.from_query(request.GET)
    response = StreamingHttpResponse(export.csv_chunks(request.user, filters), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def export_xlsx(request: HttpRequest) -> HttpResponseBase:
    filters = OrganisationFilter.from_query(request.GET)
    handle = tempfile.TemporaryFile()
    export.write_xlsx(request.user, filters, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=_filename("xlsx"),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
