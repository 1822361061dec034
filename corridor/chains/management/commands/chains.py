from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.chains import reports, services
from corridor.chains.models import Chain
from corridor.core.access import Actor
from corridor.demo.progress import TranslatedHelpCommand, rich_progress, table_text
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

HELP = gettext_noop(
    "Industry chains. Subcommands:\n"
    "  load     load the shipped chain templates (idempotent; a newer file makes a new version)\n"
    "  infer    infer segment tags of every organisation from its text, then recount\n"
    "  recount  recompute the per-city segment counts from the tags\n"
    "  matrix   organisations per city and segment: corridor chains matrix --chain industrial-robots\n"
    "  gaps     a city's gaps and where to find them: corridor chains gaps --region 330400 --chain industrial-robots\n"
    "  tag      tag organisations in a file, no database: corridor chains tag --input ORGS.jsonl --output OUT.jsonl\n"
    "Counts are what a visitor sees (listed organisations) unless --as-user names a user."
)


class Command(TranslatedHelpCommand):
    help = HELP

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        import argparse

        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load", "infer", "recount", "matrix", "gaps"])
        parser.add_argument("--chain", metavar="SLUG", help=_("chain slug (matrix, gaps)"))
        parser.add_argument("--region", metavar="CODE", help=_("region code: the city (gaps) or a city to list by district (matrix)"))
        parser.add_argument("--format", choices=["table", "json"], default="table", help=_("output format (default table)"))
        parser.add_argument("--as-user", metavar="USERNAME", help=_("count what this user may see"))

    def handle(self, *args: Any, action: str, chain: str | None, region: str | None, format: str,
               as_user: str | None, **options: Any) -> None:
        if action == "load":
            outcome = services.load_templates()
            self.stdout.write(table_text(_("Chain templates"), [_("chain"), _("result")], sorted(outcome.items())))
            return
        if action in ("infer", "recount"):
            with rich_progress() as progress:
                if action == "infer":
                    orgs = Organisation.objects.only("pk", "name_zh", "name_en", "description_zh", "description_en")
                    services.infer_tags(orgs.order_by("pk").iterator(chunk_size=2000), progress=progress,
                                        total=orgs.count(), incremental=False)
                rows = services.rebuild_counts()
            self.stdout.write(_("%(n)s count rows.") % {"n": rows})
            return
        user = None
        if as_user:
            user = get_user_model().objects.filter(username=as_user).first()
            if user is None:
                raise CommandError(_("--as-user: no user %(name)s") % {"name": as_user})
        chain_obj = Chain.objects.filter(slug=chain or "").first()
        if chain_obj is None:
            known = ", ".join(Chain.objects.values_list("slug", flat=True)) or _("none loaded")
            raise CommandError(_("--chain: unknown chain %(slug)s (known: %(known)s)") % {"slug": chain, "known": known})
        place = None
        if region:
            place = Region.objects.filter(code=region.strip()).first()
            if place is None:
                raise CommandError(_("--region: unknown region code %(code)s") % {"code": region})
        if action == "matrix":
            self._matrix(user, chain_obj, place, format)
        else:
            if place is None:
                raise CommandError(_("--region: say which city, e.g. --region 330400"))
            self._gaps(user, chain_obj, place, format)

    def _matrix(self, user: Actor, chain: Chain, place: Region | None, fmt: str) -> None:
        cmap = reports.chain_map(user, chain, place)
        if fmt == "json":
            self.stdout.write(json.dumps(reports.matrix_rows(cmap), ensure_ascii=False, indent=1))
            return
        headers = [_("segment"), *(r.name for r in cmap.regions), _("total")]
        rows = []
        for s in cmap.segments:
            cells = []
            for r in cmap.regions:
                n = cmap.matrix.cell(r.code, s.key).orgs
                cells.append(f"{n}*" if cmap.levels[(r.code, s.key)] == "strong" else n)
            rows.append([("  " if s.parent_id else "") + s.name, *cells, cmap.matrix.segment_total(s.key)])
        title = _("%(chain)s: organisations per region and segment (* strong link)") % {"chain": chain.name}
        self.stdout.write(table_text(title, headers, rows))

    def _gaps(self, user: Actor, chain: Chain, place: Region, fmt: str) -> None:
        cmap = reports.chain_map(user, chain)
        if place.code not in cmap.matrix.regions:
            raise CommandError(_("--region: %(code)s is not a member city of the corridor") % {"code": place.code})
        rows = reports.gap_rows(cmap, reports.gaps_for(user, chain, place, cmap))
        if fmt == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        table = [
            [g["segment_name"], g["level"], f"{g['score']:.2f}", "、".join(f["segment_name"] for f in g["feeds"]),
             "、".join(f"{s['region_name']}({s['orgs']})" for s in g["suppliers"]),
             "、".join(leader["name"] for s in g["suppliers"] for leader in s["leaders"][:1])]
            for g in rows
        ]
        title = _("%(chain)s: gaps of %(city)s") % {"chain": chain.name, "city": place.name}
        headers = [_("segment"), _("here"), _("weight"), _("supplies"), _("where to find it"), _("leading organisations")]
        self.stdout.write(table_text(title, headers, table))
        if not rows:
            self.stdout.write(_("No gap: every supplier of this city's strong links is present here."))
