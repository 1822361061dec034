"""The import as a background job (upload page) — the same service as the command line."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.core.access import Actor
from corridor.imports.headers import MappingError
from corridor.imports.reading import TableError
from corridor.imports.services import ImportRejected, import_organisations
from corridor.jobs.models import Job
from corridor.jobs.services import JobFailed, Progress, register

IMPORT_ORGANISATIONS = "import-organisations"


def start_import(user: Actor, upload: UploadedFile, mapping_text: str = "") -> Job:
    """Check the upload (as the page's form does), keep it, and start the import job; the page and the API call this.

    403 for users who may not import; a wrong file type or mapping is a ValidationError naming the field.
    """
    from corridor.imports.forms import ImportForm
    from corridor.imports.services import may_import
    from corridor.jobs import services as jobs

    if not may_import(user):
        raise PermissionDenied(_("Only secretariats and administrators may import organisations."))
    form = ImportForm({"mapping": mapping_text}, MultiValueDict({"file": [upload]}))
    if not form.is_valid():
        raise ValidationError({name: [str(m) for m in messages] for name, messages in form.errors.items()})
    from corridor.imports.retention import purge_old_uploads

    purge_old_uploads()
    folder = Path(settings.MEDIA_ROOT) / "imports" / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"upload{Path(upload.name or '').suffix.lower()}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return jobs.start(IMPORT_ORGANISATIONS, {
        "path": str(path), "name": Path(upload.name or "").name, "mapping": form.cleaned_data["mapping"],
    }, user)


@register(IMPORT_ORGANISATIONS, gettext_lazy("Import of organisations"), template="imports/_job_result.html")
def run_import(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    path = Path(params["path"])
    try:
        result = import_organisations(
            job.created_by, path, mapping=params.get("mapping") or {}, progress=progress, display_name=params["name"]
        )
    except ImportRejected as rejected:
        from corridor.imports.report import write_error_reports

        reports = write_error_reports(path, rejected.result, path.parent, Path(params["name"]).stem or path.stem)
        media = Path(settings.MEDIA_ROOT).resolve()
        by_language = {code: report.resolve().relative_to(media).as_posix() for code, report in reports.items()}
        starter = by_language.get(translation.get_language() or "") or next(iter(by_language.values()))
        Job.objects.filter(pk=job.pk).update(output=starter)
        raise JobFailed(rejected.args[0], {**rejected.result.as_dict(), "output_by_language": by_language}) from None
    except (TableError, MappingError) as exc:
        raise JobFailed(exc.args[0]) from None
    except PermissionError as exc:  # pragma: no cover - the page checks first
        raise JobFailed(str(exc) or _("You may not import organisations.")) from None
    return result.as_dict()


FIND_DUPLICATES = "find-duplicates"
MAX_PAIRS = 500


@register(FIND_DUPLICATES, gettext_lazy("Search for duplicate organisations"), template="imports/_duplicates_result.html")
def run_find_duplicates(job: Job, progress: Progress) -> dict[str, Any]:
    from corridor.imports.merging import candidate_pairs

    pairs = candidate_pairs(job.created_by, progress)
    return {"pairs": pairs[:MAX_PAIRS], "count": len(pairs)}
