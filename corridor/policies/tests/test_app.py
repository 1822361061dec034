"""The policies app end to end: an officer records and publishes, a member sees its answers with reasons."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.core.testing import build_world, expect_matrix
from corridor.notifications.models import Notification
from corridor.policies import reach, services
from corridor.policies.models import Policy, Push
from corridor.policies.tests.world import rnd_policy, wuhu_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_officer_records_member_sees_answers_with_reasons(world, django_capture_on_commit_callbacks):
    officer = wuhu_officer(world)
    with django_capture_on_commit_callbacks(execute=False):
        policy, _item = rnd_policy(world, officer)
    member = world.client_for("member")
    page = member.get(f"/policies/for/{world.member_org.pk}/")
    assert page.status_code == 200
    assert "研发费用补助" not in page.content.decode()  # a draft is not in force: not shown
    services.publish(officer, policy)
    page = member.get(f"/policies/for/{world.member_org.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert 'data-answer="unknown"' in html and 'data-field="rnd_share"' in html
    services.save_profile(world.users["member"], world.member_org, {"rnd_share": "4.5"})
    html = member.get(f"/policies/for/{world.member_org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-answer="eligible"' in html
    assert "R&amp;D spending at least 3% of revenue" in html and "第三条（二）" in html
    html = member.get(f"/policies/for/{world.member_org.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "研发费用占营业收入比例不低于3%" in html


def test_not_eligible_names_the_failing_condition_and_region(world):
    officer = wuhu_officer(world)
    rnd_policy(world, officer, publish=True)
    services.save_profile(world.users["member"], world.member_org, {"rnd_share": "1"})
    services.save_profile(world.users["owner"], world.owner_org, {"rnd_share": "9"})
    [mine] = services.answers_for(world.users["member"], world.member_org)
    assert mine.status == "not_eligible"
    assert [c.clause for c in mine.answer.because] == ["第三条（二）"]
    [hangzhou] = services.answers_for(world.users["owner"], world.owner_org)  # Binjiang, Hangzhou: outside Wuhu
    assert hangzhou.status == "not_eligible"
    assert [c.field for c in hangzhou.answer.because] == ["region"]


def test_answers_are_the_organisations_own(world):
    officer = wuhu_officer(world)
    rnd_policy(world, officer, publish=True)
    url = f"/policies/for/{world.member_org.pk}/"
    expect_matrix(world, "get", url, {"visitor": 302, "owner": 404, "member": 200, "outsider": 404,
                                      "secretariat": 404, "officer": 404, "admin": 200})
    expect_matrix(world, "get", url + "profile/", {"visitor": 302, "owner": 404, "member": 200, "outsider": 404,
                                                   "secretariat": 404, "officer": 404, "admin": 200})
    with pytest.raises(PermissionDenied):
        services.answers_for(world.users["owner"], world.member_org)


def test_drafts_are_seen_only_by_who_manages_them(world):
    officer = wuhu_officer(world)
    policy, _item = rnd_policy(world, officer)
    url = f"/policies/{policy.pk}/"
    expect_matrix(world, "get", url, {"visitor": 404, "owner": 404, "member": 404, "outsider": 404,
                                      "secretariat": 404, "officer": 404, "admin": 200})
    assert world.client_for("member").get("/policies/?status=all").content.decode().count("芜湖市研发费用补助办法") == 0
    client = world.client_for("visitor")
    client.force_login(officer)
    assert client.get(url).status_code == 200
    assert client.get("/search/?q=研发费用补助").content.decode().count("芜湖市研发费用补助办法") >= 1
    assert "芜湖市研发费用补助办法" not in world.client_for("member").get("/search/?q=研发费用补助").content.decode()
    services.publish(officer, policy)
    expect_matrix(world, "get", url, {"visitor": 200, "owner": 200, "member": 200, "outsider": 200,
                                      "secretariat": 200, "officer": 200, "admin": 200})


def test_officers_record_only_for_their_region(world):
    with pytest.raises(PermissionDenied):  # the Jiaxing officer, for Wuhu
        rnd_policy(world, world.users["officer"])
    with pytest.raises(PermissionDenied):
        rnd_policy(world, world.users["member"])
    officer = wuhu_officer(world)
    policy, _item = rnd_policy(world, officer)
    expect_matrix(world, "post", f"/policies/{policy.pk}/publish/", {
        "visitor": 302, "owner": 404, "member": 404, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 302})
    assert Policy.objects.get(pk=policy.pk).status == "effective"  # the admin published it


def test_bad_rule_names_the_condition_and_nothing_changes(world):
    officer = wuhu_officer(world)
    policy, item = rnd_policy(world, officer)
    bad = {"all": [{"field": "rnd_share", "op": "gte", "value": "lots", "label_zh": "研发", "label_en": "R&D", "clause": "三"}]}
    with pytest.raises(ValidationError) as caught:
        services.save_item(officer, policy, {"rule": bad}, item)
    assert "rule.all[0]" in caught.value.message_dict["rule"][0]
    item.refresh_from_db()
    assert item.rule["all"][1]["value"] == 3
    client = world.client_for("visitor")
    client.force_login(officer)
    response = client.post(f"/policies/items/{item.pk}/edit/", {"title_zh": "x", "benefit": "subsidy", "rule": "{oops"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and "not valid JSON" in response.content.decode()
    response = client.post(f"/policies/items/{item.pk}/edit/", {"title_zh": "x", "benefit": "subsidy", "rate": "abc"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and "Enter a number" in response.content.decode()


def test_publishing_pushes_to_eligible_members_once(world, django_capture_on_commit_callbacks):
    officer = wuhu_officer(world)
    services.save_profile(world.users["member"], world.member_org, {"rnd_share": "5"})
    services.save_profile(world.users["owner"], world.owner_org, {"rnd_share": "5"})  # eligible but in Hangzhou
    with django_capture_on_commit_callbacks(execute=False):
        policy, _item = rnd_policy(world, officer)
        services.publish(officer, policy)
    assert services.push(policy.pk) == {"pushed": 1}
    assert services.push(policy.pk) == {"pushed": 0}
    assert services.push_due() == 0
    assert list(Push.objects.values_list("organisation_id", flat=True)) == [world.member_org.pk]
    told = Notification.objects.filter(message__startswith="A policy you are eligible for")
    assert sorted(told.values_list("user__username", flat=True)) == ["member"]


def test_officer_sees_who_an_item_reaches_in_their_region(world):
    officer = wuhu_officer(world)
    _policy, item = rnd_policy(world, officer, publish=True)
    url = f"/policies/items/{item.pk}/reach/"
    expect_matrix(world, "get", url, {"visitor": 302, "owner": 404, "member": 404, "outsider": 404,
                                      "secretariat": 404, "officer": 404, "admin": 200})
    found = reach.reach(officer, item)
    assert ([o.pk for o, _a in found.unknown], list(found.eligible)) == ([world.member_org.pk], [])
    services.save_profile(world.users["member"], world.member_org, {"rnd_share": "7"})
    found = reach.reach(officer, item)
    assert [o.pk for o, _a in found.eligible] == [world.member_org.pk] and found.total == 1
    client = world.client_for("visitor")
    client.force_login(officer)
    assert world.member_org.name_zh in client.get(url).content.decode()
    sheet = client.get(f"/policies/items/{item.pk}/reach.xlsx")
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"


def test_dates_decide_what_is_in_force(world):
    import datetime

    officer = wuhu_officer(world)
    policy, _item = rnd_policy(world, officer, publish=True)
    services.save_profile(world.users["member"], world.member_org, {"rnd_share": "7"})
    later = Policy.objects.get(pk=policy.pk)
    assert [r.status for r in services.answers_for(world.users["member"], world.member_org)] == ["eligible"]
    assert later.expires_on is not None and later.effective_from is not None
    on = later.expires_on + datetime.timedelta(days=1)
    assert services.answers_for(world.users["member"], world.member_org, on=on) == []
    before = later.effective_from - datetime.timedelta(days=1)
    assert services.answers_for(world.users["member"], world.member_org, on=before) == []
    newer, _other = rnd_policy(world, officer, publish=True)
    services.supersede(officer, later, newer)
    answers = services.answers_for(world.users["member"], world.member_org)
    assert [r.policy.pk for r in answers] == [newer.pk]
    assert world.client_for("visitor").get("/policies/").content.decode().count(f"/policies/{later.pk}/") == 0
    assert f"/policies/{later.pk}/" in world.client_for("visitor").get("/policies/?status=all").content.decode()


def test_push_command_tells_when_the_start_date_arrives(world, django_capture_on_commit_callbacks):
    import datetime
    from io import StringIO

    from django.core.management import call_command

    officer = wuhu_officer(world)
    services.save_profile(world.users["member"], world.member_org, {"rnd_share": "5"})
    with django_capture_on_commit_callbacks(execute=False):
        policy, _item = rnd_policy(world, officer)
        Policy.objects.filter(pk=policy.pk).update(effective_from=datetime.date.today() + datetime.timedelta(days=3))
        policy.refresh_from_db()
        services.publish(officer, policy)  # not in force yet: nobody is told now
    assert not Push.objects.exists()
    out = StringIO()
    call_command("policies", "push", stdout=out)
    assert not Push.objects.exists()
    later = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    call_command("policies", "push", "--on", later, stdout=out)
    call_command("policies", "push", "--on", later, stdout=out)
    assert Push.objects.count() == 1
    assert Notification.objects.filter(user=world.users["member"]).count() == 1


def test_secretariat_records_its_alliances_policy_and_history_follows_the_rule(world):
    secretariat = world.users["secretariat"]
    policy = services.create_policy(secretariat, {
        "title_zh": "机器人联盟成员首台套奖励", "issuer_zh": "G60机器人产业联盟秘书处", "level": "alliance",
        "alliance": world.alliance})
    with pytest.raises(PermissionDenied):
        services.create_policy(secretariat, {"title_zh": "x", "issuer_zh": "y", "level": "alliance",
                                             "alliance": world.other_alliance})
    with pytest.raises(ValidationError) as caught:
        services.create_policy(secretariat, {"title_zh": "", "title_en": "", "issuer_zh": "", "level": "alliance"})
    assert {"title_zh", "issuer_zh", "home_region"} <= set(caught.value.message_dict)
    services.save_item(secretariat, policy, {"title_zh": "首台套奖励", "benefit": "award", "amount": "100000",
                                             "rule": {"field": "alliances", "op": "has_any", "value": ["g60-robot"],
                                                      "label_zh": "联盟成员", "label_en": "A member of the alliance"}})
    url = f"/history/policies/policy/{policy.pk}/"
    expect_matrix(world, "get", url, {"visitor": 404, "owner": 404, "member": 404, "outsider": 404,
                                      "secretariat": 200, "officer": 404, "admin": 200})
    services.publish(secretariat, policy)
    [answer] = services.answers_for(world.users["owner"], world.owner_org)
    assert answer.status == "eligible"
    [answer] = services.answers_for(world.users["outsider"], world.outsider_org)
    assert answer.status == "not_eligible" and answer.reasons()[0]["label"] in ("联盟成员", "A member of the alliance")


def test_remind_me_once_before_the_window_closes(world):
    import datetime

    from corridor.policies.models import Reminder

    officer = wuhu_officer(world)
    _policy, item = rnd_policy(world, officer, publish=True)
    member = world.client_for("member")
    url = f"/policies/for/{world.member_org.pk}/remind/{item.pk}/"
    assert world.client_for("owner").post(url).status_code == 404
    assert member.post(url).status_code == 302
    assert member.post(url).status_code == 302
    assert Reminder.objects.count() == 1
    assert item.window_closes is not None
    assert services.send_reminders(item.window_closes - datetime.timedelta(days=20)) == 0
    assert services.send_reminders(item.window_closes - datetime.timedelta(days=3)) == 1
    assert services.send_reminders(item.window_closes - datetime.timedelta(days=2)) == 0
    told = Notification.objects.filter(user=world.users["member"], message__startswith="Applications for")
    assert told.count() == 1


def test_reach_is_set_based_and_agrees_with_the_per_organisation_answers(world, monkeypatch):
    from corridor.policies.eligibility import evaluate
    from corridor.policies.profiles import profiles

    officer = wuhu_officer(world)
    _policy, item = rnd_policy(world, officer, publish=True)
    services.save_profile(world.users["member"], world.member_org, {"rnd_share": "7"})
    engine = services.engine_item(item)
    scope = list(reach.reach_scope(officer, item.policy).values_list("pk", flat=True))
    expected = {pk: evaluate(engine, p, __import__("datetime").date.today()) for pk, p in profiles(scope).items()}

    def per_organisation(*args, **kwargs):
        raise AssertionError("reach evaluates organisations one by one")

    monkeypatch.setattr(services, "evaluate", per_organisation)
    found = reach.reach(officer, item)
    got = {o.pk: a for o, a in [*found.eligible, *found.unknown]}
    assert {pk: a.status for pk, a in got.items()} == {pk: a.status for pk, a in expected.items() if a.status != "not_eligible"}
    assert all(got[pk].because == expected[pk].because for pk in got)
    assert found.total == len(expected)
    assert [o.pk for o, _a in found.eligible[0:1]] == [world.member_org.pk]  # a page reads only its rows


def test_policies_for_us_reads_no_item_rows_when_nothing_changed(world, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer = wuhu_officer(world)
    with django_capture_on_commit_callbacks(execute=False):
        policy, _item = rnd_policy(world, officer, publish=True)
    member = world.client_for("member")
    url = f"/policies/for/{world.member_org.pk}/"
    member.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert 'data-answer="unknown"' in member.get(url).content.decode()
    item_rows = [q["sql"] for q in queries.captured_queries
                 if 'FROM "policies_applicationitem"' in q["sql"] and "COUNT(" not in q["sql"].upper()]
    assert item_rows == []
    # Any change is seen at once: a new item, an edited one, a policy expired.
    services.save_item(officer, policy, {"title_zh": "新事项", "title_en": "A new item", "benefit": "award"})
    assert "A new item" in member.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    services.save_item(officer, policy, {"title_en": "Renamed item"}, policy.items.get(title_en="A new item"))
    assert "Renamed item" in member.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    services.expire(officer, policy)
    assert "Renamed item" not in member.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_policies_for_us_filters_by_issuer(world):
    officer = wuhu_officer(world)
    rnd_policy(world, officer, publish=True)
    admin = world.users["admin"]
    other = services.create_policy(admin, {
        "title_zh": "国家级人才奖励", "title_en": "National talent award", "issuer_zh": "国家人才办", "issuer_en": "National Talent Office",
        "level": "national", "home_region": world.regions["340200"]})
    services.save_item(admin, other, {"title_zh": "人才奖励", "title_en": "Talent award", "benefit": "talent"})
    services.publish(admin, other)
    member, url = world.client_for("member"), f"/policies/for/{world.member_org.pk}/"
    html = member.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "R&amp;D expense subsidy" in html and "Talent award" in html
    assert '<option value="国家人才办" >National Talent Office</option>' in html
    html = member.get(url, {"issuer": "国家人才办"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Talent award" in html and "R&amp;D expense subsidy" not in html
    assert '<option value="国家人才办" selected>' in html
    html = member.get(url, {"issuer": "no such issuer"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Talent award" in html and "R&amp;D expense subsidy" in html  # an unknown issuer filters nothing out


def test_a_cold_policies_for_us_page_reads_items_rules_and_regions_in_bulk(world, django_capture_on_commit_callbacks):
    """After a start or a change, the page costs the same number of queries for one policy as for three."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    officer = wuhu_officer(world)
    member = world.client_for("member")
    url = f"/policies/for/{world.member_org.pk}/"

    def cold_page_queries() -> int:
        services._IN_FORCE.clear()
        services._PARSED.clear()
        with CaptureQueriesContext(connection) as queries:
            assert member.get(url).status_code == 200
        return len(queries.captured_queries)

    with django_capture_on_commit_callbacks(execute=False):
        rnd_policy(world, officer, publish=True)
        one = cold_page_queries()
        rnd_policy(world, officer, publish=True)
        rnd_policy(world, officer, publish=True)
    assert cold_page_queries() == one
