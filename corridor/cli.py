"""The `corridor` console command: every batch job, as a Django management command.

`corridor load-demo` and `corridor load_demo` are the same command; `corridor help` lists them all.
The language follows `--lang`, then LANGUAGE, LC_ALL, LC_MESSAGES and LANG (as gettext does); Chinese otherwise.
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Mapping
from pathlib import Path


def gettext_noop(message: str) -> str:
    """Marks a string for makemessages; Django's own needs settings, which `--help` must not."""
    return message

OURS = {
    "demo": gettext_noop("migrate, load the demo corridor (idempotent) and serve"),
    "serve": gettext_noop("serve what is in the database (waitress; HOST/PORT from the environment)"),
    "load-demo": gettext_noop("load the demo corridor into the database (idempotent)"),
    "createuser": gettext_noop("create a user with a role (member, secretariat, city officer, admin)"),
    "generate": gettext_noop("write a synthetic population of N organisations (benchmarks)"),
    "migrate": gettext_noop("create or update the database tables"),
    "match": gettext_noop(
        "rank offers for needs from JSONL files (no database); `match reindex` rebuilds the listing index"
    ),
    "equipment": gettext_noop("equipment import FILE: load an instrument catalogue (.xlsx/.csv, all or nothing)"),
    "import": gettext_noop(
        "import organisations from .xlsx/.csv: import organisations FILE [--map COL=FIELD] [--report E.xlsx]"
    ),
    "dedupe": gettext_noop("cluster organisation records in a CSV file (no database): dedupe IN.csv --output OUT.jsonl"),
    "policies": gettext_noop("policies eligibility --orgs O.jsonl --items I.json --output OUT.jsonl (no database)"),
    "chains": gettext_noop(
        "industry chains: load, infer, recount, matrix --chain SLUG, gaps --region CODE --chain SLUG; "
        "tag --input ORGS.jsonl --output OUT.jsonl (no database)"
    ),
    "events": gettext_noop(
        "events schedule --input EVENT.json --output SCHEDULE.json: 1:1 meetings into slots and tables (no database)"
    ),
    "rnd": gettext_noop("R&D overlaps from a JSONL file (no database): rnd overlaps --projects P.jsonl --output OUT.jsonl"),
    "notifications": gettext_noop("notifications digest: e-mail the daily digest to users who chose it (once a day, cron)"),
    "backup": gettext_noop("backup PATH: the database (consistent while serving), uploads and index into a new directory"),
    "restore": gettext_noop("restore PATH [--replace]: load a backup into the configured store, then verify every table"),
}
# Commands that read or write tables: on a fresh database they create them first.
NEEDS_TABLES = {"load_demo", "createuser", "import", "equipment", "chains", "serve"}
LANGUAGES = ("zh-hans", "en")
DEFAULT_LANGUAGE = "zh-hans"


def language_from(args: list[str], environ: Mapping[str, str]) -> tuple[str, list[str]]:
    """The language to speak and the arguments without `--lang X` / `--lang=X`."""
    rest: list[str] = []
    chosen = ""
    position = 0
    while position < len(args):
        arg = args[position]
        if arg == "--lang" and position + 1 < len(args):
            chosen, position = args[position + 1], position + 2
            continue
        if arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        position += 1
    if not chosen:
        # gettext's precedence: the first of these that is set decides (an empty one is not set).
        chosen = next((environ[k] for k in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG") if environ.get(k)), "")
        chosen = chosen.split(":")[0]  # LANGUAGE may list several, best first
    return _django_language(chosen), rest


def _django_language(locale: str) -> str:
    name = locale.split(".")[0].split("@")[0].replace("_", "-").lower()
    if name.startswith("zh"):
        return "zh-hans"
    if name.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE  # C, POSIX, or a language we do not speak: the platform's own default


def _catalogue(language: str) -> gettext.NullTranslations:
    """The shared catalogue read without Django: `--help` must work before settings exist."""
    folder = "zh_Hans" if language == "zh-hans" else language
    return gettext.translation("django", Path(__file__).parent / "locale", languages=[folder], fallback=True)


def _usage(language: str) -> str:
    _ = _catalogue(language).gettext
    lines = [_("usage: corridor COMMAND [options]   (corridor COMMAND --help for its options)"), "", _("commands:")]
    lines += [f"  {name:<12} {_(text)}" for name, text in OURS.items()]
    lines += ["", _("every Django management command works too (corridor help lists them); --lang zh-hans|en")]
    return "\n".join(lines)


def _needs_tables(command: str, args: list[str]) -> bool:
    if "-h" in args or "--help" in args:
        return False
    if command == "generate":
        return "--into-db" in args
    if command == "match":
        return args[:1] == ["reindex"]
    return command in NEEDS_TABLES


def ensure_tables() -> None:
    """A fresh database gets its tables (what `corridor migrate` does); a stale one is named in one line."""
    from django.core.management import call_command
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor
    from django.utils.translation import gettext as _

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        sys.exit(_("corridor: cannot reach the database (%(error)s); check DATABASE_URL.") % {"error": exc})
    if not pending:
        return
    if executor.loader.applied_migrations:
        sys.exit(_("corridor: the database tables are out of date; run `corridor migrate` first."))
    print(_("A new database: creating the tables first (corridor migrate)…"), file=sys.stderr)
    call_command("migrate", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> None:
    language, args = language_from(list(sys.argv[1:] if argv is None else argv), os.environ)
    if not args or args[0] in ("-h", "--help"):
        print(_usage(language))
        return
    if args[0] == "match" and args[1:2] != ["reindex"]:
        # Batch matching from files needs no settings and must never open a database.
        from corridor.matching.batch import main as match_files

        sys.exit(match_files(args[1:]))
    if args[0] == "dedupe":
        # Entity resolution on files needs no settings and no database: run it before Django starts.
        from corridor.resolution.cli import main as dedupe

        sys.exit(dedupe(args[1:]))
    if args[:2] == ["policies", "eligibility"]:
        # Eligibility on files is a plain module: no settings, no database.
        from corridor.policies.eligibility.cli import main as eligibility

        sys.exit(eligibility(args[2:]))
    if args[:2] == ["chains", "tag"]:
        # Chain tagging on files uses the shipped templates: no settings, no database.
        from corridor.chains.tagging import main as tag_files

        sys.exit(tag_files(args[2:]))
    if args[0] == "events" and args[1:2] == ["schedule"]:
        # The meeting scheduler on files needs no settings and no database: run it before Django starts.
        from corridor.events.scheduling.cli import main as schedule_meetings

        sys.exit(schedule_meetings(args[2:]))
    if args[0] == "rnd":
        # R&D overlaps on files: no settings, no database, like `match` and `dedupe`.
        from corridor.rnd.batch import main as rnd_files

        sys.exit(rnd_files(args[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.utils import translation

    command = args[0].replace("-", "_")
    if command == "demo":
        os.environ.setdefault("CORRIDOR_DEMO", "1")  # the demo needs no secret key of its own
    try:
        django.setup()
        translation.activate(language)
        if _needs_tables(command, args[1:]):
            ensure_tables()
        execute_from_command_line(["corridor", command, *args[1:]])
        # Notifications start their e-mail jobs on commit, in threads: a command (a cron reminder, an import)
        # must not exit under them, or the e-mails are lost and the interpreter may abort at shutdown.
        from corridor.jobs import services as jobs

        jobs.wait_all(timeout=600)
    except ImproperlyConfigured as exc:
        # A settings mistake is the operator's to fix: say which, without a traceback.
        sys.exit(f"corridor: {exc} (see README, Settings)")


if __name__ == "__main__":
    main()
