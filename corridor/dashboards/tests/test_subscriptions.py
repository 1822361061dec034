"""Report subscriptions: a reader subscribes from the dashboard, the monthly run generates the report as
that reader sees it, in the language they chose, and tells them (a notification linking the file's page)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from corridor.core.testing import PASSWORD
from corridor.dashboards import subscriptions
from corridor.dashboards.models import ReportSubscription
from corridor.dashboards.testing import build_dash_world
from corridor.jobs import services as jobs

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dw():
    return build_dash_world()


def client_of(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.login(username=user.username, password=PASSWORD)
    return client


def test_subscribe_from_the_city_page_then_unsubscribe(dw):
    officer = dw.world.users["officer"]
    client = client_of(officer)
    page = client.get("/dashboards/city/330400/").content.decode()
    assert 'data-testid="subscribe-form"' in page and "Unsubscribe" not in page
    response = client.post("/dashboards/reports/subscribe/", {"kind": "city", "target": "330400", "format": "xlsx",
                                                              "next": "/dashboards/city/330400/"})
    assert response.status_code == 302 and response["Location"] == "/dashboards/city/330400/"
    found = ReportSubscription.objects.get(user=officer)
    assert (found.kind, found.target, found.format, found.language) == ("city", "330400", "xlsx", "en")
    assert "Unsubscribe" in client.get("/dashboards/city/330400/").content.decode()
    # Someone else's subscription to the same report is theirs: unsubscribing removes only one's own.
    with translation.override("zh-hans"):
        subscriptions.subscribe(dw.world.users["outsider"], "city", "330400", "pdf")
    client.post("/dashboards/reports/subscribe/", {"kind": "city", "target": "330400", "action": "unsubscribe"})
    assert list(ReportSubscription.objects.values_list("user__username", flat=True)) == ["outsider"]


def test_visitors_and_unknown_targets_are_refused(dw):
    with pytest.raises(PermissionDenied):
        subscriptions.subscribe(None, "city", "330400", "pdf")
    with pytest.raises(ValidationError):
        subscriptions.subscribe(dw.world.users["officer"], "city", "123456", "pdf")
    response = Client().post("/dashboards/reports/subscribe/", {"kind": "city", "target": "330400", "format": "pdf"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ReportSubscription.objects.exists()


def test_the_monthly_run_sends_each_subscriber_their_own_report(dw):
    from corridor.notifications.models import Notification

    officer, outsider = dw.world.users["officer"], dw.world.users["outsider"]
    with translation.override("en"):
        subscriptions.subscribe(officer, "city", "330400", "xlsx")
    with translation.override("zh-hans"):
        subscriptions.subscribe(outsider, "city", "330400", "xlsx")
    started = subscriptions.send_all()
    done = {job.created_by.username: jobs.wait(job, timeout=120) for job in started}
    assert {j.status for j in done.values()} == {"succeeded"}

    def organisations(job):
        with job.output.open("rb") as handle:
            sheet = load_workbook(io.BytesIO(handle.read())).worksheets[0]
        return sheet["A1"].value, {row[0]: row[1] for row in sheet.iter_rows(min_row=4, values_only=True)}

    title, figures = organisations(done["officer"])
    assert title.startswith("Monthly report of Jiaxing") and figures["Organisations"] == 2  # sees the unlisted one
    title, figures = organisations(done["outsider"])
    assert "嘉兴市" in title and figures["机构"] == 1
    ready = Notification.objects.filter(message="Your report is ready: %(title)s")
    told = ready.get(user=officer)
    assert told.link == f"/jobs/{done['officer'].pk}/"
    assert told.params["title"].startswith("Monthly report of Jiaxing")  # the report's own title, in English
    assert sorted(ready.values_list("user__username", flat=True)) == ["officer", "outsider"]
