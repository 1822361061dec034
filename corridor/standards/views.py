"""Standards pages: the list, "what needs me", a standard with its drafts, ballots, comments and publication,
the clause-by-clause diff, the comment-disposition table, the committee and the key brands.

Rows come through the models' rules (`restrict`): what a role may not see is a 404. The services decide every
other refusal; buttons come from `permitted_actions` and the workflow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from corridor.alliances.models import Alliance
from corridor.core import access, toolkit
from corridor.orgs.models import Organisation
from corridor.standards import brands, duties, reports, rnd_links, services
from corridor.standards.clauses import diff_clauses
from corridor.standards.filters import BrandFilter, StandardFilter
from corridor.standards.forms import (
    BrandForm,
    CommentForm,
    CommentWindowForm,
    CommitteeForm,
    DisposeForm,
    DraftForm,
    ParticipantForm,
    PatentForm,
    ProposeForm,
    PublishForm,
    ReasonForm,
    RndLinkForm,
    SeatForm,
    VoteForm,
)
from corridor.standards.models import (
    COMMENT,
    DISPOSE,
    DRAFT,
    MANAGE,
    VIEW_DRAFTS,
    VOTE,
    Ballot,
    Brand,
    Comment,
    Committee,
    Draft,
    PatentDeclaration,
    Position,
    Standard,
    Status,
)


def _standard(request: HttpRequest, pk: int) -> Standard:
    return get_object_or_404(Standard.objects.restrict(request.user).select_related("alliance", "proposing_org"), pk=pk)


def _run(request: HttpRequest, action: Callable[[], Any], form: Any = None) -> bool:
    """Call a service from a small form on a page; its refusal becomes a message naming the field."""
    try:
        action()
    except ValidationError as exc:
        labels = {name: str(field.label) for name, field in (form.fields.items() if form is not None else [])}
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                for error in errors:
                    messages.error(request, f"{labels[name]}: {error}" if name in labels else error)
        else:
            for error in exc.messages:
                messages.error(request, error)
        return False
    return True


def _form_errors(request: HttpRequest, form: Any) -> None:
    for name, errors in form.errors.items():
        label = str(form.fields[name].label) if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


# ---- lists ---------------------------------------------------------------------------------------------------

def standard_list(request: HttpRequest) -> HttpResponse:
    filters = StandardFilter.from_query(request.GET, request)
    rows = filters.apply(Standard.objects.restrict(request.user).select_related("alliance"))
    page_obj = toolkit.paginate(request, rows)
    return render(request, "standards/list.html", {
        "page_obj": page_obj, "standards": page_obj.object_list, "filters": filters, "statuses": Status.choices,
        "can_propose": services.alliances_for_proposals(request.user).exists(),
        "needs_count": len(duties.needs(request.user)) if request.user.is_authenticated else 0,
        "managed": Alliance.objects.filter(pk__in=access.secretariat_alliance_ids(request.user)).order_by("slug"),
    })


@login_required
def needs_dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "standards/needs.html", {"needs": duties.needs(request.user)})


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    alliances = services.alliances_for_proposals(request.user)
    if not alliances.exists():
        messages.error(request, _("Only members of an alliance with a standards committee may propose standards."))
        return redirect("standards:list")
    form = ProposeForm(request.POST or None, alliances=alliances, organisations=services.proposing_organisations(request.user),
                       rnd_projects=rnd_links.linkable_rnd_projects(request.user))

    def save(f: ProposeForm) -> Standard:
        data = dict(f.cleaned_data)
        extra = data.pop("drafting_org", "")
        if extra:
            data["drafting_orgs"] = [services.find_organisation(request.user, extra, "drafting_org").pk]
        return services.propose(request.user, data.pop("alliance"), data.pop("organisation"), data)

    def done(standard: Standard) -> HttpResponse:
        messages.success(request, _("Your proposal was sent to the secretariat."))
        return redirect("standards:detail", pk=standard.pk)

    return toolkit.form_view(request, form, save, template="standards/propose.html", done=done)


# ---- one standard ----------------------------------------------------------------------------------------------

def detail(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    user = request.user
    allowed = access.permitted_actions(user, standard)
    drafts = list(Draft.objects.restrict(user).filter(standard=standard).select_related("created_by"))
    ballot = services.open_ballot(standard)
    ballots = list(standard.ballots.order_by("-opened_at"))
    insider = VIEW_DRAFTS in allowed
    positions = list(Position.objects.restrict(user).filter(ballot__standard=standard).select_related("seat__user", "seat__organisation", "ballot"))
    seat = services.seat_of(user, standard)
    may_vote = (ballot is not None and VOTE in allowed and seat is not None
                and seat.organisation_id not in services.excluded_orgs(standard, ballot))
    mine = next((p for p in positions if ballot and p.ballot_id == ballot.pk and seat and p.seat_id == seat.pk), None)
    org_ids = access.member_org_ids(user)
    context: dict[str, Any] = {
        "standard": standard, "allowed": allowed, "insider": insider, "drafts": drafts,
        "participants": standard.participants.select_related("organisation"),
        "ballot": ballot, "ballots": ballots, "tally": services.tally_of(ballot) if ballot and insider else None,
        "positions": positions, "may_vote": may_vote, "my_position": mine,
        "vote_form": VoteForm(initial={"value": mine.value, "comment": mine.comment} if mine else None) if may_vote else None,
        "transitions": services.transitions_for(user, standard),
        "holders": duties.action_holders(standard), "committee": services.committee_of(standard),
        "draft_form": DRAFT in allowed and standard.status in services.DRAFTABLE,
        "window_form": CommentWindowForm(initial={"closes_on": None}) if MANAGE in allowed and standard.status == Status.DRAFTING and drafts else None,
        "publish_form": PublishForm() if MANAGE in allowed and standard.status == Status.APPROVED else None,
        "participant_form": ParticipantForm() if MANAGE in allowed and standard.status not in (Status.PUBLISHED, Status.WITHDRAWN) else None,
        "reason_form": ReasonForm(),
        "may_comment": COMMENT in allowed, "window_open": standard.comment_window_open(),
        "comment_draft": services.comment_draft(standard) if standard.status == Status.COMMENT else None,
        "comment_count": standard.comments.count() if insider else None,
        "pending_count": services.pending_dispositions(standard) if insider else None,
        "patents": PatentDeclaration.objects.restrict(user).filter(standard=standard).select_related("organisation"),
        "patent_form": PatentForm(organisations=Organisation.objects.filter(pk__in=org_ids)) if org_ids and standard.status != Status.WITHDRAWN else None,
        "segments": standard.segments.all(),
        "rnd_links": rnd_links.rnd_projects_of(user, standard),
    }
    if rnd_links.may_link_rnd(user, standard):
        context["rnd_form"] = RndLinkForm(rnd_projects=rnd_links.linkable_rnd_projects(user),
                                          initial={"rnd_projects": list(context["rnd_links"])})
    return render(request, "standards/detail.html", context)


@require_POST
@login_required
def link_rnd(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the R&D projects the standard builds on (the secretariat, the drafting group)."""
    standard = _standard(request, pk)
    form = RndLinkForm(request.POST, rnd_projects=rnd_links.linkable_rnd_projects(request.user))
    chosen = request.POST.getlist("rnd_projects")
    if _run(request, lambda: rnd_links.link_rnd_projects(request.user, standard, chosen), form):
        messages.success(request, _("Saved."))
    return redirect("standards:detail", pk=standard.pk)


REASONED = {"reject", "withdraw", "back_to_drafting", "revise"}


@require_POST
@login_required
def take(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    standard = _standard(request, pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    values = {"reason": form.cleaned_data.get("reason", "")} if name in REASONED else {}
    try:
        Standard.WORKFLOW.get(name)
    except KeyError:
        raise Http404 from None
    if _run(request, lambda: services.take(request.user, standard, name, **values), form):
        messages.success(request, _("Done: the standard is now %(state)s.") % {"state": Standard.objects.get(pk=pk).get_status_display()})
    return redirect("standards:detail", pk=pk)


@require_POST
@login_required
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    elif _run(request, lambda: services.cast(request.user, standard, form.cleaned_data["value"], form.cleaned_data["comment"]), form):
        messages.success(request, _("Your position was recorded."))
    return redirect("standards:detail", pk=pk)


@require_POST
@login_required
def close_ballot(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    holder: dict[str, Ballot] = {}

    def close() -> None:
        holder["ballot"] = services.close_ballot(request.user, standard)

    if _run(request, close):
        ballot = holder["ballot"]
        messages.success(request, _("The ballot closed: %(outcome)s.") % {"outcome": ballot.get_outcome_display()})
    return redirect("standards:detail", pk=pk)


@require_POST
@login_required
def add_participant(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        _run(request, lambda: services.add_participant(
            request.user, standard, services.find_organisation(request.user, form.cleaned_data["organisation"], "organisation")), form)
    else:
        _form_errors(request, form)
    return redirect("standards:detail", pk=pk)


@login_required
def draft_create(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    if not access.may(request.user, DRAFT, standard):
        raise Http404
    form = DraftForm(request.POST or None, request.FILES or None)

    def save(f: DraftForm) -> Draft:
        data = f.cleaned_data
        return services.upload_draft(request.user, standard, data["text"], data["change_summary_zh"], data["change_summary_en"],
                                     data.get("document"))

    def done(draft: Draft) -> HttpResponse:
        messages.success(request, _("Draft v%(n)s was uploaded.") % {"n": draft.number})
        return redirect("standards:draft", pk=pk, number=draft.number)

    return toolkit.form_view(request, form, save, template="standards/draft_form.html", done=done,
                             context={"standard": standard, "previous": services.latest_draft(standard)})


def draft_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    standard = _standard(request, pk)
    draft = get_object_or_404(Draft.objects.restrict(request.user).filter(standard=standard), number=number)
    return render(request, "standards/draft.html", {
        "standard": standard, "draft": draft, "clauses": draft.clauses(),
        "may_comment": draft.for_comment and access.may(request.user, COMMENT, standard),
        "drafts": Draft.objects.restrict(request.user).filter(standard=standard),
    })


def draft_document(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """A draft's uploaded document, to those who may read the draft (files are never served from a public URL)."""
    standard = _standard(request, pk)
    draft = get_object_or_404(Draft.objects.restrict(request.user).filter(standard=standard), number=number)
    if not draft.document:
        raise Http404
    return FileResponse(draft.document.open("rb"), as_attachment=True, filename=draft.document.name.rsplit("/", 1)[-1])


def final_pdf(request: HttpRequest, pk: int) -> FileResponse:
    standard = _standard(request, pk)
    if standard.status not in (Status.PUBLISHED, Status.RE_REVIEW) or not standard.final_pdf:
        raise Http404
    name = f"{standard.publication_number.replace('/', '-').replace(' ', '_')}.pdf"
    return FileResponse(standard.final_pdf.open("rb"), content_type="application/pdf", filename=name)


def diff(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    drafts = {d.number: d for d in Draft.objects.restrict(request.user).filter(standard=standard)}
    if len(drafts) < 2:
        raise Http404
    numbers = sorted(drafts)
    try:
        a = int(request.GET.get("a") or numbers[-2])
        b = int(request.GET.get("b") or numbers[-1])
    except ValueError:
        a, b = numbers[-2], numbers[-1]
        messages.warning(request, _("Choose two drafts to compare."))
    if a not in drafts or b not in drafts:
        raise Http404
    rows = diff_clauses(drafts[a].clauses(), drafts[b].clauses())
    changed = [r for r in rows if r.change != "same"]
    return render(request, "standards/diff.html", {
        "standard": standard, "a": drafts[a], "b": drafts[b], "rows": rows, "numbers": numbers,
        "changed_count": len(changed), "only_changes": request.GET.get("all") != "1",
    })


@require_POST
@login_required
def open_comment(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    form = CommentWindowForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    elif _run(request, lambda: services.open_comment(request.user, standard, form.cleaned_data["closes_on"],
                                                     form.cleaned_data["public"]), form):
        messages.success(request, _("The draft is out for public comment."))
    return redirect("standards:detail", pk=pk)


def comments(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    user = request.user
    draft = services.comment_draft(standard)
    visible = Comment.objects.restrict(user).filter(standard=standard).select_related("organisation", "author", "draft")
    if not visible.exists() and not access.may(user, COMMENT, standard) and not access.may(user, VIEW_DRAFTS, standard):
        raise Http404
    disposable = services.standard_disposable(user, standard)
    return render(request, "standards/comments.html", {
        "standard": standard, "draft": draft, "comments": Comment.objects.restrict(user).with_actions(user).filter(pk__in=visible.values("pk")).select_related(
            "organisation", "author", "draft"), "disposable": disposable,
        "form": CommentForm(clauses=[c.number for c in draft.clauses()], initial={"clause": request.GET.get("clause")})
        if draft and access.may(user, COMMENT, standard) else None,
        "dispose_form": DisposeForm(), "insider": access.may(user, VIEW_DRAFTS, standard),
    })


@login_required
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    draft = services.comment_draft(standard)
    if draft is None:
        raise Http404
    form = CommentForm(request.POST or None, clauses=[c.number for c in draft.clauses()],
                       initial={"clause": request.GET.get("clause")})

    def save(f: CommentForm) -> Comment:
        d = f.cleaned_data
        return services.add_comment(request.user, standard, d["clause"], d["text"], d["proposal"], d["language"])

    def done(comment: Comment) -> HttpResponse:
        messages.success(request, _("Your comment on clause %(clause)s was recorded.") % {"clause": comment.clause})
        return redirect("standards:comments", pk=pk)

    return toolkit.form_view(request, form, save, template="standards/comment_form.html", done=done,
                             context={"standard": standard, "draft": draft})


@require_POST
@login_required
def dispose(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    standard = _standard(request, pk)
    comment = get_object_or_404(Comment.objects.restrict(request.user, DISPOSE).filter(standard=standard), pk=comment_id)
    form = DisposeForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    elif _run(request, lambda: services.dispose(request.user, comment, form.cleaned_data["disposition"],
                                                form.cleaned_data["response"]), form):
        messages.success(request, _("The disposition was recorded."))
    return redirect("standards:comments", pk=pk)


def dispositions_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    if not access.may(request.user, VIEW_DRAFTS, standard):
        raise Http404
    response = HttpResponse(reports.disposition_xlsx(standard),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="standard-{standard.pk}-dispositions.xlsx"'
    return response


@require_POST
@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    form = PublishForm(request.POST, request.FILES)
    if not form.is_valid():
        _form_errors(request, form)
    elif _run(request, lambda: services.publish(request.user, standard, form.cleaned_data["number"], form.cleaned_data["pdf"]), form):
        messages.success(request, _("Published as %(number)s.") % {"number": Standard.objects.get(pk=pk).publication_number})
    return redirect("standards:detail", pk=pk)


@require_POST
@login_required
def patent_create(request: HttpRequest, pk: int) -> HttpResponse:
    standard = _standard(request, pk)
    form = PatentForm(request.POST, organisations=Organisation.objects.filter(pk__in=access.member_org_ids(request.user)))
    if not form.is_valid():
        _form_errors(request, form)
    else:
        data = form.cleaned_data
        if _run(request, lambda: services.declare_patent(request.user, standard, data["organisation"], data), form):
            messages.success(request, _("The patent disclosure was recorded."))
    return redirect("standards:detail", pk=pk)


# ---- committee and brands --------------------------------------------------------------------------------------

def committee(request: HttpRequest, slug: str) -> HttpResponse:
    """The committee's rules and seats; its secretariat sets it up and changes it here (also before it exists)."""
    alliance = get_object_or_404(Alliance, slug=slug)
    found = Committee.objects.restrict(request.user).select_related("alliance").filter(alliance=alliance).first()
    manages = access.is_secretariat_of(request.user, alliance.pk)
    if found is None and not manages:
        raise Http404
    initial = ({"code": found.code, "name_zh": found.name_zh, "name_en": found.name_en, "pass_share": found.pass_share,
                "comment_days": found.comment_days, "review_years": found.review_years, "options": found.options}
               if found else {"name_zh": f"{alliance.name_zh}标准化工作委员会"})
    form = CommitteeForm(request.POST or None, initial=initial) if manages else None

    def save(f: CommitteeForm) -> Committee:
        return services.set_up_committee(request.user, alliance, dict(f.cleaned_data))

    def done(saved: Committee) -> HttpResponse:
        messages.success(request, _("The committee was saved."))
        return redirect("standards:committee", slug=slug)

    context = {
        "alliance": alliance, "committee": found, "manages": manages, "seat_form": SeatForm() if manages and found else None,
        "seats": found.seats.select_related("user", "organisation") if found else [],
        "standards": Standard.objects.restrict(request.user).filter(alliance=alliance),
    }
    if form is None:
        return render(request, "standards/committee.html", context)
    return toolkit.form_view(request, form, save, template="standards/committee.html", done=done, context=context)


@require_POST
@login_required
def seat_create(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Committee.objects.restrict(request.user, MANAGE), alliance__slug=slug)
    form = SeatForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    elif _run(request, lambda: services.add_seat(
            request.user, found, services.find_organisation(request.user, form.cleaned_data["organisation"], "organisation"),
            role=form.cleaned_data["role"]), form):
        messages.success(request, _("The seat was added."))
    return redirect("standards:committee", slug=slug)


def brand_list(request: HttpRequest) -> HttpResponse:
    filters = BrandFilter.from_query(request.GET, request)
    rows = filters.apply(Brand.objects.restrict(request.user).with_actions(request.user).select_related("holder", "alliance"))
    page_obj = toolkit.paginate(request, rows)
    holder = None
    if filters.holder:
        holder = Organisation.objects.restrict(request.user).filter(pk=filters.holder).first()
    return render(request, "standards/brands.html", {
        "page_obj": page_obj, "brands": page_obj.object_list, "filters": filters, "holder": holder,
        "categories": Brand.Category.choices,
        "can_create": Alliance.objects.filter(pk__in=_managed_alliances(request)).exists(),
    })


def _managed_alliances(request: HttpRequest) -> Any:
    if access.is_admin(request.user):
        return Alliance.objects.values("pk")
    return list(access.secretariat_alliance_ids(request.user))


@login_required
def brand_create(request: HttpRequest) -> HttpResponse:
    alliances = Alliance.objects.filter(pk__in=_managed_alliances(request))
    if not alliances.exists():
        raise Http404
    form = BrandForm(request.POST or None, alliances=alliances)

    def save(f: BrandForm) -> Brand:
        data = dict(f.cleaned_data)
        holder = services.find_organisation(request.user, data.pop("holder"), "holder")
        return brands.recognise_brand(request.user, data.pop("alliance"), holder, data)

    def done(brand: Brand) -> HttpResponse:
        messages.success(request, _("The brand %(name)s was recorded.") % {"name": brand.name})
        return redirect("standards:brands")

    return toolkit.form_view(request, form, save, template="standards/brand_form.html", done=done)


@require_POST
@login_required
def brand_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    brand = get_object_or_404(Brand.objects.restrict(request.user), pk=pk)
    if _run(request, lambda: brands.revoke_brand(request.user, brand)):
        messages.success(request, _("The brand was revoked."))
    return redirect("standards:brands")
