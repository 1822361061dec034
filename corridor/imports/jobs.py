"""The import as a background job (upload page) — the same service as the command line."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.files import File
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.imports.headers import MappingError
from corridor.imports.reading import TableError
from corridor.imports.services import ImportRejected, import_organisations
from corridor.jobs.models import Job
from corridor.jobs.services import JobFailed, Progress, register

IMPORT_ORGANISATIONS = "import-organisations"


@register(IMPORT_ORGANISATIONS, gettext_lazy("Import of organisations"), template="imports/_job_result.html")
def run_import(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    path = Path(params["path"])
    try:
        result = import_organisations(
            job.created_by, path, mapping=params.get("mapping") or {}, progress=progress, display_name=params["name"]
        )
    except ImportRejected as rejected:
        from corridor.imports.report import write_error_report

        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"{path.stem}-errors.xlsx"
            write_error_report(path, rejected.result, out)
            with out.open("rb") as handle:
                job.output.save(out.name, File(handle), save=False)
        Job.objects.filter(pk=job.pk).update(output=job.output.name)
        raise JobFailed(str(rejected), rejected.result.as_dict()) from None
    except (TableError, MappingError) as exc:
        raise JobFailed(str(exc)) from None
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
