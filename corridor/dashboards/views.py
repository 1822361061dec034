"""Dashboard pages: thin, every figure from `services` (each indicator counts only the viewer's rows)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from corridor.alliances.models import Alliance
from corridor.chains.models import Chain
from corridor.core import indicators as ind
from corridor.core.toolkit import htmx_partial
from corridor.dashboards import reports, services, subscriptions
from corridor.regions.services import featured_corridor


def home(request: HttpRequest) -> HttpResponse:
    """An officer lands on their city; everyone else on the corridor."""
    city = services.home_city(request.user)
    if city is not None:
        return redirect("dashboards:city", code=city.code)
    return redirect("dashboards:corridor")


def _chosen(request: HttpRequest, board: services.Board) -> str:
    key = request.GET.get("indicator", "")
    return key if board.row(key) is not None else (board.rows[0].key if board.rows else "")


def _common(request: HttpRequest, board: services.Board, **extra: Any) -> dict[str, Any]:
    chosen = _chosen(request, board)
    trend_row = board.row(chosen)
    trend_ind = ind.get(chosen) if trend_row else None
    city = board.city
    context = {
        "board": board, "chosen": chosen,
        "map_data": services.map_data(request.user, board),
        "trend": services.trend(request.user, trend_ind, city, alliance_id=extra.get("alliance_id"),
                                chain_id=extra.get("chain_id"),
                                live=trend_row.values.get(city.pk) if city else trend_row.corridor_total)
        if trend_ind and trend_row else [],
        "trend_name": trend_row.name if trend_row else "",
        "cities": board.cities,
        "is_signed_in": request.user.is_authenticated,
    }
    context.update(extra)
    return context


def corridor(request: HttpRequest) -> HttpResponse:
    from django.utils.translation import gettext as _

    the_corridor = featured_corridor()
    board = services.board(request.user, title=the_corridor.name if the_corridor else _("Corridor"))
    try:
        compare_cities = services.parse_cities(request.GET.getlist("city")) or board.cities[:3]
        compare_keys = services.parse_keys(request.GET.getlist("i")) or [r.key for r in board.rows[:4]]
        problem = ""
    except ValidationError as exc:
        compare_cities, compare_keys, problem = board.cities[:3], [r.key for r in board.rows[:4]], "; ".join(exc.messages)
    context = _common(
        request, board,
        corridor=the_corridor,
        versions=list(the_corridor.versions.prefetch_related("regions").order_by("started_on")) if the_corridor else [],
        comparison=services.comparison(board, compare_cities, compare_keys),
        compare_codes=[c.code for c in compare_cities], compare_keys=compare_keys, problem=problem,
        composite=services.composite(board),
        alliances=Alliance.objects.order_by("slug"), chains=Chain.objects.order_by("slug"),
    )
    status = 422 if problem else 200
    response = htmx_partial(request, "dashboards/corridor.html", "dashboards/_comparison.html", context)
    response.status_code = status
    return response


def city(request: HttpRequest, code: str) -> HttpResponse:
    found = services.city_of(code)
    if found is None:
        raise Http404
    board = services.city_board(request.user, found)
    context = _common(request, board, city=found, report_kind=reports.CITY, report_target=found.code,
                      home=services.home_city(request.user),
                      subscription=subscriptions.subscription_of(request.user, reports.CITY, found.code))
    return render(request, "dashboards/city.html", context)


def alliance(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Alliance, slug=slug)
    board = services.board(request.user, alliance_id=found.pk, title=found.name)
    context = _common(request, board, alliance=found, alliance_id=found.pk, report_kind=reports.ALLIANCE,
                      report_target=found.slug,
                      subscription=subscriptions.subscription_of(request.user, reports.ALLIANCE, found.slug))
    return render(request, "dashboards/group.html", context)


def chain(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Chain, slug=slug)
    board = services.board(request.user, chain_id=found.pk, title=found.name)
    context = _common(request, board, chain=found, chain_id=found.pk)
    return render(request, "dashboards/group.html", context)


def indicators_page(request: HttpRequest) -> HttpResponse:
    labels = services.dimension_labels()
    rows = [(i, [str(labels[d]) for d in ind.DIMENSIONS if d in i.dimensions]) for i in ind.all_indicators()]
    return render(request, "dashboards/indicators.html", {"indicators": rows})


@require_POST
def report(request: HttpRequest) -> HttpResponse:
    try:
        job = reports.start(request.user, request.POST.get("kind", ""), request.POST.get("target", ""),
                            request.POST.get("format", ""))
    except PermissionDenied:
        from urllib.parse import urlencode

        from django.urls import reverse

        return redirect(reverse("accounts:login") + "?" + urlencode({"next": request.POST.get("next", "/dashboards/")}))
    except ValidationError as exc:
        return HttpResponse("; ".join(exc.messages), status=422)
    return redirect("jobs:detail", pk=job.pk)


@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    """Subscribe to a report (or `action=unsubscribe`), then back to the dashboard."""
    from urllib.parse import urlencode

    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("dashboards:home")
    kind, target = request.POST.get("kind", ""), request.POST.get("target", "")
    try:
        if request.POST.get("action") == "unsubscribe":
            subscriptions.unsubscribe(request.user, kind, target)
        else:
            subscriptions.subscribe(request.user, kind, target, request.POST.get("format", "pdf"))
    except PermissionDenied:
        return redirect(reverse("accounts:login") + "?" + urlencode({"next": back}))
    except ValidationError as exc:
        return HttpResponse("; ".join(exc.messages), status=422)
    return redirect(back)
