"""Alliance pages: list, profile, membership applications and declarations with their actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from corridor.alliances import services
from corridor.alliances.filters import MemberFilter, in_role_order
from corridor.alliances.forms import ActionForm, ApplyForm, ApproveForm, MembershipForm, RejectForm
from corridor.alliances.models import (
    DECIDE,
    WITHDRAW,
    Alliance,
    AllianceMembership,
    Commitment,
    CommitmentAction,
    Declaration,
    MembershipApplication,
)
from corridor.alliances.reports import members_xlsx
from corridor.audit.access import can_view_history
from corridor.core import access, toolkit
from corridor.core.access import CHANGE
from corridor.core.forms import add_service_errors
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

Status = MembershipApplication.Status
RECENT = 100


_is_htmx = toolkit.is_htmx


def alliance_list(request: HttpRequest) -> HttpResponse:
    alliances = (
        Alliance.objects.select_related("industry", "founded_in", "corridor")
        .annotate(member_count=Count("memberships"))
        .order_by("founded_on", "slug")
    )
    return render(request, "alliances/list.html", {"alliances": alliances})


def _eligible_organisations(request: HttpRequest, alliance: Alliance) -> QuerySet[Organisation]:
    """The user's own organisations that are not yet members of the alliance."""
    return (
        Organisation.objects.restrict(request.user, CHANGE)
        .filter(pk__in=access.member_org_ids(request.user))
        .exclude(memberships__alliance=alliance)
        .order_by("name_zh", "id")
    )


def _visible_members(request: HttpRequest, alliance: Alliance) -> QuerySet[AllianceMembership]:
    return alliance.memberships.filter(organisation__in=Organisation.objects.restrict(request.user))


def alliance_detail(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = get_object_or_404(
        Alliance.objects.select_related("industry", "founded_in", "secretariat", "corridor"), slug=slug
    )
    user = request.user
    own = access.member_org_ids(user)
    visible = Organisation.objects.restrict(user)
    members = _visible_members(request, alliance)
    filters = MemberFilter.from_query(request.GET, request)
    page = toolkit.paginate(request, in_role_order(filters.apply(members)).select_related("organisation__city"))
    for m in page.object_list:
        m.history_allowed = can_view_history(user, m)  # type: ignore[attr-defined]
    total = alliance.memberships.count()
    shown = members.count()
    is_secretariat = services.is_secretariat(user, alliance)
    secretariat_org = alliance.secretariat
    if secretariat_org is not None and not visible.filter(pk=secretariat_org.pk).exists():
        secretariat_org = None
    query = request.GET.copy()
    query.pop("page", None)
    context: dict[str, Any] = {
        "alliance": alliance,
        "page_obj": page,
        "filters": filters,
        "filtered": filters.is_active(),
        "query": query.urlencode(),
        "cities": Region.objects.filter(pk__in=members.values("organisation__city_id")).order_by("code"),
        "batches": sorted(set(members.values_list("batch", flat=True))),
        "chairs": in_role_order(members.filter(role=AllianceMembership.Role.CHAIR)).select_related("organisation"),
        "member_total": total,
        "hidden_members": total - shown,
        "secretariat_org": secretariat_org,
        "offices": alliance.offices.select_related("region"),
        "declarations": alliance.declarations.all(),
        "is_secretariat": is_secretariat,
        "role_choices": AllianceMembership.Role.choices,
        "can_apply": bool(own) and _eligible_organisations(request, alliance).exists(),
        "my_applications": MembershipApplication.objects.restrict(user)
        .filter(alliance=alliance, organisation_id__in=own)
        .select_related("organisation")[:5],
        "pending_count": alliance.applications.filter(status=Status.PENDING).count() if is_secretariat else 0,
    }
    return render(request, "alliances/detail.html", context)


def members_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The filtered members as .xlsx: the same visibility and filters as the page."""
    alliance = get_object_or_404(Alliance, slug=slug)
    filters = MemberFilter.from_query(request.GET)
    response = HttpResponse(
        members_xlsx(in_role_order(filters.apply(_visible_members(request, alliance)))),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="alliance-{alliance.slug}-members.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = get_object_or_404(Alliance, slug=slug)
    if not access.acts_for_an_organisation(request.user):
        raise PermissionDenied(_("Only users who act for an organisation can apply for membership."))
    eligible = _eligible_organisations(request, alliance)
    form = ApplyForm(request.POST or None, organisations=eligible)

    def sent(_application: MembershipApplication) -> HttpResponse:
        messages.success(request, _("Your application was sent to the secretariat."))
        return redirect("alliances:applications")

    return toolkit.form_view(
        request, form,
        lambda f: services.apply_for_membership(request.user, alliance, f.cleaned_data["organisation"], f.cleaned_data["message"]),
        template="alliances/apply.html", context={"alliance": alliance, "has_eligible": eligible.exists()}, done=sent,
    )


def _application_row(
    request: HttpRequest,
    application: MembershipApplication,
    approve_form: ApproveForm | None = None,
    reject_form: RejectForm | None = None,
    error: str = "",
) -> dict[str, Any]:
    pending = application.status == Status.PENDING
    permitted = access.permitted_actions(request.user, application)
    can_decide = pending and DECIDE in permitted
    auto_id = f"id_app{application.pk}_%s"
    return {
        "application": application,
        "can_decide": can_decide,
        "can_withdraw": pending and WITHDRAW in permitted,
        "can_view_history": can_view_history(request.user, application),
        "approve_form": (approve_form or ApproveForm(auto_id=auto_id)) if can_decide else None,
        "reject_form": (reject_form or RejectForm(auto_id=auto_id)) if can_decide else None,
        "error": error,
    }


@login_required
def applications(
    request: HttpRequest, bound: dict[int, dict[str, Any]] | None = None, status: int = 200
) -> HttpResponse:
    """A secretariat's queue and decisions, and a member's own applications with their outcome."""
    bound = bound or {}
    visible = MembershipApplication.objects.restrict(request.user).with_actions(request.user).select_related(
        "alliance", "organisation", "applicant", "decided_by"
    )
    deciding = visible.restrict(request.user, DECIDE)
    own = visible.filter(organisation_id__in=access.member_org_ids(request.user))

    def rows(qs: QuerySet[MembershipApplication]) -> list[dict[str, Any]]:
        return [_application_row(request, a, **bound.get(a.pk, {})) for a in qs]

    context = {
        "is_deciding": access.is_reviewer(request.user),
        "is_member": access.acts_for_an_organisation(request.user),
        "pending_rows": rows(deciding.filter(status=Status.PENDING).order_by("created_at", "id")),
        "decided_rows": rows(deciding.exclude(status=Status.PENDING).order_by("-decided_at", "-id")[:RECENT]),
        "own_rows": rows(own.order_by("-created_at", "-id")[:RECENT]),
    }
    return render(request, "alliances/applications.html", context, status=status)


def _application_for_action(request: HttpRequest, pk: int) -> MembershipApplication:
    application = (
        MembershipApplication.objects.restrict(request.user)
        .select_related("alliance", "organisation")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        # Acting needs a role on the application; the same answer whether it exists or not reveals nothing.
        raise PermissionDenied(_("You may not act on this application."))
    return application


def _row_response(request: HttpRequest, application: MembershipApplication, **forms: Any) -> HttpResponse:
    application.refresh_from_db()
    return render(request, "alliances/_application.html", {"row": _application_row(request, application, **forms)})


def _decided_response(request: HttpRequest, application: MembershipApplication) -> HttpResponse:
    """The decided row moves from "To decide" to "Decided" without a reload, and the count follows."""
    application.refresh_from_db()
    pending = MembershipApplication.objects.restrict(request.user, DECIDE).filter(status=Status.PENDING)
    return render(request, "alliances/_decided_row.html", {
        "row": _application_row(request, application), "pending_count": pending.count()})


@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for_action(request, pk)
    services.require_secretariat(request.user, application.alliance_id)
    decision = request.POST.get("decision")
    auto_id = f"id_app{application.pk}_%s"
    form: ApproveForm | RejectForm
    forms: dict[str, Any]
    if decision == "approve":
        form = ApproveForm(request.POST, auto_id=auto_id)
        forms = {"approve_form": form}
    elif decision == "reject":
        form = RejectForm(request.POST, auto_id=auto_id)
        forms = {"reject_form": form}
    else:
        return HttpResponseBadRequest(_("Choose approve or reject."))
    if form.is_valid():
        try:
            if decision == "approve":
                services.decide_application(
                    request.user,
                    application,
                    approve=True,
                    role=form.cleaned_data["role"],
                    batch=form.cleaned_data["batch"],
                )
            else:
                services.decide_application(
                    request.user, application, approve=False, reason=form.cleaned_data["reason"]
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if _is_htmx(request):
                return _decided_response(request, application)
            if decision == "approve":
                messages.success(request, _("Approved: %(org)s is now a member.") % {"org": application.organisation})
            else:
                messages.success(request, _("Rejected: the applicant will see your reason."))
            return redirect("alliances:applications")
    if _is_htmx(request):
        # 200 so that htmx swaps the row in and the errors show next to the field.
        return _row_response(request, application, **forms)
    return applications(request, bound={application.pk: forms}, status=422)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application_for_action(request, pk)
    try:
        services.withdraw_application(request.user, application)
    except ValidationError as exc:
        if _is_htmx(request):
            return _row_response(request, application, error=" ".join(exc.messages))
        messages.error(request, " ".join(exc.messages))
    else:
        if _is_htmx(request):
            return _row_response(request, application)
        messages.success(request, _("The application was withdrawn."))
    return redirect("alliances:applications")


@require_POST
def change_membership(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(AllianceMembership.objects.select_related("alliance", "organisation"), pk=pk)
    services.require_secretariat(request.user, membership.alliance_id)
    form = MembershipForm(request.POST)
    if form.is_valid():
        try:
            services.change_membership(
                request.user, membership, role=form.cleaned_data["role"], batch=form.cleaned_data["batch"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(org)s: membership updated.") % {"org": membership.organisation})
    else:
        errors = " ".join(str(message) for messages_ in form.errors.values() for message in messages_)
        messages.error(request, _("Nothing was changed. %(errors)s") % {"errors": errors})
    return redirect(reverse("alliances:detail", args=[membership.alliance.slug]) + f"#membership-{membership.pk}")


def _action_organisations(request: HttpRequest, alliance_id: int) -> QuerySet[Organisation]:
    return (
        Organisation.objects.restrict(request.user)
        .filter(memberships__alliance_id=alliance_id)
        .order_by("name_zh", "id")
    )


def declaration_detail(
    request: HttpRequest, pk: int, bound: dict[int, ActionForm] | None = None, status: int = 200
) -> HttpResponse:
    declaration = get_object_or_404(Declaration.objects.select_related("alliance", "issued_in"), pk=pk)
    actions = CommitmentAction.objects.select_related("organisation").order_by("-taken_on", "-id")
    commitments = list(declaration.commitments.prefetch_related(Prefetch("actions", actions)).order_by("position"))
    is_secretariat = services.is_secretariat(request.user, declaration.alliance_id)
    acting_org_ids = {a.organisation_id for c in commitments for a in c.actions.all() if a.organisation_id}
    # Unlisted organisations stay unnamed for those who may not see them.
    visible_ids = set(
        Organisation.objects.restrict(request.user).filter(pk__in=acting_org_ids).values_list("pk", flat=True)
    )
    organisations = _action_organisations(request, declaration.alliance_id) if is_secretariat else None
    bound = bound or {}
    items = []
    for commitment in commitments:
        form = None
        if organisations is not None:
            form = bound.get(commitment.pk) or ActionForm(
                organisations=organisations, auto_id=f"id_c{commitment.pk}_%s"
            )
        items.append({"commitment": commitment, "actions": commitment.actions.all(), "form": form})
    context = {
        "declaration": declaration,
        "items": items,
        "visible_org_ids": visible_ids,
        "is_secretariat": is_secretariat,
        "can_view_history": can_view_history(request.user, declaration),
    }
    return render(request, "alliances/declaration.html", context, status=status)


@require_POST
def record_action(request: HttpRequest, pk: int, commitment_pk: int) -> HttpResponse:
    commitment = get_object_or_404(
        Commitment.objects.select_related("declaration"), pk=commitment_pk, declaration_id=pk
    )
    # Refuse before looking at the input: a member learns nothing from validation messages.
    services.require_secretariat(request.user, commitment.declaration.alliance_id)
    form = ActionForm(
        request.POST,
        organisations=_action_organisations(request, commitment.declaration.alliance_id),
        auto_id=f"id_c{commitment.pk}_%s",
    )
    if form.is_valid():
        try:
            services.record_action(
                request.user,
                commitment,
                taken_on=form.cleaned_data["taken_on"],
                description=form.cleaned_data["description"],
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The action was recorded."))
            return redirect(reverse("alliances:declaration", args=[pk]) + f"#commitment-{commitment.pk}")
    return declaration_detail(request, pk, bound={commitment.pk: form}, status=422)
