from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.channel import services
from corridor.demo.progress import TranslatedHelpCommand

HELP = gettext_noop(
    "Government–enterprise channel jobs. `corridor channel overdue` reminds offices of requests due within a "
    "working day and escalates overdue ones to the office's supervisor (run it every hour; each request is "
    "reminded and escalated once). `corridor channel snapshot` keeps today's value of every regional target "
    "(run it monthly)."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["overdue", "snapshot"], help=_("what to do"))

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "overdue":
            done = services.check_overdue()
            self.stdout.write(_("%(reminded)s reminded, %(escalated)s escalated") % done)
        else:
            count = services.snapshot_targets()
            self.stdout.write(_("%(n)s targets snapshotted") % {"n": count})
