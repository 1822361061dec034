"""No aggregate carries a hidden row: for every registered indicator (those of apps added later too), rows
the visitor may not see change nothing of what the visitor is shown, while an admin's figures move."""

from __future__ import annotations

import pytest

from corridor.core import indicators as ind
from corridor.core.indicators import Slice
from corridor.dashboards.testing import CITY_CODES, build_dash_world

pytestmark = pytest.mark.django_db


def figures(viewer, cities, dims):
    return {i.key: i.values(Slice(viewer=viewer, cities=cities, **dims)) for i in ind.all_indicators()}


def add_hidden_rows(dw):
    """More of what a visitor may not see: an unlisted head enterprise in Hangzhou (a robot-alliance member,
    producing in a robot segment), an alliance-only need, and a secretariat introduction between two
    secretariat-only listings."""
    from corridor.alliances.models import AllianceMembership
    from corridor.chains import services as chains
    from corridor.matching import services as matching
    from corridor.orgs.services import create_organisation

    users = dw.world.users
    hidden = create_organisation(None, {"name_zh": "杭州隐形冠军有限公司", "region": "330108", "listed": False,
                                        "is_head_enterprise": True})
    AllianceMembership.objects.create(alliance=dw.world.alliance, organisation=hidden)
    chains.declare_tag(users["admin"], hidden, dw.owner_segment)
    matching.create_listing(users["member"], {"side": "need", "category": "rnd", "title_zh": "联合研发",
                                              "text": "关节模组", "visibility": "alliance"})
    offer = matching.create_listing(users["member"], {"side": "offer", "category": "product", "title_zh": "减速器",
                                                      "text": "谐波", "visibility": "secretariat"})
    matching.introduce(users["secretariat"], dw.private_listing, offer)


def test_hidden_rows_do_not_move_the_visitors_figures():
    dw = build_dash_world()
    cities = tuple(dw.city(c) for c in CITY_CODES)
    slices: tuple[dict[str, int], ...] = ({}, {"alliance_id": dw.world.alliance.pk}, {"chain_id": dw.chain.pk},
              {"segment_id": dw.owner_segment.pk})
    admin = dw.world.users["admin"]
    before = [(figures(None, cities, d), figures(admin, cities, d)) for d in slices]
    add_hidden_rows(dw)
    for dims, (public, _full) in zip(slices, before, strict=True):
        assert figures(None, cities, dims) == public, dims
    after_admin = figures(admin, cities, {})
    for key in ("orgs.organisations", "orgs.head_enterprises", "alliances.members", "matching.listings",
                "matching.interests"):
        assert after_admin[key] != before[0][1][key], key


def test_every_indicator_counts_through_an_access_rule():
    from corridor.core.access import RestrictedQuerySet

    for i in ind.all_indicators():
        assert isinstance(i.model._default_manager.all(), RestrictedQuerySet), i.key
