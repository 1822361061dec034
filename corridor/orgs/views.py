"""Organisation pages: the filtered list (with live search), the profile and the edit form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from corridor.alliances.models import Alliance
from corridor.audit.access import can_view_history
from corridor.core import toolkit
from corridor.orgs.counts import total_visible
from corridor.orgs.filters import OrganisationFilter
from corridor.orgs.forms import OrganisationForm
from corridor.orgs.models import Industry, Organisation
from corridor.orgs.services import update_organisation
from corridor.regions.models import Region
from corridor.regions.services import featured_corridor
from corridor.search.orgs import autocomplete_organisations
from corridor.search.paging import CappedPaginator

PAGE_SIZE = toolkit.PAGE_SIZE
# Former homes of the view toolkit's helpers, kept while branches written against them land.
is_htmx_partial = toolkit.is_htmx
page_size = toolkit.page_size


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


def organisation_list(request: HttpRequest) -> HttpResponse:
    filters = OrganisationFilter.from_query(request.GET, None if toolkit.is_htmx(request) else request)
    search = filters.search(Organisation.objects.restrict(request.user))

    def shown(qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
        # Texts the table does not show: reading them for a page of rows is most of the bytes.
        return (qs.select_related("city", "region").prefetch_related("industries")
                .defer("search_text", "search_tokens", "description_zh", "description_en"))

    # The ranked keys are read once (search.ids); the page's rows are then loaded by key from the unsearched
    # queryset (search.base), so matching and ranking run once per request.
    page_obj = CappedPaginator(shown(search.queryset), toolkit.page_size(request),
                               ids=search.ids if search.searched else None,
                               rows=shown(search.base) if search.base is not None else None,
                               total=None if search.searched or filters.is_active() else total_visible(request.user),
                               ).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "search": search,
        "page_obj": page_obj,
        "organisations": page_obj.object_list,
        "filters": filters,
        "filtered": filters.is_active(),
        "hx_target": "#org-results",
    }
    return toolkit.htmx_partial(request, "orgs/list.html", "orgs/_results.html", context, lambda: {
        "cities": _city_options(filters.city),
        "kinds": Organisation.Kind.choices,
        "industries": Industry.objects.order_by("slug"),
        "alliances": Alliance.objects.order_by("founded_on", "slug"),
        "head_value": _tristate(filters.head),
        "synthetic_value": _tristate(filters.synthetic),
    })


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(
        Organisation.objects.restrict(request.user)
        .with_private_access(request.user)
        .select_related("region", "city", "province")
        .prefetch_related("industries"),
        pk=pk,
    )
    memberships = org.memberships.select_related("alliance").order_by("alliance__founded_on", "alliance__slug")
    context = {
        "org": org,
        "memberships": memberships,
        "can_edit": Organisation.objects.restrict(request.user, "change").filter(pk=org.pk).exists(),
        "can_view_history": can_view_history(request.user, org),
    }
    return render(request, "orgs/detail.html", context)


@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(
        Organisation.objects.restrict(request.user).select_related("region").prefetch_related("industries"), pk=pk
    )
    if not Organisation.objects.restrict(request.user, "change").filter(pk=org.pk).exists():
        raise PermissionDenied(_("You may not edit this organisation."))
    form = OrganisationForm(request.POST) if request.method == "POST" else OrganisationForm(
        initial=OrganisationForm.initial_for(org))

    def saved(_org: Organisation) -> HttpResponse:
        messages.success(request, _("The profile was saved."))
        return redirect("orgs:detail", pk=org.pk)

    return toolkit.form_view(request, form, lambda f: update_organisation(request.user, org, f.service_data()),
                             template="orgs/edit.html", context={"org": org}, done=saved)


def organisation_autocomplete(request: HttpRequest) -> HttpResponse:
    """<option>s for a <datalist> (htmx): organisations the viewer may see whose names match what is typed.

    A form field uses it as `<input list="orgs-…" hx-get="{% url 'orgs:autocomplete' %}" hx-trigger="input
    changed delay:200ms" hx-target="#orgs-…" name="q">` (see orgs/_org_picker.html).
    """
    # The picker's input sends its own name (the form field's), so any one parameter is the text typed.
    typed = request.GET.get("q") or next((str(v) for v in request.GET.values()), "")
    orgs = autocomplete_organisations(Organisation.objects.restrict(request.user), typed)
    return render(request, "orgs/_autocomplete.html", {"organisations": orgs})
