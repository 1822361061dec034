"""One sign-in limit for every door; usernames normalised; counted per username and per address."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from corridor.core.testing import PASSWORD


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def _admin_post(client: Client, username: str, password: str):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def test_admin_login_is_throttled(world):
    client = Client()
    for _ in range(settings.LOGIN_RATE_LIMIT):
        assert _admin_post(client, "admin", "wrong").status_code == 200
    response = _admin_post(client, "admin", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_site_and_admin_share_one_counter(world):
    client = Client()
    for i in range(settings.LOGIN_RATE_LIMIT):
        if i % 2:
            _admin_post(client, "admin", "wrong")
        else:
            client.post("/accounts/login/", {"username": "admin", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "admin", "password": PASSWORD}).status_code == 429
    assert _admin_post(client, "admin", PASSWORD).status_code == 429


def test_username_variants_share_one_counter(world):
    client = Client()
    variants = ["owner", "OWNER", "Owner", "ｏｗｎｅｒ", "ＯＷＮＥＲ", " owner "]
    for variant in variants[: settings.LOGIN_RATE_LIMIT]:
        client.post("/accounts/login/", {"username": variant, "password": "wrong"})
    for variant in variants:
        assert client.post("/accounts/login/", {"username": variant, "password": "wrong"}).status_code == 429
    assert client.post("/accounts/login/", {"username": "owner", "password": PASSWORD}).status_code == 429


def test_attacker_does_not_lock_out_the_real_user_elsewhere(world):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.LOGIN_RATE_LIMIT * 3):
        attacker.post("/accounts/login/", {"username": "owner", "password": "wrong"})
    assert attacker.post("/accounts/login/", {"username": "owner", "password": PASSWORD}).status_code == 429
    real = Client(REMOTE_ADDR="198.51.100.2")
    assert real.post("/accounts/login/", {"username": "owner", "password": PASSWORD}).status_code == 302
    assert Client(REMOTE_ADDR="198.51.100.3").post(
        "/admin/login/", {"username": "admin", "password": PASSWORD, "next": "/admin/"}
    ).status_code == 302


def test_one_address_spraying_many_usernames_is_refused(world):
    client = Client(REMOTE_ADDR="203.0.113.8")
    for i in range(settings.LOGIN_RATE_LIMIT_PER_ADDRESS):
        client.post("/accounts/login/", {"username": f"guess{i}", "password": "wrong"})
    # A username never tried from here is refused too: the address as a whole is over its limit.
    assert client.post("/accounts/login/", {"username": "member", "password": PASSWORD}).status_code == 429
    assert Client(REMOTE_ADDR="203.0.113.9").post(
        "/accounts/login/", {"username": "member", "password": PASSWORD}
    ).status_code == 302


def test_behind_a_trusted_proxy_each_client_has_its_own_address(world, settings):
    settings.TRUSTED_PROXIES = 1
    proxy = "10.0.0.1"  # every request reaches us from the proxy
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    for i in range(settings.LOGIN_RATE_LIMIT_PER_ADDRESS):
        attacker.post("/accounts/login/", {"username": f"guess{i}", "password": "wrong"})
    assert attacker.post("/accounts/login/", {"username": "member", "password": PASSWORD}).status_code == 429
    # Forging the left part of the header does not give the attacker a new address…
    forged = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert forged.post("/accounts/login/", {"username": "member", "password": PASSWORD}).status_code == 429
    # …and another client behind the same proxy is not locked out.
    other = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.post("/accounts/login/", {"username": "member", "password": PASSWORD}).status_code == 302
