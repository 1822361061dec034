from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo.progress import TranslatedHelpCommand, rich_progress

HELP = gettext_noop(
    "`corridor match reindex` embeds every open listing again and rebuilds the nearest-neighbour index "
    "under CORRIDOR_DATA_DIR. `corridor match --needs N.jsonl --offers O.jsonl --top K --output OUT.jsonl` "
    "ranks offers for needs from files without a database."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", nargs="?", choices=["reindex"], help=_("what to do"))
        parser.add_argument("--needs")
        parser.add_argument("--offers")
        parser.add_argument("--top", default="10")
        parser.add_argument("--output")

    def handle(self, *args: Any, action: str | None, **options: Any) -> None:
        if action != "reindex":
            # The file interface is the same whichever way it is reached (corridor.cli runs it without Django).
            from corridor.matching.batch import main

            argv = [x for key in ("needs", "offers", "top", "output") if options.get(key) for x in (f"--{key}", str(options[key]))]
            sys.exit(main(argv))
        from corridor.matching import index

        started = time.perf_counter()
        with rich_progress() as progress:
            count = index.reindex(progress)
        self.stdout.write(_("%(count)d listings indexed in %(seconds).1f s.") % {"count": count, "seconds": time.perf_counter() - started})
