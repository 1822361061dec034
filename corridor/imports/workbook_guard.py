"""Refuse a zip bomb before any spreadsheet library parses it.

An .xlsx is a zip: 1 MB on disk can hold a 1 GB cell, and openpyxl loads every shared string into
memory (a probe took a process from 0.5 to 4.3 GB with one such cell). So, before parsing:
1. from the zip's directory alone (no decompression): the declared uncompressed size of all parts
   must stay under `max_uncompressed` bytes. Python's zipfile never returns more than a part
   declares, so this bounds everything read afterwards, whatever the file claims;
2. streaming the sheets and the shared strings in 1 MB pieces (constant memory): no run of text
   between two tags may exceed what a cell can hold (Excel's own limit is 32,767 characters).

Plain module, no Django required (the limits are arguments); messages are translated when Django is set up.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO

from django.utils.translation import gettext_noop

from corridor.core.texts import Text

EXCEL_MAX_CELL_CHARS = 32767
# UTF-8 takes up to 4 bytes a character and an XML entity (&amp;) 5 for one: bytes per character, at most.
_BYTES_PER_CHAR = 6
_PIECE = 1 << 20


class WorkbookRefused(ValueError):
    """The workbook is refused as a whole, before parsing; the message is a Text, to be said in each reader's language."""


def check_zip_directory(path: str | Path | IO[bytes], max_uncompressed: int) -> None:
    """Cheap: reads only the zip's central directory. Also fit for the web request that receives the upload."""
    name = Path(str(getattr(path, "name", None) or path)).name
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookRefused(Text(gettext_noop("%(file)s is not an Excel workbook (.xlsx): it cannot be opened as one."),
                                   file=name)) from None
    if total > max_uncompressed:
        raise WorkbookRefused(Text(
            gettext_noop("%(file)s unpacks to %(size)s MB, more than the %(limit)s MB allowed. Split it into smaller files."),
            file=name, size=total // (1 << 20), limit=max_uncompressed // (1 << 20),
        ))


def check_workbook(path: str | Path, max_uncompressed: int, max_cell_chars: int = EXCEL_MAX_CELL_CHARS) -> None:
    """Both checks; streaming, constant memory. Raises WorkbookRefused with a message for the user."""
    check_zip_directory(path, max_uncompressed)
    limit = max_cell_chars * _BYTES_PER_CHAR
    name = Path(path).name
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            part = info.filename
            if not (part == "xl/sharedStrings.xml" or part.startswith("xl/worksheets/")) or not part.endswith(".xml"):
                continue
            if _longest_text_run(archive, info) > limit:
                raise WorkbookRefused(Text(
                    gettext_noop("%(file)s has a cell longer than %(limit)s characters, which no spreadsheet cell can "
                                 "hold; the file is refused."), file=name, limit=max_cell_chars,
                ))


def _longest_text_run(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The longest stretch of bytes without a '<' (a cell's text is such a stretch, plus a short tag)."""
    longest = 0
    carry = 0  # length of the stretch still open at the end of the previous piece
    try:
        with archive.open(info) as stream:
            while piece := stream.read(_PIECE):
                first = piece.find(b"<")
                if first < 0:
                    carry += len(piece)
                    longest = max(longest, carry)
                    continue
                longest = max(longest, carry + first)
                last = piece.rfind(b"<")
                if last > first:
                    longest = max(longest, max(map(len, piece[first + 1:last].split(b"<"))))
                carry = len(piece) - last - 1
                longest = max(longest, carry)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise WorkbookRefused(Text(gettext_noop("%(file)s is damaged: %(reason)s"), file=info.filename, reason=str(exc))) from None
    return longest
