"""Each indicator against the hand-counted world of `dashboards.testing` (see its docstring), per role."""

from __future__ import annotations

import pytest

from corridor.core import indicators as ind
from corridor.core.indicators import TOTAL, Slice
from corridor.dashboards.testing import CITY_CODES, build_dash_world

pytestmark = pytest.mark.django_db

SJ, HZ, JX, WH = CITY_CODES


@pytest.fixture
def dw():
    return build_dash_world()


def values(dw, key, viewer, **dims):
    s = Slice(viewer=viewer, cities=tuple(dw.city(c) for c in CITY_CODES), **dims)
    found = ind.get(key).values(s)
    if found is None:
        return None
    by_code = {c: found[dw.city(c)] for c in CITY_CODES}
    by_code["total"] = found[TOTAL]
    return by_code


def user(dw, role):
    return None if role == "visitor" else dw.world.users[role]


def test_the_existing_areas_registered_their_indicators():
    keys = {i.key for i in ind.all_indicators()}
    assert {"orgs.organisations", "orgs.head_enterprises", "alliances.members", "chains.segments_covered",
            "chains.strong_links", "chains.gaps", "matching.listings", "matching.interests", "matching.meetings",
            "matching.agreements", "equipment.instruments", "equipment.bookings", "equipment.hours",
            "equipment.vouchers_in", "equipment.vouchers_out"} <= keys
    for i in ind.all_indicators():
        assert str(i.name) and str(i.unit) and str(i.definition) and str(i.source)


def test_every_indicator_has_its_own_display_order():
    # Dashboards list indicators by order; two with one order fall back to the key, which reads as arbitrary.
    by_order: dict[int, list[str]] = {}
    for i in ind.all_indicators():
        by_order.setdefault(i.order, []).append(i.key)
    assert {order: keys for order, keys in by_order.items() if len(keys) > 1} == {}
    rnd = [i.key for i in ind.all_indicators() if i.app == "rnd"]
    assert rnd.index("rnd.teams_proposed") < rnd.index("rnd.teams")  # proposed, then formed


@pytest.mark.parametrize(("role", "expected"), [
    ("visitor", {SJ: 0, HZ: 1, JX: 1, WH: 1, "total": 3}),
    ("outsider", {SJ: 0, HZ: 1, JX: 1, WH: 1, "total": 3}),
    ("officer", {SJ: 0, HZ: 1, JX: 2, WH: 1, "total": 4}),  # Jiaxing's officer sees Jiaxing's unlisted one
    ("admin", {SJ: 0, HZ: 1, JX: 2, WH: 1, "total": 4}),
])
def test_organisations_count_only_what_the_viewer_may_see(dw, role, expected):
    assert values(dw, "orgs.organisations", user(dw, role)) == expected


def test_head_enterprises_and_alliance_members(dw):
    assert values(dw, "orgs.head_enterprises", None) == {SJ: 0, HZ: 0, JX: 0, WH: 1, "total": 1}
    assert values(dw, "alliances.members", None) == {SJ: 0, HZ: 1, JX: 0, WH: 1, "total": 2}
    robots = dw.world.alliance.pk
    assert values(dw, "orgs.organisations", None, alliance_id=robots)["total"] == 2
    assert values(dw, "alliances.members", None, alliance_id=dw.world.other_alliance.pk)["total"] == 0


@pytest.mark.parametrize(("role", "expected"), [
    ("visitor", {SJ: 0, HZ: 0, JX: 1, WH: 0, "total": 1}),
    ("member", {SJ: 0, HZ: 0, JX: 1, WH: 0, "total": 1}),  # a fellow member: not the secretariat-only need
    ("owner", {SJ: 0, HZ: 1, JX: 1, WH: 0, "total": 2}),
    ("secretariat", {SJ: 0, HZ: 1, JX: 1, WH: 0, "total": 2}),
    ("admin", {SJ: 0, HZ: 1, JX: 1, WH: 0, "total": 2}),
])
def test_open_listings_leave_out_private_ones(dw, role, expected):
    assert values(dw, "matching.listings", user(dw, role)) == expected


@pytest.mark.parametrize(("role", "interests"), [
    ("visitor", 0), ("officer", 0), ("owner", 0), ("member", 1), ("outsider", 1), ("admin", 1)])
def test_the_funnel_counts_the_parties_interests(dw, role, interests):
    got = values(dw, "matching.interests", user(dw, role))
    assert got["total"] == interests
    assert got[JX] == interests  # the listing's organisation is in Jiaxing
    assert values(dw, "matching.meetings", user(dw, role))["total"] == interests
    assert values(dw, "matching.agreements", user(dw, role))["total"] == 0


def test_instruments_bookings_and_hours(dw):
    assert values(dw, "equipment.instruments", None) == {SJ: 0, HZ: 1, JX: 0, WH: 0, "total": 1}
    assert values(dw, "equipment.bookings", None)["total"] == 0  # bookings are the parties' business
    for role in ("owner", "member", "admin"):
        assert values(dw, "equipment.bookings", user(dw, role)) == {SJ: 0, HZ: 1, JX: 0, WH: 0, "total": 1}
        assert values(dw, "equipment.hours", user(dw, role))[HZ] == 2.0
    assert values(dw, "equipment.bookings", dw.wuhu_officer)["total"] == 1  # paid by Wuhu's vouchers
    assert values(dw, "equipment.bookings", user(dw, "outsider"))["total"] == 0


def test_voucher_flows_between_cities(dw):
    assert values(dw, "equipment.vouchers_in", None) is None  # not shown to visitors at all
    for viewer in (dw.wuhu_officer, user(dw, "member"), user(dw, "admin")):
        assert values(dw, "equipment.vouchers_in", viewer) == {SJ: 0, HZ: 500.0, JX: 0, WH: 0, "total": 500.0}
        assert values(dw, "equipment.vouchers_out", viewer) == {SJ: 0, HZ: 0, JX: 0, WH: 500.0, "total": 500.0}
    # The provider's staff and Jiaxing's officer do not see the Wuhu voucher: nothing counted for them.
    assert values(dw, "equipment.vouchers_in", user(dw, "owner"))["total"] == 0
    assert values(dw, "equipment.vouchers_out", user(dw, "officer"))["total"] == 0


def test_segments_covered_count_hidden_producers_only_for_those_who_see_them(dw):
    chain = dw.chain.pk
    assert values(dw, "chains.segments_covered", None, chain_id=chain) == {SJ: 0, HZ: 1, JX: 0, WH: 0, "total": 1}
    assert values(dw, "chains.segments_covered", user(dw, "officer"), chain_id=chain)[JX] == 1
    assert values(dw, "orgs.organisations", None, segment_id=dw.owner_segment.pk)["total"] == 1
    assert values(dw, "orgs.organisations", None, segment_id=dw.hidden_segment.pk)["total"] == 0
    assert values(dw, "orgs.organisations", user(dw, "admin"), segment_id=dw.hidden_segment.pk)["total"] == 1


def test_a_dimension_an_indicator_lacks_gives_no_number(dw):
    assert values(dw, "equipment.instruments", None, alliance_id=dw.world.alliance.pk) is None
    assert values(dw, "chains.strong_links", None, end=__import__("datetime").date(2020, 1, 1)) is None


def test_period_stock_as_of_and_flow_within(dw):
    import datetime

    from django.utils import timezone

    long_ago = datetime.date(2000, 1, 1)
    today = timezone.localdate()
    assert values(dw, "orgs.organisations", None, end=long_ago)["total"] == 0
    assert values(dw, "orgs.organisations", None, end=today)["total"] == 3
    member = user(dw, "member")
    assert values(dw, "matching.interests", member, start=today - datetime.timedelta(days=1), end=today)["total"] == 1
    assert values(dw, "matching.interests", member, start=long_ago, end=datetime.date(2001, 1, 1))["total"] == 0


def test_registering_a_bad_indicator_is_refused():
    from corridor.orgs.models import Organisation

    with pytest.raises(ValueError, match="unknown dimensions"):
        ind.register(ind.Indicator(key="x.y", model=Organisation, name="x", unit="x", definition="x", source="x",
                                   compute=lambda rows, s: {}, dimensions=frozenset({"colour"})))
