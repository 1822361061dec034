"""The home page: the featured corridor at a glance. The corridor overview is shared with regions:corridor."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.alliances.models import Alliance
from corridor.orgs.models import Organisation
from corridor.regions.models import Corridor, Park, Region
from corridor.regions.services import featured_corridor

# Province code prefix → vendored map file: the map shows the provinces the member cities lie in.
MAP_FILES = {
    "31": "shanghai",
    "32": "jiangsu",
    "33": "zhejiang",
    "34": "anhui",
    "11": "beijing",
    "12": "tianjin",
    "13": "hebei",
}


def corridor_overview(request: HttpRequest, corridor: Corridor | None) -> dict[str, Any]:
    """Everything the corridor overview template shows; a constant number of queries."""
    if corridor is None:
        return {"corridor": None}
    versions = list(
        corridor.versions.order_by("started_on").prefetch_related(Prefetch("regions", Region.objects.order_by("code")))
    )
    current = versions[-1] if versions else None
    cities = list(current.regions.all()) if current else []
    city_ids = [c.pk for c in cities]
    in_corridor = Organisation.objects.restrict(request.user).filter(
        Q(city_id__in=city_ids) | Q(region_id__in=city_ids)
    )
    per_city = dict(in_corridor.order_by().values_list("city_id").annotate(n=Count("id")).values_list("city_id", "n"))
    alliances = list(
        Alliance.objects.filter(corridor=corridor)
        .select_related("founded_in", "industry")
        .annotate(member_count=Count("memberships"))
        .order_by("founded_on", "slug")
    )
    parks = list(
        Park.objects.filter(corridor=corridor)
        .select_related("region", "run_for")
        .order_by("kind", "region__code", "slug")
    )
    parks_by_kind = []
    for kind, label in Park.Kind.choices:
        of_kind = [p for p in parks if p.kind == kind]
        if of_kind:
            parks_by_kind.append({"kind": kind, "label": label, "parks": of_kind})
    figures = {
        "cities": len(cities),
        "organisations": in_corridor.count(),
        "head_stated": corridor.head_enterprises,
        "head_registry": in_corridor.filter(is_head_enterprise=True).count(),
        "alliances_stated": corridor.alliance_count,
        "alliances_registry": len(alliances),
        "demo_parks_stated": corridor.demonstration_park_count,
        "demo_parks_registry": sum(1 for p in parks if p.kind == Park.Kind.DEMONSTRATION_PARK),
        "parks": len(parks),
    }
    map_cities = [
        {
            "name": c.name_zh,
            "label": c.name,
            "code": c.code,
            "orgs": per_city.get(c.pk, 0),
            "lng": c.longitude,
            "lat": c.latitude,
        }
        for c in cities
    ]
    map_files = sorted({MAP_FILES[c.code[:2]] for c in cities if c.code[:2] in MAP_FILES})
    return {
        "corridor": corridor,
        "versions": versions,
        "current_version": current,
        "cities": [{"region": c, "orgs": per_city.get(c.pk, 0)} for c in cities],
        "alliances": alliances,
        "parks_by_kind": parks_by_kind,
        "figures": figures,
        "map_data": {"cities": map_cities, "files": map_files},
    }


def home(request: HttpRequest) -> HttpResponse:
    corridor = featured_corridor()
    context = corridor_overview(request, corridor)
    others = Corridor.objects.all() if corridor is None else Corridor.objects.exclude(pk=corridor.pk)
    context["other_corridors"] = list(others)
    return render(request, "core/home.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """The header's search box: organisations, alliances, listings and instruments (every registered
    searchable model), each restricted to what the user may see."""
    from corridor.core import registry

    q = request.GET.get("q", "").strip()[:200]
    groups = registry.search(request.user, q) if q else []
    return render(request, "core/search.html", {"q": q, "groups": groups})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 with the reason (which names the parameter) when a view raised BadRequest with one.
    Django's own 400s (e.g. a suspicious request) carry no message meant for users; they get none."""
    from django.core.exceptions import BadRequest

    message = str(exception) if type(exception) is BadRequest else ""
    return render(request, "400.html", {"message": message}, status=400)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Under /api/ a 404 is JSON like every other API answer (a path that does not parse, such as a word
    where a number goes, never reaches the API's own handlers); elsewhere the 404 page."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "not found"}, status=404)
    return page_not_found(request, exception)  # type: ignore[arg-type]
