"""Organisation pages: the filtered list (with live search), the profile and the edit form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.alliances.models import Alliance
from corridor.audit.access import can_view_history
from corridor.core.forms import add_service_errors
from corridor.orgs.filters import OrganisationFilter
from corridor.orgs.forms import OrganisationForm
from corridor.orgs.models import Industry, Organisation
from corridor.orgs.services import update_organisation
from corridor.regions.models import Region
from corridor.regions.services import featured_corridor
from corridor.search.orgs import autocomplete_organisations
from corridor.search.paging import CappedPaginator

PAGE_SIZE = 25


def is_htmx_partial(request: HttpRequest) -> bool:
    """htmx asks for the results only; a history restore (back button after a cache miss) needs the full page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def _city_options(selected: str | None) -> list[Region]:
    corridor = featured_corridor()
    version = corridor.current_version() if corridor else None
    if version is not None:
        options = list(version.regions.order_by("code"))
    else:
        # Without a corridor, offer the cities that have organisations.
        options = list(Region.objects.filter(pk__in=Organisation.objects.values("city_id")).order_by("code"))
    # A link from a region page may filter by any code; keep it visible and selected.
    if selected and all(r.code != selected for r in options):
        extra = Region.objects.filter(code=selected).first()
        if extra is not None:
            options.append(extra)
    return options


def _tristate(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def page_size(request: HttpRequest) -> int:
    """`?per_page=` between 10 and 100, else the default: a long list for those who scan, bounded for the server."""
    raw = request.GET.get("per_page", "")
    return min(max(int(raw), 10), 100) if raw.isdigit() else PAGE_SIZE


def organisation_list(request: HttpRequest) -> HttpResponse:
    filters = OrganisationFilter.from_query(request.GET)
    search = filters.search(Organisation.objects.visible_to(request.user))
    qs: QuerySet[Organisation] = search.queryset.select_related("city", "region").prefetch_related("industries")
    page_obj = CappedPaginator(qs, page_size(request)).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "search": search,
        "page_obj": page_obj,
        "organisations": page_obj.object_list,
        "filters": filters,
        "filtered": filters.is_active(),
        "hx_target": "#org-results",
    }
    if is_htmx_partial(request):
        response = render(request, "orgs/_results.html", context)
    else:
        context.update(
            cities=_city_options(filters.city),
            kinds=Organisation.Kind.choices,
            industries=Industry.objects.order_by("slug"),
            alliances=Alliance.objects.order_by("founded_on", "slug"),
            head_value=_tristate(filters.head),
            synthetic_value=_tristate(filters.synthetic),
        )
        response = render(request, "orgs/list.html", context)
    # The same URL answers with a fragment or a page, so caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(
        Organisation.objects.visible_to(request.user)
        .with_private_access(request.user)
        .select_related("region", "city", "province")
        .prefetch_related("industries"),
        pk=pk,
    )
    memberships = org.memberships.select_related("alliance").order_by("alliance__founded_on", "alliance__slug")
    context = {
        "org": org,
        "memberships": memberships,
        "can_edit": Organisation.objects.editable_by(request.user).filter(pk=org.pk).exists(),
        "can_view_history": can_view_history(request.user, org),
    }
    return render(request, "orgs/detail.html", context)


@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(
        Organisation.objects.visible_to(request.user).select_related("region").prefetch_related("industries"), pk=pk
    )
    if not Organisation.objects.editable_by(request.user).filter(pk=org.pk).exists():
        raise PermissionDenied(_("You may not edit this organisation."))
    status = 200
    if request.method == "POST":
        form = OrganisationForm(request.POST)
        if form.is_valid():
            try:
                update_organisation(request.user, org, form.service_data())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The profile was saved."))
                return redirect("orgs:detail", pk=org.pk)
        status = 422
    else:
        form = OrganisationForm(initial=OrganisationForm.initial_for(org))
    return render(request, "orgs/edit.html", {"org": org, "form": form}, status=status)


def organisation_autocomplete(request: HttpRequest) -> HttpResponse:
    """<option>s for a <datalist> (htmx): organisations the viewer may see whose names match what is typed.

    A form field uses it as `<input list="orgs-…" hx-get="{% url 'orgs:autocomplete' %}" hx-trigger="input
    changed delay:200ms" hx-target="#orgs-…" name="q">` (see orgs/_org_picker.html).
    """
    # The picker's input sends its own name (the form field's), so any one parameter is the text typed.
    typed = request.GET.get("q") or next((str(v) for v in request.GET.values()), "")
    orgs = autocomplete_organisations(Organisation.objects.visible_to(request.user), typed)
    return render(request, "orgs/_autocomplete.html", {"organisations": orgs})
