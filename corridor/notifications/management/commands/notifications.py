"""`corridor notifications digest`: send the daily digest to users who chose it (run once a day by cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "notifications digest: e-mail the daily digest to every user who chose it"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["digest"])

    def handle(self, *args: Any, **options: Any) -> None:
        from corridor.notifications.services import send_digests

        sent = send_digests()
        self.stdout.write(_("Digests sent: %(n)s") % {"n": sent})
