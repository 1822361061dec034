"""The one authentication backend: Django's, behind the sign-in throttle.

Every door that checks a password (our sign-in page, /admin/login/, anything calling
`authenticate`) goes through here, so one limit covers them all.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from corridor.accounts import throttle


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if request is None or username is None or password is None:
            # Not a sign-in attempt from a client (management commands, tests' force_login paths).
            return super().authenticate(request, username=username, password=password, **kwargs)
        ip = throttle.client_ip(request)
        if throttle.blocked(username, ip):
            # PermissionDenied stops `authenticate` at once: the password is not even checked.
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.failed(username, ip)
        else:
            throttle.succeeded(username, ip)
        return user
