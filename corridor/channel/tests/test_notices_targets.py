"""Notices: targeting, who may send to whom, read receipts seen by the sender only. Targets: progress from
registry counts, snapshots, manual values."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from corridor.channel import services
from corridor.channel.models import Notice, NoticeReceipt, Target, TargetSnapshot
from corridor.core.testing import expect_matrix
from corridor.notifications.models import Notification
from corridor.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def _notice(world, sender="officer", **targeting):
    data = {"title_zh": "关于申报2027年度科技项目的通知", "title_en": "Call for 2027 science projects",
            "body_zh": "请于月底前申报。", "body_en": "Apply by the end of the month.", **targeting}
    return services.send_notice(world.users[sender], data)


def test_an_officer_reaches_the_organisations_in_their_region(world):
    # Jiaxing's officer: outsider_org (Nanhu district, inside Jiaxing) is reached, Hangzhou's and Wuhu's are not.
    notice = _notice(world, regions=[world.regions["330400"]])
    reached = set(NoticeReceipt.objects.filter(notice=notice).values_list("user__username", flat=True))
    assert reached == {"outsider"}
    assert Notification.objects.filter(user=world.users["outsider"], link=f"/channel/notices/{notice.pk}/").exists()
    with pytest.raises(PermissionDenied):  # not their region
        _notice(world, regions=[world.regions["330100"]])
    with pytest.raises(PermissionDenied):  # no region: everyone would be reached
        _notice(world)


def test_a_secretariat_reaches_its_alliance_members_narrowed_by_kind_and_size(world):
    Organisation.objects.filter(pk=world.member_org.pk).update(size_band="large")
    Organisation.objects.filter(pk=world.owner_org.pk).update(size_band="medium")
    notice = _notice(world, "secretariat", alliances=[world.alliance], size_bands=["large"], kinds=["enterprise"])
    assert set(notice.receipts.values_list("user__username", flat=True)) == {"member"}
    everyone = _notice(world, "secretariat", alliances=[world.alliance])
    assert set(everyone.receipts.values_list("user__username", flat=True)) == {"member", "owner"}
    with pytest.raises(PermissionDenied):
        _notice(world, "secretariat", alliances=[world.other_alliance])
    with pytest.raises(PermissionDenied):
        _notice(world, "member", alliances=[world.alliance])


def test_bad_notice_input_names_the_field(world):
    before = Notice.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.send_notice(world.users["admin"], {"title_zh": "", "title_en": "", "body_zh": "", "kinds": ["pirate"]})
    assert set(caught.value.message_dict) == {"title_zh", "body_zh", "kinds"}
    assert Notice.objects.count() == before


def test_read_receipts_are_the_senders(world):
    notice = _notice(world, "secretariat", alliances=[world.alliance])
    url = f"/channel/notices/{notice.pk}/"
    expect_matrix(world, "get", url, {"visitor": 302, "owner": 200, "member": 200, "outsider": 404, "secretariat": 200,
                                       "officer": 404, "admin": 200})
    receipt = NoticeReceipt.objects.get(notice=notice, user=world.users["owner"])
    assert receipt.read_at is not None  # opened in the matrix
    page = world.client_for("secretariat").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="receipts"' in page and "2 of 2" in page
    assert 'data-testid="receipts"' not in world.client_for("owner").get(url).content.decode()
    # The list and the API: only what reached you.
    assert world.client_for("outsider").get("/api/channel/notices").json()["count"] == 0
    assert world.client_for("owner").get("/api/channel/notices").json()["count"] == 1


def test_sending_from_the_page(world):
    client = world.client_for("officer")
    assert client.get("/channel/notices/").status_code == 200
    bad = client.post("/channel/notices/", {"title_zh": "", "body_zh": "x", "regions": [world.regions["330400"].pk]})
    assert bad.status_code == 422 and b'data-testid="error-title_zh"' in bad.content
    sent = client.post("/channel/notices/", {"title_zh": "停电通知", "body_zh": "周六停电", "regions": [world.regions["330400"].pk]})
    assert sent.status_code == 302
    assert world.client_for("member").post("/channel/notices/", {"title_zh": "x", "body_zh": "y"}).status_code == 403


def _target(world, **fields):
    base = {"region": world.regions["330400"], "title_zh": "嘉兴企业", "goal": 4, "due_on": datetime.date(2027, 12, 31)}
    return Target.objects.create(**{**base, **fields})


def test_target_progress_counts_the_registry(world):
    enterprises = _target(world, kind="enterprise")
    heads = _target(world, title_zh="龙头", region=world.regions["340000"], head_enterprises_only=True)
    # Only listed organisations count: the unlisted one in Jiaxing is not told to anyone.
    assert services.target_value(enterprises) == 1
    assert services.target_value(heads) == 1  # Efort, Wuhu (inside Anhui)
    manual = _target(world, title_zh="手工", manual=True, manual_value=3)
    assert services.target_value(manual) == 3
    out = StringIO()
    call_command("channel", "snapshot", stdout=out)
    call_command("channel", "snapshot", stdout=out)
    assert TargetSnapshot.objects.count() == 3
    assert TargetSnapshot.objects.get(target=enterprises).value == 1


def test_manual_target_values_are_the_regions(world):
    manual = _target(world, manual=True, manual_value=1)
    with pytest.raises(PermissionDenied):
        services.set_manual_value(world.users["member"], manual, 9)
    services.set_manual_value(world.users["officer"], manual, 2)
    with pytest.raises(ValidationError):
        services.set_manual_value(world.users["officer"], _target(world, title_zh="auto"), 2)
    assert world.client_for("officer").post(f"/channel/targets/{manual.pk}/value/", {"manual_value": "abc"}).status_code == 302
    manual.refresh_from_db()
    assert manual.manual_value == 2
    page = world.client_for("visitor").get("/channel/targets/")
    assert page.status_code == 200 and "嘉兴企业" in page.content.decode()
    assert world.client_for("visitor").get("/api/channel/targets").json()[0]["value"] == 2


def test_sending_through_the_api(world):
    officer = world.client_for("officer")
    bad = officer.post("/api/channel/notices", {"title_zh": "通知", "body_zh": "x", "regions": ["999999"]}, content_type="application/json")
    assert bad.status_code == 422 and "regions" in bad.json()["errors"]
    refused = officer.post("/api/channel/notices", {"title_zh": "通知", "body_zh": "x", "regions": ["330100"]}, content_type="application/json")
    assert refused.status_code == 403
    sent = officer.post("/api/channel/notices", {"title_zh": "通知", "body_zh": "x", "regions": ["330400"]}, content_type="application/json")
    assert sent.status_code == 201 and sent.json()["recipients"] == 1
    assert world.client_for("visitor").post("/api/channel/notices", {}, content_type="application/json").status_code == 401


def test_an_officer_sets_a_target_for_their_region(world):
    officer = world.client_for("officer")
    form = {"region": world.regions["330402"].pk, "title_zh": "南湖区科技型中小企业", "title_en": "Nanhu tech SMEs", "goal": "10",
            "due_on": "2027-12-31", "kind": "enterprise", "size_bands": ["small", "micro"]}
    bad = officer.post("/channel/targets/", {**form, "goal": "0", "title_zh": ""})
    assert bad.status_code == 422 and b'data-testid="error-goal"' in bad.content and b'data-testid="error-title_zh"' in bad.content
    assert officer.post("/channel/targets/", form).status_code == 302
    target = Target.objects.get(title_zh="南湖区科技型中小企业")
    assert target.snapshots.count() == 1 and target.size_bands == ["small", "micro"]
    again = officer.post("/channel/targets/", form)
    assert again.status_code == 422 and Target.objects.filter(title_zh="南湖区科技型中小企业").count() == 1
    # Hangzhou is not the Jiaxing officer's; a member sets no targets.
    with pytest.raises(PermissionDenied):
        services.create_target(world.users["officer"], {"region": world.regions["330100"], "title_zh": "杭州", "goal": 5,
                                                        "due_on": datetime.date(2027, 1, 1)})
    assert world.client_for("member").post("/channel/targets/", form).status_code == 403
