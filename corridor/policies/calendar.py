"""An organisation's application deadlines as an iCalendar feed (RFC 5545), for a member's calendar app.

Calendar apps fetch a feed without the member's session, so the feed's address carries a key: the member's
and the organisation's ids, signed with the site's secret (`django.core.signing`). The key is checked on
every fetch and the member must still be a member of the organisation: leaving it ends the feed.
Events: items in force whose answer for the organisation is eligible or unknown, with a closing date.
`months` lays the same windows out month by month for the calendar page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.utils import timezone

SALT = "corridor.policies.deadlines"


def feed_key(user_id: int, org_id: int) -> str:
    return signing.dumps({"u": user_id, "o": org_id}, salt=SALT, compress=True)


def read_key(key: str, org_id: int) -> int | None:
    """The user id the key was made for, if it is intact and made for this organisation."""
    try:
        data = signing.loads(key, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("o") != org_id or not isinstance(data.get("u"), int):
        return None
    return int(data["u"])


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 §3.1), never splitting a character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def ics(organisation: Any, results: list[Any], host: str, base_url: str) -> str:
    """The calendar text: one all-day event on each item's closing date (eligible or unknown answers)."""
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Corridor//Policies//ZH", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_text(organisation.name)}"]
    for result in results:
        item = result.item
        if item.window_closes is None or result.status == "not_eligible":
            continue
        day = item.window_closes
        lines += [
            "BEGIN:VEVENT", f"UID:policy-item-{item.pk}-org-{organisation.pk}@{host}", f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_text(item.title)}",
            f"DESCRIPTION:{_text(result.policy.title)}",
            f"URL:{base_url}/policies/for/{organisation.pk}/", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))


@dataclass
class Month:
    first: datetime.date  # the month's first day
    rows: list[Any] = field(default_factory=list)  # answers whose application window is open on a day of the month


def months(results: list[Any], today: datetime.date, count: int = 6) -> list[Month]:
    """This month and the next `count - 1`, each with the items (eligible or unknown answers) whose application
    window is open on at least one of its days, by closing date. Windows closed before today are left out."""
    firsts = [today.replace(day=1)]
    while len(firsts) < count:
        last = firsts[-1]
        firsts.append(last.replace(year=last.year + last.month // 12, month=last.month % 12 + 1))
    out = [Month(first) for first in firsts]
    shown = sorted((r for r in results if r.status != "not_eligible"
                    and (r.item.window_opens is not None or r.item.window_closes is not None)
                    and (r.item.window_closes is None or r.item.window_closes >= today)),
                   key=lambda r: (r.item.window_closes or datetime.date.max, r.item.pk))
    for month, following in zip(out, [*firsts[1:], None], strict=True):
        for r in shown:
            opens, closes = r.item.window_opens, r.item.window_closes
            if (following is None or opens is None or opens < following) and (closes is None or closes >= month.first):
                month.rows.append(r)
    return out
