"""Matchmaking pages: browse and search listings, post/edit/close, a listing with its suggested
counterparts and interests, the funnel, notifications. Every decision is in services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.core import access, toolkit
from corridor.matching import segments, services
from corridor.matching.filters import ListingFilter
from corridor.matching.forms import ListingForm
from corridor.matching.models import Interest, Listing


def listing_list(request: HttpRequest) -> HttpResponse:
    filters = ListingFilter.from_query(request.GET, request)
    qs = filters.apply(Listing.objects.restrict(request.user)).select_related("organisation")
    page_obj = toolkit.paginate(request, qs)
    return render(request, "matching/list.html", {
        "page_obj": page_obj, "listings": page_obj.object_list, "filters": filters,
        "sides": Listing.Side.choices, "categories": Listing.Category.choices,
        "can_post": access.acts_for_an_organisation(request.user),
    })


def _visible(request: HttpRequest, pk: int) -> Listing:
    return get_object_or_404(Listing.objects.restrict(request.user).select_related("organisation", "alliance"), pk=pk)


def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = _visible(request, pk)
    can_manage = services.may_manage(request.user, listing)
    interests = services.interests_visible_to(request.user).filter(listing=listing)
    steps = {i.pk: services.allowed_steps(request.user, i) for i in interests}
    own = access.member_org_ids(request.user)
    context: dict[str, Any] = {
        "listing": listing,
        "segments": segments.labelled(listing.segments or []),
        "can_manage": can_manage,
        "suggestions": services.suggestions(request.user, listing) if can_manage and listing.status == Listing.Status.OPEN else [],
        "interests": [(i, steps[i.pk]) for i in interests],
        "can_express": bool(own) and listing.organisation_id not in own and listing.status == "open"
        and not interests.filter(organisation_id__in=own).exists(),
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
    form = ListingForm(request.POST) if request.method == "POST" else ListingForm(
        initial=ListingForm.initial_for(listing) if listing else {"visibility": "public"})

    def save(f: ListingForm) -> Listing:
        if listing is None:
            return services.create_listing(request.user, f.service_data())
        return services.update_listing(request.user, listing, f.service_data())

    def done(saved: Listing) -> HttpResponse:
        messages.success(request, _("The listing was posted.") if listing is None else _("The listing was saved."))
        return redirect("matching:detail", pk=saved.pk)

    return toolkit.form_view(request, form, save, template="matching/edit.html", context={"listing": listing}, done=done)


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
    raw = (request.POST.get("counterpart") or "").strip()
    if not raw.isdigit() or len(raw) > 18:  # 18 digits always fit the database's 64-bit ids
        return HttpResponseBadRequest(_("counterpart must be the number of a listing."))
    counterpart = _visible(request, int(raw))
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
    return render(request, "matching/funnel.html", {"rows": services.funnel(group_by, viewer=request.user), "group_by": group_by,
                                                    "stages": Interest.Stage})
