"""Requests: routing, the workflow end to end, confidentiality through every door, bad input."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.channel import services
from corridor.channel.models import EnterpriseRequest, Routing
from corridor.core.errors import Conflict
from corridor.core.testing import expect_matrix
from corridor.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_filing_routes_by_type_and_region_to_the_most_specific_rule(channel):
    req = channel.request
    assert (req.status, req.office, req.first_office) == ("assigned", channel.jiaxing, channel.jiaxing)
    assert Routing.objects.filter(request=req, office=channel.jiaxing, by_rule__isnull=False).exists()
    assert Notification.objects.filter(user=channel.clerk, link=f"/channel/requests/{req.pk}/").exists()
    assert req.contact_due and req.progress_due and req.answer_due and req.contact_due < req.progress_due < req.answer_due
    w = channel.world
    # A land request in Songjiang goes to Songjiang's office; a policy one there matches no rule.
    land = services.file_request(w.users["owner"], w.owner_org, {"type": "land", "region": "310117", "subject": "用地", "text": "需要50亩工业用地"})
    assert land.office == channel.songjiang
    unrouted = services.file_request(w.users["owner"], w.owner_org, {"type": "policy", "region": "310117", "subject": "政策", "text": "咨询"})
    assert (unrouted.status, unrouted.office) == ("received", None)
    assert Notification.objects.filter(user=w.users["admin"], link=f"/channel/requests/{unrouted.pk}/").exists()


def test_member_files_office_answers_member_rates(channel):
    w, req = channel.world, channel.request
    services.accept(channel.clerk, req)
    assert req.status == "in_progress" and req.contacted_at is not None
    services.answer(channel.clerk, req, "比例为100%。")
    assert (req.status, req.answered_by) == ("answered", channel.clerk)
    services.rate(w.users["owner"], req, "satisfied", True, "很及时")
    req.refresh_from_db()
    assert (req.status, req.satisfaction, req.resolved) == ("closed", "satisfied", True)
    figures = services.rates(EnterpriseRequest.objects.filter(office=channel.jiaxing))
    assert (figures.requests, figures.responded_on_time, figures.rated, figures.resolved, figures.satisfied) == (1, 1, 1, 1, 1)
    # The requester reopens: it is open again, the rating is withdrawn.
    services.reopen(w.users["owner"], req, "还有问题")
    assert (req.status, req.satisfaction, req.resolved, req.reopened_count) == ("in_progress", "", None, 1)


def test_who_may_take_which_step(channel):
    w, req = channel.world, channel.request
    for outsider in (w.users["member"], w.users["officer"], channel.clerk2, w.users["owner"]):
        with pytest.raises(PermissionDenied):
            services.accept(outsider, req)
    services.accept(channel.clerk, req)
    with pytest.raises(PermissionDenied):
        services.answer(w.users["owner"], req, "自问自答")
    services.answer(channel.clerk, req, "答复")
    with pytest.raises(PermissionDenied):
        services.rate(channel.clerk, req, "satisfied", True)
    with pytest.raises(Conflict):  # a second answer: the state moved on
        services.answer(channel.clerk, req, "again")


def test_bad_input_names_the_field_and_changes_nothing(channel):
    w = channel.world
    before = EnterpriseRequest.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.file_request(w.users["owner"], w.owner_org, {"type": "weather", "region": "999999", "subject": " ", "text": ""})
    assert set(caught.value.message_dict) == {"type", "region", "subject", "text"}
    with pytest.raises(PermissionDenied):
        services.file_request(w.users["member"], w.owner_org, {"type": "policy", "region": "330402", "subject": "x", "text": "y"})
    assert EnterpriseRequest.objects.count() == before
    req = channel.request
    services.accept(channel.clerk, req)
    with pytest.raises(ValidationError) as caught:
        services.answer(channel.clerk, req, "   ")
    assert "answer" in caught.value.message_dict
    services.answer(channel.clerk, req, "ok")
    with pytest.raises(ValidationError) as caught:
        services.rate(w.users["owner"], req, "ecstatic", True)
    assert "satisfaction" in caught.value.message_dict
    req.refresh_from_db()
    assert req.status == "answered"


def test_transfer_keeps_the_first_office_and_both_see_it(channel):
    req = channel.request
    with pytest.raises(ValidationError):
        services.transfer(channel.clerk, req, channel.songjiang, "")
    services.transfer(channel.clerk, req, channel.songjiang, "属松江管辖")
    assert (req.office, req.first_office, req.status) == (channel.songjiang, channel.jiaxing, "assigned")
    for staff in (channel.clerk, channel.clerk2):
        assert EnterpriseRequest.objects.restrict(staff).filter(pk=req.pk).exists()
    assert not EnterpriseRequest.objects.restrict(channel.clerk, "handle").filter(pk=req.pk).exists()
    services.accept(channel.clerk2, req)


def test_merge_as_duplicate(channel):
    w, req = channel.world, channel.request
    twin = services.file_request(w.users["owner"], w.owner_org, {"type": "policy", "region": "330400", "subject": "重复", "text": "同上"})
    with pytest.raises(ValidationError):
        services.merge(channel.clerk, twin, twin)
    services.merge(channel.clerk, twin, req)
    assert (twin.status, twin.duplicate_of) == ("merged", req)


def test_private_request_access_matrix(channel):
    w, req = channel.world, channel.request
    url = f"/channel/requests/{req.pk}/"
    expect_matrix(w, "get", url, {"visitor": 302, "owner": 200, "member": 404, "outsider": 404, "secretariat": 404,
                                   "officer": 404, "admin": 200})
    assert channel.client_for("clerk").get(url).status_code == 200
    assert channel.client_for("clerk2").get(url).status_code == 404
    history = f"/history/channel/enterpriserequest/{req.pk}/"
    got = {role: w.client_for(role).get(history).status_code for role in ("owner", "member", "outsider", "officer", "admin")}
    assert got == {"owner": 200, "member": 404, "outsider": 404, "officer": 404, "admin": 200}
    api = f"/api/channel/requests/{req.pk}"
    expect_matrix(w, "get", api, {"visitor": 401, "owner": 200, "member": 404, "outsider": 404, "secretariat": 404,
                                   "officer": 404, "admin": 200})


def test_a_private_request_never_leaks_through_search_lists_or_exports(channel):
    w, req = channel.world, channel.request
    link = f"/channel/requests/{req.pk}/"
    for role in ("member", "outsider", "officer", "secretariat"):
        client = w.client_for(role)
        assert link not in client.get("/search/?q=研发费用加计扣除").content.decode()
        assert client.get("/api/channel/requests").json()["count"] == 0
        assert "研发费用" not in client.get("/channel/").content.decode()
    assert link in w.client_for("owner").get("/search/?q=研发费用加计扣除").content.decode()
    # The officer of Jiaxing sees the office's rates, never the private request's text.
    officer = w.client_for("officer")
    page = officer.get(f"/channel/offices/{channel.jiaxing.pk}/")
    assert page.status_code == 200 and "研发费用" not in page.content.decode()
    xlsx = officer.get(f"/channel/offices/{channel.jiaxing.pk}/requests.xlsx")
    assert xlsx.status_code == 200 and "研发费用".encode() not in _xlsx_text(xlsx.content)
    assert "研发费用".encode() in _xlsx_text(channel.client_for("clerk").get(f"/channel/offices/{channel.jiaxing.pk}/requests.xlsx").content)
    assert w.client_for("member").get(f"/channel/offices/{channel.jiaxing.pk}/").status_code == 404
    # A public request is seen by every signed-in user, once routed.
    services.file_request(w.users["owner"], w.owner_org, {"type": "policy", "region": "330400", "subject": "公开诉求", "text": "公开", "is_public": True})
    assert w.client_for("outsider").get("/api/channel/requests").json()["count"] == 1


def _xlsx_text(content: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return b"".join(z.read(name) for name in z.namelist() if name.endswith(".xml"))


def test_pages_file_answer_rate(channel):
    w = channel.world
    owner = w.client_for("owner")
    assert owner.get("/channel/requests/new/").status_code == 200
    bad = owner.post("/channel/requests/new/", {"organisation": w.owner_org.pk, "type": "land", "region": "", "subject": "", "text": ""})
    assert bad.status_code == 422 and b'data-testid="error-subject"' in bad.content
    response = owner.post("/channel/requests/new/", {
        "organisation": w.owner_org.pk, "type": "policy", "region": w.regions["330400"].pk, "subject": "人才公寓",
        "text": "申请人才公寓", "priority": "normal"})
    assert response.status_code == 302
    req = EnterpriseRequest.objects.get(subject="人才公寓")
    assert not req.is_public and req.office == channel.jiaxing
    clerk = channel.client_for("clerk")
    assert clerk.post(f"/channel/requests/{req.pk}/accept/").status_code == 302
    assert clerk.post(f"/channel/requests/{req.pk}/answer/", {"text": "已安排"}).status_code == 302
    assert owner.post(f"/channel/requests/{req.pk}/rate/", {"satisfaction": "basically", "resolved": "yes"}).status_code == 302
    req.refresh_from_db()
    assert (req.status, req.satisfaction) == ("closed", "basically")
    # Someone else's step through the page: refused without a change.
    assert w.client_for("member").post(f"/channel/requests/{req.pk}/reopen/", {"text": "x"}).status_code == 404


def test_api_flow(channel):
    w = channel.world
    owner = w.client_for("owner")
    bad = owner.post("/api/channel/requests", {"organisation_id": w.owner_org.pk, "type": "nope", "region": "330400",
                                                "subject": "", "text": "x"}, content_type="application/json")
    assert bad.status_code == 422 and {"type", "subject"} <= set(bad.json()["errors"])
    made = owner.post("/api/channel/requests", {"organisation_id": w.owner_org.pk, "type": "talent", "region": "330400",
                                                 "subject": "引才", "text": "需要工程师"}, content_type="application/json")
    assert made.status_code == 201
    body = made.json()
    assert body["status"] == "assigned" and "rate" in body["actions"] and "handle" not in body["actions"]
    clerk = channel.client_for("clerk")
    detail = clerk.get(f"/api/channel/requests/{body['id']}").json()
    assert "accept" in detail["transitions"]
    assert clerk.post(f"/api/channel/requests/{body['id']}/accept", {}, content_type="application/json").status_code == 200
    assert owner.post(f"/api/channel/requests/{body['id']}/answer", {"text": "x"}, content_type="application/json").status_code == 403
    answered = clerk.post(f"/api/channel/requests/{body['id']}/answer", {"text": "已对接"}, content_type="application/json")
    assert answered.json()["status"] == "answered"
    rated = owner.post(f"/api/channel/requests/{body['id']}/rate", {"satisfaction": "dissatisfied", "resolved": False},
                       content_type="application/json")
    assert rated.json()["status"] == "closed"
    rates = clerk.get(f"/api/channel/offices/{channel.jiaxing.pk}/rates").json()
    assert (rates["rated"], rates["resolved"], rates["satisfied"]) == (1, 0, 0)
    assert w.client_for("member").get(f"/api/channel/offices/{channel.jiaxing.pk}/rates").status_code == 404


def test_open311_door(channel):
    w, req = channel.world, channel.request
    assert {s["service_code"] for s in w.client_for("visitor").get("/api/channel/open311/services.json").json()} >= {"land", "policy"}
    # The private request: its organisation and office see it; nobody else, not even by id.
    for role, count in (("owner", 1), ("member", 0), ("officer", 0), ("admin", 1)):
        assert len(w.client_for(role).get("/api/channel/open311/requests.json").json()) == count, role
    assert w.client_for("member").get(f"/api/channel/open311/requests/{req.pk}.json").status_code == 404
    one = channel.client_for("clerk").get(f"/api/channel/open311/requests/{req.pk}.json").json()[0]
    assert (one["status"], one["agency_responsible"]) == ("open", "嘉兴市营商环境服务中心")
    services.answer(channel.clerk, req, "已答复")
    one = w.client_for("owner").get("/api/channel/open311/requests.json?status=closed").json()[0]
    assert one["status"] == "closed" and "已答复" in one["status_notes"]
    assert w.client_for("owner").get("/api/channel/open311/requests.json?status=maybe").status_code == 422
    owner = w.client_for("owner")
    bad = owner.post("/api/channel/open311/requests.json", {"service_code": "weather", "description": "", "jurisdiction_id": "330400"})
    assert bad.status_code == 422 and {"service_code", "description"} <= set(bad.json()["errors"])
    made = owner.post("/api/channel/open311/requests.json", {"service_code": "land", "description": "需要厂房", "jurisdiction_id": "310117"})
    assert made.status_code == 201
    created = EnterpriseRequest.objects.get(pk=int(made.json()[0]["service_request_id"]))
    assert (created.office, created.organisation, created.is_public) == (channel.songjiang, w.owner_org, False)


def test_routing_rules_are_maintained_by_officers_of_the_region(channel):
    w = channel.world
    officer = w.client_for("officer")
    url = f"/channel/offices/{channel.jiaxing.pk}/rules/"
    assert officer.post(url, {"type": "talent", "region": "330402"}).status_code == 302
    assert services.route("talent", w.regions["330402"]).office == channel.jiaxing
    officer.post(url, {"type": "talent", "region": "999999"})  # unknown code: a message, nothing saved
    assert w.client_for("member").post(url, {"type": "land", "region": "330402"}).status_code == 404
    # Songjiang's office is not the Jiaxing officer's to route to.
    assert officer.post(f"/channel/offices/{channel.songjiang.pk}/rules/", {"type": "", "region": "330400"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.save_rule(w.users["officer"], "land", w.regions["310117"], channel.jiaxing)
    from corridor.channel.models import RoutingRule

    assert RoutingRule.objects.count() == 3


def test_attachments_are_checked_and_served_only_through_the_rule(channel, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    w = channel.world
    owner = w.client_for("owner")
    form = {"organisation": w.owner_org.pk, "type": "land", "region": w.regions["310117"].pk, "subject": "厂房",
            "text": "需要厂房", "priority": "normal"}
    bad = owner.post("/channel/requests/new/", {**form, "attachment": SimpleUploadedFile("run.exe", b"MZ")})
    assert bad.status_code == 422 and b'data-testid="error-attachment"' in bad.content
    assert not EnterpriseRequest.objects.filter(subject="厂房").exists()
    ok = owner.post("/channel/requests/new/", {**form, "attachment": SimpleUploadedFile("site-plan.pdf", b"%PDF-1.4 plan")})
    assert ok.status_code == 302
    req = EnterpriseRequest.objects.get(subject="厂房")
    url = f"/channel/requests/{req.pk}/attachment"
    assert b"".join(owner.get(url).streaming_content) == b"%PDF-1.4 plan"
    assert b"".join(channel.client_for("clerk2").get(url).streaming_content) == b"%PDF-1.4 plan"
    for role in ("member", "officer", "secretariat"):
        assert w.client_for(role).get(url).status_code == 404
    assert channel.client_for("clerk").get(url).status_code == 404


def test_merge_through_the_page_and_the_api(channel):
    w, req = channel.world, channel.request
    twin = services.file_request(w.users["owner"], w.owner_org, {"type": "policy", "region": "330400", "subject": "重复", "text": "同上"})
    third = services.file_request(w.users["owner"], w.owner_org, {"type": "policy", "region": "330400", "subject": "又重复", "text": "同上"})
    clerk = channel.client_for("clerk")
    clerk.post(f"/channel/requests/{twin.pk}/merge/", {"duplicate_of": "abc"})
    twin.refresh_from_db()
    assert twin.status == "assigned"
    assert clerk.post(f"/channel/requests/{twin.pk}/merge/", {"duplicate_of": str(req.pk)}).status_code == 302
    twin.refresh_from_db()
    assert (twin.status, twin.duplicate_of) == ("merged", req)
    merged = clerk.post(f"/api/channel/requests/{third.pk}/merge", {"duplicate_of": req.pk}, content_type="application/json")
    assert merged.status_code == 200 and merged.json()["status"] == "merged"
