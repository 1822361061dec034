"""The engine's profiles read from the registry: the kept compiled queries of a few organisations return what
the ORM returns (every source, with its types), see changes at once, and cost a constant number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corridor.chains.models import Chain, Segment, SegmentTag
from corridor.equipment.testing import make_instrument
from corridor.policies import profiles as profiles_module
from corridor.policies import services
from corridor.policies.models import EligibilityProfile
from corridor.policies.profiles import profile_data

pytestmark = pytest.mark.django_db


def _fill(world):
    org = world.member_org
    EligibilityProfile.objects.create(organisation=org, founded_on=datetime.date(2011, 3, 4), rnd_share=Decimal("4.50"),
                                      revenue_band="", employees=120, has_rnd_project=True)
    services.save_profile(None, org, {"certificates": {"hnte": datetime.date(2027, 1, 1)}})
    chain = Chain.objects.create(slug="robots-chain", name_zh="机器人链", name_en="Robot chain")
    segment = Segment.objects.create(chain=chain, key="reducers", name_zh="减速器", name_en="Reducers", stage="upstream")
    SegmentTag.objects.create(organisation=org, segment=segment, role=SegmentTag.Role.PRODUCES,
                              source=SegmentTag.Source.DECLARED, status=SegmentTag.Status.CONFIRMED)
    make_instrument(org, world.regions["340202"])
    return org


def test_kept_queries_return_what_the_orm_returns(world, monkeypatch):
    org = _fill(world)
    ids = [org.pk, world.owner_org.pk, world.outsider_org.pk]
    few = {pk: profile_data([pk])[pk] for pk in ids}
    together = profile_data(ids)
    monkeypatch.setattr(profiles_module, "PREPARED_MAX_IDS", 0)  # everything through the ORM
    assert few == together == profile_data(ids)
    row = few[org.pk]
    assert row["founded_on"] == datetime.date(2011, 3, 4) and row["rnd_share"] == 4.5 and row["employees"] == 120
    assert row["has_rnd_project"] is True and row["is_head_enterprise"] is True and row["has_instrument"] is True
    assert row["chain_segments"] == ["robots-chain.reducers"] and row["industries"] == ["robots"]
    assert row["alliances"] == ["g60-robot"] and row["region"] == "340202"
    assert row["certificates"] == [{"kind": "hnte", "valid_from": None, "valid_until": datetime.date(2027, 1, 1)}]
    assert few[world.outsider_org.pk]["has_instrument"] is False and "certificates" not in few[world.outsider_org.pk]


def test_kept_queries_see_changes_at_once_and_cost_the_same(world):
    org = _fill(world)
    assert profile_data([org.pk])[org.pk]["employees"] == 120
    services.save_profile(None, org, {"employees": "7", "certificates": {}})
    with CaptureQueriesContext(connection) as queries:
        row = profile_data([org.pk])[org.pk]
    assert row["employees"] == 7 and row["certificates"] == []
    # One statement per source; on PostgreSQL the seven are sent together, in one round trip.
    assert len(queries.captured_queries) == (1 if connection.vendor == "postgresql" else 7)
    if connection.vendor == "postgresql":
        assert queries.captured_queries[0]["sql"].count("SELECT") >= 7
    assert profile_data([world.owner_org.pk])[world.owner_org.pk].get("employees") is None  # another id, same kept SQL
