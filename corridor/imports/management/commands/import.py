from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo.progress import TranslatedHelpCommand, rich_progress
from corridor.imports.headers import FIELDS, MappingError, parse_mapping
from corridor.imports.reading import TableError
from corridor.imports.services import ImportRejected, ImportResult, import_organisations

HELP = gettext_noop(
    "Import organisations from an Excel (.xlsx) or CSV file (UTF-8, UTF-8 with BOM or GBK/GB18030, detected). "
    "Chinese and English headers are recognised (名称, 统一社会信用代码, 地址, 所在城市, 行业, name, USCC, address …); "
    "--map COLUMN=FIELD names the others. All or nothing: if any row is bad, nothing is written and every bad row "
    "is listed (and written to --report as an Excel file with an error column). Rows are matched to existing "
    "organisations by credit code, else by name; importing the same file twice changes nothing."
)


class Command(TranslatedHelpCommand):
    help = HELP
    # Django's system checks load every URL module and API (seconds at start-up, on a 10-second import of 200k
    # rows); an import touches neither. The server, `check` and `migrate` still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["organisations"], help=_("what to import"))
        parser.add_argument("file", help=_("the .xlsx or .csv file"))
        parser.add_argument(
            "--map", action="append", default=[], metavar="COLUMN=FIELD",
            help=_("read COLUMN as FIELD (repeatable); fields: %(fields)s; FIELD - skips the column")
            % {"fields": ", ".join(FIELDS)},
        )
        parser.add_argument("--report", metavar="ERRORS.xlsx", help=_("where to write the error report if rows are bad"))

    def handle(self, *args: Any, what: str, file: str, map: list[str], report: str | None, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        try:
            mapping = parse_mapping(map)
        except MappingError as exc:
            raise CommandError(str(exc)) from None
        began = time.perf_counter()

        def announce(result: ImportResult) -> None:
            self.stdout.write(_("Importing %(file)s (%(encoding)s)") % {"file": path.name, "encoding": result.encoding})
            if result.ignored_columns:
                self.stdout.write(_("Columns not imported: %(cols)s") % {"cols": ", ".join(result.ignored_columns)})
            self.stdout.flush()

        try:
            with rich_progress() as progress:
                result = import_organisations(None, path, mapping=mapping, progress=progress, started=announce)
        except (TableError, MappingError) as exc:
            raise CommandError(str(exc)) from None
        except ImportRejected as rejected:
            self._rejected(path, rejected.result, report)
            sys.exit(1)
        elapsed = time.perf_counter() - began
        self.stdout.write(
            _("%(rows)s rows: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, in %(s).1f s "
              "(%(rate).0f rows/s).") % {
                "rows": result.rows, "created": result.created, "updated": result.updated,
                "unchanged": result.unchanged, "s": elapsed, "rate": result.rows / elapsed if elapsed else 0,
            }
        )
        self.stdout.flush()  # the count line says the import has committed (the benchmark times it)
        if result.unchanged_file:
            self.stdout.write(_("This file was already imported (import #%(n)s) and nothing has changed since.")
                              % {"n": result.unchanged_file})
        if result.follow_up:
            self.stdout.write(_("The organisations are in the registry; making them searchable and tagging their "
                                "chains (job #%(n)s)…") % {"n": result.follow_up})
            self.stdout.flush()
        from corridor.jobs.services import wait_all

        began = time.perf_counter()
        wait_all()  # the follow-up of a large import (search text, chain tags, counts) runs in a job: let it finish
        if result.follow_up:
            self.stdout.write(_("Searchable and tagged after %(s).1f s more.") % {"s": time.perf_counter() - began})

    def _rejected(self, path: Path, result: ImportResult, report: str | None) -> None:
        err = self.stderr
        err.write(_("%(n)s problems in %(file)s; nothing was imported.") % {"n": len(result.errors), "file": path.name})
        for e in result.errors[:200]:
            err.write(_("row %(row)s, column %(column)s: %(reason)s") % {"row": e.row, "column": e.column, "reason": e.reason})
        if len(result.errors) > 200:
            err.write(_("… and %(n)s more.") % {"n": len(result.errors) - 200})
        if report:
            from corridor.imports.report import write_error_report

            write_error_report(path, result, report)
            err.write(_("Error report written to %(file)s") % {"file": report})
