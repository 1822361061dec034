"""Alliance pages: list, profile, applications (apply → decide → outcome), declarations and actions."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from corridor.alliances.models import AllianceMembership, CommitmentAction, MembershipApplication
from corridor.alliances.services import apply_for_membership
from corridor.core.testing import expect_matrix
from corridor.core.tests.test_pages_core import html_lang


def test_list_and_detail_in_both_languages(world):
    for url in ("/alliances/", f"/alliances/{world.alliance.slug}/"):
        zh = Client().get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        en = Client().get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert zh.status_code == en.status_code == 200
        assert html_lang(zh) == "zh-hans" and html_lang(en) == "en"
        assert "G60科创走廊机器人产业联盟" in zh.content.decode()
        assert "G60 Robot Industry Alliance" in en.content.decode()


def test_detail_lists_members_chair_first_and_names_secretariat_and_chair_at_the_top(world):
    page = Client().get(f"/alliances/{world.alliance.slug}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chair, member = page.index('data-testid="member-role">Chair'), page.index('data-testid="member-role">Member')
    assert chair < member
    leaders = page[page.index('data-testid="alliance-leaders"'):page.index('data-testid="alliance-facts"')]
    assert "Efort Intelligent" in leaders  # the chair, named before the member list
    assert page.index("Efort Intelligent") < page.index("Zhejiang Guozi Robot")
    assert "Wuhu Declaration" in page and "138" in page
    assert f"/alliances/declarations/{world.declaration.pk}/" in page


def test_apply_page_matrix(world):
    expect_matrix(
        world,
        "get",
        f"/alliances/{world.alliance.slug}/apply/",
        {
            "visitor": 302,
            "owner": 200,
            "member": 200,
            "outsider": 200,
            "secretariat": 403,
            "officer": 403,
            "admin": 403,
        },
    )
    page = world.client_for("owner").get(f"/alliances/{world.alliance.slug}/apply/").content.decode()
    assert 'data-testid="apply-none"' in page  # already a member
    page = world.client_for("outsider").get(f"/alliances/{world.alliance.slug}/apply/").content.decode()
    assert 'data-testid="apply-form"' in page


def test_apply_approve_and_the_member_sees_the_outcome(world):
    outsider, secretariat = world.client_for("outsider"), world.client_for("secretariat")
    response = outsider.post(
        f"/alliances/{world.alliance.slug}/apply/", {"organisation": world.outsider_org.pk, "message": "我们做机器视觉"}
    )
    assert response.status_code == 302 and response["Location"] == "/alliances/applications/"
    application = MembershipApplication.objects.get(organisation=world.outsider_org)
    assert application.status == "pending"

    page = secretariat.get("/alliances/applications/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    pending = page[page.index('data-testid="pending-applications"') : page.index('data-testid="decided-applications"')]
    assert "Jiaxing Outsider Tech" in pending and f'data-testid="approve-{application.pk}"' in pending

    response = secretariat.post(
        f"/alliances/applications/{application.pk}/decide/", {"decision": "approve", "role": "director"}
    )
    assert response.status_code == 302
    membership = AllianceMembership.objects.get(alliance=world.alliance, organisation=world.outsider_org)
    assert membership.role == "director"

    page = outsider.get("/alliances/applications/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'data-testid="application-{application.pk}" data-status="approved"' in page
    assert "Approved" in page


def test_apply_twice_shows_a_message_and_creates_nothing(world):
    apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    response = world.client_for("outsider").post(
        f"/alliances/{world.alliance.slug}/apply/", {"organisation": world.outsider_org.pk}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    assert "already pending" in response.content.decode()
    assert MembershipApplication.objects.filter(organisation=world.outsider_org).count() == 1


def test_cannot_apply_for_someone_elses_organisation(world):
    response = world.client_for("outsider").post(
        f"/alliances/{world.other_alliance.slug}/apply/", {"organisation": world.owner_org.pk}
    )
    assert response.status_code == 422  # not one of the choices
    assert not MembershipApplication.objects.exists()


def test_rejection_needs_a_reason(world):
    application = apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    secretariat = world.client_for("secretariat")
    url = f"/alliances/applications/{application.pk}/decide/"
    response = secretariat.post(url, {"decision": "reject", "reason": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert 'data-testid="error-reason"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == "pending"

    response = secretariat.post(url, {"decision": "reject", "reason": "Not in the robot industry"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected"
    page = world.client_for("outsider").get("/alliances/applications/").content.decode()
    assert 'data-status="rejected"' in page and "Not in the robot industry" in page
    assert not AllianceMembership.objects.filter(organisation=world.outsider_org).exists()


def test_decide_with_htmx_returns_the_row(world):
    application = apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    url = f"/alliances/applications/{application.pk}/decide/"
    client = world.client_for("secretariat")
    response = client.post(url, {"decision": "reject", "reason": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'data-testid="error-reason"' in response.content.decode()
    response = client.post(url, {"decision": "approve", "role": "member"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page and 'data-status="approved"' in page


def test_only_the_secretariat_decides(world):
    application = apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    url = f"/alliances/applications/{application.pk}/decide/"
    for role in ("visitor", "outsider", "owner", "member", "officer"):
        response = world.client_for(role).post(url, {"decision": "approve", "role": "chair"})
        assert response.status_code == 403, role
    application.refresh_from_db()
    assert application.status == "pending"
    assert not AllianceMembership.objects.filter(organisation=world.outsider_org).exists()


def test_withdraw_while_pending(world):
    application = apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    assert (
        world.client_for("secretariat").post(f"/alliances/applications/{application.pk}/withdraw/").status_code == 403
    )
    client = world.client_for("outsider")
    page = client.get("/alliances/applications/").content.decode()
    assert f'data-testid="withdraw-{application.pk}"' in page
    assert client.post(f"/alliances/applications/{application.pk}/withdraw/").status_code == 302
    application.refresh_from_db()
    assert application.status == "withdrawn"
    page = client.get("/alliances/applications/").content.decode()
    assert f'data-testid="withdraw-{application.pk}"' not in page


def test_applications_page_matrix(world):
    expect_matrix(
        world,
        "get",
        "/alliances/applications/",
        {
            "visitor": 302,
            "owner": 200,
            "member": 200,
            "outsider": 200,
            "secretariat": 200,
            "officer": 200,
            "admin": 200,
        },
    )


def test_declaration_page_and_recording_actions(world):
    commitment = world.declaration.commitments.get()
    url = f"/alliances/declarations/{world.declaration.pk}/"
    expect_matrix(
        world,
        "get",
        url,
        {
            "visitor": 200,
            "owner": 200,
            "member": 200,
            "outsider": 200,
            "secretariat": 200,
            "officer": 200,
            "admin": 200,
        },
    )
    zh = Client().get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-testid="declaration-title">芜湖宣言' in zh and 'data-testid="declaration-title">Wuhu Declaration' in en
    assert "Promote industrial integration" in en
    assert f'data-testid="action-form-{commitment.pk}"' not in en
    secretariat = world.client_for("secretariat")
    assert f'data-testid="action-form-{commitment.pk}"' in secretariat.get(url).content.decode()

    action_url = f"/alliances/declarations/{world.declaration.pk}/commitments/{commitment.pk}/actions/"
    payload = {"taken_on": "2019-05-20", "description": "首届机器人产业对接会", "organisation": world.member_org.pk}
    assert world.client_for("member").post(action_url, payload).status_code == 403
    assert Client().post(action_url, payload).status_code == 403
    assert not CommitmentAction.objects.exists()

    response = secretariat.post(action_url, payload)
    assert response.status_code == 302
    action = CommitmentAction.objects.get()
    assert action.taken_on == datetime.date(2019, 5, 20) and action.organisation == world.member_org
    page = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "首届机器人产业对接会" in page and "2019-05-20" in page and "Efort Intelligent" in page


def test_recording_an_action_validates_and_changes_nothing(world):
    commitment = world.declaration.commitments.get()
    action_url = f"/alliances/declarations/{world.declaration.pk}/commitments/{commitment.pk}/actions/"
    client = world.client_for("secretariat")
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(action_url, {"taken_on": future, "description": "later"})
    assert response.status_code == 422 and 'data-testid="error-taken_on"' in response.content.decode()
    response = client.post(action_url, {"taken_on": "2020-01-01", "description": " "})
    assert response.status_code == 422 and 'data-testid="error-description"' in response.content.decode()
    assert not CommitmentAction.objects.exists()


def test_secretariat_changes_a_membership(world):
    membership = AllianceMembership.objects.get(organisation=world.owner_org)
    url = f"/alliances/memberships/{membership.pk}/"
    assert world.client_for("owner").post(url, {"role": "chair", "batch": 1}).status_code == 403
    response = world.client_for("secretariat").post(url, {"role": "vice_chair", "batch": 2})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.batch) == ("vice_chair", 2)


def _members_page(world, n_extra, query=""):
    from corridor.orgs.models import Organisation

    for i in range(n_extra):
        org = Organisation.objects.create(name_zh=f"联盟测试成员{i:03d}有限公司", city=world.owner_org.city,
                                          region=world.owner_org.region, province=world.owner_org.province)
        AllianceMembership.objects.create(alliance=world.alliance, organisation=org, batch=2 + i % 2)
    return f"/alliances/{world.alliance.slug}/{query}"


def test_members_are_paginated_and_filtered_by_role_city_and_batch(world):
    from django.contrib.auth.models import AnonymousUser

    from corridor.orgs.models import Organisation

    url = _members_page(world, 30)
    client = Client()
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert first.count('data-testid="member-row"') == 25 and 'data-testid="pagination"' in first
    second = client.get(url + "?page=2", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    visible = world.alliance.memberships.filter(organisation__in=Organisation.objects.restrict(AnonymousUser())).count()
    assert visible > 25 and second.count('data-testid="member-row"') == visible - 25
    batch3 = client.get(url + "?batch=3").content.decode()
    assert batch3.count('data-testid="member-row"') == 15 and "联盟测试成员001有限公司" in batch3
    assert "联盟测试成员000有限公司" not in batch3
    chairs = client.get(url + "?role=chair", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert chairs.count('data-testid="member-row"') == 1 and "Efort Intelligent" in chairs
    other_city = client.get(url + "?city=110000").content.decode()
    assert 'data-testid="members-none"' in other_city
    bad = client.get(url + "?batch=first", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "first" in bad and bad.count('data-testid="member-row"') == 25  # named, then left out


def test_members_export_is_the_filtered_visible_set_and_never_a_formula(world):
    import io

    from openpyxl import load_workbook

    from corridor.orgs.models import Organisation

    url = _members_page(world, 3)
    sneaky = Organisation.objects.create(name_zh='=HYPERLINK("http://evil/","点我")', city=world.owner_org.city)
    AllianceMembership.objects.create(alliance=world.alliance, organisation=sneaky, batch=3)
    AllianceMembership.objects.create(alliance=world.alliance, organisation=world.unlisted_org, batch=3)
    response = Client().get(url + "members.xlsx?batch=3", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and "members.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("机构", "角色", "城市", "批次")
    names = {r[0] for r in rows[1:]}
    assert names == {"联盟测试成员001有限公司", sneaky.name_zh}
    cell = next(c for c in sheet["A"] if c.value == sneaky.name_zh)
    assert cell.data_type == "s"  # text, not a formula
    from django.contrib.auth.models import AnonymousUser

    hidden = {m.organisation.name for m in world.alliance.memberships.exclude(
        organisation__in=Organisation.objects.restrict(AnonymousUser()))}
    assert hidden == {world.unlisted_org.name}
    everything = load_workbook(io.BytesIO(Client().get(url + "members.xlsx").content)).active
    assert not hidden & {r[0] for r in everything.iter_rows(values_only=True)}
