"""Production settings come from the environment: `check --deploy` is clean with a production-like
environment, bad values are refused naming the variable, and every page carries a script-tight CSP."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CORRIDOR = [sys.executable, "-m", "corridor.cli"]
PRODUCTION = {
    "SECRET_KEY": "k3%Vq8#pL2!xR7@wZ5$mN1^bT6&cY4*eJ9(hG0)uA-sD=fQ+iO_lP~vW",
    "ALLOWED_HOSTS": "corridor.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://corridor.example.org",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def _corridor(args: list[str], tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "CORRIDOR_DATA_DIR": str(tmp_path / "var"), "LANGUAGE": "en"}
    return subprocess.run([*CORRIDOR, *args], env={**base, **env}, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_a_production_like_environment(tmp_path):
    done = _corridor(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_without_the_production_variables_check_deploy_complains(tmp_path):
    done = _corridor(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, SECRET_KEY=PRODUCTION["SECRET_KEY"])
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stdout + done.stderr


@pytest.mark.parametrize("variable, value", [
    ("SECURE_COOKIES", "maybe"), ("SECURE_HSTS_SECONDS", "-1"), ("SECURE_HSTS_SECONDS", "a year"),
    ("SECURE_PROXY_SSL_HEADER", "X Forwarded Proto"), ("CSRF_TRUSTED_ORIGINS", "corridor.example.org"),
])
def test_bad_values_are_refused_naming_the_variable(tmp_path, variable, value):
    done = _corridor(["check"], tmp_path, **{**PRODUCTION, variable: value})
    assert done.returncode != 0 and variable in done.stderr


def test_every_page_carries_a_csp_without_inline_scripts(world):
    from corridor.core.csp import DEFAULT_POLICY

    for url in ("/", "/organisations/", "/equipment/", "/matching/", "/accounts/login/", "/api/regions"):
        response = world.client_for("visitor").get(url)
        policy = response["Content-Security-Policy"]
        assert policy == DEFAULT_POLICY
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        body = response.content.decode()
        # Every <script> of a page has a src or is a JSON data block: nothing the CSP would have to run inline.
        for chunk in body.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)


def test_proxy_header_setting(tmp_path):
    from corridor.env import env_proxy_ssl_header

    os.environ["TEST_PROXY_HEADER"] = "X-Forwarded-Proto: https"
    try:
        assert env_proxy_ssl_header("TEST_PROXY_HEADER") == ("HTTP_X_FORWARDED_PROTO", "https")
    finally:
        del os.environ["TEST_PROXY_HEADER"]
