from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from corridor.accounts import services
from corridor.alliances.models import Alliance
from corridor.orgs.models import Organisation
from corridor.regions.models import Region


class Command(BaseCommand):
    help = "Create a user with a role. Examples:\n" \
        "  corridor createuser alice --role member --org 91330100MA2XXXXXXX\n" \
        "  corridor createuser bob --role secretariat --alliance g60-robot\n" \
        "  corridor createuser carol --role city_officer --region 330400\n" \
        "  corridor createuser root --role admin --token"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=["member", "secretariat", "city_officer", "admin"])
        parser.add_argument("--org", help="member: organisation id or credit code")
        parser.add_argument("--alliance", help="secretariat: alliance slug")
        parser.add_argument("--region", help="city officer: GB/T 2260 region code")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="default: asked on the terminal, or env CORRIDOR_PASSWORD")
        parser.add_argument("--token", action="store_true", help="also create an API token and print it once")

    def handle(self, *args: Any, **o: Any) -> None:
        import os

        password = o["password"] or os.environ.get("CORRIDOR_PASSWORD")
        if not password:
            if not sys.stdin.isatty():
                raise CommandError("no password: give --password or set CORRIDOR_PASSWORD")
            password = getpass.getpass("Password: ")
        try:
            with transaction.atomic():
                user = services.create_user(o["username"], password, email=o["email"], is_admin=o["role"] == "admin")
                if o["role"] == "member":
                    key = o["org"] or ""
                    org = Organisation.objects.filter(uscc=key).first() or (
                        Organisation.objects.filter(pk=int(key)).first() if key.isdigit() else None
                    )
                    if org is None:
                        raise CommandError(f"--org: no organisation with id or credit code {key!r}")
                    services.grant_role(user, "member", organisation=org)
                elif o["role"] == "secretariat":
                    alliance = Alliance.objects.filter(slug=o["alliance"] or "").first()
                    if alliance is None:
                        raise CommandError(f"--alliance: no alliance with slug {o['alliance']!r}")
                    services.grant_role(user, "secretariat", alliance=alliance)
                elif o["role"] == "city_officer":
                    region = Region.objects.filter(code=o["region"] or "").first()
                    if region is None:
                        raise CommandError(f"--region: no region with code {o['region']!r}")
                    services.grant_role(user, "city_officer", region=region)
                token = services.create_api_token(user, "cli")[1] if o["token"] else None
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
        self.stdout.write(self.style.SUCCESS(f"created {user.username} ({o['role']})"))
        if token:
            self.stdout.write(f"API token (shown once): {token}")
