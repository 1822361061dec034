"""Matchmaking pages: browse and search listings, post/edit/close, a listing with its suggested
counterparts and interests, the funnel, notifications. Every decision is in services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.accounts.scope import scope_of
from corridor.core.forms import add_service_errors
from corridor.matching import segments, services
from corridor.matching.filters import ListingFilter
from corridor.matching.forms import ListingForm
from corridor.matching.models import Interest, Listing, Notification


def listing_list(request: HttpRequest) -> HttpResponse:
    filters = ListingFilter.from_query(request.GET)
    qs = filters.apply(Listing.objects.visible_to(request.user)).select_related("organisation")
    page_obj = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "matching/list.html", {
        "page_obj": page_obj, "listings": page_obj.object_list, "filters": filters,
        "sides": Listing.Side.choices, "categories": Listing.Category.choices,
        "can_post": bool(scope_of(request.user).org_ids),
    })


def _visible(request: HttpRequest, pk: int) -> Listing:
    return get_object_or_404(Listing.objects.visible_to(request.user).select_related("organisation", "alliance"), pk=pk)


def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _visible(request, pk)
    can_manage = services.may_manage(request.user, listing)
    interests = services.interests_visible_to(request.user).filter(listing=listing)
    steps = {i.pk: services.allowed_steps(request.user, i) for i in interests}
    scope = scope_of(request.user)
    context: dict[str, Any] = {
        "listing": listing,
        "segments": segments.labelled(listing.segments or []),
        "can_manage": can_manage,
        "suggestions": services.suggestions(request.user, listing) if can_manage and listing.status == Listing.Status.OPEN else [],
        "interests": [(i, steps[i.pk]) for i in interests],
        "can_express": bool(scope.org_ids) and listing.organisation_id not in scope.org_ids and listing.status == "open"
        and not interests.filter(organisation_id__in=scope.org_ids).exists(),
        "can_introduce": services.is_secretariat_of(request.user, listing.alliance_id),
        # Organisations already in touch about this listing: not offered for an introduction again.
        "in_touch": set(interests.values_list("organisation_id", flat=True)),
    }
    return render(request, "matching/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def listing_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    listing = _visible(request, pk) if pk else None
    if listing is not None and not services.may_manage(request.user, listing):
        raise PermissionDenied(_("Only the posting organisation or its secretariat may change this listing."))
    status = 200
    if request.method == "POST":
        form = ListingForm(request.POST)
        if form.is_valid():
            try:
                if listing is None:
                    listing = services.create_listing(request.user, form.service_data())
                    messages.success(request, _("The listing was posted."))
                else:
                    services.update_listing(request.user, listing, form.service_data())
                    messages.success(request, _("The listing was saved."))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect("matching:detail", pk=listing.pk)
        status = 422
    else:
        form = ListingForm(initial=ListingForm.initial_for(listing) if listing else {"visibility": "public"})
    return render(request, "matching/edit.html", {"listing": listing, "form": form}, status=status)


@require_POST
@login_required
def listing_close(request: HttpRequest, pk: int) -> HttpResponse:
    services.close_listing(request.user, _visible(request, pk))
    messages.success(request, _("The listing was closed."))
    return redirect("matching:detail", pk=pk)


@require_POST
@login_required
def interest_express(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _visible(request, pk)
    try:
        services.express_interest(request.user, listing, message=request.POST.get("message", ""))
        messages.success(request, _("Your interest was sent."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("matching:detail", pk=pk)


@require_POST
@login_required
def introduce(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _visible(request, pk)
    counterpart = _visible(request, int(request.POST.get("counterpart", "0") or 0))
    try:
        services.introduce(request.user, listing, counterpart)
        messages.success(request, _("The two parties were introduced."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("matching:detail", pk=pk)


@require_POST
@login_required
def interest_step(request: HttpRequest, pk: int) -> HttpResponse:
    interest = get_object_or_404(services.interests_visible_to(request.user), pk=pk)
    try:
        services.advance(request.user, interest, request.POST.get("stage", ""))
        messages.success(request, _("Recorded."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("matching:detail", pk=interest.listing_id)


def funnel(request: HttpRequest) -> HttpResponse:
    group_by = "city" if request.GET.get("by") == "city" else "alliance"
    return render(request, "matching/funnel.html", {"rows": services.funnel(group_by), "group_by": group_by,
                                                    "stages": Interest.Stage})


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    items = list(Notification.objects.filter(user_id=getattr(request.user, "pk", 0))[:50])
    if request.method == "POST":
        services.mark_read(request.user)
        return redirect("matching:notifications")
    return render(request, "matching/notifications.html", {"notifications": items})
