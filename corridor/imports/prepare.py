"""The per-row work of an import that needs no database: cleaning, region from the address, and the new
organisation's row as the database will take it (its search text comes after the load, `followup`).

It is pure (cells in, plain values out), so on large files it runs in worker processes while the importing
process matches and writes the previous batch: the importing process only reads the file, matches, numbers
and streams. Results come back in file order, so errors are reported in the same order whether or not
workers are used.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.utils import translation

from corridor.core.spreadsheet import strip_csv_guard
from corridor.imports.cleaning import Lookups, Problem, clean_row
from corridor.imports.reading import CsvChunk
from corridor.imports.writers import NewRows
from corridor.orgs.address import region_codes_from_addresses

# Rows as (row number, the file's cells), or a CSV file's records as text (parsed here, not in the importer).
Batch = list[tuple[int, list[str]]] | CsvChunk
# Files with fewer rows than this are prepared in the importing process: starting workers costs more.
WORKERS_FROM_ROWS = 20_000
IN_FLIGHT = 4  # batches handed to the workers ahead of the one being written (bounds memory)


# The cells the importing process may still cite in an error once a row has passed cleaning.
_CITED = ("uscc", "name", "name_zh", "name_en")


class PreparedRow(NamedTuple):
    """A tuple, not a dataclass: the importing process unpickles a million of them, three times faster."""

    number: int
    raw: dict[str, str]  # field → cell; for a clean row only the cells in _CITED
    values: dict[str, Any]  # as clean_row gives them, with "_region" (code or None)
    problems: list[Problem]
    copy_text: str = ""  # the new organisation as COPY text, when the context asks for it and the row is clean


@dataclass
class Context:
    """What preparing needs, read once per import and handed to the workers."""

    lookups: Lookups
    columns: dict[int, str]  # file column index → field
    new_rows: NewRows


def prepare_batch(batch: Batch, context: Context) -> list[PreparedRow]:
    lookups = context.lookups
    mapped = list(context.columns.items())
    rows = []
    for number, cells in batch.records() if isinstance(batch, CsvChunk) else batch:
        # A .csv export guards formula-like text with an apostrophe (core.spreadsheet): read it back as it was.
        raw = {fname: strip_csv_guard(cells[i]) for i, fname in mapped if i < len(cells)}
        if not any(v.strip() for v in raw.values() if v):
            continue  # blank lines are not rows
        values, problems = clean_row(raw, lookups)
        rows.append(PreparedRow(number, raw, values, problems))
    _derive_regions(rows, lookups)
    want_text = context.new_rows.copy_text
    for i, row in enumerate(rows):
        v = row.values
        if not row.problems:
            rows[i] = row._replace(raw={k: row.raw[k] for k in _CITED if k in row.raw},
                                   copy_text=context.new_rows.text(v) if want_text else "")
    return rows


def _derive_regions(rows: list[PreparedRow], lookups: Lookups) -> None:
    asking = [r for r in rows if not r.problems and r.values.get("region_code") is None and r.values.get("address")]
    derived_codes = dict(zip((id(r) for r in asking), region_codes_from_addresses([r.values["address"] for r in asking]),
                             strict=True))
    for row in rows:
        v = row.values
        code = v.pop("region_code", None)
        city = v.pop("city_code", None)
        derived = derived_codes.get(id(row))
        # The address is more precise than a city column, unless it points elsewhere.
        if code is None and derived and derived in lookups.regions and (city is None or within(derived, city)):
            code = derived
        v["_region"] = code or city


def within(code: str, container: str) -> bool:
    """Is region `code` inside `container` (same code, or the container's code is a prefix of it)?"""
    if code == container:
        return True
    trimmed = container.rstrip("0")
    return code.startswith(trimmed[: 4 if len(trimmed) > 2 else 2])


def worker_count(expected_rows: int) -> int:
    """Worker processes for a file this size: CORRIDOR_IMPORT_WORKERS (0 = none), else one per core."""
    from corridor.env import env_int

    configured = env_int("CORRIDOR_IMPORT_WORKERS", -1)
    if configured >= 0:
        return configured
    return (os.cpu_count() or 1) if expected_rows >= WORKERS_FROM_ROWS else 0


_worker_context: Context | None = None


def _init_worker(context: Context, language: str | None) -> None:
    global _worker_context
    _worker_context = context
    if language:
        translation.activate(language)  # the messages of bad rows, in the importing user's language


def _work(batch: Batch) -> list[PreparedRow]:
    assert _worker_context is not None
    return prepare_batch(batch, _worker_context)


def prepared_batches(batches: Iterable[Batch], context: Context, workers: int) -> Iterator[list[PreparedRow]]:
    """Each batch prepared, in order: here, or in `workers` forked processes with a few batches in flight."""
    if workers <= 0:
        for batch in batches:
            yield prepare_batch(batch, context)
        return
    # fork: the workers inherit the loaded Django and pypinyin instead of importing them again. They touch
    # no database connection and leave with os._exit, so the importing process's connection is safe.
    forking = multiprocessing.get_context("fork")
    with forking.Pool(workers, initializer=_init_worker, initargs=(context, translation.get_language())) as pool:
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) > IN_FLIGHT:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
