"""Reading member lists as people send them: .xlsx or .csv, UTF-8 (with or without BOM), GBK/GB18030.

Plain module, no Django. `open_table(path)` gives the header and an iterator of (row number, cells),
row numbers as a spreadsheet shows them (the header is row 1).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# `_` translates when Django is set up (the user's language), and is the identity in plain scripts.
from django.utils.translation import gettext_noop

from corridor.core.texts import Text
from corridor.imports.workbook_guard import EXCEL_MAX_CELL_CHARS, WorkbookRefused, check_workbook

SAMPLE = 1 << 20  # bytes read to decide the encoding
DEFAULT_MAX_UNCOMPRESSED = 1 << 30  # bytes an .xlsx may unpack to (IMPORT_MAX_UNCOMPRESSED_MB in Django settings)


def xlsx_limits() -> tuple[int, int]:
    """(uncompressed bytes, cell characters) an .xlsx may reach: Django settings when set up, else defaults."""
    try:
        from django.conf import settings

        if settings.configured:
            return (getattr(settings, "IMPORT_MAX_UNCOMPRESSED_MB", 1024) << 20,
                    getattr(settings, "IMPORT_MAX_CELL_CHARS", EXCEL_MAX_CELL_CHARS))
    except ImportError:  # pragma: no cover
        pass
    return DEFAULT_MAX_UNCOMPRESSED, EXCEL_MAX_CELL_CHARS


class TableError(ValueError):
    """The file cannot be read as a table (not the fault of one row)."""


# A line no file's record can end with: appended to a chunk, it comes back as a record of its own only if the
# chunk ended between records (not inside a quoted cell that goes on in the next chunk).
_SENTINEL = "\ue000\ue001\ue002"


@dataclass
class CsvChunk:
    """Consecutive lines of a CSV file as the file has them: bytes (or text) are cheap to hand to another process,
    where `split()` decodes and parses them (thousands of cell lists are not).

    The reader cuts chunks at line ends without decoding or parsing (a fraction of the cost): a quoted cell may span
    lines, so a chunk may end inside a record, and `first` is only the row number its first record has when every
    earlier record was one line. `prepare.prepared_batches` puts both right, in file order."""

    first: int  # the row number of the first record
    data: str | bytes  # the lines, as text or as the file's bytes (then in `encoding`)
    dialect: str
    encoding: str = ""
    file: str = ""  # the file's name, for a decoding error

    @property
    def text(self) -> str:
        if isinstance(self.data, str):
            return self.data
        try:
            return self.data.decode(self.encoding)
        except UnicodeDecodeError as exc:
            raise TableError(Text(gettext_noop("%(file)s: row %(row)s is not valid %(encoding)s text."), file=self.file,
                                  row=self.first + self.data.count(b"\n", 0, exc.start), encoding=self.encoding)) from None

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """All the records of the text, to its end (for a chunk known to end between records, or the file's end)."""
        return enumerate(csv.reader(io.StringIO(self.text, newline=""), self.dialect), start=self.first)

    def split(self) -> tuple[list[tuple[int, list[str]]], str]:
        """The chunk's complete records, numbered from `first`, and the text of a last record it ends inside
        ('' when it ends between records, or at the file's end)."""
        text = self.text
        if not text.endswith(("\n", "\r")):
            return list(self.records()), ""  # the file's last line: whatever the file ends with is its last record
        reader = csv.reader(io.StringIO(text + _SENTINEL + "\n", newline=""), self.dialect)
        records: list[list[str]] = []
        start = end = 0  # the lines of the latest record
        for cells in reader:
            records.append(cells)
            start, end = end, reader.line_num
        last = records.pop()
        if last == [_SENTINEL]:
            return list(enumerate(records, start=self.first)), ""
        return list(enumerate(records, start=self.first)), "".join(
            io.StringIO(text, newline="").readlines()[start:])


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    encoding: str  # "xlsx" for workbooks
    # CSV only: the records in chunks of n instead of `rows` (use one or the other).
    chunks: Callable[[int], Iterator[CsvChunk]] | None = None


def detect_encoding(sample: bytes) -> str:
    """utf-8-sig, utf-8 or gb18030 (a superset of GBK and GB2312): decided on the first megabyte."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)  # a character cut at the end of the sample is not an error
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(sample, final=False)
        return "gb18030"
    except UnicodeDecodeError:
        raise TableError(Text(gettext_noop("The file is neither UTF-8 nor GBK/GB18030 text."))) from None


def _text_chunks(handle: Any, size: int, dialect: str, file: str, encoding: str) -> Iterator[CsvChunk]:
    """Chunks of `size` lines as text (a file whose lines may end in a bare carriage return)."""
    lines: list[str] = []
    first = line = 2
    try:
        for text in handle:
            lines.append(text)
            line += 1
            if len(lines) >= size:
                yield CsvChunk(first, "".join(lines), dialect)
                lines.clear()
                first = line
        if lines:
            yield CsvChunk(first, "".join(lines), dialect)
    except UnicodeDecodeError:
        raise TableError(Text(gettext_noop("%(file)s: row %(row)s is not valid %(encoding)s text."),
                              file=file, row=line, encoding=encoding)) from None
    finally:
        handle.close()


def open_table(path: str | Path) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _open_xlsx(path)
    if suffix in (".csv", ".txt", ""):
        return _open_csv(path)
    raise TableError(Text(gettext_noop("%(file)s: only .xlsx and .csv files can be imported."), file=path.name))


def _open_csv(path: Path) -> Table:
    with path.open("rb") as raw:
        sample = raw.read(SAMPLE)
    encoding = detect_encoding(sample)
    csv.field_size_limit(1 << 24)
    handle = path.open(encoding=encoding, newline="")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.excel
        text_sample = sample.decode(encoding if encoding != "utf-8-sig" else "utf-8", errors="ignore")
        if "\t" in text_sample.split("\n", 1)[0] and "," not in text_sample.split("\n", 1)[0]:
            dialect = csv.excel_tab
        reader = csv.reader(handle, dialect)
        header = next(reader, None)
    except UnicodeDecodeError:
        handle.close()
        raise TableError(Text(gettext_noop("%(file)s is not valid %(encoding)s text."), file=path.name, encoding=encoding)) from None
    if header is None:
        handle.close()
        raise TableError(Text(gettext_noop("%(file)s is empty."), file=path.name))
    header = [h.lstrip("\ufeff") for h in header]

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = 1
        try:
            for cells in reader:
                line += 1
                yield line, cells
        except UnicodeDecodeError:
            raise TableError(Text(gettext_noop("%(file)s: row %(row)s is not valid %(encoding)s text."),
                                 file=path.name, row=line + 1, encoding=encoding)) from None
        finally:
            handle.close()

    def chunks(size: int) -> Iterator[CsvChunk]:
        # Cut at line ends, not decoded nor parsed: a quoted cell over several lines is put together again in file
        # order (CsvChunk, prepare.prepared_batches). Lines are counted, the same as rows while records are lines.
        name = "excel-tab" if dialect is csv.excel_tab else "excel"
        if "\r" in text_sample.replace("\r\n", ""):
            yield from _text_chunks(handle, size, name, path.name, encoding)
            return
        # In bytes: a line feed is never part of a UTF-8 or GB18030 character, so the file's bytes are cut at one
        # without decoding them here (decoding is a tenth of the importing process's work); the workers decode.
        header_lines = reader.line_num
        handle.close()
        line_bytes = max(len(sample) // max(sample.count(b"\n"), 1), 1)
        first = 2
        rest = b""
        with path.open("rb") as raw:
            if encoding == "utf-8-sig":
                raw.read(len(codecs.BOM_UTF8))
            for _skip in range(header_lines):
                raw.readline()
            while block := raw.read(size * line_bytes):
                block = rest + block
                cut = block.rfind(b"\n") + 1
                if cut == 0:
                    rest = block
                    continue
                data, rest = block[:cut], block[cut:]
                yield CsvChunk(first, data, name, "utf-8" if encoding == "utf-8-sig" else encoding, path.name)
                first += data.count(b"\n")
            if rest:
                yield CsvChunk(first, rest, name, "utf-8" if encoding == "utf-8-sig" else encoding, path.name)

    return Table(header, rows(), encoding, chunks)


def _open_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    limits = xlsx_limits()
    try:
        check_workbook(path, *limits)
    except WorkbookRefused as exc:
        raise TableError(exc.args[0]) from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError):
        raise TableError(Text(gettext_noop("%(file)s is not a readable Excel workbook."), file=path.name)) from None
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    first = next(values, None)
    if first is None:
        book.close()
        raise TableError(Text(gettext_noop("%(file)s: the first sheet is empty."), file=path.name))
    header = [_cell(v) for v in first]

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for number, cells in enumerate(values, start=2):
                yield number, [_cell(v) for v in cells]
        finally:
            book.close()

    return Table(header, rows(), "xlsx")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 2018 as 2018.0
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return str(value)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """A CSV document (for tests and error reports)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
