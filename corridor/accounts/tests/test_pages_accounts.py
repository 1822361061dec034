"""Sign-in (with throttling), sign-out and the account page with API tokens."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from corridor.accounts.models import ApiToken
from corridor.accounts.services import user_for_token
from corridor.core.testing import PASSWORD, expect_matrix


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # The login throttle lives in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


def test_login_page_in_both_languages(world):
    for lang in ("zh-hans", "en"):
        response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200
        assert f'<html lang="{lang}"' in response.content.decode()
        assert 'data-testid="login-form"' in response.content.decode()


def test_login_and_logout(world):
    client = Client()
    response = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD, "next": "/alliances/"})
    assert response.status_code == 302 and response["Location"] == "/alliances/"
    assert 'data-testid="user-name"' in client.get("/").content.decode()
    assert client.get("/accounts/logout/").status_code == 405  # sign-out is a POST
    assert client.post("/accounts/logout/").status_code == 302
    assert 'data-testid="login-link"' in client.get("/").content.decode()


def test_wrong_password_says_so(world):
    response = Client().post("/accounts/login/", {"username": "owner", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and 'data-testid="login-error"' in response.content.decode()


def test_login_is_throttled_after_the_limit(world):
    client = Client()
    for _ in range(settings.LOGIN_RATE_LIMIT):
        assert client.post("/accounts/login/", {"username": "owner", "password": "wrong"}).status_code == 200
    # Blocked now, even with the right password.
    response = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert 'data-testid="login-throttled"' in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another username from the same address is not blocked, nor the same username from another address.
    assert Client().post("/accounts/login/", {"username": "member", "password": PASSWORD}).status_code == 302
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post("/accounts/login/", {"username": "owner", "password": PASSWORD}).status_code == 302


def test_success_resets_the_failure_count(world):
    client = Client()
    for _ in range(settings.LOGIN_RATE_LIMIT - 1):
        client.post("/accounts/login/", {"username": "owner", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "owner", "password": PASSWORD}).status_code == 302
    client.post("/accounts/logout/")
    assert Client().post("/accounts/login/", {"username": "owner", "password": "wrong"}).status_code == 200


def test_account_page_matrix(world):
    expect_matrix(
        world,
        "get",
        "/accounts/me/",
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


def test_account_page_lists_roles(world):
    page = world.client_for("officer").get("/accounts/me/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "City officer" in page and "Jiaxing" in page
    zh = world.client_for("officer").get("/accounts/me/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "嘉兴市" in zh


def test_create_show_once_and_revoke_a_token(world):
    client = world.client_for("owner")
    response = client.post("/accounts/tokens/", {"name": "nightly import"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    match = re.search(r'id="new-token-value">([^<]+)<', response.content.decode())
    assert match
    plain = match.group(1)
    assert user_for_token(plain) == world.users["owner"]
    token = ApiToken.objects.get(user=world.users["owner"])
    page = client.get("/accounts/me/").content.decode()
    assert "nightly import" in page and plain not in page  # shown once only

    assert world.client_for("member").post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 403
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert Client().post("/accounts/tokens/", {"name": "x"}).status_code == 302  # visitors are sent to sign in
