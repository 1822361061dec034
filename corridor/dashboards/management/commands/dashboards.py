from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.core import indicators as ind
from corridor.core.indicators import TOTAL, Slice
from corridor.dashboards import reports, services, snapshots
from corridor.demo.progress import TranslatedHelpCommand, rich_progress, table_text

HELP = gettext_noop(
    "Dashboards and reports. Subcommands:\n"
    "  snapshot  store every indicator's monthly values (this month; --months N also the N months before)\n"
    "  values    an indicator per corridor city: corridor dashboards values --indicator orgs.organisations\n"
    "  report    write a report file: corridor dashboards report --city 330400 --format pdf --output R.pdf\n"
    "  send-reports  generate every subscribed report and tell its subscriber (monthly, from cron)\n"
    "Figures are what a visitor sees unless --as-user names a user."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        import argparse

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["snapshot", "values", "report", "send-reports"])
        parser.add_argument("--month", metavar="YYYY-MM", help=_("the month of the snapshot (default this month)"))
        parser.add_argument("--months", type=int, default=0, help=_("snapshot: also the N months before"))
        parser.add_argument("--indicator", metavar="KEY", help=_("indicator key (values)"))
        parser.add_argument("--city", metavar="CODE", help=_("city code (report)"))
        parser.add_argument("--alliance", metavar="SLUG", help=_("alliance slug (report)"))
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf", help=_("report format"))
        parser.add_argument("--output", metavar="FILE", help=_("report file to write"))
        parser.add_argument("--as-user", metavar="USERNAME", help=_("count what this user may see"))

    def handle(self, *args: Any, action: str, **o: Any) -> None:
        user = None
        if o["as_user"]:
            user = get_user_model().objects.filter(username=o["as_user"]).first()
            if user is None:
                raise CommandError(_("--as-user: no user %(name)s") % {"name": o["as_user"]})
        if action == "snapshot":
            try:
                month = datetime.date.fromisoformat((o["month"] or datetime.date.today().strftime("%Y-%m")) + "-01")
            except ValueError:
                raise CommandError(_("--month: write it as YYYY-MM")) from None
            with rich_progress() as progress:
                written = snapshots.run(month, o["months"], progress)
            self.stdout.write(_("%(n)s snapshot values stored.") % {"n": written})
        elif action == "send-reports":
            from corridor.dashboards import subscriptions
            from corridor.jobs import services as jobs

            started = subscriptions.send_all()
            jobs.wait_all()  # the jobs run in this process's threads: do not exit under them
            self.stdout.write(_("%(n)s subscribed reports generated.") % {"n": len(started)})
        elif action == "values":
            indicator = ind.get(o["indicator"] or "")
            if indicator is None:
                known = ", ".join(i.key for i in ind.all_indicators())
                raise CommandError(_("--indicator: one of %(known)s") % {"known": known})
            cities = services.corridor_cities()
            found = indicator.values(Slice(viewer=user, cities=tuple(c.pk for c in cities))) or {}
            rows = [[c.name, services.fmt(found.get(c.pk), indicator.decimals)] for c in cities]
            rows.append([_("Corridor total"), services.fmt(found.get(TOTAL), indicator.decimals)])
            self.stdout.write(table_text(f"{indicator.name} ({indicator.unit})", [_("City"), _("Value")], rows))
        else:
            self._report(user, o)

    def _report(self, user: Any, o: dict[str, Any]) -> None:
        from corridor.alliances.models import Alliance

        if not o["output"]:
            raise CommandError(_("--output: name the file to write"))
        target: Any
        if o["city"]:
            target, kind = services.city_of(o["city"]), reports.CITY
        else:
            target, kind = Alliance.objects.filter(slug=o["alliance"] or "").first(), reports.ALLIANCE
        if target is None:
            raise CommandError(_("Name a corridor city (--city) or an alliance (--alliance)."))
        with rich_progress() as progress:
            ctx = reports.context(user, kind, target, progress)
            data = reports.render_pdf(ctx) if o["format"] == "pdf" else reports.render_xlsx(ctx)
        Path(o["output"]).write_bytes(data)
        self.stdout.write(_("%(title)s: %(n)s bytes written to %(file)s") % {"title": ctx["title"], "n": len(data),
                                                                            "file": o["output"]})
