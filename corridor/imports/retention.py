"""Uploaded import files are not kept forever: they hold member lists with contact data.

A finished import's upload is deleted IMPORT_KEEP_DAYS after it finished; a failed one's (and its error
report, which repeats the rows) IMPORT_KEEP_FAILED_DAYS after. Run at start-up and whenever an import starts.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from corridor.imports.jobs import IMPORT_ORGANISATIONS
from corridor.jobs.models import Job


def keep_days() -> tuple[int, int]:
    """(days an upload is kept, days a failed import's upload and error report are kept)."""
    return settings.IMPORT_KEEP_DAYS, settings.IMPORT_KEEP_FAILED_DAYS


def purge_old_uploads(now: datetime.datetime | None = None) -> int:
    """Delete the expired uploads (and failed imports' error reports); how many jobs were purged."""
    now = now or timezone.now()
    keep, keep_failed = keep_days()
    media = Path(settings.MEDIA_ROOT).resolve()
    expired = Job.objects.filter(kind=IMPORT_ORGANISATIONS, finished_at__isnull=False).filter(
        finished_at__lt=now - datetime.timedelta(days=keep_failed), status=Job.Status.FAILED
    ) | Job.objects.filter(kind=IMPORT_ORGANISATIONS, finished_at__lt=now - datetime.timedelta(days=keep))
    purged = 0
    for job in expired:
        if job.params.get("purged"):  # checked here: a JSON key lookup in SQL skips rows lacking the key
            continue
        upload = Path(str(job.params.get("path") or ""))
        folder = upload.parent.resolve() if upload.name else None
        # Only ever a folder of our own under media/imports/: a job row must not be able to name another path.
        if folder is not None and folder.parent == media / "imports" and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        if job.output:
            job.output.delete(save=False)
        Job.objects.filter(pk=job.pk).update(output="", params={**job.params, "purged": True})
        purged += 1
    return purged
