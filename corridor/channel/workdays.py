"""Working days and working hours on China's official calendar (holidays and make-up working days).

A plain module (no Django): the calendar comes from the kept package `chinese-calendar`, which knows
the State Council's holiday arrangements for the years in `covered_years()`. A date outside them is
refused with `OutsideCalendar` (the caller says so to the user) unless `weekends_only=True` is asked
for, in which case Monday to Friday count as working days (no holiday known).

Working hours are 09:00–17:00 local time (`DAY_START`, `DAY_END`).
"""

from __future__ import annotations

import datetime

import chinese_calendar

DAY_START = datetime.time(9, 0)
DAY_END = datetime.time(17, 0)


class OutsideCalendar(ValueError):
    """The official calendar is not known for this date."""

    def __init__(self, day: datetime.date) -> None:
        first, last = covered_years()
        super().__init__(f"{day.isoformat()} is outside the official holiday calendar ({first}–{last})")
        self.day, self.first, self.last = day, first, last


def covered_years() -> tuple[int, int]:
    holidays = chinese_calendar.holidays
    return min(holidays).year, max(holidays).year


def is_working_day(day: datetime.date, *, weekends_only: bool = False) -> bool:
    first, last = covered_years()
    if first <= day.year <= last:
        return bool(chinese_calendar.is_workday(day))
    if weekends_only:
        return day.weekday() < 5
    raise OutsideCalendar(day)


def next_working_day(day: datetime.date, *, weekends_only: bool = False) -> datetime.date:
    """The first working day strictly after `day`."""
    day += datetime.timedelta(days=1)
    while not is_working_day(day, weekends_only=weekends_only):
        day += datetime.timedelta(days=1)
    return day


def add_working_days(moment: datetime.datetime, days: int, *, weekends_only: bool = False) -> datetime.datetime:
    """The same time of day on the `days`-th working day after `moment`'s day.

    Filed on a day off, the count starts at the next working day's opening (a request filed on a Sunday
    with 3 days is due on the third working day after Monday, at 09:00)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = moment.date()
    if not is_working_day(day, weekends_only=weekends_only):
        day = next_working_day(day, weekends_only=weekends_only)
        moment = datetime.datetime.combine(day, DAY_START, tzinfo=moment.tzinfo)
    for _i in range(days):
        day = next_working_day(day, weekends_only=weekends_only)
    return datetime.datetime.combine(day, moment.timetz())


def add_working_hours(moment: datetime.datetime, hours: float, *, weekends_only: bool = False) -> datetime.datetime:
    """`hours` of working time (09:00–17:00 on working days) after `moment`."""
    remaining = datetime.timedelta(hours=hours)
    tz = moment.tzinfo
    day = moment.date()
    current = moment.replace(tzinfo=None)
    while True:
        if is_working_day(day, weekends_only=weekends_only):
            opens = datetime.datetime.combine(day, DAY_START)
            closes = datetime.datetime.combine(day, DAY_END)
            start = max(current, opens)
            if start < closes:
                available = closes - start
                if remaining <= available:
                    return (start + remaining).replace(tzinfo=tz)
                remaining -= available
        day = day + datetime.timedelta(days=1)
        current = datetime.datetime.combine(day, DAY_START)


def working_days_between(first: datetime.date, last: datetime.date, *, weekends_only: bool = False) -> int:
    """Working days after `first` up to and including `last` (0 when `last` is not after `first`)."""
    count, day = 0, first
    while day < last:
        day += datetime.timedelta(days=1)
        if is_working_day(day, weekends_only=weekends_only):
            count += 1
    return count
