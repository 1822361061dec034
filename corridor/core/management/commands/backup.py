from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.core.backup import BackupError, backup


class Command(BaseCommand):
    help = gettext_noop("Back up the database (consistent while serving), uploaded files and the matching index "
                        "into a new directory.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("a new (or empty) directory for the backup"))

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        try:
            manifest = backup(Path(path))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(_("Backed up %(tables)s tables (%(rows)s rows), %(files)s uploaded files into %(path)s.") % {
            "tables": len(manifest["tables"]), "rows": rows, "files": manifest["media_files"], "path": path})
