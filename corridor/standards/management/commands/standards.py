from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo.progress import TranslatedHelpCommand
from corridor.standards.duties import send_reminders

HELP = gettext_noop(
    "Group standards. `corridor standards remind` (once a day, cron): reminds committee members who have not "
    "voted on a ballot closing within 3 days, and secretariats of standards whose re-review falls due within 30 days."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"], help=_("what to do"))

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        made = send_reminders()
        self.stdout.write(_("%(n)s reminders sent.") % {"n": made})
