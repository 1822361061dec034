from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.demo import services
from corridor.demo.progress import TranslatedHelpCommand, add_size_argument, rich_progress, table_text

HELP = gettext_noop(
    "Run the demo: create or update the database tables, load the demo corridor (idempotent), print the "
    "address and the demo accounts, and serve until Ctrl-C."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        add_size_argument(parser, services.DEFAULT_SIZE)
        parser.add_argument("--host", default=settings.HOST, help=_("address to bind (env HOST)"))
        parser.add_argument("--port", type=int, default=settings.PORT, help=_("port (env PORT)"))
        parser.add_argument("--no-serve", action="store_true", help=_("load and print the accounts, but do not serve"))

    def handle(self, *args: Any, size: int, host: str, port: int, no_serve: bool, **options: Any) -> None:
        self.stdout.write(_("Creating or updating the database tables…"))
        call_command("migrate", interactive=False, verbosity=0)
        with rich_progress() as progress:
            counts = services.load_demo(progress, size=size)
        # The demo's notifications start e-mail jobs on commit (threads): a command must not exit under them.
        from corridor.jobs import services as jobs

        jobs.wait_all(timeout=600)
        self.stdout.write(
            _("Demo corridor ready: %(orgs)s organisations (%(synthetic)s synthetic), %(alliances)s alliances.")
            % {"orgs": counts["organisations"], "synthetic": counts["synthetic_organisations"],
               "alliances": counts["alliances"]}
        )
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        self.stdout.write(self.style.SUCCESS(_("Open http://%(host)s:%(port)s/") % {"host": shown, "port": port}))
        self.stdout.write(table_text(
            _("Demo accounts (password: %(password)s)") % {"password": services.DEMO_PASSWORD},
            [_("username"), _("role"), _("acting for"), _("password")],
            [(*row, services.DEMO_PASSWORD) for row in services.demo_accounts()],
        ))
        for username, hint in services.demo_hints().items():
            self.stdout.write(_("  %(username)s — try: %(hint)s") % {"username": username, "hint": hint})
        if not no_serve:
            call_command("serve", host=host, port=port)
