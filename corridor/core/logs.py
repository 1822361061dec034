"""Logging filters (settings.LOGGING)."""

from __future__ import annotations

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """A 403 is the platform saying no as designed: one line in the log, not a traceback.

    Django logs every PermissionDenied with its exception; on a busy site those tracebacks bury real errors.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
