"""Policy pages: the library, a policy with its items, recording and publishing, "policies for us" with
the three answers and their reasons, the eligibility profile a member fills in, and the comparison across cities.

Rows come through `Policy.objects.restrict`; a hidden policy (a draft) or another organisation's answers are a 404.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.alliances.models import Alliance
from corridor.audit.services import history_of
from corridor.core import access, toolkit
from corridor.core.workflow import available_transitions
from corridor.orgs.models import Organisation
from corridor.orgs.views import _city_options
from corridor.policies import reach, services
from corridor.policies.builder import SUBGROUPS, field_options, operator_options
from corridor.policies.filters import PolicyFilter
from corridor.policies.forms import ImportForm, ItemForm, PolicyForm, ProfileForm
from corridor.policies.models import ApplicationItem, EligibilityProfile, Policy
from corridor.regions.models import Region, within_q

ANSWERS = ("eligible", "unknown", "not_eligible")


def policy_list(request: HttpRequest) -> HttpResponse:
    filters = PolicyFilter.from_query(request.GET, None if toolkit.is_htmx(request) else request)
    page_obj = toolkit.paginate(request, filters.apply(services.library(request.user)))
    context: dict[str, Any] = {"page_obj": page_obj, "policies": page_obj.object_list, "filters": filters,
                               "filtered": filters.is_active()}
    return toolkit.htmx_partial(request, "policies/list.html", "policies/_results.html", context, lambda: {
        "cities": _city_options(filters.city), "levels": Policy.Level.choices, "benefits": ApplicationItem.Benefit.choices,
        "can_create": services.may_record_policies(request.user),
        "my_orgs": Organisation.objects.filter(pk__in=access.member_org_ids(request.user)).order_by("name_zh"),
    })


def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(services.library(request.user).prefetch_related("industries", "segments"), pk=pk)
    can_manage = services.may_manage(request.user, policy)
    return render(request, "policies/detail.html", {
        "policy": policy, "items": policy.items.all(), "can_manage": can_manage, "timing": policy.timing(),
        "transitions": available_transitions(request.user, policy) if can_manage else [],
        "my_orgs": Organisation.objects.filter(pk__in=access.member_org_ids(request.user)).order_by("name_zh"),
        "supersedes": services.library(request.user).filter(superseded_by=policy),
    })


def _managed_regions(request: HttpRequest) -> Any:
    if access.is_admin(request.user):
        return Region.objects.exclude(level="province").order_by("code")
    ids = access.officer_region_ids(request.user)
    return Region.objects.filter(within_q("", ids)).order_by("code") if ids else Region.objects.none()


def _managed_alliances(request: HttpRequest) -> Any:
    if access.is_admin(request.user):
        return Alliance.objects.all()
    return Alliance.objects.filter(pk__in=access.secretariat_alliance_ids(request.user))


@login_required
def policy_create(request: HttpRequest) -> HttpResponse:
    if not services.may_record_policies(request.user):
        raise PermissionDenied(_("Only city officers, alliance secretariats and admins record policies."))
    regions, alliances = _managed_regions(request), _managed_alliances(request)
    form = PolicyForm(request.POST or None, regions=regions, alliances=alliances,
                      initial={"home_region": regions.first()})
    return toolkit.form_view(request, form, lambda f: services.create_policy(request.user, f.service_data()),
                             template="policies/policy_form.html", context={"policy": None},
                             done=lambda saved: redirect("policies:detail", pk=saved.pk))


@login_required
def policy_import(request: HttpRequest) -> HttpResponse:
    """Upload an .xlsx sheet of policies: all or nothing, each bad row and column named in the reader's language."""
    from corridor.policies.importer import ImportFailed, import_policies

    if not services.may_record_policies(request.user):
        raise PermissionDenied(_("Only city officers, alliance secretariats and admins record policies."))
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_policies(form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"], actor=request.user)
        except ImportFailed as failed:
            errors = failed.errors
        else:
            if form.cleaned_data["dry_run"]:
                messages.info(request, _("Checked, nothing written: %(policies)s policies, %(items)s items would be imported.")
                              % {"policies": result.policies, "items": result.items})
                return redirect("policies:import")
            messages.success(request, _("Imported %(policies)s policies with %(items)s items.")
                             % {"policies": result.policies, "items": result.items})
            return redirect("policies:list")
    return render(request, "policies/import.html", {"form": form, "errors": errors}, status=422 if errors else 200)


@login_required
def policy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(Policy.objects.restrict(request.user, "change"), pk=pk)
    form = PolicyForm(request.POST or None, regions=_managed_regions(request), alliances=_managed_alliances(request),
                      initial=PolicyForm.initial_of(policy))
    return toolkit.form_view(request, form, lambda f: services.update_policy(request.user, policy, f.service_data()),
                             template="policies/policy_form.html",
                             context={"policy": policy, "history": history_of(policy)[:20]},
                             done=lambda saved: redirect("policies:detail", pk=saved.pk))


def _builder_step(request: HttpRequest, form: ItemForm, context: dict[str, Any]) -> HttpResponse | None:
    """"Add a condition" / "remove" re-show the form with the rows changed (nothing is saved); None: go on."""
    builder = form.builder
    if request.method != "POST" or builder is None:
        if builder is not None and not builder.rows:
            builder.with_blank_rows()
        return None
    remove = request.POST.get("builder_remove", "")
    if "builder_add" not in request.POST and not remove.isdigit():
        return None
    if remove.isdigit() and 0 <= int(remove) < len(builder.rows):
        del builder.rows[int(remove)]
    if "builder_add" in request.POST:
        builder.with_blank_rows()
        group = request.POST.get("builder_add", "")
        builder.rows[-1].group = int(group) if group.isdigit() and int(group) in SUBGROUPS else 0
    form.errors.clear()  # not a save: no "required" complaints yet
    return render(request, "policies/item_form.html", {**context, "form": form})


def _item_context(policy: Policy, item: ApplicationItem | None) -> dict[str, Any]:
    return {"policy": policy, "item": item, "field_options": field_options(), "operator_options": operator_options(),
            "subgroups": SUBGROUPS}


@login_required
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(Policy.objects.restrict(request.user, "change"), pk=pk)
    form = ItemForm(request.POST or None)
    context = _item_context(policy, None)
    if (step := _builder_step(request, form, context)) is not None:
        return step
    return toolkit.form_view(request, form, lambda f: services.save_item(request.user, policy, f.service_data()),
                             template="policies/item_form.html", context=context,
                             done=lambda saved: redirect("policies:detail", pk=policy.pk))


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ApplicationItem.objects.filter(policy__in=Policy.objects.restrict(request.user, "change"))
                             .select_related("policy"), pk=pk)
    form = ItemForm(request.POST or None, initial=ItemForm.initial_of(item))
    context = _item_context(item.policy, item)
    if (step := _builder_step(request, form, context)) is not None:
        return step
    return toolkit.form_view(request, form, lambda f: services.save_item(request.user, item.policy, f.service_data(), item),
                             template="policies/item_form.html", context=context,
                             done=lambda saved: redirect("policies:detail", pk=item.policy_id))


@login_required
@require_POST
def policy_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    policy = get_object_or_404(services.library(request.user), pk=pk)
    try:
        if name == "publish":
            services.publish(request.user, policy)
            messages.success(request, _("Published. Eligible members are told once it is in force."))
        elif name == "expire":
            services.expire(request.user, policy)
        elif name == "supersede":
            by = get_object_or_404(services.library(request.user), pk=request.POST.get("superseded_by") or 0)
            services.supersede(request.user, policy, by)
        else:
            raise Http404
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("policies:detail", pk=policy.pk)


# ---- policies for us -----------------------------------------------------------------------------

@login_required
def for_us_start(request: HttpRequest) -> HttpResponse:
    first = Organisation.objects.filter(pk__in=access.member_org_ids(request.user)).order_by("name_zh").first()
    if first is None:
        messages.info(request, _("“Policies for us” is for members of an organisation."))
        return redirect("policies:list")
    return redirect("policies:for_us", org_id=first.pk)


def _organisation_for(request: HttpRequest, org_id: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=org_id).first()
    # Another organisation's answers (and whether it exists) never leave the server: 404 alike.
    if organisation is None or not services.may_see_answers(request.user, organisation):
        raise Http404
    return organisation


@login_required
def for_us(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation_for(request, org_id)
    benefit = request.GET.get("benefit", "")
    answer = request.GET.get("answer", "")
    level = request.GET.get("level", "")
    issuer = request.GET.get("issuer", "")
    # The items in force (kept per version of the tables: no item rows read when nothing changed), the
    # organisation's profile and the reader's reminders: on PostgreSQL one round trip.
    read = services.for_us(request.user, organisation)
    items = read.items
    # Issuers of the items in force, named in the reader's language, chosen by their Chinese name (always given).
    issuers = sorted({(i.policy.issuer_zh, i.policy.issuer) for i in items}, key=lambda pair: pair[1])
    if issuer in {value for value, _label in issuers}:
        items = [i for i in items if i.policy.issuer_zh == issuer]
    if benefit in ApplicationItem.Benefit.values:
        items = [i for i in items if i.benefit == benefit]
    if level in Policy.Level.values:
        items = [i for i in items if i.policy.level == level]
    results = services.answers_for(request.user, organisation, items=items, profile=read.profile)
    counts = {name: sum(1 for r in results if r.status == name) for name in ANSWERS}
    if answer in ANSWERS:
        results = [r for r in results if r.status == answer]
    order = {name: i for i, name in enumerate(ANSWERS)}
    results.sort(key=lambda r: order[r.status])
    windows = sorted((r for r in results if r.item.window_closes and r.answer.window != "closed"
                      and r.status != "not_eligible"), key=lambda r: r.item.window_closes or datetime.date.max)
    page_obj = toolkit.paginate(request, results)
    reminded = read.reminded
    from corridor.policies.calendar import feed_key

    others = set(access.member_org_ids(request.user)) - {organisation.pk}

    return render(request, "policies/for_us.html", {
        "feed_key": feed_key(int(request.user.pk or 0), organisation.pk), "cards": _cards(organisation, page_obj.object_list),
        "organisation": organisation, "results": page_obj.object_list, "page_obj": page_obj, "reminded": reminded, "counts": counts, "benefit": benefit, "answer": answer,
        "level": level, "issuer": issuer, "issuers": issuers, "benefits": ApplicationItem.Benefit.choices, "levels": Policy.Level.choices, "windows": windows,
        # The reader's other organisations (links to their pages): no query when this is their only one.
        "my_orgs": Organisation.objects.filter(pk__in=others).order_by("name_zh") if others else [],
    })


@login_required
def for_us_calendar(request: HttpRequest, org_id: int) -> HttpResponse:
    """The application windows of the items in force, month by month (eligible or unknown answers)."""
    from corridor.policies import calendar

    organisation = _organisation_for(request, org_id)
    read = services.for_us(request.user, organisation)
    results = services.answers_for(request.user, organisation, items=read.items, profile=read.profile)
    today = timezone.localdate()
    return render(request, "policies/calendar.html", {
        "organisation": organisation, "months": calendar.months(results, today), "today": today,
        "reminded": read.reminded, "feed_key": calendar.feed_key(int(request.user.pk or 0), organisation.pk),
    })


@dataclass
class _Card:
    """One answer as its card shows it: what the template would otherwise look up per card (addresses, the
    benefit's name, the reasons in the reader's language) made once per page."""

    result: services.Result
    detail_url: str
    remind_url: str
    benefit: str
    reasons: list[dict[str, str]]


def _url_of(name: str, *args: int) -> Callable[[int], str]:
    """`reverse(name, args=[*args, pk])` for any pk, reversed once (a stand-in pk replaced by the real one)."""
    stand_in = 987654321
    head, tail = reverse(name, args=[*args, stand_in]).split(str(stand_in))
    return lambda pk: f"{head}{pk}{tail}"


def _cards(organisation: Organisation, results: Any) -> list[_Card]:
    detail, remind = _url_of("policies:detail"), _url_of("policies:remind", organisation.pk)
    benefits = {value: str(label) for value, label in ApplicationItem.Benefit.choices}
    return [_Card(r, detail(r.item.policy_id), remind(r.item.pk), benefits.get(r.item.benefit, r.item.benefit), r.reasons())
            for r in results]


@login_required
@require_POST
def remind(request: HttpRequest, org_id: int, item_id: int) -> HttpResponse:
    organisation = _organisation_for(request, org_id)
    item = get_object_or_404(services.items_in_force(), pk=item_id)
    try:
        services.remind_me(request.user, organisation, item)
        messages.success(request, _("We will remind you a week before applications close."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("policies:for_us", org_id=organisation.pk)


@login_required
def profile_edit(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation_for(request, org_id)
    profile = EligibilityProfile.objects.filter(organisation=organisation).first()
    initial: dict[str, Any] = {}
    if profile is not None:
        initial = {"rnd_share": profile.rnd_share if profile.rnd_share is not None else "", "revenue_band": profile.revenue_band,
                   "employees": profile.employees if profile.employees is not None else "", "founded_on": profile.founded_on,
                   "has_rnd_project": profile.has_rnd_project,
                   "certificates": list(organisation.policy_certificates.values_list("kind", flat=True))}
    form = ProfileForm(request.POST or None, initial=initial)

    def saved(_profile: EligibilityProfile) -> HttpResponse:
        messages.success(request, _("Saved. The answers below use what you filled in."))
        return redirect("policies:for_us", org_id=organisation.pk)

    return toolkit.form_view(request, form, lambda f: services.save_profile(request.user, organisation, f.service_data()),
                             template="policies/profile_form.html",
                             context={"organisation": organisation, "wanted": request.GET.get("field", "")}, done=saved)


# ---- comparison across cities -----------------------------------------------------------------------

def compare(request: HttpRequest) -> HttpResponse:
    benefit = request.GET.get("benefit") or ApplicationItem.Benefit.SUBSIDY
    if benefit not in ApplicationItem.Benefit.values:
        messages.warning(request, _("The filter “%(name)s” does not accept “%(value)s”; it was left out.")
                         % {"name": "benefit", "value": benefit[:60]})
        benefit = ApplicationItem.Benefit.SUBSIDY
    items = (services.items_in_force().filter(benefit=benefit, policy__in=Policy.objects.restrict(request.user))
             .select_related("policy__home_region__parent"))
    by_city: dict[Any, list[ApplicationItem]] = defaultdict(list)
    for item in items:
        region = item.policy.home_region
        city = (region.prefecture() or region) if region is not None else None
        by_city[city].append(item)
    rows = sorted(by_city.items(), key=lambda pair: pair[0].code if pair[0] is not None else "999999")
    return render(request, "policies/compare.html", {
        "rows": rows, "benefit": benefit, "benefits": ApplicationItem.Benefit.choices,
    })


# ---- an officer's page per item -----------------------------------------------------------------------

def _managed_item(request: HttpRequest, pk: int) -> ApplicationItem:
    return get_object_or_404(ApplicationItem.objects.filter(policy__in=Policy.objects.restrict(request.user, "change"))
                             .select_related("policy"), pk=pk)


@login_required
def item_reach(request: HttpRequest, pk: int) -> HttpResponse:
    item = _managed_item(request, pk)
    found = reach.reach(request.user, item)
    return render(request, "policies/reach.html", {
        "item": item, "policy": item.policy, "reach": found,
        "eligible_page": toolkit.paginate(request, found.eligible),  # type: ignore[arg-type]  # a lazy Sequence pages alike
        "unknown": [(org, [str(services.FILL_IN_LABELS.get(m, m)) for m in answer.missing]) for org, answer in found.unknown[:200]],
    })


@login_required
def item_reach_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from corridor.policies import reports

    item = _managed_item(request, pk)
    content = reports.reach_xlsx(reach.reach(request.user, item))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = f"policy-item-{item.pk}-beneficiaries" if item.no_application else f"policy-item-{item.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# ---- exports: the library as .xlsx, an organisation's deadlines as an .ics feed -------------------------

def policies_xlsx(request: HttpRequest) -> HttpResponse:
    """The library (as filtered on its page) with one row per application item, as the reader may see it."""
    from corridor.policies import reports

    filters = PolicyFilter.from_query(request.GET)
    items = (ApplicationItem.objects.filter(policy__in=filters.apply(services.library(request.user)).values("pk"))
             .select_related("policy__home_region").order_by("-policy__effective_from", "policy_id", "position", "id"))
    response = HttpResponse(reports.policies_xlsx(items),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="policies.xlsx"'
    return response


def deadlines_ics(request: HttpRequest, org_id: int) -> HttpResponse:
    """Application deadlines of the items an organisation is (or may be) eligible for, as a calendar feed.
    With `?key=` (the address shown to a member) no session is needed; without, the signed-in member's."""
    from django.contrib.auth import get_user_model

    from corridor.policies import calendar

    key = request.GET.get("key", "")
    user: Any = request.user
    if key:
        user_id = calendar.read_key(key, org_id)
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None
    organisation = Organisation.objects.filter(pk=org_id).first()
    if user is None or not user.is_authenticated or organisation is None or not services.may_see_answers(user, organisation):
        raise Http404
    results = services.answers_for(user, organisation)
    text = calendar.ics(organisation, results, request.get_host().split(":")[0], request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="policy-deadlines-{organisation.pk}.ics"'
    return response
