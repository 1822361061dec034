"""Sign-in with throttling, sign-out, and the user's own account page with API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.accounts import services, throttle
from corridor.accounts.forms import TokenForm
from corridor.accounts.models import RoleGrant


class SignInView(auth_views.LoginView):
    """Django's login behind the shared throttle (corridor.accounts.throttle), which counts failures in
    the authentication backend; here a blocked attempt is answered 429 with a page that says why."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def _throttled(self) -> HttpResponse:
        username = throttle.normalise_username(str(self.request.POST.get("username") or ""))
        form = self.get_form_class()(self.request, initial={"username": username})
        context = self.get_context_data(form=form, throttled=True)
        return self.render_to_response(context, status=429)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if throttle.request_blocked(request):
            # Checked before the password, so guessing on does not even reach the password check.
            return self._throttled()
        return super().post(request, *args, **kwargs)


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """The admin's sign-in door, refused with 429 by the same throttle as the site's."""
    if request.method == "POST" and throttle.request_blocked(request):
        return render(request, "accounts/login.html", {"throttled": True, "form": None}, status=429)
    return admin.site.login(request, extra_context)


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


def _account_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    grants = RoleGrant.objects.filter(user_id=request.user.pk or 0).select_related("organisation", "alliance", "region")
    return {
        "grants": grants.order_by("role", "id"),
        "tokens": request.user.api_tokens.all(),  # type: ignore[union-attr]
        "token_form": TokenForm(),
        **extra,
    }


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/me.html", _account_context(request))


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/me.html", _account_context(request, token_form=form), status=422)
    token, plain = services.create_api_token(request.user, form.cleaned_data["name"])
    # Rendered, not redirected: the plain token must not pass through the session or a message cookie.
    response = render(request, "accounts/me.html", _account_context(request, new_token=token, plain_token=plain))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    services.revoke_api_token(request.user, pk)
    messages.success(request, _("The token was revoked; programs using it can no longer sign in."))
    return redirect("accounts:me")
