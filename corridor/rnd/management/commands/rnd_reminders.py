from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo.progress import TranslatedHelpCommand
from corridor.rnd.teams import remind_overdue

HELP = gettext_noop(
    "Joint R&D teams: tell the owners of overdue milestones (at most once a week each). Run daily from cron: "
    "`corridor rnd_reminders`."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def handle(self, *args: Any, **options: Any) -> None:
        told = remind_overdue()
        self.stdout.write(_("%(n)s overdue milestone(s) reminded.") % {"n": told})
