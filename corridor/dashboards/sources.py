"""Indicators of the areas that existed when the dashboards came: organisations, alliances, chains,
matchmaking, shared equipment and vouchers. Registered from `DashboardsConfig.ready()` so that those
apps' files stay theirs; areas built later register their own in their `ready()` (docs/architecture.md).

Every compute function counts only `rows` (the viewer's rows of the indicator's model) and joins other
models through their own `restrict(viewer)`, so an aggregate never carries a row the viewer may not see.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from corridor.core import access
from corridor.core import indicators as ind
from corridor.core.indicators import ALLIANCE, CHAIN, FLOW, PERIOD, REGION, SEGMENT, Indicator, Slice, Values
from corridor.dashboards import tally


def _url(name: str, **query: Any) -> str:
    params = {k: v for k, v in query.items() if v not in (None, "")}
    return reverse(name) + (("?" + urlencode(params)) if params else "")


def _alliance_slug(s: Slice) -> str | None:
    from corridor.alliances.models import Alliance

    if s.alliance_id is None:
        return None
    return Alliance.objects.filter(pk=s.alliance_id).values_list("slug", flat=True).first()


# ---- organisations --------------------------------------------------------------------------------


def _narrow_orgs(rows: QuerySet[Any], s: Slice) -> QuerySet[Any]:
    from corridor.alliances.models import AllianceMembership
    from corridor.chains.reports import counted_tags

    if s.alliance_id is not None:
        joined = AllianceMembership.objects.filter(organisation=OuterRef("pk"), alliance_id=s.alliance_id)
        if s.end is not None:
            joined = joined.filter(Q(joined_on__isnull=True) | Q(joined_on__lte=s.end))
        rows = rows.filter(Exists(joined))
    if s.segment_id is not None:
        rows = rows.filter(pk__in=counted_tags().filter(segment_id=s.segment_id).values("organisation_id"))
    elif s.chain_id is not None:
        rows = rows.filter(pk__in=counted_tags().filter(segment__chain_id=s.chain_id, segment__active=True)
                           .values("organisation_id"))
    return rows


def _by_tally(s: Slice) -> bool:
    # The tally has no alliance, chain or segment: those slices group the (far fewer) narrowed rows.
    return tally.ENABLED and s.alliance_id is None and s.chain_id is None and s.segment_id is None


def organisations(rows: QuerySet[Any], s: Slice) -> Values:
    if _by_tally(s):
        return tally.org_counts(rows, s)
    return ind.count_by_city(_narrow_orgs(rows, s), "city_id", s, stamp="created_at")


def head_enterprises(rows: QuerySet[Any], s: Slice) -> Values:
    if _by_tally(s):
        return tally.org_counts(rows, s, head=True)
    return ind.count_by_city(_narrow_orgs(rows.filter(is_head_enterprise=True), s), "city_id", s, stamp="created_at")


def alliance_members(rows: QuerySet[Any], s: Slice) -> Values:
    """Organisations in an alliance (the slice's, or any), as of the period's end by `joined_on`."""
    from corridor.alliances.models import AllianceMembership

    if s.alliance_id is None:
        joined = AllianceMembership.objects.filter(organisation=OuterRef("pk"))
        if s.end is not None:
            joined = joined.filter(Q(joined_on__isnull=True) | Q(joined_on__lte=s.end))
        rows = rows.filter(Exists(joined))
    return ind.count_by_city(_narrow_orgs(rows, s), "city_id", s, stamp="created_at")


def _orgs_link(**extra: Any) -> Any:
    def link(s: Slice, city: str | None) -> str:
        return _url("orgs:list", city=city, alliance=_alliance_slug(s), **extra)

    return link


# ---- chains ---------------------------------------------------------------------------------------


def _chain_maps(s: Slice) -> list[Any]:
    from corridor.chains.models import Chain
    from corridor.chains.reports import chain_map
    from corridor.dashboards.services import cached

    chains = Chain.objects.filter(pk=s.chain_id) if s.chain_id is not None else Chain.objects.order_by("slug")
    # One map per chain and set of role grants, shared by the three chain indicators and the city's chains.
    return [cached(s.viewer, f"chainmap:{chain.pk}", lambda chain=chain: chain_map(s.viewer, chain)) for chain in chains]


def _chain_values(s: Slice, count: Any) -> Values:
    from corridor.regions.models import Region

    code_of = dict(Region.objects.filter(pk__in=s.cities).values_list("pk", "code"))
    out: Values = {c: 0.0 for c in s.cities}
    for cmap in _chain_maps(s):
        for city in s.cities:
            code = code_of.get(city)
            if code is not None and code in cmap.matrix.regions:
                out[city] += count(cmap, code)
    out[ind.TOTAL] = sum(out[c] for c in s.cities)
    return out


def segments_covered(rows: QuerySet[Any], s: Slice) -> Values:
    """Segments of the chain(s) with at least one producer the viewer may see, per city."""
    return _chain_values(s, lambda cmap, code: sum(1 for seg in cmap.segments if cmap.matrix.cell(code, seg.key).orgs))


def strong_links(rows: QuerySet[Any], s: Slice) -> Values:
    from corridor.chains.reports import strong_links as strong

    return _chain_values(s, lambda cmap, code: len(strong(cmap, code)))


def chain_gaps(rows: QuerySet[Any], s: Slice) -> Values:
    from corridor.chains import analytics

    return _chain_values(s, lambda cmap, code: len(analytics.gaps(cmap.matrix, cmap.edges, code)))


def _chain_link(s: Slice, city: str | None) -> str:
    from corridor.chains.models import Chain

    slug = Chain.objects.filter(pk=s.chain_id).values_list("slug", flat=True).first() if s.chain_id else None
    return reverse("chains:detail", args=[slug]) if slug else reverse("chains:list")


# ---- matchmaking ----------------------------------------------------------------------------------


def open_listings(rows: QuerySet[Any], s: Slice) -> Values:
    rows = rows.filter(status="open")
    if s.alliance_id is not None:
        rows = rows.filter(alliance_id=s.alliance_id)
    return ind.count_by_city(rows, "organisation__city_id", s, stamp="created_at")


def _interests(rows: QuerySet[Any], s: Slice, stamp: str) -> Values:
    from corridor.matching.models import Listing

    rows = rows.filter(**{f"{stamp}__isnull": False}, listing__in=Listing.objects.restrict(s.viewer).values("pk"))
    if s.alliance_id is not None:
        rows = rows.filter(listing__alliance_id=s.alliance_id)
    return ind.count_by_city(rows, "listing__organisation__city_id", s, stamp=stamp, kind=FLOW)


def interests(rows: QuerySet[Any], s: Slice) -> Values:
    return _interests(rows, s, "expressed_at")


def meetings(rows: QuerySet[Any], s: Slice) -> Values:
    return _interests(rows, s, "meeting_at")


def agreements(rows: QuerySet[Any], s: Slice) -> Values:
    return _interests(rows, s, "agreement_at")


# ---- equipment and vouchers -----------------------------------------------------------------------


def instruments(rows: QuerySet[Any], s: Slice) -> Values:
    return ind.count_by_city(rows.filter(active=True), "city_id", s, stamp="created_at")


def bookings_completed(rows: QuerySet[Any], s: Slice) -> Values:
    return ind.count_by_city(rows.filter(status="completed"), "instrument__city_id", s, stamp="starts_at", kind=FLOW)


def hours_used(rows: QuerySet[Any], s: Slice) -> Values:
    return ind.count_by_city(rows.filter(status="completed", usage__isnull=False), "instrument__city_id", s,
                             stamp="starts_at", kind=FLOW, value=Sum("usage__hours"))


def _redemptions(rows: QuerySet[Any], s: Slice, city_field: str) -> Values:
    from corridor.equipment.models import Redemption

    redeemed = Redemption.objects.filter(voucher__in=rows.values("pk"))
    return ind.count_by_city(redeemed, city_field, s, stamp="redeemed_at", kind=FLOW, value=Sum("amount"))


def vouchers_in(rows: QuerySet[Any], s: Slice) -> Values:
    """Vouchers redeemed at providers in the city (money coming in)."""
    return _redemptions(rows, s, "provider_city_id")


def vouchers_out(rows: QuerySet[Any], s: Slice) -> Values:
    """Vouchers of holders in the city redeemed anywhere (money going out)."""
    return _redemptions(rows, s, "holder_city_id")


def _voucher_people(viewer: Any) -> bool:
    return access.is_admin(viewer) or bool(access.officer_region_ids(viewer)) or access.acts_for_an_organisation(viewer)


def register_all() -> None:
    from corridor.chains.models import SegmentTag
    from corridor.equipment.models import Booking, Instrument, Voucher
    from corridor.matching.models import Interest, Listing
    from corridor.orgs.models import Organisation

    every = frozenset({REGION, CHAIN, SEGMENT, ALLIANCE, PERIOD})
    for item in (
        Indicator(
            key="orgs.organisations", model=Organisation, order=10, compute=organisations, dimensions=every,
            name=_("Organisations"), unit=pgettext_lazy("unit", "organisations"), source=_("Organisation registry"),
            definition=_("Organisations registered in the city (by their address), as of the date; with a chain "
                         "or segment, those producing in it; with an alliance, its members."),
            link=_orgs_link(),
        ),
        Indicator(
            key="orgs.head_enterprises", model=Organisation, order=11, compute=head_enterprises, dimensions=every,
            name=_("Head enterprises"), unit=pgettext_lazy("unit", "enterprises"), source=_("Organisation registry"),
            definition=_("Organisations marked as head (leading) enterprises, as of the date."),
            link=_orgs_link(head="true"),
        ),
        Indicator(
            key="alliances.members", model=Organisation, order=20, compute=alliance_members,
            dimensions=frozenset({REGION, ALLIANCE, CHAIN, SEGMENT, PERIOD}),
            name=_("Alliance members"), unit=pgettext_lazy("unit", "organisations"), source=_("Alliances"),
            definition=_("Organisations that are members of an industrial alliance (or of the chosen one), "
                         "by the date they joined."),
            link=_orgs_link(),
        ),
        Indicator(
            key="chains.segments_covered", model=SegmentTag, order=30, compute=segments_covered,
            dimensions=frozenset({REGION, CHAIN}),
            name=_("Chain segments covered"), unit=pgettext_lazy("unit", "segments"), source=_("Industry chains"),
            definition=_("Segments of the industry chain(s) with at least one producer in the city."),
            link=_chain_link,
        ),
        Indicator(
            key="chains.strong_links", model=SegmentTag, order=31, compute=strong_links,
            dimensions=frozenset({REGION, CHAIN}),
            name=_("Strong links"), unit=pgettext_lazy("unit", "segments"), source=_("Industry chains"),
            definition=_("Segments where the city is strong: many producers and a location quotient well above "
                         "the corridor's."),
            link=_chain_link,
        ),
        Indicator(
            key="chains.gaps", model=SegmentTag, order=32, compute=chain_gaps,
            dimensions=frozenset({REGION, CHAIN}),
            name=_("Chain gaps"), unit=pgettext_lazy("unit", "segments"), source=_("Industry chains"),
            definition=_("Segments absent or weak in the city that feed segments it has: investment-attraction "
                         "targets."),
            link=_chain_link,
        ),
        Indicator(
            key="matching.listings", model=Listing, order=40, compute=open_listings,
            dimensions=frozenset({REGION, ALLIANCE, PERIOD}),
            name=_("Open offers and needs"), unit=pgettext_lazy("unit", "listings"), source=_("Matchmaking"),
            definition=_("Open offers and needs posted by organisations of the city, as of the date."),
            link=lambda s, city: _url("matching:list"),
        ),
        Indicator(
            key="matching.interests", model=Interest, order=41, compute=interests, kind=FLOW,
            dimensions=frozenset({REGION, ALLIANCE, PERIOD}),
            name=_("Interests expressed"), unit=pgettext_lazy("unit", "interests"), source=_("Matchmaking"),
            definition=_("Expressions of interest in the city's listings during the period."),
            link=lambda s, city: _url("matching:funnel", by="city"),
        ),
        Indicator(
            key="matching.meetings", model=Interest, order=42, compute=meetings, kind=FLOW,
            dimensions=frozenset({REGION, ALLIANCE, PERIOD}),
            name=_("Meetings held"), unit=pgettext_lazy("unit", "meetings"), source=_("Matchmaking"),
            definition=_("Interests that led to a meeting during the period."),
            link=lambda s, city: _url("matching:funnel", by="city"),
        ),
        Indicator(
            key="matching.agreements", model=Interest, order=43, compute=agreements, kind=FLOW,
            dimensions=frozenset({REGION, ALLIANCE, PERIOD}),
            name=_("Agreements signed"), unit=pgettext_lazy("unit", "agreements"), source=_("Matchmaking"),
            definition=_("Interests that ended in a signed agreement during the period."),
            link=lambda s, city: _url("matching:funnel", by="city"),
        ),
        Indicator(
            key="equipment.instruments", model=Instrument, order=50, compute=instruments,
            dimensions=frozenset({REGION, PERIOD}),
            name=_("Shared instruments"), unit=pgettext_lazy("unit", "instruments"), source=_("Shared equipment"),
            definition=_("Bookable instruments in the shared catalogue standing in the city, as of the date."),
            link=lambda s, city: _url("equipment:list", city=city),
        ),
        Indicator(
            key="equipment.bookings", model=Booking, order=51, compute=bookings_completed, kind=FLOW,
            dimensions=frozenset({REGION, PERIOD}),
            name=_("Completed bookings"), unit=pgettext_lazy("unit", "bookings"), source=_("Shared equipment"),
            definition=_("Bookings of the city's instruments completed during the period."),
            link=lambda s, city: _url("equipment:bookings"),
        ),
        Indicator(
            key="equipment.hours", model=Booking, order=52, compute=hours_used, kind=FLOW, decimals=1,
            dimensions=frozenset({REGION, PERIOD}),
            name=_("Instrument hours used"), unit=pgettext_lazy("unit", "hours"), source=_("Shared equipment"),
            definition=_("Hours recorded on completed bookings of the city's instruments during the period."),
            link=lambda s, city: _url("equipment:utilisation"),
        ),
        Indicator(
            key="equipment.vouchers_in", model=Voucher, order=60, compute=vouchers_in, kind=FLOW, decimals=2,
            dimensions=frozenset({REGION, PERIOD}), audience=_voucher_people,
            name=_("Vouchers redeemed in the city"), unit=pgettext_lazy("unit", "CNY"), source=_("Innovation vouchers"),
            definition=_("Innovation vouchers redeemed at providers in the city during the period (money in)."),
            link=lambda s, city: _url("equipment:programmes"),
        ),
        Indicator(
            key="equipment.vouchers_out", model=Voucher, order=61, compute=vouchers_out, kind=FLOW, decimals=2,
            dimensions=frozenset({REGION, PERIOD}), audience=_voucher_people,
            name=_("Vouchers used by the city's holders"), unit=pgettext_lazy("unit", "CNY"), source=_("Innovation vouchers"),
            definition=_("Innovation vouchers of holders in the city redeemed anywhere during the period (money out)."),
            link=lambda s, city: _url("equipment:programmes"),
        ),
    ):
        ind.register(item)
