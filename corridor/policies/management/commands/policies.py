from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo.progress import TranslatedHelpCommand
from corridor.policies import services

HELP = gettext_noop(
    "Policies. `corridor policies push [--on DATE]` tells the members of every organisation eligible for a policy "
    "that is in force and was not pushed yet (those whose start date arrived); run it once a day. A policy is "
    "pushed once, an organisation told once. It also sends the reminders of application windows closing within "
    "a week. (`corridor policies eligibility …` evaluates files, no database.)"
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["push"], help=_("what to do"))
        parser.add_argument("--on", default="", help=_("the day (YYYY-MM-DD); today by default"))

    def handle(self, *args: Any, action: str, on: str, **options: Any) -> None:
        day = None
        if on:
            try:
                day = datetime.date.fromisoformat(on)
            except ValueError:
                raise CommandError(_("--on: %(value)s is not a date (YYYY-MM-DD).") % {"value": on}) from None
        told = services.push_due(day)
        reminded = services.send_reminders(day)
        self.stdout.write(_("%(n)s organisations told, %(r)s reminders sent.") % {"n": told, "r": reminded})
