from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo import services
from corridor.demo.progress import TranslatedHelpCommand, add_size_argument, rich_progress, table_text

HELP = gettext_noop(
    "Load the demo corridor into the database: the G60 corridor, its cities, parks, alliances and "
    "declarations and the organisations the seed documents name, the Zhongguancun alliance and Dongli, a "
    "synthetic population of organisations (flagged synthetic) and the demo accounts. Idempotent: running "
    "it again adds nothing. Run `corridor migrate` first."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        add_size_argument(parser, services.DEFAULT_SIZE)
        parser.add_argument(
            "--seed", type=int, default=services.DEFAULT_SEED,
            help=_("seed of the synthetic population (default %(default)s)"),
        )

    def handle(self, *args: Any, size: int, seed: int, **options: Any) -> None:
        started = time.perf_counter()
        with rich_progress() as progress:
            counts = services.load_demo(progress, size=size, seed=seed)
        # The demo's notifications start e-mail jobs on commit (threads): a command must not exit under them.
        from corridor.jobs import services as jobs

        jobs.wait_all(timeout=600)
        elapsed = time.perf_counter() - started
        self.stdout.write(table_text(_("Demo corridor loaded"), [_("table"), _("rows")], list(counts.items())))
        self.stdout.write(_("Done in %(seconds).1f s.") % {"seconds": elapsed})
