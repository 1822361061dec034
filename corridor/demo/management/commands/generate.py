from __future__ import annotations

import argparse
import time
from typing import Any

from django.core.management.base import CommandError, CommandParser, DjangoHelpFormatter
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo import services, synthetic
from corridor.demo.progress import TranslatedHelpCommand, rich_progress

HELP = gettext_noop(
    "Generate a synthetic population of organisations in the nine G60 cities (for benchmarks): realistic "
    "bilingual names, valid credit codes, industries, descriptions and alliance memberships, all flagged "
    "synthetic. The same --size and --seed always give the same rows. Examples:\n"
    "  corridor generate --size 1000000 --output orgs.csv\n"
    "  corridor generate --size 100000 --into-db"
)


class _KeepLineBreaks(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    pass


class Command(TranslatedHelpCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = _KeepLineBreaks  # the examples are one per line
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", type=int, default=100000, help=_("how many organisations (default %(default)s)"))
        parser.add_argument(
            "--seed", type=int, default=synthetic.DEFAULT_SEED, help=_("random seed (default %(default)s)")
        )
        parser.add_argument("--output", metavar="FILE.csv", help=_("write the population to this CSV file (UTF-8)"))
        parser.add_argument(
            "--into-db", action="store_true",
            help=_("add the population to the database (those already there, by credit code, are skipped)"),
        )
        parser.add_argument(
            "--batch-size", type=int, default=2000, help=_("rows per database batch (default %(default)s)")
        )

    def handle(self, *args: Any, size: int, seed: int, output: str | None, into_db: bool, batch_size: int,
               **options: Any) -> None:
        if not output and not into_db:
            raise CommandError(_("Say where the population goes: --output FILE.csv, --into-db, or both."))
        if size < 0 or batch_size < 1:
            raise CommandError(_("--size must be 0 or more and --batch-size at least 1."))
        if output:
            started = time.perf_counter()
            stage = _("Writing %(file)s") % {"file": output}
            with rich_progress() as progress:
                synthetic.write_csv(output, size, seed, lambda done: progress(stage, done, size))
            self._report(_("Wrote %(n)s rows to %(file)s") % {"n": size, "file": output}, size, started)
        if into_db:
            from django.db import transaction

            from corridor.regions.services import load_regions

            started = time.perf_counter()
            with rich_progress() as progress, transaction.atomic():
                load_regions()
                services.ensure_industries()
                created = services.load_synthetic(size, seed=seed, progress=progress, batch_size=batch_size)
                from corridor.dashboards import tally

                tally.rebuild()  # a bulk writer (no change events): the dashboards' organisation tally
            self._report(_("Added %(n)s organisations to the database") % {"n": created}, size, started)

    def _report(self, message: str, rows: int, started: float) -> None:
        elapsed = time.perf_counter() - started
        rate = rows / elapsed if elapsed > 0 else 0
        self.stdout.write(message + " " + _("in %(s).1f s (%(rate).0f rows/s).") % {"s": elapsed, "rate": rate})
