"""What a participant takes away: the QR code of a registration (SVG, made on the server) and calendar
files (.ics, RFC 5545) for an event or a personal meeting agenda. Plain functions, no database writes."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import segno

if TYPE_CHECKING:
    from corridor.events.models import Event, Registration


def qr_png(text: str, scale: int = 8) -> bytes:
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def qr_data_uri(text: str, scale: int = 8) -> str:
    import base64

    return "data:image/png;base64," + base64.b64encode(qr_png(text, scale)).decode("ascii")


def pdf(html: str) -> bytes:
    """HTML to PDF, as the dashboards' reports are made (WeasyPrint; the CJK font found by fontconfig and
    embedded as a subset, so the Chinese text is real, searchable text)."""
    from weasyprint import HTML

    return bytes(HTML(string=html).write_pdf())


def badges_pdf(event: Event, registrations: list[Registration]) -> bytes:
    """Printable badges, eight to an A4 page: name, organisation, registration type and the check-in QR code."""
    from django.template.loader import render_to_string

    badges = [{"registration": r, "qr": qr_data_uri(r.code, scale=6)} for r in registrations]
    return pdf(render_to_string("events/badges.html", {"event": event, "badges": badges}))


def registration_item(registration: Registration, url: str = "") -> CalendarItem:
    from django.utils.translation import gettext as _

    event = registration.event
    return CalendarItem(
        uid=f"registration-{registration.pk}@corridor", starts_at=event.starts_at, ends_at=event.ends_at,
        summary=event.title, location=event.address or event.online_url,
        description=f"{_('Check-in code')}: {registration.code}\n{event.description}", url=url,
    )


def confirmation_email(registration: Registration) -> Any:
    """The confirmation e-mail in the participant's language: text and HTML with the QR code inline, the QR
    code as a PNG and the event's .ics attached."""
    from email.mime.image import MIMEImage

    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation
    from django.utils.translation import gettext as _

    from corridor.notifications.models import Preference

    user = registration.user
    preference = Preference.objects.filter(user=user).first()
    language = preference.language if preference else settings.LANGUAGE_CODE
    base = getattr(settings, "CORRIDOR_BASE_URL", "")
    link = f"{base}/events/registrations/{registration.pk}/"
    with translation.override(language):
        context = {"registration": registration, "event": registration.event, "link": link}
        subject = _("Your registration for %(event)s is confirmed") % {"event": registration.event.title}
        message = EmailMultiAlternatives(subject[:200], render_to_string("events/email_confirmation.txt", context),
                                         settings.DEFAULT_FROM_EMAIL, [user.email])  # type: ignore[union-attr]
        message.attach_alternative(render_to_string("events/email_confirmation.html", context), "text/html")
        message.mixed_subtype = "related"
        png = qr_png(registration.code)
        image = MIMEImage(png, "png")
        image.add_header("Content-ID", "<qr>")
        image.add_header("Content-Disposition", "inline", filename=f"{registration.code}.png")
        message.attach(image)
        message.attach(f"event-{registration.event_id}.ics", ics([registration_item(registration, link)],
                                                                  name=registration.event.title), "text/calendar")
    return message


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
