from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo.progress import TranslatedHelpCommand, rich_progress, table_text
from corridor.equipment.importer import ImportFailed, import_instruments

HELP = gettext_noop(
    "Shared equipment. `corridor equipment import FILE` loads an instrument catalogue (.xlsx or .csv, "
    "English or Chinese headers): every row is checked first and nothing is written unless all are valid; "
    "the report names each bad row and column. Importing the same file again updates, never duplicates."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import"], help=_("what to do"))
        parser.add_argument("file", metavar="FILE", help=_("the catalogue, .xlsx or .csv (UTF-8)"))
        parser.add_argument("--dry-run", action="store_true", help=_("check every row, write nothing"))

    def handle(self, *args: Any, action: str, file: str, dry_run: bool, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        if path.suffix.lower() not in (".xlsx", ".csv"):
            raise CommandError(_("Give an .xlsx or a .csv file."))
        stage = _("Checking %(file)s") % {"file": path.name}
        try:
            with rich_progress() as progress:
                result = import_instruments(path, dry_run=dry_run, progress=lambda done, total: progress(stage, done, total))
        except ImportFailed as failed:
            rows = [(e.row, e.column, e.message) for e in failed.errors]
            self.stderr.write(table_text(_("Nothing was imported: %(n)s errors") % {"n": len(rows)},
                                         [_("Row"), _("Column"), _("Problem")], rows))
            raise CommandError(_("Nothing was imported; fix the rows above and run again.")) from None
        verb = _("Checked (dry run)") if dry_run else _("Imported")
        self.stdout.write(_("%(verb)s: %(created)s new, %(updated)s updated instruments.") % {
            "verb": verb, "created": result.created, "updated": result.updated})
