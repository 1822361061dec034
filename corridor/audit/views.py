"""The history page of one object: who changed what, when, before and after."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from corridor.audit.models import ChangeRecord
from corridor.audit.services import history_of
from corridor.core import registry
from corridor.core.access import Actor

# Only registered models with AUDITED_FIELDS have a history page (core.registry): anything else is a
# 404 rather than a probe into other tables.
PAGE_SIZE = 50


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name.removesuffix("_id"))
    except FieldDoesNotExist:
        return name
    return str(capfirst(getattr(field, "verbose_name", name)))


def _may_know_of(user: Actor, obj: models.Model) -> bool:
    """May the user know this record exists? What they may not see answers exactly as a missing id would,
    so the history door is no oracle for unlisted organisations or private records."""
    from corridor.core.access import RestrictedQuerySet
    from corridor.orgs.models import Organisation

    rows = type(obj)._default_manager.all()
    if isinstance(rows, RestrictedQuerySet):
        return rows.restrict(user).filter(pk=obj.pk).exists()
    org_id = getattr(obj, "organisation_id", None)
    return org_id is None or Organisation.objects.restrict(user).filter(pk=org_id).exists()


def history(request: HttpRequest, app_label: str, model_name: str, pk: str) -> HttpResponse:
    entry = registry.get(app_label, model_name)
    if entry is None or entry.history is None or not entry.audited:
        raise Http404
    model = entry.model
    try:
        obj = model._default_manager.get(pk=pk)
    except (ObjectDoesNotExist, ValueError):
        raise Http404 from None
    if not _may_know_of(request.user, obj):
        raise Http404  # the same answer as for an id that does not exist: no oracle for unlisted records
    if not registry.history_allowed(request.user, obj):
        raise PermissionDenied(_("You may not see the history of this record."))
    page_obj = Paginator(history_of(obj), PAGE_SIZE).get_page(request.GET.get("page"))
    records: list[dict[str, Any]] = [
        {
            "record": record,
            "changes": [
                {"field": key, "label": _field_label(model, key), "before": before, "after": after}
                for key, before, after in record.changed_fields()
            ] if record.action != ChangeRecord.Action.IMPORT else [],
        }
        for record in page_obj.object_list
    ]
    context = {
        "object": obj,
        "object_label": str(capfirst(model._meta.verbose_name)),
        "object_url": entry.url(obj),
        "records": records,
        "page_obj": page_obj,
    }
    return render(request, "audit/history.html", context)
