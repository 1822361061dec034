"""Password change (signed in) and reset by e-mail, with Django's own views, forms and tokens.

Both are throttled: a reset request counts per address and per (normalised) e-mail whether or not an
account has that address, so neither the answers nor the refusals tell whether an account exists; a
change counts wrong current passwords in the sign-in throttle (a stolen session cannot guess on).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from corridor.accounts import throttle


def _reset_key(kind: str, value: str) -> str:
    return throttle._key(f"reset-{kind}", value)


def reset_blocked(email: str, ip: str) -> bool:
    limit = settings.PASSWORD_RESET_RATE_LIMIT
    return any(int(cache.get(_reset_key(k, v), 0)) >= limit
               for k, v in (("email", throttle.normalise_username(email)), ("addr", ip)))


def reset_requested(email: str, ip: str) -> None:
    for kind, value in (("email", throttle.normalise_username(email)), ("addr", ip)):
        key = _reset_key(kind, value)
        if not cache.add(key, 1, settings.LOGIN_RATE_WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, settings.LOGIN_RATE_WINDOW_SECONDS)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_context = {"title": _("Reset your password"), "testid": "password-reset",
                     "intro": _("Enter the e-mail address of your account. If an account has it, we send a link "
                                "to choose a new password.")}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email, ip = str(request.POST.get("email") or ""), throttle.client_ip(request)
        if reset_blocked(email, ip):
            return self.render_to_response(self.get_context_data(throttled=True), status=429)
        reset_requested(email, ip)  # counted whether or not an account has this address
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_message.html"
    extra_context = {"title": _("Check your e-mail"), "testid": "password-reset-done",
                     "message": _("If an account has this address, an e-mail with a link to choose a new password "
                                  "is on its way. The link works once, for a limited time.")}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_form.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    extra_context = {"title": _("Choose a new password"), "testid": "password-reset-confirm",
                     "invalid_message": _("This link is not valid any more (used, expired or mistyped). "
                                          "Ask for a new one.")}


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_message.html"
    extra_context = {"title": _("Password changed"), "testid": "password-reset-complete",
                     "message": _("Your password was changed. You can sign in with it now."), "sign_in": True}


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_form.html"
    success_url = reverse_lazy("accounts:password_change_done")
    extra_context = {"title": _("Change your password"), "testid": "password-change"}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username, ip = request.user.get_username(), throttle.client_ip(request)
        if throttle.blocked(username, ip):
            return self.render_to_response(self.get_context_data(throttled=True), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        if "old_password" in form.errors:
            throttle.failed(self.request.user.get_username(), throttle.client_ip(self.request))
        return super().form_invalid(form)


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_message.html"
    extra_context = {"title": _("Password changed"), "testid": "password-change-done",
                     "message": _("Your password was changed.")}
