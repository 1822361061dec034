"""The history page of one object: who changed what, when, before and after."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from corridor.audit.access import can_view_history
from corridor.audit.services import history_of

# The objects that have a history page; anything else is a 404 rather than a probe into other tables.
HISTORY_MODELS = {
    ("orgs", "organisation"),
    ("alliances", "alliancemembership"),
    ("alliances", "membershipapplication"),
    ("alliances", "declaration"),
}
PAGE_SIZE = 50


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name.removesuffix("_id"))
    except FieldDoesNotExist:
        return name
    return str(capfirst(getattr(field, "verbose_name", name)))


def _object_url(obj: models.Model) -> str | None:
    from corridor.alliances.models import AllianceMembership, Declaration, MembershipApplication
    from corridor.orgs.models import Organisation

    if isinstance(obj, Organisation):
        return reverse("orgs:detail", args=[obj.pk])
    if isinstance(obj, Declaration):
        return reverse("alliances:declaration", args=[obj.pk])
    if isinstance(obj, AllianceMembership):
        return reverse("alliances:detail", args=[obj.alliance.slug])
    if isinstance(obj, MembershipApplication):
        return reverse("alliances:applications")
    return None


def _may_know_of(user: Any, obj: models.Model) -> bool:
    """May the user know this record exists (its organisation or application is visible to them)?"""
    from corridor.alliances.models import MembershipApplication
    from corridor.orgs.models import Organisation

    if isinstance(obj, Organisation):
        return Organisation.objects.visible_to(user).filter(pk=obj.pk).exists()
    if isinstance(obj, MembershipApplication):
        return MembershipApplication.objects.visible_to(user).filter(pk=obj.pk).exists()
    org_id = getattr(obj, "organisation_id", None)
    return org_id is None or Organisation.objects.visible_to(user).filter(pk=org_id).exists()


def history(request: HttpRequest, app_label: str, model_name: str, pk: str) -> HttpResponse:
    if (app_label, model_name) not in HISTORY_MODELS:
        raise Http404
    model = apps.get_model(app_label, model_name)
    try:
        obj = model._default_manager.get(pk=pk)
    except (model.DoesNotExist, ValueError):
        raise Http404 from None
    if not _may_know_of(request.user, obj):
        raise Http404  # the same answer as for an id that does not exist: no oracle for unlisted records
    if not can_view_history(request.user, obj):
        raise PermissionDenied(_("You may not see the history of this record."))
    page_obj = Paginator(history_of(obj), PAGE_SIZE).get_page(request.GET.get("page"))
    records: list[dict[str, Any]] = [
        {
            "record": record,
            "changes": [
                {"field": key, "label": _field_label(model, key), "before": before, "after": after}
                for key, before, after in record.changed_fields()
            ],
        }
        for record in page_obj.object_list
    ]
    context = {
        "object": obj,
        "object_label": str(capfirst(model._meta.verbose_name)),
        "object_url": _object_url(obj),
        "records": records,
        "page_obj": page_obj,
    }
    return render(request, "audit/history.html", context)
