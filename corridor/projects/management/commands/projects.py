from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo.progress import TranslatedHelpCommand, table_text

HELP = gettext_noop(
    "Investment projects. `corridor projects import FILE` loads a project ledger (.xlsx, Chinese or English "
    "headers): every row is checked first and nothing is written unless all are valid; importing the same "
    "ledger again adds nothing. `corridor projects remind` tells account managers about stalled projects "
    "(once a day, cron)."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "remind"], help=_("what to do"))
        parser.add_argument("file", metavar="FILE", nargs="?", help=_("the ledger, .xlsx"))
        parser.add_argument("--dry-run", action="store_true", help=_("check every row, write nothing"))

    def handle(self, *args: Any, action: str, file: str | None, dry_run: bool, **options: Any) -> None:
        if action == "remind":
            from corridor.projects.services import remind

            self.stdout.write(_("Reminders sent: %(n)s") % {"n": remind()})
            return
        from corridor.projects.importer import ImportFailed, import_ledger

        path = Path(file or "")
        if not file or not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file or ""})
        if path.suffix.lower() != ".xlsx":
            raise CommandError(_("Give an .xlsx file."))
        try:
            result = import_ledger(path, dry_run=dry_run)
        except ImportFailed as failed:
            rows = [(e.row, e.column, e.message) for e in failed.errors]
            self.stderr.write(table_text(_("Nothing was imported: %(n)s errors") % {"n": len(rows)},
                                         [_("Row"), _("Column"), _("Problem")], rows))
            raise CommandError(_("Nothing was imported; fix the rows above and run again.")) from None
        self.stdout.write(_("Projects imported: %(created)s; already there: %(skipped)s.") % {
            "created": result.created, "skipped": result.skipped})
