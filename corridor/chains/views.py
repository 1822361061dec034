"""Chain pages: the list, a chain's map (graph, heat map, city map, organisations per segment), a city's
strong links and gaps, the .xlsx export, the simple editor and the review of inferred tags."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from corridor.chains import analytics, reports, services
from corridor.chains.filters import BAND_LABELS, SegmentFilter, TagReviewFilter
from corridor.chains.forms import ChainEditForm
from corridor.chains.models import REVIEW, Chain, Segment, SegmentTag
from corridor.core import toolkit
from corridor.core.views import MAP_FILES
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

# Pages of organisations per segment follow the one page-size rule (`?per_page=`), like every list.
ORGS_PER_SEGMENT = toolkit.PAGE_SIZE


def chain_list(request: HttpRequest) -> HttpResponse:
    chains = Chain.objects.select_related("industry").annotate(
        segment_count=Count("segments", filter=Q(segments__active=True), distinct=True),
        edge_count=Count("edges", distinct=True),
    )
    return render(request, "chains/list.html", {"chains": chains, "cities": reports.corridor_cities()})


def _chart_data(cmap: reports.ChainMap) -> dict[str, Any]:
    """What the page's charts draw: plain numbers and names only, all already visible in the tables."""
    weights = analytics.edge_weights(cmap.edges)
    leaves = [s for s in cmap.segments if not any(c.parent_id == s.pk for c in cmap.segments)]
    return {
        "stages": {key: str(label) for key, label in Segment.Stage.choices},
        "segments": [
            {"key": s.key, "name": s.name, "stage": s.stage, "parent": s.parent.key if s.parent else None,
             "orgs": cmap.matrix.segment_total(s.key)}
            for s in cmap.segments
        ],
        "edges": [{"source": e.source, "target": e.target, "share": e.share,
                   "weight": round(weights[(e.source, e.target)], 3)} for e in cmap.edges],
        "heat": {
            "segments": [s.key for s in leaves],
            "segment_names": [s.name for s in leaves],
            "regions": [r.name for r in cmap.regions],
            "cells": [
                [x, y, cmap.matrix.cell(r.code, s.key).orgs,
                 round(lq, 2) if (lq := cmap.lq.get((r.code, s.key))) is not None else None,
                 cmap.levels[(r.code, s.key)]]
                for x, s in enumerate(leaves) for y, r in enumerate(cmap.regions)
            ],
        },
        "map": {
            "files": sorted({MAP_FILES[r.code[:2]] for r in cmap.regions if r.code[:2] in MAP_FILES}),
            "cities": [{"name": r.name_zh, "label": r.name, "code": r.code} for r in cmap.regions],
            "center": _centre(cmap.regions),
            "levels": {s.key: {r.code: [cmap.levels[(r.code, s.key)], cmap.matrix.cell(r.code, s.key).orgs,
                                        round(lq, 2) if (lq := cmap.lq.get((r.code, s.key))) is not None else None]
                               for r in cmap.regions}
                       for s in cmap.segments},
        },
    }


def _centre(regions: list[Region]) -> list[float] | None:
    """The middle of the member cities, so the map opens on them rather than on whole provinces."""
    points = [(r.longitude, r.latitude) for r in regions if r.longitude is not None and r.latitude is not None]
    if not points:
        return None
    return [sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)]


def _level_names() -> dict[str, str]:
    return {analytics.STRONG: _("strong"), analytics.PRESENT: _("present"), analytics.WEAK: _("weak"),
            analytics.ABSENT: _("absent")}


def chain_detail(request: HttpRequest, slug: str) -> HttpResponse:
    chain = get_object_or_404(Chain.objects.select_related("industry"), slug=slug)
    cmap = reports.chain_map(request.user, chain)
    chosen = request.GET.get("segment") or ""
    if chosen not in {s.key for s in cmap.segments}:
        leaves = [s for s in cmap.segments if not any(c.parent_id == s.pk for c in cmap.segments)]
        chosen = max(leaves, key=lambda s: cmap.matrix.segment_total(s.key)).key if leaves else ""
    rows: list[dict[str, Any]] = [
        {"segment": s, "total": cmap.matrix.segment_total(s.key),
         "cells": [{"region": r, "cell": cmap.matrix.cell(r.code, s.key), "level": cmap.levels[(r.code, s.key)],
                    "lq": cmap.lq.get((r.code, s.key))} for r in cmap.regions]}
        for s in cmap.segments
    ]
    stages = [(key, label, [row for row in rows if row["segment"].stage == key]) for key, label in Segment.Stage.choices]
    context = {
        "chain": chain, "cmap": cmap, "stages": stages, "chosen": chosen,
        "chart_data": _chart_data(cmap), "level_names": _level_names(),
        "sourcing": reports.sourcing_rows(cmap), "can_curate": services.can_curate(request.user, chain),
    }
    return render(request, "chains/detail.html", context)


def segment_organisations(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    segment = get_object_or_404(Segment.objects.select_related("chain"), chain__slug=slug, key=key, active=True)
    filters = SegmentFilter.from_query(request.GET, request)
    city = get_object_or_404(Region, code=filters.city) if filters.city else None
    page = toolkit.paginate(request, reports.segment_organisations(request.user, segment, city))
    # The chain page loads the list into itself (htmx); opened as a link it is a page of its own.
    return toolkit.htmx_partial(request, "chains/segment.html", "chains/_segment_orgs.html",
                                {"segment": segment, "city": city, "page_obj": page})


def chain_city(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    chain = get_object_or_404(Chain, slug=slug)
    city = get_object_or_404(Region, code=code)
    cmap = reports.chain_map(request.user, chain)
    if code not in cmap.matrix.regions:
        raise Http404(_("This city is not a member of the corridor."))
    gaps = reports.gap_rows(cmap, reports.gaps_for(request.user, chain, city, cmap))
    strong = [
        {"segment": s, "cell": cmap.matrix.cell(code, s.key), "lq": cmap.lq.get((code, s.key)),
         "leaders": reports.segment_organisations(request.user, s, city)[:reports.LEADERS]}
        for s in reports.strong_links(cmap, code)
    ]
    districts = reports.chain_map(request.user, chain, city)
    rate = next(r for r in reports.sourcing_rows(cmap) if r["region"] == code)
    context = {
        "chain": chain, "city": city, "cmap": cmap, "strong": strong, "gaps": gaps, "rate": rate,
        "districts": districts, "level_names": _level_names(),
        "district_rows": [
            {"segment": s, "cells": [districts.matrix.cell(d.code, s.key) for d in districts.regions]}
            for s in districts.segments if districts.matrix.segment_total(s.key)
        ],
    }
    return render(request, "chains/city.html", context)


def chain_export(request: HttpRequest, slug: str) -> HttpResponse:
    chain = get_object_or_404(Chain, slug=slug)
    response = HttpResponse(
        reports.export_xlsx(request.user, chain),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="chain-{chain.slug}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
def chain_edit(request: HttpRequest, slug: str) -> HttpResponse:
    chain = get_object_or_404(Chain, slug=slug)
    if not services.can_curate(request.user, chain):
        raise PermissionDenied(_("Only the chain's alliance secretariat or an administrator may edit it."))
    segments = reports.active_segments(chain)
    edges_text = "\n".join(
        f"{e.source} -> {e.target}" + (f" {e.share:g}" if e.share is not None else "") for e in reports.chain_edges(chain)
    )
    form = ChainEditForm(request.POST or None, segments=segments, initial={"edges": edges_text})

    def save(f: ChainEditForm) -> Chain:
        services.edit_chain(request.user, chain, f.service_data(), note=f.cleaned_data["note"][:300])
        return chain

    def done(saved: Chain) -> HttpResponse:
        messages.success(request, _("Saved as a new version of the chain."))
        return redirect("chains:detail", slug=saved.slug)

    context = {"chain": chain, "segments": segments, "versions": chain.versions.select_related("created_by")[:20]}
    return toolkit.form_view(request, form, save, template="chains/edit.html", context=context, done=done)


def _waiting_tags(request: HttpRequest, chain: Chain) -> QuerySet[SegmentTag]:
    return SegmentTag.objects.restrict(request.user, REVIEW).filter(
        segment__chain=chain, source=SegmentTag.Source.INFERRED, status=SegmentTag.Status.PROPOSED,
    )


@require_http_methods(["GET", "POST"])
def tag_review(request: HttpRequest, slug: str) -> HttpResponse:
    """The waiting inferred tags, filtered by segment, city and confidence band; POST decides the whole
    filtered set at once (the filters travel in the query string, so the set decided is the set shown)."""
    chain = get_object_or_404(Chain, slug=slug)
    if not services.can_curate(request.user, chain):
        raise PermissionDenied(_("Only the chain's alliance secretariat or an administrator may review its tags."))
    filters = TagReviewFilter.from_query(request.GET, request if request.method == "GET" else None)
    chosen = filters.apply(_waiting_tags(request, chain))
    if request.method == "POST":
        try:
            decided = services.review_tags(request.user, chosen, request.POST.get("decision", ""))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, ngettext("%(n)s tag decided.", "%(n)s tags decided.", decided) % {"n": decided})
        query = request.GET.copy()
        query.pop("page", None)
        return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
    tags = chosen.select_related("organisation__city", "segment").order_by("confidence", "segment__position", "organisation_id")
    page = toolkit.paginate(request, tags)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "chains/review.html", {
        "chain": chain, "page_obj": page, "filters": filters, "filtered": filters.is_active(),
        "query": query.urlencode(),
        "segments": chain.segments.filter(active=True).order_by("position"),
        "cities": Region.objects.filter(
            pk__in=_waiting_tags(request, chain).values("organisation__city_id")).order_by("code"),
        "bands": list(BAND_LABELS.items()),
    })


@require_POST
def tag_decide(request: HttpRequest, slug: str, tag_id: int) -> HttpResponse:
    tag = get_object_or_404(
        SegmentTag.objects.restrict(request.user).select_related("segment__chain", "organisation"),
        pk=tag_id, segment__chain__slug=slug,
    )
    tag = services.review_tag(request.user, tag, request.POST.get("decision", ""))
    if toolkit.is_htmx(request):
        return render(request, "chains/_review_row.html", {"tag": tag})
    return redirect("chains:review", slug=slug)


@require_http_methods(["GET", "POST"])
def organisation_tags(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's place on the chains: declared and inferred tags; its own users declare more."""
    org = get_object_or_404(Organisation.objects.restrict(request.user).select_related("city"), pk=pk)
    can_edit = Organisation.objects.restrict(request.user, "change").filter(pk=org.pk).exists()
    status = 200
    if request.method == "POST":
        if request.POST.get("withdraw"):
            tag = get_object_or_404(SegmentTag, pk=request.POST["withdraw"], organisation=org)
            services.withdraw_tag(request.user, tag)
            messages.success(request, _("The tag was withdrawn."))
            return redirect("chains:organisation", pk=org.pk)
        segment = Segment.objects.filter(pk=request.POST.get("segment") or 0, active=True).first()
        if segment is None:
            messages.error(request, _("Choose a segment."))
            status = 422
        else:
            try:
                services.declare_tag(request.user, org, segment, request.POST.get("role", ""))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                status = 422
            else:
                messages.success(request, _("The tag was saved."))
                return redirect("chains:organisation", pk=org.pk)
    tags = org.segment_tags.select_related("segment__chain").order_by("segment__chain__slug", "segment__position")
    if not can_edit:
        tags = tags.exclude(status=SegmentTag.Status.REJECTED)
    chains = Chain.objects.prefetch_related("segments").order_by("slug") if can_edit else []
    context = {
        "org": org, "tags": list(tags), "can_edit": can_edit, "chains": chains, "roles": SegmentTag.Role.choices,
        "curated": {t.pk for t in tags if services.can_curate(request.user, t.segment.chain)},
    }
    return render(request, "chains/organisation.html", context, status=status)
