from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.core.backup import BackupError, restore


class Command(BaseCommand):
    help = gettext_noop("Restore a backup made by `corridor backup` into the configured database and data "
                        "directory, then check every table's row count and checksum.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("the backup directory"))
        parser.add_argument("--replace", action="store_true", help=_("overwrite a database that already holds data"))

    def handle(self, *args: Any, path: str, replace: bool, **options: Any) -> None:
        try:
            differing = restore(Path(path), replace=replace)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        if differing:
            raise CommandError(_("Restored, but these tables differ from the backup: %(tables)s")
                               % {"tables": ", ".join(differing)})
        self.stdout.write(_("Restored %(path)s; every table matches the backup.") % {"path": path})
