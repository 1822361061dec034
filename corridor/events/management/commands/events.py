from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo.progress import TranslatedHelpCommand

HELP = gettext_noop(
    "Events. `corridor events remind` tells confirmed participants of events starting within a day (each once; run "
    "it hourly from cron). `corridor events schedule --input EVENT.json --output SCHEDULE.json` schedules 1:1 "
    "meetings from a file (no database)."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"], help=_("what to do"))

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        from corridor.events.services import send_reminders

        sent = send_reminders()
        self.stdout.write(_("%(n)s reminders sent.") % {"n": sent})
