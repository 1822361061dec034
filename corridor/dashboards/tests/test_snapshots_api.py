"""Snapshots and trends (public and full audiences), the API's values per role, and the command line."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from corridor.core import indicators as ind
from corridor.dashboards import services, snapshots
from corridor.dashboards.models import Snapshot
from corridor.dashboards.testing import build_dash_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def dw():
    return build_dash_world()


def test_snapshots_keep_a_public_and_a_full_history(dw):
    this_month = timezone.localdate().replace(day=1)
    written = snapshots.run(this_month, months=2)
    assert written > 0
    months = sorted(set(Snapshot.objects.values_list("period", flat=True)))
    assert months == [*snapshots.months_back(this_month, 2), this_month]
    jx = dw.world.regions["330400"]
    public = Snapshot.objects.get(indicator="orgs.organisations", audience="public", period=this_month, city=jx,
                                  alliance=None, chain=None)
    full = Snapshot.objects.get(indicator="orgs.organisations", audience="full", period=this_month, city=jx,
                                alliance=None, chain=None)
    assert (public.value, full.value) == (1, 2)
    # Months before anything existed count nothing; running again replaces, adds no rows.
    earlier = snapshots.months_back(this_month, 2)[0]
    before_any = Snapshot.objects.get(indicator="orgs.organisations", audience="full", period=earlier, city=jx,
                                      alliance=None, chain=None)
    assert before_any.value == (2 if earlier >= timezone.localdate().replace(day=1) else 0)
    count = Snapshot.objects.count()
    snapshots.run(this_month, months=2)
    assert Snapshot.objects.count() == count



def test_keep_past_takes_only_months_not_yet_complete(dw):
    """The demo's second load keeps complete past months; an incomplete one is taken again, the current one always."""
    this_month = timezone.localdate().replace(day=1)
    last, before_last = reversed(snapshots.months_back(this_month, 2))
    snapshots.run(this_month, months=2)
    assert snapshots.is_complete(last) and snapshots.is_complete(before_last)
    Snapshot.objects.filter(period=last, indicator="orgs.organisations").delete()
    assert not snapshots.is_complete(last)
    Snapshot.objects.filter(period__in=(last, before_last, this_month)).update(value=99)
    snapshots.run(this_month, months=2, keep_past=True)
    assert snapshots.is_complete(last)
    assert set(Snapshot.objects.filter(period=before_last).values_list("value", flat=True)) == {99}
    assert 99 not in set(Snapshot.objects.filter(period=this_month).values_list("value", flat=True))
    assert 99 not in set(Snapshot.objects.filter(period=last).values_list("value", flat=True))

def test_the_trend_reads_only_the_snapshots_the_viewer_may_read(dw):
    this_month = timezone.localdate().replace(day=1)
    last_month = snapshots.months_back(this_month, 1)[0]
    jx = dw.world.regions["330400"]
    Snapshot.objects.create(indicator="orgs.organisations", audience="public", period=last_month, city=jx, value=7)
    Snapshot.objects.create(indicator="orgs.organisations", audience="full", period=last_month, city=jx, value=9)
    indicator = ind.get("orgs.organisations")
    assert services.trend(None, indicator, jx) == [
        {"period": last_month.strftime("%Y-%m"), "value": 7}, {"period": this_month.strftime("%Y-%m"), "value": 1.0}]
    officer = services.trend(dw.world.users["officer"], indicator, jx)
    assert [p["value"] for p in officer] == [7, 2.0]  # the public history, and the officer's own live figure
    admin = services.trend(dw.world.users["admin"], indicator, jx)
    assert [p["value"] for p in admin] == [9, 2.0]


def test_api_values_per_role(dw):
    url = "/api/dashboards/values?indicator=orgs.organisations"
    public = Client().get(url).json()
    officer = dw.world.client_for("officer").get(url).json()
    assert public["total"] == 3 and officer["total"] == 4
    assert {c["code"]: c["value"] for c in officer["cities"]}["330400"] == 2
    assert Client().get("/api/dashboards/values?indicator=matching.listings").json()["total"] == 1
    assert dw.world.client_for("secretariat").get("/api/dashboards/values?indicator=matching.listings").json()["total"] == 2


def test_api_refuses_bad_input_by_name(dw):
    bad = Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/dashboards/values?indicator=nope")
    assert bad.status_code == 422 and "nope" in bad.content.decode()
    lacking = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        f"/api/dashboards/values?indicator=equipment.instruments&alliance={dw.world.alliance.slug}")
    assert lacking.status_code == 422 and "alliance" in lacking.content.decode()
    assert Client().get("/api/dashboards/values?indicator=orgs.organisations&alliance=nope").status_code == 404
    hidden = Client().get("/api/dashboards/values?indicator=equipment.vouchers_in")
    assert hidden.status_code == 422
    zh = Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/api/dashboards/values?indicator=nope")
    assert "未知指标" in zh.json()["errors"]["indicator"][0]


def test_api_lists_indicators_in_the_callers_language(dw):
    en = {i["key"]: i for i in Client(HTTP_ACCEPT_LANGUAGE="en").get("/api/dashboards/indicators").json()}
    zh = {i["key"]: i for i in Client(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/api/dashboards/indicators").json()}
    assert en["orgs.head_enterprises"]["name"] == "Head enterprises"
    assert zh["orgs.head_enterprises"]["name"] == "龙头企业"
    assert "equipment.vouchers_in" not in en  # not shown to visitors
    assert en["matching.interests"]["kind"] == "flow"


def test_api_report_needs_sign_in(dw):
    assert Client().post("/api/dashboards/reports", {"kind": "city", "target": "330400", "format": "pdf"},
                         content_type="application/json").status_code == 401


def test_api_trend(dw):
    points = Client().get("/api/dashboards/trend?indicator=orgs.organisations&city=330400").json()
    assert points[-1]["value"] == 1.0
    assert Client().get("/api/dashboards/trend?indicator=orgs.organisations&city=999999").status_code == 422


def test_command_line_values_and_report(dw, tmp_path):
    out = io.StringIO()
    call_command("dashboards", "values", "--indicator", "orgs.organisations", "--as-user", "officer", stdout=out)
    assert "4" in out.getvalue()
    target = tmp_path / "jx.xlsx"
    call_command("dashboards", "report", "--city", "330400", "--format", "xlsx", "--output", str(target),
                 stdout=io.StringIO())
    assert target.read_bytes()[:2] == b"PK"
    call_command("dashboards", "snapshot", "--month", datetime.date.today().strftime("%Y-%m"), stdout=io.StringIO())
    assert Snapshot.objects.exists()
