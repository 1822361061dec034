"""Channel pages: requests (file, follow, handle, rate), an office's rates and overdue list with its Excel
export, notices with read receipts, and regional targets.

Rows are read through the models' rules (`restrict`): what a user may not see is a 404. The services decide
every other rule.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.alliances.models import Alliance
from corridor.channel import reports, services
from corridor.channel.forms import NoticeForm, RateForm, RequestForm, TargetForm, TextForm, TransferForm
from corridor.channel.models import (
    HANDLE,
    RATE,
    ROUTE,
    EnterpriseRequest,
    Notice,
    NoticeReceipt,
    Office,
    RequestType,
    RoutingRule,
    Target,
)
from corridor.core import access, toolkit
from corridor.core.dates import page_day
from corridor.core.workflow import available_transitions
from corridor.orgs.models import Organisation
from corridor.regions.models import Region, within_q


def _requests(user: Any) -> Any:
    return EnterpriseRequest.objects.restrict(user).select_related("organisation", "region", "office")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    mine = _requests(user).filter(organisation_id__in=access.member_org_ids(user))
    to_handle = _requests(user).filter(office__in=services.offices_of(user), status__in=EnterpriseRequest.OPEN)
    to_route = _requests(user).filter(status="received") if access.is_admin(user) else EnterpriseRequest.objects.none()
    notices = Notice.objects.restrict(user).order_by("-sent_at")[:5]
    return render(request, "channel/home.html", {
        "mine": mine[:50], "to_handle": to_handle[:100], "to_route": to_route[:100], "notices": notices,
        "offices": services.offices_reported_to(user), "can_file": access.acts_for_an_organisation(user),
        "now": timezone.now(),
    })


def _regions_for_requests() -> Any:
    """The regions a request may be about: those routing rules cover, and the districts inside them."""
    covered = list(RoutingRule.objects.values_list("region_id", flat=True).distinct())
    return Region.objects.filter(within_q("", covered)).order_by("code") if covered else Region.objects.filter(level="city").order_by("code")


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(pk__in=access.member_org_ids(request.user)).order_by("name_zh")
    if not organisations.exists():
        raise PermissionDenied(_("Only the users of an organisation file requests."))
    first = organisations.first()
    initial = {"organisation": first, "region": first.region_id if first else None}
    form = RequestForm(request.POST or None, request.FILES or None, organisations=organisations,
                       regions=_regions_for_requests(), initial=initial)

    def save(f: RequestForm) -> EnterpriseRequest:
        data = dict(f.cleaned_data)
        return services.file_request(request.user, data.pop("organisation"), data, attachment=data.pop("attachment", None))

    def filed(req: EnterpriseRequest) -> HttpResponse:
        messages.success(request, _("Your request %(number)s was filed.") % {"number": req.number})
        return redirect("channel:request", pk=req.pk)

    return toolkit.form_view(request, form, save, template="channel/request_new.html", done=filed)


def _visible_request(request: HttpRequest, pk: int) -> EnterpriseRequest:
    return get_object_or_404(_requests(request.user).select_related("first_office", "filed_by"), pk=pk)


def _request_context(request: HttpRequest, req: EnterpriseRequest, **forms: Any) -> dict[str, Any]:
    permitted = access.permitted_actions(request.user, req)
    offices = Office.objects.exclude(pk=req.office_id or 0).select_related("region")
    return {
        "req": req, "transitions": available_transitions(request.user, req),
        "can_handle": HANDLE in permitted, "can_rate": RATE in permitted, "can_route": ROUTE in permitted,
        "text_form": TextForm(initial={"answer": req.office.reply_template if req.office else ""}), "rate_form": forms.get("rate_form") or RateForm(),
        "transfer_form": forms.get("transfer_form") or TransferForm(offices=offices),
        "routings": req.routings.select_related("office"), "now": timezone.now(),
        "overdue": req.status in EnterpriseRequest.RUNNING and req.answer_due is not None and req.answer_due < timezone.now(),
        "offices": offices,
    }


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = _visible_request(request, pk)
    return render(request, "channel/request.html", _request_context(request, req))


@login_required
def request_attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The attachment, to those who may see the request (media files are never served directly)."""
    req = _visible_request(request, pk)
    if not req.attachment:
        raise Http404
    return FileResponse(req.attachment.open("rb"), as_attachment=True, filename=req.attachment.name.rsplit("/", 1)[-1])


@login_required
def notice_attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    notice = get_object_or_404(Notice.objects.restrict(request.user), pk=pk)
    if not notice.attachment:
        raise Http404
    return FileResponse(notice.attachment.open("rb"), as_attachment=True, filename=notice.attachment.name.rsplit("/", 1)[-1])


@require_POST
@login_required
def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """accept / answer / ask / resume / transfer / rate / reopen / assign: one POST each, decided by the services."""
    req = _visible_request(request, pk)
    user = request.user
    text = next((request.POST[k] for k in ("text", "answer", "question", "reply", "unresolved") if request.POST.get(k)), "")
    try:
        if action == "accept":
            services.accept(user, req)
        elif action == "answer":
            services.answer(user, req, text)
        elif action == "ask":
            services.ask(user, req, text)
        elif action == "resume":
            services.resume(user, req, text)
        elif action == "reopen":
            services.reopen(user, req, text)
        elif action == "transfer":
            form = TransferForm(request.POST, offices=Office.objects.all())
            form.is_valid()
            services.transfer(user, req, form.cleaned_data.get("office"), form.cleaned_data.get("reason", ""))
        elif action == "merge":
            raw = request.POST.get("duplicate_of", "")
            original = _requests(user).filter(pk=int(raw) if raw.isdigit() else 0).first()
            services.merge(user, req, original)
        elif action == "assign":
            office = Office.objects.filter(pk=request.POST.get("office") or 0).first()
            if office is None:
                raise ValidationError({"office": _("Choose the office to transfer to.")})
            services.assign(user, req, office)
        elif action == "rate":
            rate_form = RateForm(request.POST)
            if not rate_form.is_valid():
                return render(request, "channel/request.html", _request_context(request, req, rate_form=rate_form), status=422)
            services.rate(user, req, rate_form.cleaned_data["satisfaction"], rate_form.cleaned_data["resolved"],
                          rate_form.cleaned_data["comment"])
        else:
            return HttpResponse(status=404)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("channel:request", pk=req.pk)
    messages.success(request, _("Saved."))
    return redirect("channel:request", pk=req.pk)


def _period(request: HttpRequest) -> tuple[datetime.date | None, datetime.date | None]:
    return page_day(request.GET.get("start", ""), "start"), page_day(request.GET.get("end", ""), "end")


@login_required
def office_detail(request: HttpRequest, pk: int) -> HttpResponse:
    office = get_object_or_404(services.offices_reported_to(request.user), pk=pk)
    start, end = _period(request)
    figures = services.rates(services.period_of(EnterpriseRequest.objects.filter(office=office), start, end))
    visible = services.period_of(_requests(request.user).filter(office=office), start, end)
    return render(request, "channel/office.html", {
        "office": office, "rates": figures, "overdue": services.overdue(visible)[:200], "recent": visible[:50],
        "start": start, "end": end, "rules": office.rules.select_related("region"),
        "can_manage": access.may(request.user, "manage", office), "types": RequestType.choices,
    })


@require_POST
@login_required
def office_rule(request: HttpRequest, pk: int) -> HttpResponse:
    """Add or change a routing rule (type × region → this office): officers of the region, admins."""
    office = get_object_or_404(services.offices_reported_to(request.user), pk=pk)
    try:
        services.save_rule_by_code(request.user, request.POST.get("type", ""), request.POST.get("region", ""), office)
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("channel:office", pk=office.pk)


@login_required
def office_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    office = get_object_or_404(services.offices_reported_to(request.user), pk=pk)
    start, end = _period(request)
    figures = services.rates(services.period_of(EnterpriseRequest.objects.filter(office=office), start, end))
    visible = services.period_of(_requests(request.user).filter(office=office), start, end)
    response = HttpResponse(reports.requests_xlsx(visible, figures),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="office-{office.pk}-requests.xlsx"'
    return response


# ---- notices ---------------------------------------------------------------------------------------------

def _notice_form(request: HttpRequest) -> NoticeForm | None:
    admin = access.is_admin(request.user)
    officer_of, secretariat_of = access.officer_region_ids(request.user), access.secretariat_alliance_ids(request.user)
    if not (admin or officer_of or secretariat_of):
        return None
    if admin:
        regions = Region.objects.filter(level__in=("province", "city")).order_by("code")
    else:
        regions = Region.objects.filter(within_q("", officer_of)).order_by("code") if officer_of else Region.objects.none()
    alliances = Alliance.objects.all() if admin else Alliance.objects.filter(pk__in=secretariat_of)
    return NoticeForm(request.POST or None, request.FILES or None, regions=regions, alliances=alliances)


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    received = NoticeReceipt.objects.filter(user_id=user.pk or 0).select_related("notice").order_by("-notice__sent_at")
    sent = Notice.objects.restrict(user, "send").filter(sent_by_id=user.pk or 0) if not access.is_admin(user) else Notice.objects.all()
    form = _notice_form(request)
    context = {"received": received[:100], "sent": sent[:100], "form": form}
    if form is None:
        if request.method == "POST":
            raise PermissionDenied(_("City officers, secretariats and administrators send notices."))
        return render(request, "channel/notices.html", context)

    def save(f: NoticeForm) -> Notice:
        data = dict(f.cleaned_data)
        return services.send_notice(user, data, attachment=data.pop("attachment", None))

    def sent_done(notice: Notice) -> HttpResponse:
        messages.success(request, _("The notice was sent to %(n)s people.") % {"n": notice.receipts.count()})
        return redirect("channel:notice", pk=notice.pk)

    return toolkit.form_view(request, form, save, template="channel/notices.html", context=context, done=sent_done)


@login_required
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice.objects.restrict(request.user), pk=pk)
    services.open_notice(request.user, notice)
    receipts = None
    if access.may(request.user, "receipts", notice):
        receipts = notice.receipts.select_related("organisation", "user")
    return render(request, "channel/notice.html", {
        "notice": notice, "receipts": receipts,
        "read": receipts.filter(read_at__isnull=False).count() if receipts is not None else 0,
    })


# ---- targets -----------------------------------------------------------------------------------------------

def _target_form(request: HttpRequest) -> TargetForm | None:
    admin, officer_of = access.is_admin(request.user), access.officer_region_ids(request.user)
    if not (admin or officer_of):
        return None
    regions = Region.objects.all() if admin else Region.objects.filter(within_q("", officer_of))
    return TargetForm(request.POST or None, regions=regions.order_by("code"))


def target_list(request: HttpRequest) -> HttpResponse:
    targets = list(Target.objects.select_related("region").prefetch_related("snapshots"))
    rows = []
    for target in targets:
        value = services.target_value(target)
        snapshots = list(target.snapshots.all())[-12:]
        rows.append({"target": target, "value": value, "share": min(100, round(100 * value / target.goal, 1)),
                     "snapshots": snapshots,
                     "points": json.dumps([[f"{s.taken_on:%Y-%m}", s.value] for s in snapshots]),
                     "can_manage": access.may(request.user, "manage", target)})
    form = _target_form(request)
    context = {"rows": rows, "form": form}
    if form is None:
        if request.method == "POST":
            raise PermissionDenied(_("Only officers of the region and administrators update its targets."))
        return render(request, "channel/targets.html", context)

    def created(_target: Target) -> HttpResponse:
        messages.success(request, _("Saved."))
        return redirect("channel:targets")

    return toolkit.form_view(request, form, lambda f: services.create_target(request.user, dict(f.cleaned_data)),
                             template="channel/targets.html", context=context, done=created)


@require_POST
@login_required
def target_value(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.all(), pk=pk)
    raw = request.POST.get("manual_value", "")
    try:
        if not raw.strip().isdigit():
            raise ValidationError({"manual_value": _("Give a number of 0 or more.")})
        services.set_manual_value(request.user, target, int(raw))
        messages.success(request, _("Saved."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("channel:targets")
