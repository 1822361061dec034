from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo.progress import TranslatedHelpCommand, table_text
from corridor.policies import services

HELP = gettext_noop(
    "Policies. `corridor policies push [--on DATE]` tells the members of every organisation eligible for a policy "
    "that is in force and was not pushed yet (those whose start date arrived); run it once a day. A policy is "
    "pushed once, an organisation told once. It also sends the reminders of application windows closing within "
    "a week. `corridor policies import FILE.xlsx [--dry-run]` loads policies and their items, one row per item: "
    "every row is checked first and nothing is written unless all are valid; the report names each bad row and "
    "column. (`corridor policies eligibility …` evaluates files, no database.)"
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["push", "import"], help=_("what to do"))
        parser.add_argument("file", nargs="?", default="", metavar="FILE", help=_("the sheet to import (.xlsx)"))
        parser.add_argument("--on", default="", help=_("the day (YYYY-MM-DD); today by default"))
        parser.add_argument("--dry-run", action="store_true", help=_("check every row, write nothing"))

    def handle(self, *args: Any, action: str, file: str, on: str, dry_run: bool, **options: Any) -> None:
        if action == "import":
            self._import(file, dry_run)
            return
        day = None
        if on:
            try:
                day = datetime.date.fromisoformat(on)
            except ValueError:
                raise CommandError(_("--on: %(value)s is not a date (YYYY-MM-DD).") % {"value": on}) from None
        told = services.push_due(day)
        reminded = services.send_reminders(day)
        self.stdout.write(_("%(n)s organisations told, %(r)s reminders sent.") % {"n": told, "r": reminded})

    def _import(self, file: str, dry_run: bool) -> None:
        from corridor.policies.importer import ImportFailed, import_policies

        path = Path(file)
        if not file or not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file or "—"})
        if path.suffix.lower() != ".xlsx":
            raise CommandError(_("Give an .xlsx file."))
        try:
            result = import_policies(path, dry_run=dry_run)
        except ImportFailed as failed:
            rows = [(e.row, e.column, e.message) for e in failed.errors]
            self.stderr.write(table_text(_("Nothing was imported: %(n)s errors") % {"n": len(rows)},
                                         [_("Row"), _("Column"), _("Problem")], rows))
            raise CommandError(_("Nothing was imported; fix the rows above and run again.")) from None
        verb = _("Checked (dry run)") if dry_run else _("Imported")
        self.stdout.write(_("%(verb)s: %(policies)s policies, %(items)s items.") % {
            "verb": verb, "policies": result.policies, "items": result.items})
