"""Password change and reset for every user (not only staff), throttled, never telling whether an account exists."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from corridor.core.testing import PASSWORD

NEW = "a-new-corridor-pass-9"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def _with_email(world, role="member", email="member@example.com"):
    user = world.users[role]
    get_user_model().objects.filter(pk=user.pk).update(email=email)
    return user


def test_a_member_changes_their_password(world):
    client = world.client_for("member")
    assert 'data-testid="password-change-link"' in client.get("/accounts/me/").content.decode()
    response = client.post("/accounts/password/change/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/change/done/"
    assert Client().post("/accounts/login/", {"username": "member", "password": NEW}).status_code == 302
    assert world.client_for("visitor").get("/accounts/password/change/").status_code == 302  # sign in first


def test_wrong_current_passwords_are_throttled(world):
    client = world.client_for("member")
    for _ in range(settings.LOGIN_RATE_LIMIT):
        client.post("/accounts/password/change/", {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW})
    response = client.post("/accounts/password/change/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 429


def test_reset_by_e_mail_end_to_end(world):
    _with_email(world)
    client = Client()
    assert 'data-testid="password-reset-link"' in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/password/reset/", {"email": "member@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1 and "member@example.com" in mail.outbox[0].to
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and 'data-testid="password-reset-confirm"' in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/accounts/password/reset/done/"
    assert Client().post("/accounts/login/", {"username": "member", "password": NEW}).status_code == 302
    # The link works once.
    again = client.get(link, follow=True).content.decode()
    assert 'data-testid="password-link-invalid"' in again


def test_reset_answers_the_same_whether_or_not_an_account_exists(world):
    _with_email(world)
    known = Client().post("/accounts/password/reset/", {"email": "member@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.com"}, HTTP_ACCEPT_LANGUAGE="en")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    page = Client().get(known["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "If an account has this address" in page


def test_reset_requests_are_rate_limited_alike_for_known_and_unknown_addresses(world):
    _with_email(world)
    for email in ("member@example.com", "nobody@example.com"):
        cache.clear()
        client = Client(REMOTE_ADDR="203.0.113.5")
        for _ in range(settings.PASSWORD_RESET_RATE_LIMIT):
            assert client.post("/accounts/password/reset/", {"email": email}).status_code == 302
        assert client.post("/accounts/password/reset/", {"email": email}).status_code == 429
        # The same address is counted from anywhere (also as "MEMBER@example.com").
        other = Client(REMOTE_ADDR="198.51.100.9")
        assert other.post("/accounts/password/reset/", {"email": email.upper()}).status_code == 429
