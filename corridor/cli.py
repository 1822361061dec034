"""The `corridor` console command: every batch job, as a Django management command.

`corridor load-demo` and `corridor load_demo` are the same command; `corridor help` lists them all.
"""

from __future__ import annotations

import os
import sys

OURS = {
    "demo": "migrate, load the demo corridor (idempotent) and serve",
    "serve": "serve what is in the database (waitress; HOST/PORT from the environment)",
    "load-demo": "load the demo corridor into the database (idempotent)",
    "createuser": "create a user with a role (member, secretariat, city officer, admin)",
    "generate": "write a synthetic population of N organisations (benchmarks)",
    "migrate": "create or update the database tables",
    "match": "rank offers for needs from JSONL files (no database); `match reindex` rebuilds the listing index",
    "equipment": "equipment import FILE: load an instrument catalogue (.xlsx/.csv, all or nothing)",
    "import": "import organisations from .xlsx/.csv: import organisations FILE [--map COL=FIELD] [--report E.xlsx]",
    "dedupe": "cluster organisation records in a CSV file (no database): dedupe IN.csv --output OUT.jsonl",
    "policies": "policies eligibility --orgs O.jsonl --items I.json --output OUT.jsonl (no database)",
    "chains": "industry chains: load, infer, recount, matrix --chain SLUG, gaps --region CODE --chain SLUG; "
              "tag --input ORGS.jsonl --output OUT.jsonl (no database)",
    "notifications": "notifications digest: e-mail the daily digest to users who chose it (once a day, cron)",
}


def _usage() -> str:
    lines = ["usage: corridor COMMAND [options]   (corridor COMMAND --help for its options)", "", "commands:"]
    lines += [f"  {name:<12} {text}" for name, text in OURS.items()]
    lines += ["", "every Django management command works too (corridor help lists them)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(_usage())
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
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    command = args[0].replace("-", "_")
    if command == "demo":
        os.environ.setdefault("CORRIDOR_DEMO", "1")  # the demo needs no secret key of its own
    try:
        execute_from_command_line(["corridor", command, *args[1:]])
    except ImproperlyConfigured as exc:
        # A settings mistake is the operator's to fix: say which, without a traceback.
        sys.exit(f"corridor: {exc} (see README, Settings)")


if __name__ == "__main__":
    main()
