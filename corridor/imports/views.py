"""Pages: the import upload (a background job), exports of organisation lists, the duplicates review."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from corridor.core import toolkit
from corridor.imports import export, merging
from corridor.imports.forms import ImportForm
from corridor.imports.jobs import FIND_DUPLICATES, IMPORT_ORGANISATIONS, start_import
from corridor.imports.models import Merge, RejectedPair
from corridor.imports.services import may_import
from corridor.jobs import services as jobs
from corridor.orgs.filters import OrganisationFilter


@login_required
@require_http_methods(["GET", "POST"])
def import_organisations_page(request: HttpRequest) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied(_("Only secretariats and administrators may import organisations."))
    from corridor.jobs.models import Job

    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    recent = Job.objects.filter(kind=IMPORT_ORGANISATIONS, created_by_id=request.user.pk)[:10]
    from corridor.imports.retention import keep_days

    keep, keep_failed = keep_days()
    return toolkit.form_view(
        request, form, lambda f: start_import(request.user, f.cleaned_data["file"], request.POST.get("mapping", "")),
        template="imports/import.html",
        context={"recent": recent, "keep_days": keep, "keep_failed_days": keep_failed},
        done=lambda job: redirect("jobs:detail", pk=job.pk),
    )


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty workbook with the headers the importer recognises (in the page's language)."""
    from corridor.imports.template import import_template_xlsx

    response = HttpResponse(import_template_xlsx(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="organisations-template.xlsx"'
    return response


def _filename(ext: str) -> str:
    return f"organisations-{timezone.localdate():%Y%m%d}.{ext}"


def export_csv(request: HttpRequest) -> HttpResponseBase:
    filters = OrganisationFilter.from_query(request.GET)
    response = StreamingHttpResponse(export.csv_chunks(request.user, filters), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def export_xlsx(request: HttpRequest) -> HttpResponseBase:
    filters = OrganisationFilter.from_query(request.GET)
    handle = tempfile.TemporaryFile()
    export.write_xlsx(request.user, filters, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=_filename("xlsx"),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


REASONS = {
    "uscc": gettext_lazy("same credit code"), "same-name": gettext_lazy("same name"), "trade-name": gettext_lazy("same trade name"),
    "cross-script": gettext_lazy("Chinese and English/pinyin of one name"), "alias": gettext_lazy("known brand name"),
    "homophone": gettext_lazy("same sound, one character differs"), "typo": gettext_lazy("one letter differs"),
    "abbreviation": gettext_lazy("short name drawn from the full name"),
    "unique-trade": gettext_lazy("the only organisation with this trade name"),
    "same-address": gettext_lazy("same registered address, compatible names"),
    "confirmed": gettext_lazy("names confirmed by an earlier merge"),
    "initials": gettext_lazy("initials of the other name"),
    "institution": gettext_lazy("abbreviation of a university or institute"),
    "acronym": gettext_lazy("acronym of the other name"),
    "translated": gettext_lazy("English translation of the Chinese name"),
    "transliterated": gettext_lazy("pinyin of the Chinese name"),
}
BANDS = {"merge": gettext_lazy("likely the same"), "review": gettext_lazy("uncertain: please decide")}


def _reviewer(request: HttpRequest) -> None:
    if not may_import(request.user):
        raise PermissionDenied(_("Only secretariats and administrators review duplicates."))


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    from corridor.jobs.models import Job
    from corridor.orgs.models import Organisation

    job = Job.objects.filter(kind=FIND_DUPLICATES, created_by_id=request.user.pk, status=Job.Status.SUCCEEDED).first()
    pairs = []
    if job is not None:
        wanted = job.result.get("pairs", [])
        ids = {p["a"] for p in wanted} | {p["b"] for p in wanted}
        orgs = Organisation.objects.restrict(request.user, "view_private").select_related("city").in_bulk(ids)
        for p in wanted:
            if p["a"] in orgs and p["b"] in orgs:
                pairs.append({**p, "orgs": (orgs[p["a"]], orgs[p["b"]]), "reason_label": REASONS.get(p["reason"], p["reason"]),
                              "band_label": BANDS.get(p.get("band", "merge"), "")})
        refused = {frozenset(pair) for pair in RejectedPair.objects.filter(org_a_id__in=ids, org_b_id__in=ids)
                   .values_list("org_a_id", "org_b_id")}
        pairs = [p for p in pairs if frozenset((p["a"], p["b"])) not in refused]  # rejected since the search
    merges = Merge.objects.restrict(request.user).select_related("kept")
    return render(request, "imports/duplicates.html", {"job": job, "pairs": pairs, "merges": merges[:20]})


@login_required
@require_POST
def find_duplicates(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    job = jobs.start(FIND_DUPLICATES, {}, request.user)
    return redirect("jobs:detail", pk=job.pk)


@login_required
@require_POST
def merge(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    from corridor.orgs.models import Organisation

    visible = Organisation.objects.restrict(request.user, "view_private")
    try:
        a, b, keep_id = (int(request.POST.get(k, "")) for k in ("a", "b", "keep"))
    except ValueError:
        return HttpResponseBadRequest(_("Say which two records to merge and which one to keep."))
    if keep_id not in (a, b):
        return HttpResponseBadRequest(_("Say which two records to merge and which one to keep."))
    keep = get_object_or_404(visible, pk=keep_id)
    remove = get_object_or_404(visible, pk=b if keep_id == a else a)
    evidence = {"reason": request.POST.get("reason", "")[:32], "score": request.POST.get("score", "")[:8]}
    try:
        done = merging.merge_organisations(request.user, keep, remove, evidence)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Merged %(removed)s into %(kept)s.") % {"removed": done.removed_name, "kept": done.kept_name})
    return redirect("imports:duplicates")


@login_required
@require_POST
def reject(request: HttpRequest) -> HttpResponse:
    """Not the same organisation: the pair leaves the list and is never proposed again."""
    _reviewer(request)
    from corridor.orgs.models import Organisation

    visible = Organisation.objects.privately_visible_to(request.user)
    try:
        a, b = (int(request.POST.get(k, "")) for k in ("a", "b"))
    except ValueError:
        return HttpResponseBadRequest(_("Say which two records are not the same organisation."))
    first, second = get_object_or_404(visible, pk=a), get_object_or_404(visible, pk=b)
    try:
        merging.reject_pair(request.user, first, second)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Kept apart: %(a)s and %(b)s will not be proposed again.") % {"a": first, "b": second})
    return redirect("imports:duplicates")


@login_required
@require_POST
def undo_merge(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    record = get_object_or_404(Merge, pk=pk)
    try:
        merging.undo_merge(request.user, record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The merge was undone: %(name)s is back.") % {"name": record.removed_name})
    return redirect("imports:duplicates")
