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
    "chains": "industry chains: load, infer, recount, matrix --chain SLUG, gaps --region CODE --chain SLUG",
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
