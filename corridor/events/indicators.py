"""The events figures of the dashboards and reports (docs/architecture.md, "Indicators").

Each compute function counts only `rows`, the viewer's events (`Event.objects.restrict(viewer)`: published
public events for everyone, members-only events for the alliance's members, drafts for their organisers), and
the registrations, check-ins and meetings *of those events*: a members-only or draft event adds nothing to a
visitor's figures. Registrations are counted, never shown (the event page already shows its places taken).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from corridor.core import indicators as ind
from corridor.core.indicators import ALLIANCE, FLOW, PERIOD, REGION, Indicator, Slice, Values
from corridor.dashboards.regional import count_by_region


def _held(rows: QuerySet[Any], s: Slice) -> QuerySet[Any]:
    rows = rows.filter(status="published", ends_at__lte=timezone.now())
    if s.alliance_id is not None:
        rows = rows.filter(alliance_id=s.alliance_id)
    return rows


def held(rows: QuerySet[Any], s: Slice) -> Values:
    """Published events that took place (ended) during the period, by the city they were held in."""
    return count_by_region(_held(rows, s), "region_id", s, stamp="starts_at", kind=FLOW)


def registrations(rows: QuerySet[Any], s: Slice) -> Values:
    """Confirmed registrations for the events held in the city during the period."""
    from corridor.events.models import Registration

    regs = Registration.objects.filter(event__in=ind.in_period(_held(rows, s), s, "starts_at", FLOW).values("pk"),
                                       status="approved")
    return count_by_region(regs, "event__region_id", s)


def check_ins(rows: QuerySet[Any], s: Slice) -> Values:
    """Participants checked in at the events held in the city during the period."""
    from corridor.events.models import Registration

    regs = Registration.objects.filter(event__in=ind.in_period(_held(rows, s), s, "starts_at", FLOW).values("pk"),
                                       checked_in_at__isnull=False)
    return count_by_region(regs, "event__region_id", s)


def meetings(rows: QuerySet[Any], s: Slice) -> Values:
    """One-to-one meetings of a published schedule whose slot has passed, at the city's events, in the period."""
    from corridor.events.models import Meeting

    found = Meeting.objects.filter(event__in=rows.filter(status="published").values("pk"), published=True,
                                   slot__ends_at__lte=timezone.now())
    if s.alliance_id is not None:
        found = found.filter(event__alliance_id=s.alliance_id)
    return count_by_region(found, "event__region_id", s, stamp="slot__starts_at", kind=FLOW)


def register_all() -> None:
    from corridor.events.models import Event

    dims = frozenset({REGION, ALLIANCE, PERIOD})
    link = lambda s, city: reverse("events:list")  # noqa: E731
    for item in (
        Indicator(
            key="events.held", model=Event, order=80, compute=held, kind=FLOW, dimensions=dims,
            name=_("Events held"), unit=pgettext_lazy("unit", "events"), source=_("Events"),
            definition=_("Published events (forums, salons, fairs, brokerage days…) that took place in the city "
                         "during the period."),
            link=link,
        ),
        Indicator(
            key="events.registrations", model=Event, order=81, compute=registrations, kind=FLOW, dimensions=dims,
            name=_("Event registrations"), unit=pgettext_lazy("unit", "participants"), source=_("Events"),
            definition=_("Confirmed registrations for the events held in the city during the period."),
            link=link,
        ),
        Indicator(
            key="events.check_ins", model=Event, order=82, compute=check_ins, kind=FLOW, dimensions=dims,
            name=_("Event check-ins"), unit=pgettext_lazy("unit", "participants"), source=_("Events"),
            definition=_("Participants checked in at the events held in the city during the period."),
            link=link,
        ),
        Indicator(
            key="events.meetings", model=Event, order=83, compute=meetings, kind=FLOW, dimensions=dims,
            name=_("1:1 meetings held"), unit=pgettext_lazy("unit", "meetings"), source=_("Events"),
            definition=_("One-to-one business meetings scheduled at the city's events whose time has passed, "
                         "during the period."),
            link=link,
        ),
    ):
        ind.register(item)
