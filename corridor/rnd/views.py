"""R&D pages: projects (list, detail with overlaps and why, form), overlaps (detail, judgement,
introduction, team proposal), the secretariat's overlap board, joint teams.

Rows come through the models' `restrict`; a project a party may not see is rendered as "a closely
similar project exists at another member", with no title, organisation, figures or reasons.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.chains.models import Chain
from corridor.core import access, toolkit
from corridor.core.access import CHANGE, Actor
from corridor.core.workflow import available_transitions
from corridor.orgs.models import Organisation
from corridor.orgs.views import _city_options
from corridor.rnd import reports, services, teams
from corridor.rnd.filters import BoardFilter, ProjectFilter
from corridor.rnd.forms import (
    AcceptForm,
    AgreementForm,
    DirectionForm,
    InstrumentForm,
    MarkForm,
    MilestoneForm,
    OutputForm,
    ProgressForm,
    ProjectForm,
    ReasonForm,
    TeamForm,
    WorkPackageForm,
)
from corridor.rnd.models import (
    CONSENT,
    MANAGE,
    MARK,
    PROPOSE,
    JointTeam,
    Milestone,
    Output,
    Overlap,
    RDDirection,
    RDProject,
    TeamMember,
)
from corridor.rnd.presenting import shown


def projects() -> Any:
    return RDProject.objects.select_related("organisation", "organisation__city")


def _my_orgs(user: Actor) -> Any:
    return Organisation.objects.filter(pk__in=access.member_org_ids(user)).order_by("name_zh")


def may_register(user: Actor) -> bool:
    return access.acts_for_an_organisation(user)


def is_board_reader(user: Actor) -> bool:
    return access.is_admin(user) or bool(access.secretariat_alliance_ids(user))


def _overlaps_of(user: Actor, project: RDProject) -> list[Overlap]:
    return list(Overlap.objects.restrict(user).filter(Q(project_a=project) | Q(project_b=project))
                .select_related("project_a__organisation", "project_b__organisation"))


# ---- projects --------------------------------------------------------------------------------------

def project_list(request: HttpRequest) -> HttpResponse:
    filters = ProjectFilter.from_query(request.GET, None if toolkit.is_htmx(request) else request)
    page_obj = toolkit.paginate(request, filters.apply(projects().restrict(request.user)))
    context: dict[str, Any] = {"page_obj": page_obj, "projects": page_obj.object_list, "filters": filters,
                               "filtered": filters.is_active()}
    return toolkit.htmx_partial(request, "rnd/list.html", "rnd/_results.html", context, lambda: {
        "cities": _city_options(filters.city), "chains": Chain.objects.order_by("slug"),
        "can_create": may_register(request.user), "board": is_board_reader(request.user),
        "directions": RDDirection.objects.restrict(request.user).filter(
            organisation_id__in=access.member_org_ids(request.user)).select_related("organisation"),
        "export_query": request.GET.urlencode(),
    })


def projects_xlsx(request: HttpRequest) -> HttpResponse:
    filters = ProjectFilter.from_query(request.GET)
    rows = filters.apply(projects().restrict(request.user))
    response = HttpResponse(reports.projects_xlsx(rows),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="rnd-projects.xlsx"'
    return response


def directions_xlsx(request: HttpRequest) -> HttpResponse:
    """Every R&D direction the reader may see (the list page shows only its own, to edit them)."""
    seen = projects().restrict(request.user).filter(direction=OuterRef("pk")).order_by().values("direction")
    # An unlisted organisation's directions stay out, as in the R&D figures.
    rows = RDDirection.objects.restrict(request.user).filter(
        organisation__in=Organisation.objects.restrict(request.user).values("pk")).annotate(
        projects_seen=Coalesce(Subquery(seen.annotate(n=Count("pk")).values("n")), 0))
    response = HttpResponse(reports.directions_xlsx(rows),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="rnd-directions.xlsx"'
    return response


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(projects().prefetch_related("segments__chain"), pk=pk,
                                pk__in=RDProject.objects.restrict(request.user).values("pk"))
    rows = [shown(request.user, o, mine=project) for o in _overlaps_of(request.user, project)]
    # A party seen from the other side: for a secretariat reading another member's project, `mine` is that project.
    return render(request, "rnd/detail.html", {
        "project": project,
        "overlaps": [r for r in rows if r["overlap"].relation == Overlap.Relation.OVERLAP],
        "complementary": [r for r in rows if r["overlap"].relation == Overlap.Relation.COMPLEMENTARY and not r["hidden"]],
        "can_change": access.may(request.user, CHANGE, project),
        "history_allowed": access.may(request.user, "view", project) and access.is_signed_in(request.user),
    })


def _project_form(request: HttpRequest, project: RDProject | None) -> ProjectForm:
    orgs = _my_orgs(request.user)
    if project is not None and access.is_admin(request.user):
        orgs = Organisation.objects.filter(pk=project.organisation_id)
    directions = RDDirection.objects.filter(organisation__in=orgs)
    initial = ProjectForm.initial_for(project) if project else {"organisation": orgs.first()}
    form = ProjectForm(request.POST if request.method == "POST" else None, organisations=orgs, directions=directions,
                       initial=initial)
    if project is not None:
        form.fields["organisation"].disabled = True
    return form


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    if not may_register(request.user):
        raise PermissionDenied(_("Only an organisation's staff may register its R&D."))
    form = _project_form(request, None)

    def done(project: RDProject) -> HttpResponse:
        messages.success(request, _("Project registered."))
        return redirect("rnd:detail", pk=project.pk)

    return toolkit.form_view(request, form, lambda f: services.create_project(
        request.user, f.cleaned_data["organisation"], f.service_data()), template="rnd/project_form.html", done=done,
        context={"project": None})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(projects().restrict(request.user), pk=pk)
    access.require(request.user, CHANGE, project, _("Only the organisation's staff may change its projects."))
    form = _project_form(request, project)

    def done(saved: RDProject) -> HttpResponse:
        messages.success(request, _("Project saved."))
        return redirect("rnd:detail", pk=saved.pk)

    return toolkit.form_view(request, form, lambda f: services.update_project(request.user, project, f.service_data()),
                             template="rnd/project_form.html", done=done, context={"project": project})


@login_required
def direction_create(request: HttpRequest) -> HttpResponse:
    if not may_register(request.user):
        raise PermissionDenied(_("Only an organisation's staff may register its R&D."))
    form = DirectionForm(request.POST or None, organisations=_my_orgs(request.user),
                         initial={"organisation": _my_orgs(request.user).first()})

    def done(direction: RDDirection) -> HttpResponse:
        messages.success(request, _("Direction registered."))
        return redirect("rnd:list")

    return toolkit.form_view(request, form, lambda f: services.create_direction(
        request.user, f.cleaned_data["organisation"], {k: v for k, v in f.cleaned_data.items() if k != "organisation"}),
        template="rnd/direction_form.html", done=done)


@login_required
def direction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    direction = get_object_or_404(RDDirection.objects.restrict(request.user).select_related("organisation"), pk=pk)
    access.require(request.user, CHANGE, direction, _("Only the organisation's staff may change its directions."))
    orgs = Organisation.objects.filter(pk=direction.organisation_id)
    form = DirectionForm(request.POST or None, organisations=orgs, initial={
        "organisation": direction.organisation, "title_zh": direction.title_zh, "title_en": direction.title_en,
        "description_zh": direction.description_zh, "description_en": direction.description_en,
        "keywords": ", ".join(direction.keywords), "visibility": direction.visibility,
    })
    form.fields["organisation"].disabled = True

    def done(saved: RDDirection) -> HttpResponse:
        messages.success(request, _("Direction saved."))
        return redirect("rnd:list")

    return toolkit.form_view(request, form, lambda f: services.update_direction(
        request.user, direction, {k: v for k, v in f.cleaned_data.items() if k != "organisation"}),
        template="rnd/direction_form.html", done=done, context={"direction": direction})


@login_required
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation (what goes with it); POST: deleted, with its overlaps."""
    project = get_object_or_404(projects().restrict(request.user), pk=pk)
    access.require(request.user, CHANGE, project, _("Only the organisation's staff may change its projects."))
    if request.method == "POST":
        services.delete_project(request.user, project)
        messages.success(request, _("Project deleted."))
        return redirect("rnd:list")
    overlaps = Overlap.objects.filter(Q(project_a=project) | Q(project_b=project)).count()
    return render(request, "rnd/project_delete.html", {"project": project, "overlaps": overlaps})


# ---- overlaps --------------------------------------------------------------------------------------

def _overlap(request: HttpRequest, pk: int) -> Overlap:
    return get_object_or_404(Overlap.objects.restrict(request.user).select_related(
        "project_a__organisation", "project_b__organisation"), pk=pk)


@login_required
def overlap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    overlap = _overlap(request, pk)
    view = shown(request.user, overlap)
    can_propose = access.may(request.user, PROPOSE, overlap) and (view["judge"] or view["other_linkable"])
    orgs = Organisation.objects.filter(pk__in=[overlap.project_a.organisation_id, overlap.project_b.organisation_id])
    return render(request, "rnd/overlap.html", {
        **view, "a": overlap.project_a, "b": overlap.project_b,
        "mark_form": MarkForm(initial={"status": overlap.status, "note": overlap.note}) if view["judge"] else None,
        "team_form": TeamForm(organisations=orgs, initial={"title_zh": overlap.project_a.title if overlap.project_a.language == "zh" else overlap.project_b.title if overlap.project_b.language == "zh" else "",
                                                           "title_en": overlap.project_a.title if overlap.project_a.language == "en" else overlap.project_b.title if overlap.project_b.language == "en" else ""}) if can_propose else None,
        "can_consent": view["my_consent"] == Overlap.Consent.ASKED and access.may(request.user, CONSENT, overlap),
        "cluster": _cluster_of(request.user, overlap) if view["judge"] else [],
        "teams": JointTeam.objects.restrict(request.user).filter(overlaps=overlap),
    })


def _cluster_of(user: Actor, overlap: Overlap) -> list[Overlap]:
    found = services.clusters(list(Overlap.objects.restrict(user, MARK).filter(relation=Overlap.Relation.OVERLAP)))
    for group in found:
        if any(o.pk == overlap.pk for o in group):
            return group
    return [overlap]


@login_required
@require_POST
def overlap_mark(request: HttpRequest, pk: int) -> HttpResponse:
    overlap = _overlap(request, pk)
    form = MarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of: same work, different, proposed for a joint team."))
        return redirect("rnd:overlap", pk=pk)
    services.mark_overlap(request.user, overlap, form.cleaned_data["status"], form.cleaned_data["note"])
    messages.success(request, _("Judgement saved."))
    return redirect("rnd:board") if request.POST.get("next") == "board" else redirect("rnd:overlap", pk=pk)


@login_required
@require_POST
def overlap_consent(request: HttpRequest, pk: int) -> HttpResponse:
    overlap = _overlap(request, pk)
    agree = request.POST.get("agree") == "yes"
    try:
        services.answer_introduction(request.user, overlap, agree)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("Thank you: the secretariat has been told.") if agree else _("Your answer was saved."))
    return redirect("rnd:overlap", pk=pk)


@login_required
def overlap_propose(request: HttpRequest, pk: int) -> HttpResponse:
    overlap = _overlap(request, pk)
    chosen = [overlap]
    if request.POST.get("cluster") == "1" and access.may(request.user, MARK, overlap):
        chosen = _cluster_of(request.user, overlap)
    org_ids = {p.organisation_id for o in chosen for p in (o.project_a, o.project_b)}
    form = TeamForm(request.POST or None, organisations=Organisation.objects.filter(pk__in=org_ids))

    def done(team: JointTeam) -> HttpResponse:
        messages.success(request, _("Team proposed: the organisations are invited."))
        return redirect("rnd:team", pk=team.pk)

    return toolkit.form_view(request, form, lambda f: teams.propose_team(
        request.user, chosen, title_zh=f.cleaned_data["title_zh"], title_en=f.cleaned_data["title_en"],
        objective=f.cleaned_data["objective"], lead=f.cleaned_data["lead"]),
        template="rnd/team_form.html", done=done, context={"overlap": overlap, "chosen": chosen})


@login_required
def board(request: HttpRequest) -> HttpResponse:
    if not is_board_reader(request.user):
        raise PermissionDenied(_("The overlap board is the secretariat's."))
    filters = BoardFilter.from_query(request.GET, request)
    rows = list(filters.apply(Overlap.objects.restrict(request.user, MARK)).select_related(
        "project_a__organisation__city", "project_b__organisation__city"))
    overlaps = [o for o in rows if o.relation == Overlap.Relation.OVERLAP]
    groups = []
    for group in services.clusters(overlaps):
        orgs = {p.organisation_id: p.organisation for o in group for p in (o.project_a, o.project_b)}
        groups.append({"overlaps": group, "organisations": list(orgs.values()), "proposal": len(orgs) >= 3})
    teams = JointTeam.objects.restrict(request.user)
    counts = Counter(t.status for t in teams)
    figures = {
        "projects": RDProject.objects.restrict(request.user).count(),
        "overlaps": len(overlaps), "complementary": len(rows) - len(overlaps),
        "proposed": counts.get(JointTeam.Status.PROPOSED, 0), "formed": counts.get(JointTeam.Status.FORMED, 0),
        "outputs": Output.objects.filter(team__in=teams).count(),
    }
    by_segment: Counter[str] = Counter()
    for project in RDProject.objects.restrict(request.user).prefetch_related("segments"):
        for segment in project.segments.all():
            by_segment[segment.name] += 1
    return render(request, "rnd/board.html", {
        "groups": groups, "filters": filters, "figures": figures, "by_segment": by_segment.most_common(12),
        "cities": _city_options(filters.city), "chains": Chain.objects.order_by("slug"),
        "complementary": [o for o in rows if o.relation == Overlap.Relation.COMPLEMENTARY][:50],
        "statuses": Overlap.Status.choices,
    })


@login_required
def board_xlsx(request: HttpRequest) -> HttpResponse:
    if not is_board_reader(request.user):
        raise PermissionDenied(_("The overlap board is the secretariat's."))
    filters = BoardFilter.from_query(request.GET)
    rows = filters.apply(Overlap.objects.restrict(request.user, MARK))
    response = HttpResponse(reports.overlaps_xlsx(rows),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="rnd-overlaps.xlsx"'
    return response


# ---- teams -----------------------------------------------------------------------------------------

@login_required
def team_list(request: HttpRequest) -> HttpResponse:
    teams = JointTeam.objects.restrict(request.user).select_related("lead", "alliance").prefetch_related("members__organisation")
    return render(request, "rnd/teams.html", {"teams": teams})


@login_required
def teams_xlsx(request: HttpRequest) -> HttpResponse:
    teams = JointTeam.objects.restrict(request.user)
    response = HttpResponse(reports.teams_xlsx(teams),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="rnd-teams.xlsx"'
    return response


def _team(request: HttpRequest, pk: int) -> JointTeam:
    return get_object_or_404(JointTeam.objects.restrict(request.user).select_related("lead", "alliance"), pk=pk)


@login_required
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    members = list(team.members.select_related("organisation").with_actions(request.user))
    accepted = team.members.filter(status=TeamMember.Status.ACCEPTED).values("organisation_id")
    orgs = Organisation.objects.filter(pk__in=accepted)
    manage = access.may(request.user, MANAGE, team)
    formed = team.status == JointTeam.Status.FORMED
    milestones = list(team.milestones.select_related("owner", "work_package"))
    for m in milestones:
        m.may_report = teams.may_report_on(request.user, m)  # type: ignore[attr-defined]
    return render(request, "rnd/team.html", {
        "team": team, "members": members,
        "answerable": [m for m in members if m.status == TeamMember.Status.INVITED and available_transitions(request.user, m)],
        "milestones": milestones, "packages": team.work_packages.select_related("owner"),
        "outputs": team.outputs.all(), "manage": manage, "formed": formed,
        "projects": RDProject.objects.restrict(request.user).filter(
            Q(pk__in=team.overlaps.values("project_a")) | Q(pk__in=team.overlaps.values("project_b"))).select_related("organisation"),
        "accept_form": AcceptForm(), "reason_form": ReasonForm(), "progress_form": ProgressForm(),
        "milestone_form": MilestoneForm(organisations=orgs, packages=team.work_packages.all()) if manage and formed else None,
        "package_form": WorkPackageForm(organisations=orgs) if manage and formed else None,
        "output_form": OutputForm() if manage and formed else None,
        "instruments": team.instruments.select_related("owner").order_by("name_zh", "id"),
        "instrument_form": InstrumentForm() if manage and formed else None,
        "agreement_form": AgreementForm(initial={
            "ip_background": team.ip_background, "ip_foreground": team.ip_foreground,
            "agreement_signed_on": team.agreement_signed_on, "agreement_document": team.agreement_document,
        }) if manage else None,
    })


@login_required
@require_POST
def team_answer(request: HttpRequest, pk: int, member_pk: int, answer: str) -> HttpResponse:
    team = _team(request, pk)
    member = get_object_or_404(TeamMember.objects.restrict(request.user), pk=member_pk, team=team)
    try:
        if answer == "accept":
            teams.accept_invitation(request.user, member, request.POST.get("contribution", ""))
            messages.success(request, _("Your organisation joined the team."))
        elif answer == "decline":
            teams.decline_invitation(request.user, member, request.POST.get("reason", ""))
            messages.success(request, _("You declined the invitation."))
        else:
            raise ValidationError({"answer": _("Unknown answer.")})
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("rnd:team", pk=pk)


def _team_post(request: HttpRequest, pk: int, form: Any, save: Any, ok: str) -> HttpResponse:
    team = _team(request, pk)
    if form.is_valid():
        try:
            save(team, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
        else:
            messages.success(request, ok)
    else:
        messages.error(request, "; ".join(f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields else " ".join(v)
                                          for k, v in form.errors.items()))
    return redirect("rnd:team", pk=pk)


def _accepted_orgs(pk: int) -> Any:
    return Organisation.objects.filter(pk__in=TeamMember.objects.filter(team_id=pk, status=TeamMember.Status.ACCEPTED)
                                       .values("organisation_id"))


@login_required
@require_POST
def team_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    from corridor.rnd.models import WorkPackage

    form = MilestoneForm(request.POST, organisations=_accepted_orgs(pk), packages=WorkPackage.objects.filter(team_id=pk))
    return _team_post(request, pk, form, lambda t, d: teams.add_milestone(
        request.user, t, d["title"], d["owner"], d["due_on"], d["work_package"]), _("Milestone added."))


@login_required
@require_POST
def team_package(request: HttpRequest, pk: int) -> HttpResponse:
    form = WorkPackageForm(request.POST, organisations=_accepted_orgs(pk))
    return _team_post(request, pk, form, lambda t, d: teams.add_work_package(request.user, t, d["title"], d["owner"]),
                      _("Work package added."))


@login_required
@require_POST
def team_output(request: HttpRequest, pk: int) -> HttpResponse:
    form = OutputForm(request.POST)
    return _team_post(request, pk, form, lambda t, d: teams.add_output(
        request.user, t, d["kind"], d["title"], d["reference"], d["on"]), _("Output added."))


@login_required
@require_POST
def team_instrument(request: HttpRequest, pk: int) -> HttpResponse:
    form = InstrumentForm(request.POST)
    return _team_post(request, pk, form, lambda t, d: teams.share_instrument(request.user, t, d["instrument"]),
                      _("Instrument shared."))


@login_required
@require_POST
def team_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    form = AgreementForm(request.POST)
    return _team_post(request, pk, form, lambda t, d: teams.update_agreement(request.user, t, d), _("Agreement saved."))


@login_required
@require_POST
def milestone_report(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    team = _team(request, pk)
    milestone = get_object_or_404(Milestone.objects.filter(team=team), pk=milestone_pk)
    form = ProgressForm(request.POST)
    form.is_valid()
    teams.report_milestone(request.user, milestone, form.cleaned_data.get("progress", ""), form.cleaned_data.get("done", False))
    messages.success(request, _("Progress saved."))
    return redirect("rnd:team", pk=pk)
