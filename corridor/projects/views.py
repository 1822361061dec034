"""Project pages: the pipeline list (filters, export), the board of a city with its figures, a project with
its stage timeline, sites and capital, and the forms. Rows only through `Project.objects.restrict`; the
services decide every rule (403) and every bad value (422 next to the field)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from corridor.core import access, toolkit
from corridor.core.access import CHANGE, VIEW_PRIVATE
from corridor.core.workflow import available_transitions
from corridor.orgs.models import Organisation
from corridor.projects import leads, reports, services
from corridor.projects.filters import ProjectFilter
from corridor.projects.forms import ArrivalForm, DropForm, ProjectForm, SignForm, SiteForm
from corridor.projects.models import Project, Stage
from corridor.regions.models import Region

# Buttons in the order of the pipeline, with their labels.
STEP_LABELS = {
    "contact": gettext_lazy("Mark contacted"), "visit": gettext_lazy("Record a site visit"), "negotiate": gettext_lazy("Start negotiating"),
    "sign": gettext_lazy("Sign"), "start": gettext_lazy("Construction started"), "produce": gettext_lazy("In production"),
    "operate": gettext_lazy("Operating"), "drop": gettext_lazy("Drop"), "reopen": gettext_lazy("Reopen as a lead"),
}


def _cities(request: HttpRequest) -> list[Region]:
    """The corridor's cities, and the regions the officer looks after (no scan of the projects)."""
    from corridor.chains.reports import corridor_cities

    found = {r.pk: r for r in corridor_cities()}
    found |= {r.pk: r for r in Region.objects.filter(pk__in=access.officer_region_ids(request.user))}
    return sorted(found.values(), key=lambda r: r.code)


def project_list(request: HttpRequest) -> HttpResponse:
    filters = ProjectFilter.from_query(request.GET, None if toolkit.is_htmx(request) else request)
    qs = filters.apply(reports.projects_for(request.user)).prefetch_related("segments")
    page_obj = toolkit.paginate(request, qs)
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {"page_obj": page_obj, "filters": filters, "filtered": filters.is_active(),
                               "query": query.urlencode()}
    return toolkit.htmx_partial(request, "projects/list.html", "projects/_results.html", context, lambda: {
        "cities": _cities(request), "stages": Stage.choices, "kinds": Project.Kind.choices,
        "sources": Project.Source.choices, "can_create": services.may_create(request.user),
    })


def export(request: HttpRequest) -> HttpResponse:
    filters = ProjectFilter.from_query(request.GET)
    data = reports.export_xlsx(request.user, filters.apply(reports.projects_for(request.user)))
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="projects.xlsx"'
    return response


def board(request: HttpRequest) -> HttpResponse:
    """A city's pipeline by stage, with the figures it reports (开工率, 投产率, 资金到位率, conversion)."""
    filters = ProjectFilter.from_query(request.GET, request)
    filters.stage = None
    city = Region.objects.filter(code=filters.city).first() if filters.city else None
    qs = filters.apply(reports.projects_for(request.user))
    figures = reports.figures(request.user, qs)
    return render(request, "projects/board.html", {
        "filters": filters, "city": city, "cities": _cities(request), "figures": figures,
        "columns": reports.board(request.user, qs, counts=figures.by_stage),
    })


def _prefill(request: HttpRequest) -> dict[str, Any]:
    """From a chain gap's "start a lead": the city, the missing segment and the organisation that has it."""
    from corridor.chains.models import Segment

    initial: dict[str, Any] = {}
    get = request.GET
    if get.get("region"):
        initial["region"] = get["region"]
    segment = None
    if get.get("chain") and get.get("segment_key"):
        segment = Segment.objects.filter(chain__slug=get["chain"], key=get["segment_key"], active=True).first()
    elif str(get.get("segment", "")).isdigit():
        segment = Segment.objects.filter(pk=int(get["segment"]), active=True).first()
    investor = None
    if str(get.get("investor", "")).isdigit():
        investor = Organisation.objects.restrict(request.user).filter(pk=int(get["investor"])).first()
    if segment:
        initial["segments"] = [segment.pk]
    if investor:
        initial["investor"] = investor.pk
    if get.get("source") in Project.Source.values:
        initial["source"] = get["source"]
    if segment and investor:
        initial["name_zh"] = f"{investor.short_name or investor.name_zh or investor.name_en}{segment.name_zh}项目"
        initial["source_note"] = f"{segment.chain.name_zh} · {segment.name_zh}"
    found = _prefill_origin(request, initial)
    return {"initial": initial, "investor": found.get("investor", investor), "segment": segment, **found}


def _prefill_origin(request: HttpRequest, initial: dict[str, Any]) -> dict[str, Any]:
    """From a meeting at an event (?meeting=) or an interest in matchmaking (?interest=): the investor (the
    side from elsewhere, or the offering party), the target city, the source. Hidden ones prefill nothing."""
    get = request.GET
    regions = {r.code: r for r in services.creatable_regions(request.user)} if (
        str(get.get("meeting", "")).isdigit() or str(get.get("interest", "")).isdigit()) else {}
    target = regions.get(str(initial.get("region", "")))
    if str(get.get("meeting", "")).isdigit():
        meeting = leads.meetings_for_leads(request.user).filter(pk=int(get["meeting"])).first()
        if meeting is None:
            return {}
        event_city = meeting.event.region
        if target is None and event_city is not None:
            for candidate in (event_city, event_city.parent):
                if candidate is not None and candidate.code in regions:
                    target = regions[candidate.code]
                    initial["region"] = candidate.code
                    break
        if target is None and len(regions) == 1:
            target = next(iter(regions.values()))
        investor = leads.lead_investor(leads.meeting_sides(meeting), target)
        # No event title in source_note: the project's other readers may not see the event (the link shows it
        # to those who may).
        initial |= {"meeting": meeting.pk, "source": Project.Source.EVENT_MEETING}
        if investor is not None:
            initial["investor"] = investor.pk
            initial.setdefault("name_zh", f"{investor.short_name or investor.name_zh or investor.name_en}投资项目")
        return {"investor": investor, "from_meeting": meeting, "sides": leads.meeting_sides(meeting)}
    if str(get.get("interest", "")).isdigit():
        interest = leads.interests_for_leads(request.user).filter(pk=int(get["interest"])).first()
        if interest is None:
            return {}
        investor = leads.offering_party(interest)
        initial |= {"interest": interest.pk, "source": Project.Source.MATCHMAKING, "investor": investor.pk}
        initial.setdefault("name_zh", f"{investor.short_name or investor.name_zh or investor.name_en}投资项目")
        return {"investor": investor, "from_interest": interest, "sides": leads.interest_parties(interest)}
    return {}


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    if not services.may_create(request.user):
        raise PermissionDenied(_("Only city officers, secretariats and administrators record projects."))
    pre = _prefill(request)
    form = ProjectForm(request.POST or None, actor=request.user, initial=pre["initial"])

    def done(project: Project) -> HttpResponse:
        messages.success(request, _("The project was recorded."))
        return redirect("projects:detail", pk=project.pk)

    return toolkit.form_view(request, form, lambda f: services.create_project(request.user, f.service_data()),
                             template="projects/form.html", done=done,
                             context={"investor": pre["investor"], "gap_segment": pre["segment"],
                                      "from_meeting": pre.get("from_meeting"), "from_interest": pre.get("from_interest"),
                                      "sides": pre.get("sides", [])})


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.restrict(request.user, CHANGE).select_related("investor"), pk=pk)
    initial = {name: getattr(project, name) for name in services.EDITABLE}
    initial |= {"investor": project.investor_id, "park": project.park_id or "",
                "segments": list(project.segments.values_list("pk", flat=True))}
    form = ProjectForm(request.POST or None, actor=request.user, editing=True, initial=initial)

    def done(saved: Project) -> HttpResponse:
        messages.success(request, _("The project was saved."))
        return redirect("projects:detail", pk=saved.pk)

    return toolkit.form_view(request, form, lambda f: services.update_project(request.user, project, f.service_data()),
                             template="projects/form.html", done=done,
                             context={"project": project, "investor": project.investor})


def _detail_context(request: HttpRequest, project: Project) -> dict[str, Any]:
    actions = access.permitted_actions(request.user, project)
    steps = available_transitions(request.user, project)
    return {
        "project": project, "actions": actions, "private": VIEW_PRIVATE in actions, "can_change": CHANGE in actions,
        "steps": [(name, STEP_LABELS.get(name, name)) for name in steps],
        "sites": project.sites.select_related("region", "city", "park", "organisation"),
        "segments": project.segments.select_related("chain"),
        "timeline": project.stage_changes.select_related("by") if VIEW_PRIVATE in actions else [],
        "arrivals": project.arrivals.all() if VIEW_PRIVATE in actions else [],
        "sign_form": SignForm(initial={"investment": project.investment or "",
                                       "agreement_parties": project.agreement_parties}),
        "drop_form": DropForm(), "site_form": SiteForm(), "arrival_form": ArrivalForm(),
        "days_in_stage": services.days_in_stage(project),
        "origin": leads.origin(request.user, project) if VIEW_PRIVATE in actions else None,
        "warn_after": services.warn_days(project).get(project.stage),
        "sign_requires": services.sign_requires(project),
        "can_publish": CHANGE in actions and project.stage in (Stage.SIGNED, Stage.STARTED, Stage.PRODUCTION, Stage.OPERATING),
    }


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.restrict(request.user).select_related("investor", "region", "city", "park", "alliance",
                                                               "account_manager"), pk=pk)
    return render(request, "projects/detail.html", _detail_context(request, project))


def _managed(request: HttpRequest, pk: int) -> Project:
    # Visible ones only (hidden ⇒ 404); whether the user may change it is the service's call (403).
    return get_object_or_404(Project.objects.restrict(request.user).select_related("investor", "region", "city"), pk=pk)


def _refused(request: HttpRequest, project: Project, exc: ValidationError, **forms: Any) -> HttpResponse:
    context = _detail_context(request, project)
    messages.error(request, " ".join(exc.messages))
    for key, form in forms.items():
        context[key] = form
    return render(request, "projects/detail.html", context, status=422)


@login_required
@require_POST
def project_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    project = _managed(request, pk)
    values: dict[str, Any] = {}
    forms: dict[str, Any] = {}
    if step == "sign":
        sign = SignForm(request.POST)
        sign.is_valid()
        values = {k: v for k, v in (sign.cleaned_data or {}).items() if v not in (None, "")}
        forms["sign_form"] = sign
    elif step == "drop":
        values = {"reason": request.POST.get("reason", "")}
        forms["drop_form"] = DropForm(request.POST)
    try:
        project = services.advance(request.user, project, step, note=request.POST.get("note", ""), **values)
    except ValidationError as exc:
        for form in forms.values():
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    if field in form.fields:
                        form.add_error(field, errors)
        return _refused(request, _managed(request, pk), exc, **forms)
    messages.success(request, _("The project is now: %(stage)s.") % {"stage": project.get_stage_display()})
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def site_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _managed(request, pk)
    form = SiteForm(request.POST)
    try:
        services.add_site(request.user, project, {k: request.POST.get(k, "") for k in ("region", "activity", "park")})
    except ValidationError as exc:
        return _refused(request, project, exc, site_form=form)
    messages.success(request, _("The site was added."))
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def arrival_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _managed(request, pk)
    form = ArrivalForm(request.POST)
    try:
        services.record_arrival(request.user, project, request.POST.get("amount"), request.POST.get("on"),
                                request.POST.get("note", ""))
    except ValidationError as exc:
        return _refused(request, project, exc, arrival_form=form)
    messages.success(request, _("The capital was recorded."))
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    project = _managed(request, pk)
    try:
        services.publish(request.user, project, request.POST.get("published") == "1")
    except ValidationError as exc:
        return _refused(request, project, exc)
    messages.success(request, _("Saved."))
    return redirect("projects:detail", pk=project.pk)
