"""Reading the JSONL files of the batch commands (`match`, `rnd overlaps`, `chains tag`, `policies
eligibility`): plain Python, no Django, so those commands start without settings or a database.

Every fault names the file and line (`path:N`, as compilers do) and nothing partial is ever returned:
a command reads its whole input before it writes anything.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class BadInput(ValueError):
    """The input cannot be used; the message names the file, the line and, where it can, the field."""


def json_objects(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(`path:N`, object) for every non-blank line; BadInput for a missing file, bad JSON or a non-object.

    A byte-order mark (spreadsheet exports write one) is not an error."""
    if not path.exists():
        raise BadInput(f"{path}: no such file")
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadInput(f"{where}: not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise BadInput(f"{where}: expected a JSON object")
            yield where, row
