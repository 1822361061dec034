"""Stage rules, who may move a project, bad input (a message naming the field, nothing changed), early
warning and reminders."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from corridor.core.errors import Conflict
from corridor.notifications.models import Notification
from corridor.projects import services
from corridor.projects.models import Project, StageChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(loop_world):
    w = loop_world
    w.lead = services.create_project(w.users["wuhu_officer"], {
        "name_zh": "测试项目", "investor": w.owner_org.pk, "region": "340200", "investment": "50000000"})
    return w


def test_only_declared_moves(lead):
    w, officer = lead, lead.users["wuhu_officer"]
    with pytest.raises(Conflict):
        services.advance(officer, w.lead, "sign", signed_on=datetime.date(2026, 1, 1), agreement_parties="x")
    with pytest.raises(ValidationError):
        services.advance(officer, w.lead, "teleport")
    with pytest.raises(PermissionDenied):
        services.advance(w.users["officer"], w.lead, "contact")  # Jiaxing's officer
    with pytest.raises(PermissionDenied):
        services.advance(w.users["owner"], w.lead, "contact")  # the investor
    assert Project.objects.get(pk=w.lead.pk).stage == "lead"


def test_drop_needs_a_reason_and_reopen(lead):
    w, officer = lead, lead.users["wuhu_officer"]
    with pytest.raises(ValidationError) as refused:
        services.advance(officer, w.lead, "drop", reason="  ")
    assert "reason" in refused.value.message_dict
    project = services.advance(officer, w.lead, "drop", reason="投资方战略调整")
    assert project.stage == "dropped" and project.reason == "投资方战略调整"
    project = services.advance(officer, project, "reopen")
    assert project.stage == "lead"
    assert list(StageChange.objects.filter(project=project).values_list("to_stage", flat=True)) == ["lead", "dropped", "lead"]


def test_region_rule_decides_what_signing_needs(lead):
    w, officer = lead, lead.users["wuhu_officer"]
    services.set_stage_rule(officer, w.regions["340200"], ["land_mu", "signed_on"], {"negotiation": 10})
    project = services.advance(officer, services.advance(officer, w.lead, "contact"), "negotiate")
    with pytest.raises(ValidationError) as refused:
        services.advance(officer, project, "sign", signed_on=datetime.date(2026, 1, 1))
    assert set(refused.value.message_dict) == {"land_mu"}
    with pytest.raises(ValidationError) as future:
        services.advance(officer, project, "sign", signed_on=timezone.localdate() + datetime.timedelta(days=3), land_mu="50")
    assert "signed_on" in future.value.message_dict
    project = services.advance(officer, project, "sign", signed_on=datetime.date(2026, 1, 1), land_mu="50")
    assert project.stage == "signed" and project.land_mu == 50
    with pytest.raises(PermissionDenied):
        services.set_stage_rule(w.users["officer"], w.regions["340200"], [], {})
    with pytest.raises(ValidationError):
        services.set_stage_rule(officer, w.regions["340200"], ["password"], {})


def test_capital_and_publication_only_once_signed(lead):
    w, officer = lead, lead.users["wuhu_officer"]
    with pytest.raises(ValidationError):
        services.record_arrival(officer, w.lead, "1000", "2026-01-01")
    with pytest.raises(ValidationError):
        services.publish(officer, w.lead)
    project = services.advance(officer, services.advance(officer, w.lead, "contact"), "negotiate")
    project = services.advance(officer, project, "sign", signed_on=datetime.date(2026, 1, 1), agreement_parties="双方")
    for bad, field in ((("-5", "2026-01-02"), "amount"), (("abc", "2026-01-02"), "amount"), (("10", "1.1.2026"), "on")):
        with pytest.raises(ValidationError) as refused:
            services.record_arrival(officer, project, *bad)
        assert field in refused.value.message_dict
    services.record_arrival(officer, project, "20000000", "2026-02-01")
    services.record_arrival(officer, project, "5000000", datetime.date(2026, 3, 1))
    assert Project.objects.get(pk=project.pk).arrived == 25_000_000


def test_bad_input_on_the_form_names_the_field_and_writes_nothing(lead):
    w = lead
    c = w.client_for("admin")
    response = c.post("/projects/new/", {"name_zh": "坏数据", "investor": w.owner_org.pk, "region": "340200",
                                         "activity": "manufacturing", "kind": "new", "source": "referral",
                                         "investment": "一千万"})
    assert response.status_code == 422 and 'data-testid="error-investment"' in response.content.decode()
    response = c.post("/projects/new/", {"name_zh": "无投资方", "region": "340200", "activity": "manufacturing",
                                         "kind": "new", "source": "referral"})
    assert response.status_code == 422 and 'data-testid="error-investor"' in response.content.decode()
    assert Project.objects.count() == 1
    api = c.post("/api/projects", json.dumps({"name_zh": "x", "region": "999999", "investor": w.owner_org.pk}),
                 content_type="application/json")
    assert api.status_code == 422 and "region" in api.json()["errors"]
    api = c.post("/api/projects", json.dumps({"name_zh": "x", "region": "340200", "investor": 1, "bogus": 1}),
                 content_type="application/json")
    assert api.status_code == 422
    assert Project.objects.count() == 1
    # A Wuhu officer may not record a project for Jiaxing.
    wuhu = w.client_for("admin")
    wuhu.force_login(w.users["wuhu_officer"])
    api = wuhu.post("/api/projects", json.dumps({"name_zh": "x", "region": "330400", "investor": w.owner_org.pk}),
                    content_type="application/json")
    assert api.status_code == 403


def test_new_investor_created_on_the_spot(lead):
    w = lead
    project = services.create_project(w.users["wuhu_officer"], {
        "name_zh": "新投资方项目", "new_investor": "南京新投资科技有限公司", "new_investor_region": "", "region": "340202"})
    assert project.investor.name_zh == "南京新投资科技有限公司"


def test_api_steps_and_notifications(lead):
    w = lead
    c = w.client_for("admin")
    c.force_login(w.users["wuhu_officer"])
    manager = w.users["admin"]
    Project.objects.filter(pk=w.lead.pk).update(account_manager=manager)
    for step in ("contact", "negotiate"):
        assert c.post(f"/api/projects/{w.lead.pk}/steps/{step}", "{}", content_type="application/json").status_code == 200
    again = c.post(f"/api/projects/{w.lead.pk}/steps/contact", "{}", content_type="application/json")
    assert again.status_code == 409
    signed = c.post(f"/api/projects/{w.lead.pk}/steps/sign", json.dumps(
        {"signed_on": "2026-01-03", "agreement_parties": "芜湖、国自", "agreement_amount": "60000000"}),
        content_type="application/json")
    assert signed.status_code == 200, signed.content
    body = signed.json()
    assert body["stage"] == "signed" and [h["to_stage"] for h in body["history"]][-1] == "signed"
    assert Notification.objects.filter(user=manager).count() == 3
    site = c.post(f"/api/projects/{w.lead.pk}/sites", json.dumps({"region": "310117", "activity": "rnd"}),
                  content_type="application/json")
    assert site.status_code == 201
    dup = c.post(f"/api/projects/{w.lead.pk}/sites", json.dumps({"region": "310117", "activity": "rnd"}),
                 content_type="application/json")
    assert dup.status_code == 422


def test_early_warning_and_reminders(lead):
    w = lead
    Project.objects.filter(pk=w.lead.pk).update(stage_changed_at=timezone.now() - datetime.timedelta(days=40))
    fresh = services.create_project(w.users["wuhu_officer"], {"name_zh": "新线索", "investor": w.owner_org.pk,
                                                                "region": "340200"})
    stalled = services.stalled(Project.objects.all())
    assert list(stalled) == [Project.objects.get(pk=w.lead.pk)]
    c = w.client_for("admin")
    page = c.get("/projects/?stalled=true").content.decode()
    assert "测试项目" in page and fresh.name_zh not in page
    assert 'data-testid="stalled-warning"' in c.get(f"/projects/{w.lead.pk}/").content.decode()
    assert services.remind() == 1
    note = Notification.objects.get(user=w.users["wuhu_officer"])
    assert "测试项目" in note.params["name"] and note.link == f"/projects/{w.lead.pk}/"
    # A region may allow longer: then no reminder.
    services.set_stage_rule(w.users["wuhu_officer"], w.regions["340200"], [], {"lead": 60})
    assert services.remind() == 0


def test_dropping_a_published_project_withdraws_its_summary(lead):
    w, officer = lead, lead.users["wuhu_officer"]
    project = services.advance(officer, services.advance(officer, w.lead, "contact"), "negotiate")
    project = services.advance(officer, project, "sign", signed_on=datetime.date(2026, 1, 1), agreement_parties="双方")
    project = services.publish(officer, project)
    assert w.client_for("visitor").get(f"/projects/{project.pk}/").status_code == 200
    project = services.advance(officer, project, "drop", reason="未履约")
    assert project.stage == "dropped" and not Project.objects.get(pk=project.pk).published
    assert w.client_for("visitor").get(f"/projects/{project.pk}/").status_code == 404
