"""The per-row work of an import that needs no database: cleaning, region from the address, and the new
organisation's row as the database will take it (its search text comes after the load, `followup`).

It is pure (cells in, plain values out), so on large files it runs in worker processes while the importing
process matches and writes the previous batch: the importing process only reads the file, matches, numbers
and streams. Results come back in file order, so errors are reported in the same order whether or not
workers are used.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
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
# The values of a clean row the importing process reads when the row creates an organisation: to match it (codes,
# names, the resolver's record) and to link its industries. The rest travels once, inside the new row (NewRows.row):
# sending every value twice made unpickling the results most of the importing process's work.
_SLIM = ("uscc", "name_zh", "name_en", "short_name", "aliases", "address", "industries")


class PreparedRow(NamedTuple):
    """A tuple, not a dataclass: the importing process unpickles a million of them, three times faster."""

    number: int
    raw: dict[str, str]  # field → cell; for a clean row only the cells in _CITED
    values: dict[str, Any]  # as clean_row gives them, with "_region" (code or None)
    problems: list[Problem]
    new_row: Any = None  # a clean row's new organisation in the writer's form (NewRows.row), if it has one


@dataclass
class Context:
    """What preparing needs, read once per import and handed to the workers."""

    lookups: Lookups
    columns: dict[int, str]  # file column index → field
    new_rows: NewRows


class Cut(NamedTuple):
    """A batch prepared by a worker, with what putting it in file order needs (see InOrder)."""

    rows: list[PreparedRow]
    records: int  # the complete records it holds (blank lines included)
    tail: str  # the text of a record a CSV chunk ends inside, else ''


def prepare_batch(batch: Batch, context: Context, full: bool = True) -> list[PreparedRow]:
    """The batch's rows cleaned (a CSV chunk read to its end). `full` False: a clean row keeps only the values
    in _SLIM (and its new row)."""
    return _prepare(batch.records() if isinstance(batch, CsvChunk) else batch, context, full)


def prepare_cut(batch: Batch, context: Context, full: bool = True) -> Cut:
    if isinstance(batch, CsvChunk):
        records, tail = batch.split()
        return Cut(_prepare(records, context, full), len(records), tail)
    return Cut(_prepare(batch, context, full), len(batch), "")


def _prepare(records: Iterable[tuple[int, list[str]]], context: Context, full: bool) -> list[PreparedRow]:
    lookups = context.lookups
    mapped = list(context.columns.items())
    rows = []
    for number, cells in records:
        # A .csv export guards formula-like text with an apostrophe (core.spreadsheet): read it back as it was.
        count = len(cells)
        raw = {fname: strip_csv_guard(cells[i]) if cells[i][:1] == "'" else cells[i] for i, fname in mapped
               if i < count}
        if not "".join(raw.values()).strip():
            continue  # blank lines are not rows
        values, problems = clean_row(raw, lookups)
        rows.append(PreparedRow(number, raw, values, problems))
    _derive_regions(rows, lookups)
    new_rows = context.new_rows
    for i, row in enumerate(rows):
        if not row.problems:
            v = row.values
            rows[i] = row._replace(raw={k: row.raw[k] for k in _CITED if k in row.raw},
                                   values=v if full else {k: v[k] for k in _SLIM if k in v}, new_row=new_rows.row(v))
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


def _work(batch: Batch, full: bool) -> Cut:
    assert _worker_context is not None
    return prepare_cut(batch, _worker_context, full)


def _always() -> bool:
    return True


Prepared = tuple[Batch, list[PreparedRow], bool]  # the batch as read, its rows prepared, whether with all values


class InOrder:
    """Puts prepared CSV chunks right, in file order. The reader cut them at line ends: a chunk's first row
    number counted lines (one less for each earlier cell over two lines), and a chunk may end inside a record,
    the next one then having been parsed from the middle of it. Both are rare; the fix is done here, the second
    by parsing that record and the next chunk again in this process."""

    def __init__(self, cut: Callable[[Batch], Cut], to_end: Callable[[Batch], list[PreparedRow]]) -> None:
        self.cut = cut  # prepares a batch (whole rows), as prepare_cut
        self.to_end = to_end  # prepares a batch read to its end, as prepare_batch
        self.next: int | None = None  # the row number of the next record
        self.carry = ""  # the text of a record the previous chunk ended inside
        self.dialect = "excel"

    def place(self, batch: Batch, cut: Cut, whole: bool) -> Prepared:
        """The batch as it should have been cut (without the record it ends inside), its rows, whether whole."""
        if not isinstance(batch, CsvChunk):
            return batch, cut.rows, whole
        self.dialect = batch.dialect
        if self.next is None:
            self.next = batch.first
        if self.carry:
            batch = CsvChunk(self.next, self.carry + batch.text, batch.dialect)
            cut, whole = self.cut(batch), True
        elif batch.first != self.next:
            shift = self.next - batch.first
            cut = cut._replace(rows=[r._replace(number=r.number + shift) for r in cut.rows])
            batch = dataclasses.replace(batch, first=self.next)
        self.carry = cut.tail
        if cut.tail:
            batch = CsvChunk(batch.first, batch.text[: len(batch.text) - len(cut.tail)], batch.dialect)
        self.next += cut.records
        return batch, cut.rows, whole

    def end(self) -> Iterator[Prepared]:
        """A record still open at the end of the file: as the csv module reads it at the end of its input."""
        if self.carry:
            batch = CsvChunk(self.next or 2, self.carry, self.dialect)
            self.carry = ""
            yield batch, self.to_end(batch), True


def prepared_batches(batches: Iterable[Batch], context: Context, workers: int,
                     full: Callable[[], bool] = _always) -> Iterator[Prepared]:
    """Each batch prepared, in order: here, or in `workers` forked processes with a few batches in flight.

    Workers send clean rows back slim (see _SLIM) unless `full()` says otherwise when the batch is handed out;
    rows prepared here are always whole (nothing to send)."""
    in_order = InOrder(lambda b: prepare_cut(b, context), lambda b: prepare_batch(b, context))
    if workers <= 0:
        for batch in batches:
            yield in_order.place(batch, prepare_cut(batch, context), True)
        yield from in_order.end()
        return
    # fork: the workers inherit the loaded Django and pypinyin instead of importing them again. They touch
    # no database connection and leave with os._exit, so the importing process's connection is safe.
    forking = multiprocessing.get_context("fork")
    # Everything loaded so far (Django, the lookups) leaves the collector's generations: the workers' collections
    # then do not write to those objects, which would copy each page they share with this process (CPU in every
    # worker), and this process's own full collections no longer walk them for every batch of rows it unpickles.
    gc.freeze()  # until the workers are done: a long-lived process must still collect what it frees later
    try:
        with forking.Pool(workers, initializer=_init_worker, initargs=(context, translation.get_language())) as pool:
            pending: deque[tuple[Batch, Any, bool]] = deque()
            for batch in batches:
                whole = full()
                pending.append((batch, pool.apply_async(_work, (batch, whole)), whole))
                if len(pending) > IN_FLIGHT:
                    done, result, whole = pending.popleft()
                    yield in_order.place(done, result.get(), whole)
            while pending:
                done, result, whole = pending.popleft()
                yield in_order.place(done, result.get(), whole)
            yield from in_order.end()
    finally:
        gc.unfreeze()
