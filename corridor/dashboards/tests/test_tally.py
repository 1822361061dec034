"""The organisation tally gives the numbers the plain grouping of the viewer's rows gives, for every role and
date, and follows organisations created, edited, back-dated and deleted through the change events."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from corridor.core import indicators as ind
from corridor.core.indicators import Slice
from corridor.dashboards import tally
from corridor.dashboards.models import OrgTally
from corridor.dashboards.testing import CITY_CODES, build_dash_world
from corridor.orgs.models import Organisation

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "admin", "officer", "member", "secretariat", "owner")


def plain(viewer, s, head=False):
    """What the figure was before the tally: the viewer's rows grouped by city."""
    rows = Organisation.objects.restrict(viewer)
    if head:
        rows = rows.filter(is_head_enterprise=True)
    return ind.count_by_city(rows, "city_id", s, stamp="created_at")


def viewers(dw):
    return {r: (None if r == "visitor" else dw.world.users[r]) for r in ROLES if r == "visitor" or r in dw.world.users}


def check_all(dw, ends=(None,)):
    cities = tuple(dw.city(c) for c in CITY_CODES)
    for role, viewer in viewers(dw).items():
        for end in ends:
            s = Slice(viewer=viewer, cities=cities, end=end)
            rows = Organisation.objects.restrict(viewer)
            for head in (False, True):
                assert tally.org_counts(rows, s, head=head) == plain(viewer, s, head), (role, end, head)


def test_tally_matches_the_plain_grouping_for_every_role_and_date():
    dw = build_dash_world()
    from corridor.orgs.services import create_organisation

    # An unlisted head enterprise in Jiaxing, and one created two months ago (its own day in the tally).
    create_organisation(None, {"name_zh": "嘉兴隐形冠军有限公司", "region": "330402", "listed": False,
                               "is_head_enterprise": True})
    older = create_organisation(None, {"name_zh": "杭州老牌企业有限公司", "region": "330108", "is_head_enterprise": True})
    Organisation.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=60))
    tally.rebuild()  # the back-dating above went around the services (as a bulk writer does)
    today = timezone.localdate()
    check_all(dw, ends=(None, today, today - datetime.timedelta(days=30), today - datetime.timedelta(days=90)))
    assert OrgTally.objects.filter(day__lt=today - datetime.timedelta(days=30)).exists()


def test_the_tally_follows_changes_and_deletions():
    dw = build_dash_world()
    from corridor.orgs.services import create_organisation, update_organisation

    admin = dw.world.users["admin"]
    check_all(dw)
    made = create_organisation(None, {"name_zh": "芜湖新办企业有限公司", "region": "340202"})
    check_all(dw)  # created: counted through the event, no rebuild
    update_organisation(admin, made, {"listed": False, "is_head_enterprise": True, "region": "330402"})
    check_all(dw)  # moved to Jiaxing, unlisted, head: the old cell gone, the new one there
    Organisation.objects.get(pk=made.pk).delete()
    check_all(dw)
    assert sum(OrgTally.objects.values_list("count", flat=True)) == Organisation.objects.exclude(city=None).count()


def test_a_full_rebuild_and_the_day_recount_agree():
    dw = build_dash_world()
    by_days = sorted(OrgTally.objects.values_list("day", "city_id", "listed", "head", "count"))
    assert by_days
    assert tally.rebuild() == len(by_days)
    assert sorted(OrgTally.objects.values_list("day", "city_id", "listed", "head", "count")) == by_days
    check_all(dw)
