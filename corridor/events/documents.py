"""What a participant takes away: the QR code of a registration (SVG, made on the server) and calendar
files (.ics, RFC 5545) for an event or a personal meeting agenda. Plain functions, no database writes."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass

import segno


def qr_svg(text: str, scale: int = 6) -> str:
    """An inline SVG of a QR code (no XML declaration, so it can sit in a page)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=scale, xmldecl=False, svgns=True, border=2,
                                      title=text)
    return out.getvalue().decode("utf-8")


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def ics(items: Iterable[CalendarItem], *, name: str = "", now: datetime.datetime | None = None) -> str:
    stamp = _utc(now or datetime.datetime.now(datetime.UTC))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Corridor//Events//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(name)}")
    for item in items:
        lines += ["BEGIN:VEVENT", f"UID:{item.uid}", f"DTSTAMP:{stamp}", f"DTSTART:{_utc(item.starts_at)}",
                  f"DTEND:{_utc(item.ends_at)}", f"SUMMARY:{_escape(item.summary)}"]
        if item.location:
            lines.append(f"LOCATION:{_escape(item.location)}")
        if item.description:
            lines.append(f"DESCRIPTION:{_escape(item.description)}")
        if item.url:
            lines.append(f"URL:{item.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
