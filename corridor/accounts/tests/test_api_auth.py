"""API authentication: personal tokens, the session with CSRF, visitors; /me and token management."""

from django.test import Client

from corridor.accounts.models import ApiToken
from corridor.accounts.services import create_api_token
from corridor.core.testing import ROLES, expect_matrix

JSON = "application/json"
CSRF_SECRET = "a" * 32


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_token_authenticates_and_sees_private_fields(world):
    _token, plain = create_api_token(world.users["owner"], "script")
    client = Client()
    me = client.get("/api/accounts/me", headers=bearer(plain))
    assert me.status_code == 200 and me.json()["username"] == "owner"
    detail = client.get(f"/api/organisations/{world.owner_org.pk}", headers=bearer(plain)).json()
    assert detail["contact_email"] == "owner@guozi.example"


def test_token_needs_no_csrf(world):
    _token, plain = create_api_token(world.users["owner"], "script")
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        f"/api/organisations/{world.owner_org.pk}", {"short_name": "国自"}, content_type=JSON, headers=bearer(plain)
    )
    assert response.status_code == 200, response.json()


def test_bad_or_revoked_token_is_401_even_on_public_endpoints(world):
    token, plain = create_api_token(world.users["owner"], "script")
    client = Client()
    for header in ("Bearer cor_not-a-real-token", "Bearer nonsense", "Bearer ", "Basic b3duZXI6cHc="):
        response = client.get("/api/organisations", headers={"authorization": header})
        assert response.status_code == 401, header
        assert response.json()["detail"] and response["WWW-Authenticate"].startswith("Bearer")
    token.delete()
    assert client.get("/api/accounts/me", headers=bearer(plain)).status_code == 401
    assert client.get("/api/organisations").status_code == 200


def test_inactive_users_token_is_refused(world):
    _token, plain = create_api_token(world.users["owner"], "script")
    world.users["owner"].is_active = False
    world.users["owner"].save()
    assert Client().get("/api/accounts/me", headers=bearer(plain)).status_code == 401


def test_session_needs_csrf_for_unsafe_methods(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["owner"])
    url = f"/api/organisations/{world.owner_org.pk}"
    assert client.get(url).status_code == 200
    refused = client.patch(url, {"short_name": "国自"}, content_type=JSON)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    world.owner_org.refresh_from_db()
    assert world.owner_org.short_name == ""
    client.cookies["csrftoken"] = CSRF_SECRET
    accepted = client.patch(url, {"short_name": "国自"}, content_type=JSON, headers={"x-csrftoken": CSRF_SECRET})
    assert accepted.status_code == 200
    assert client.post("/api/accounts/tokens", {"name": "x"}, content_type=JSON).status_code == 403


def test_visitors_read_but_must_sign_in_to_act(world):
    client = Client()
    assert client.get("/api/organisations").status_code == 200
    response = client.get("/api/accounts/me")
    assert response.status_code == 401 and "Authorization: Bearer" in response.json()["detail"]
    # Being told to sign in comes before being told what is wrong with the body.
    assert client.post("/api/alliances/g60-robot/applications", {}, content_type=JSON).status_code == 401
    assert client.patch(f"/api/organisations/{world.owner_org.pk}", {"x": 1}, content_type=JSON).status_code == 401


def test_me_lists_roles_with_their_targets(world):
    expect_matrix(world, "GET", "/api/accounts/me", dict.fromkeys(ROLES, 200) | {"visitor": 401})
    owner = world.client_for("owner").get("/api/accounts/me").json()
    assert owner["is_admin"] is False
    assert owner["roles"] == [
        {
            "role": "member",
            "alliance": None,
            "region": None,
            "organisation": {
                "id": world.owner_org.pk,
                "name": "浙江国自机器人技术股份有限公司",
                "name_zh": "浙江国自机器人技术股份有限公司",
                "name_en": "Zhejiang Guozi Robot Technology Co., Ltd.",
            },
        }
    ]
    [secretariat] = world.client_for("secretariat").get("/api/accounts/me").json()["roles"]
    assert secretariat["role"] == "secretariat" and secretariat["alliance"]["slug"] == "g60-robot"
    [officer] = world.client_for("officer").get("/api/accounts/me").json()["roles"]
    assert officer["region"]["code"] == "330400" and officer["region"]["name_zh"] == "嘉兴市"
    assert world.client_for("admin").get("/api/accounts/me").json()["is_admin"] is True


def test_token_lifecycle(world):
    client = world.client_for("member")
    created = client.post("/api/accounts/tokens", {"name": "夜间导出"}, content_type=JSON)
    assert created.status_code == 201
    body = created.json()
    assert body["token"].startswith("cor_") and body["name"] == "夜间导出" and body["token"].startswith(body["prefix"])
    listed = client.get("/api/accounts/tokens").json()
    assert [t["id"] for t in listed["items"]] == [body["id"]] and "token" not in listed["items"][0]
    assert not ApiToken.objects.filter(digest__contains=body["token"]).exists()
    me = Client().get("/api/accounts/me", headers=bearer(body["token"])).json()
    assert me["username"] == "member"
    assert world.client_for("owner").delete(f"/api/accounts/tokens/{body['id']}").status_code == 404
    assert client.delete(f"/api/accounts/tokens/{body['id']}").status_code == 204
    assert client.delete(f"/api/accounts/tokens/{body['id']}").status_code == 404
    assert Client().get("/api/accounts/me", headers=bearer(body["token"])).status_code == 401
    too_long = client.post("/api/accounts/tokens", {"name": "x" * 65}, content_type=JSON)
    assert too_long.status_code == 422 and "name" in too_long.json()["errors"]


def test_token_endpoints_need_a_user(world):
    expect_matrix(world, "GET", "/api/accounts/tokens", dict.fromkeys(ROLES, 200) | {"visitor": 401})
    assert Client().post("/api/accounts/tokens", {}, content_type=JSON).status_code == 401
