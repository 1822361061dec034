"""The alliances API: members in role order, declarations, applications and their decisions, actions."""

import datetime

import pytest
from django.utils import timezone

from corridor.alliances import services
from corridor.alliances.models import AllianceMembership, Commitment, CommitmentAction, MembershipApplication
from corridor.core.testing import ROLES, expect_matrix
from corridor.orgs.services import create_organisation

JSON = "application/json"
TODAY = timezone.localdate()


@pytest.fixture
def application(world):
    """The outsider's organisation applies to the robot alliance."""
    return services.apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org, "我们做减速器")


@pytest.fixture
def commitment(world):
    return Commitment.objects.get(declaration=world.declaration, position=1)


def test_alliances_are_public_and_bilingual(world):
    body = world.client_for("visitor").get("/api/alliances").json()
    assert [a["slug"] for a in body["items"]] == ["g60-robot", "g60-new-materials"]
    robot = body["items"][0]
    assert robot["name_zh"] == "G60科创走廊机器人产业联盟" and robot["name"] == robot["name_zh"]
    assert robot["member_count"] == 2 and robot["first_batch_count"] == 138
    assert robot["founded_in"]["code"] == "340200" and robot["industry"]["slug"] == "robots"
    detail = world.client_for("visitor").get("/api/alliances/g60-robot", headers={"accept-language": "en"}).json()
    assert detail["name"] == "G60 Robot Industry Alliance" and detail["offices"] == []
    assert world.client_for("visitor").get("/api/alliances/no-such-alliance").status_code == 404


def test_members_in_role_order_without_hidden_organisations(world):
    admin = world.users["admin"]
    vice = create_organisation(None, {"name_zh": "安徽副会长单位有限公司", "region": "340202"})
    director = create_organisation(None, {"name_zh": "安徽理事单位有限公司", "region": "340202"})
    services.add_membership(admin, world.alliance, director, role="director")
    services.add_membership(admin, world.alliance, vice, role="vice_chair")
    services.add_membership(admin, world.alliance, world.unlisted_org, role="member")
    body = world.client_for("visitor").get("/api/alliances/g60-robot/members").json()
    assert [(m["role"], m["organisation"]["id"]) for m in body["items"]] == [
        ("chair", world.member_org.pk),
        ("vice_chair", vice.pk),
        ("director", director.pk),
        ("member", world.owner_org.pk),
    ]
    officer_ids = [
        m["organisation"]["id"]
        for m in world.client_for("officer").get("/api/alliances/g60-robot/members").json()["items"]
    ]
    assert world.unlisted_org.pk in officer_ids
    paged = world.client_for("visitor").get("/api/alliances/g60-robot/members", {"limit": 1, "offset": 1}).json()
    assert paged["count"] == 4 and [m["role"] for m in paged["items"]] == ["vice_chair"]


def test_declarations_with_commitments_and_actions(world, commitment):
    admin = world.users["admin"]
    services.record_action(
        admin, commitment, taken_on=TODAY, description="成立芜湖机器人产业研究院", organisation=world.member_org
    )
    services.record_action(
        admin, commitment, taken_on=TODAY, description="材料测试共享", organisation=world.unlisted_org
    )
    body = world.client_for("visitor").get("/api/alliances/g60-robot/declarations").json()
    [declaration] = body["items"]
    assert declaration["title_zh"] == "芜湖宣言" and declaration["title_en"] == "Wuhu Declaration"
    actions = declaration["commitments"][0]["actions"]
    named = {a["description"]: a["organisation"] for a in actions}
    assert named["成立芜湖机器人产业研究院"]["id"] == world.member_org.pk
    assert named["材料测试共享"] is None
    admin_view = world.client_for("admin").get("/api/alliances/g60-robot/declarations").json()
    named = {a["description"]: a["organisation"] for a in admin_view["items"][0]["commitments"][0]["actions"]}
    assert named["材料测试共享"]["id"] == world.unlisted_org.pk


def test_application_list_matrix_and_contents(world, application):
    url = "/api/alliances/applications"
    expect_matrix(world, "GET", url, dict.fromkeys(ROLES, 200) | {"visitor": 401})
    for role, sees in {
        "owner": False,
        "member": False,
        "outsider": True,
        "secretariat": True,
        "officer": False,
        "admin": True,
    }.items():
        ids = [a["id"] for a in world.client_for(role).get(url).json()["items"]]
        assert ids == ([application.pk] if sees else []), role
    body = world.client_for("secretariat").get(url, {"status": "pending", "alliance": "g60-robot"}).json()
    assert body["items"][0]["message"] == "我们做减速器" and body["items"][0]["applicant"] == "outsider"
    assert world.client_for("secretariat").get(url, {"status": "approved"}).json()["count"] == 0


def test_apply(world):
    url = "/api/alliances/g60-robot/applications"
    client = world.client_for("outsider")
    response = client.post(url, {"organisation_id": world.outsider_org.pk, "message": "申请加入"}, content_type=JSON)
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "pending" and response.json()["organisation"]["id"] == world.outsider_org.pk
    again = client.post(url, {"organisation_id": world.outsider_org.pk}, content_type=JSON)
    assert again.status_code == 409
    member = world.client_for("owner").post(url, {"organisation_id": world.owner_org.pk}, content_type=JSON)
    assert member.status_code == 409 and "alliance" in member.json()["errors"]
    other = world.client_for("owner").post(url, {"organisation_id": world.outsider_org.pk}, content_type=JSON)
    assert other.status_code == 403
    hidden = world.client_for("owner").post(url, {"organisation_id": world.unlisted_org.pk}, content_type=JSON)
    assert hidden.status_code == 422 and "organisation_id" in hidden.json()["errors"]
    missing = world.client_for("owner").post(url, {"message": "hi"}, content_type=JSON)
    assert missing.status_code == 422 and "organisation_id" in missing.json()["errors"]
    assert world.client_for("visitor").post(url, {"organisation_id": 1}, content_type=JSON).status_code == 401
    assert MembershipApplication.objects.count() == 1


def test_decision_matrix_rejection_needs_a_reason(world, application):
    url = f"/api/alliances/applications/{application.pk}/decision"
    expected = {
        "visitor": 401,
        "owner": 404,
        "member": 404,
        "outsider": 403,
        "secretariat": 422,
        "officer": 404,
        "admin": 422,
    }
    expect_matrix(world, "POST", url, expected, data={"approve": False, "reason": "  "}, content_type=JSON)
    response = world.client_for("secretariat").post(url, {"approve": False}, content_type=JSON)
    assert list(response.json()["errors"]) == ["reason"]
    application.refresh_from_db()
    assert application.status == "pending"


def test_approval_makes_a_member_and_cannot_be_repeated(world, application):
    url = f"/api/alliances/applications/{application.pk}/decision"
    client = world.client_for("secretariat")
    response = client.post(url, {"approve": True, "role": "director"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "approved"
    membership = AllianceMembership.objects.get(alliance=world.alliance, organisation=world.outsider_org)
    assert membership.role == "director"
    assert client.post(url, {"approve": False, "reason": "改变主意"}, content_type=JSON).status_code == 409
    bad_role = world.client_for("admin").post(url, {"approve": True, "role": "king"}, content_type=JSON)
    assert bad_role.status_code == 422 and "role" in bad_role.json()["errors"]


def test_rejection_with_a_reason(world, application):
    url = f"/api/alliances/applications/{application.pk}/decision"
    response = world.client_for("secretariat").post(url, {"approve": False, "reason": "材料不全"}, content_type=JSON)
    assert response.status_code == 200
    assert response.json()["status"] == "rejected" and response.json()["reason"] == "材料不全"
    assert not AllianceMembership.objects.filter(organisation=world.outsider_org).exists()


def test_withdraw(world, application):
    url = f"/api/alliances/applications/{application.pk}/withdraw"
    assert world.client_for("secretariat").post(url).status_code == 403
    assert world.client_for("owner").post(url).status_code == 404
    response = world.client_for("outsider").post(url)
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    assert world.client_for("outsider").post(url).status_code == 409


def test_application_history(world, application):
    services.decide_application(world.users["secretariat"], application, approve=False, reason="材料不全")
    url = f"/api/alliances/applications/{application.pk}/history"
    expected = dict.fromkeys(ROLES, 404) | {"visitor": 401, "outsider": 200, "secretariat": 200, "admin": 200}
    expect_matrix(world, "GET", url, expected)
    items = world.client_for("outsider").get(url).json()["items"]
    assert [i["action"] for i in items] == ["update", "create"]


def test_commitment_action_matrix(world, commitment):
    url = f"/api/alliances/commitments/{commitment.pk}/actions"
    payload = {"taken_on": "2019-06-01", "description": "举办机器人产业对接会", "organisation_id": world.member_org.pk}
    expected = dict.fromkeys(ROLES, 403) | {"visitor": 401, "secretariat": 201, "admin": 201}
    expect_matrix(world, "POST", url, expected, data=payload, content_type=JSON)
    assert CommitmentAction.objects.filter(commitment=commitment).count() == 2
    body = world.client_for("secretariat").post(url, payload, content_type=JSON).json()
    assert body["organisation"]["id"] == world.member_org.pk and body["taken_on"] == "2019-06-01"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"taken_on": (TODAY + datetime.timedelta(days=3)).isoformat()}, "taken_on"),
        ({"description": "   "}, "description"),
        ({"taken_on": "yesterday"}, "taken_on"),
        ({"organisation_id": 999999}, "organisation_id"),
    ],
)
def test_commitment_action_refusals_name_the_field(world, commitment, change, field):
    payload = {"taken_on": "2019-06-01", "description": "举办对接会"} | change
    response = world.client_for("secretariat").post(
        f"/api/alliances/commitments/{commitment.pk}/actions", payload, content_type=JSON
    )
    assert response.status_code == 422 and field in response.json()["errors"], response.json()
    assert not CommitmentAction.objects.exists()


def test_commitment_action_on_an_unknown_commitment_is_404(world):
    response = world.client_for("admin").post(
        "/api/alliances/commitments/999999/actions", {"taken_on": "2019-06-01", "description": "x"}, content_type=JSON
    )
    assert response.status_code == 404


def test_membership_and_declaration_history(world, commitment):
    services.change_membership(
        world.users["secretariat"], world.alliance.memberships.get(organisation=world.owner_org), role="director"
    )
    membership = world.alliance.memberships.get(organisation=world.owner_org)
    expected = dict.fromkeys(ROLES, 403) | {"visitor": 401, "owner": 200, "secretariat": 200, "admin": 200}
    expect_matrix(world, "GET", f"/api/alliances/memberships/{membership.pk}/history", expected)
    items = world.client_for("owner").get(f"/api/alliances/memberships/{membership.pk}/history").json()["items"]
    assert items[0]["changes"] == [{"field": "role", "before": "member", "after": "director"}]

    services.record_action(world.users["secretariat"], commitment, taken_on=TODAY, description="签约")
    url = f"/api/alliances/declarations/{world.declaration.pk}/history"
    expected = dict.fromkeys(ROLES, 403) | {"visitor": 401, "secretariat": 200, "admin": 200}
    expect_matrix(world, "GET", url, expected)
    assert world.client_for("admin").get(url).json()["count"] == 1


def test_membership_of_a_hidden_organisation_is_404(world):
    membership = services.add_membership(world.users["admin"], world.alliance, world.unlisted_org)
    url = f"/api/alliances/memberships/{membership.pk}/history"
    assert world.client_for("owner").get(url).status_code == 404
    assert world.client_for("secretariat").get(url).status_code == 200
