"""A rich progress display for the loaders' `progress(stage, done, total)` callbacks (command line only)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table


@contextmanager
def rich_progress() -> Iterator[Callable[[str, int, int], None]]:
    """One bar per stage, on stderr so that the command's own output stays clean for scripts."""
    console = Console(file=sys.stderr)
    columns = (TextColumn("{task.description:<36}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            total = max(total, 1)
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=min(done, total), total=total)

        yield update


def table_text(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A table as plain text, with Chinese characters counted double-width so columns line up."""
    table = Table(title=title, title_justify="left")
    for header in headers:
        table.add_column(header)
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    console = Console(file=io.StringIO(), width=120, record=True, color_system=None)
    console.print(table)
    return console.export_text()


class TranslatedHelpCommand(BaseCommand):
    """`help` is a gettext_noop string: `--help` shows it in the user's language."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = gettext(self.help)
        return parser


def add_size_argument(parser: CommandParser, default: int) -> None:
    parser.add_argument(
        "--size", type=int, default=default,
        help=gettext("how many synthetic organisations to add (default %(default)s)"),
    )
