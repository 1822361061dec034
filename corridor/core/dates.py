"""Dates people may ask about: far enough either way for any real question, near enough that adding a
week or converting to UTC cannot overflow (9999-12-31 + 7 days and 0001-01-01 in UTC+8 did: 500s)."""

from __future__ import annotations

import datetime

from django.core.exceptions import BadRequest, ValidationError
from django.utils.translation import gettext as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2999, 12, 31)


def _out_of_range(field: str) -> str:
    return _("%(field)s must be a date between %(earliest)s and %(latest)s.") % {
        "field": field, "earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()}


def check_day(value: datetime.date | datetime.datetime | None, field: str) -> None:
    """For the API: a 422 naming the parameter when the date is out of range."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError({field: [_out_of_range(field)]})


def page_day(raw: str, field: str) -> datetime.date | None:
    """For pages: the date in the query string, None when absent or not a date (the page's default
    applies, as before), a 400 naming the parameter when it is a date out of range."""
    try:
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        return None
    if not EARLIEST <= day <= LATEST:
        raise BadRequest(_out_of_range(field))
    return day
