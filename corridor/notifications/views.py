"""Your notifications: the list (newest first) with mark-as-read, and how you want to be told."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.notifications import services
from corridor.notifications.models import Notification, Preference

PAGE_SIZE = 50


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":  # "mark all as read" (the form of the first version of this page)
        services.mark_read(request.user)
        return redirect(request.path)
    items = Notification.objects.restrict(request.user)
    page_obj = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    choice = services.preference(request.user)
    return render(request, "notifications/list.html", {
        "page_obj": page_obj, "notifications": page_obj.object_list, "preference": choice,
        "deliveries": Preference.Delivery.choices, "languages": _languages(),
        "chosen_language": choice.language if choice.pk else (get_language() or choice.language),
    })


def _languages() -> list[tuple[str, str]]:
    from django.conf import settings

    return [(code, str(name)) for code, name in settings.LANGUAGES]


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one (`id`) or every notification read; then follow its link when asked to (`next`)."""
    raw = request.POST.getlist("id")
    ids = [int(i) for i in raw if i.isdigit()] if raw else None
    services.mark_read(request.user, ids)
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def preference(request: HttpRequest) -> HttpResponse:
    try:
        services.set_preference(request.user, request.POST.get("delivery", ""), request.POST.get("language", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("notifications:list")
