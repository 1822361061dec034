"""Importing organisations over the REST API: upload a file, get a job to follow at /api/jobs/{job_id}."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from corridor.accounts.api_auth import USER_REQUIRED, signed_in
from corridor.core.schemas import errors
from corridor.imports.jobs import start_import
from corridor.jobs.api import JobOut

router = Router(tags=["imports"])


@router.post(
    "/organisations", response={202: JobOut, **errors(401, 403, 422)}, auth=USER_REQUIRED,
    summary="Import organisations from an .xlsx or .csv file (a background job)",
)
def import_organisations(
    request: HttpRequest, file: File[UploadedFile], mapping: Form[str] = "",
) -> Status:
    """Secretariats and administrators. The file is checked and the import starts at once in the background;
    follow it at `/api/jobs/{id}`. All or nothing: if any row is bad, nothing is written, the job fails and
    lists every bad row, and `/api/jobs/{id}/report` gives the file back with an error column.
    `mapping`: one `COLUMN=FIELD` per line for headers that are not recognised."""
    job = start_import(signed_in(request), file, mapping)
    return Status(202, job)
