"""Region, park and corridor pages: public reference data."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, Count, Q, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from corridor.alliances.models import Alliance, AllianceOffice
from corridor.core.views import corridor_overview
from corridor.orgs.filters import OrganisationFilter
from corridor.orgs.models import Organisation
from corridor.regions.models import Corridor, CorridorVersion, Park, Region
from corridor.regions.services import region_subtree_q

TOP_ORGANISATIONS = 10


def index(request: HttpRequest) -> HttpResponse:
    corridors = Corridor.objects.all()
    provinces = list(Region.objects.filter(level=Region.Level.PROVINCE).order_by("code"))
    cities_by_province: dict[int, list[Region]] = defaultdict(list)
    # Districts of a municipality stand in for its cities (Songjiang is a G60 "city").
    for region in Region.objects.filter(parent__level=Region.Level.PROVINCE).order_by("code"):
        if region.parent_id is not None:
            cities_by_province[region.parent_id].append(region)
    groups = [{"province": p, "cities": cities_by_province.get(p.pk, [])} for p in provinces]
    return render(request, "regions/index.html", {"corridors": corridors, "groups": groups})


def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent__parent"), code=code)
    # The same filter the list page applies, so the count here equals the count behind the link.
    in_region = OrganisationFilter.from_query({"city": region.code}).apply(
        Organisation.objects.restrict(request.user)
    )
    top = list(in_region.select_related("city", "region").prefetch_related("industries")[:TOP_ORGANISATIONS])
    parks = Park.objects.filter(region_subtree_q(region)).select_related("region", "run_for").order_by("kind", "slug")
    enclaves_run = (
        Park.objects.filter(region_subtree_q(region, "run_for"))
        .exclude(region_subtree_q(region))
        .select_related("region", "run_for")
        .order_by("slug")
    )
    alliances = (
        Alliance.objects.filter(region_subtree_q(region, "founded_in"))
        .select_related("founded_in", "industry")
        .annotate(member_count=Count("memberships"))
        .order_by("founded_on", "slug")
    )
    offices = AllianceOffice.objects.filter(region_subtree_q(region)).select_related("alliance", "region")
    corridors = (
        CorridorVersion.objects.filter(regions=region)
        .select_related("corridor")
        .order_by("corridor__slug", "started_on")
    )
    ancestors: list[Region] = []
    node = region.parent
    while node is not None:
        ancestors.insert(0, node)
        node = node.parent
    context = {
        "region": region,
        "ancestors": ancestors,
        "children": region.children.order_by("code"),
        "org_count": in_region.count(),
        "top_organisations": top,
        "parks": parks,
        "enclaves_run": enclaves_run,
        "alliances": alliances,
        "offices": offices,
        "corridor_versions": corridors,
    }
    return render(request, "regions/region.html", context)


def park_detail(request: HttpRequest, slug: str) -> HttpResponse:
    park = get_object_or_404(Park.objects.select_related("region__parent", "run_for", "corridor"), slug=slug)
    return render(request, "regions/park.html", {"park": park})


def corridor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    corridor = get_object_or_404(Corridor, slug=slug)
    return render(request, "regions/corridor.html", corridor_overview(request, corridor))


PICK_LIMIT = 30


def _path(region: Region) -> str:
    """"浙江省 › 杭州市" above a region: what tells two 鼓楼区 apart."""
    names: list[str] = []
    node = region.parent
    while node is not None:
        names.insert(0, node.name)
        node = node.parent
    return " › ".join(names)


def region_pick(request: HttpRequest) -> HttpResponse:
    """The region picker's list (an HTML fragment): regions matching `q` (name in either language, or the
    start of the code), else the children of `parent` (the provinces without one), to browse the tree."""
    q = request.GET.get("q", "").strip()[:40]
    parent_code = request.GET.get("parent", "").strip()[:6]
    regions = Region.objects.select_related("parent__parent")
    parent = None
    if q:
        found = regions.filter(Q(name_zh__icontains=q) | Q(name_en__icontains=q) | Q(code__startswith=q))
        # Cities before their districts, then by code: "杭州" finds 杭州市 first.
        found = found.order_by(Case(When(level=Region.Level.PROVINCE, then=0), When(level=Region.Level.CITY, then=1),
                                    default=2), "code")
    else:
        parent = Region.objects.filter(code=parent_code).select_related("parent__parent").first() if parent_code else None
        found = regions.filter(parent=parent).order_by("code") if parent else regions.filter(parent__isnull=True).order_by("code")
    found = found.annotate(child_count=Count("children"))
    items = list(found[:PICK_LIMIT + 1])
    ancestors: list[Region] = []
    node = parent
    while node is not None:
        ancestors.insert(0, node)
        node = node.parent
    context = {"items": [(r, _path(r)) for r in items[:PICK_LIMIT]], "more": len(items) > PICK_LIMIT, "q": q,
               "parent": parent, "ancestors": ancestors}
    response = render(request, "regions/_pick.html", context)
    response["Cache-Control"] = "private, max-age=300"
    return response
