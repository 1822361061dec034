"""What every page and list endpoint shares: htmx fragments, one page-size rule, the form → service →
errors → 422 round trip, and the base of every list filter.

    def instrument_list(request):
        filters = InstrumentFilter.from_query(request.GET, request)      # bad values: a message, ignored
        page_obj = paginate(request, filters.apply(Instrument.objects.restrict(request.user)))
        return htmx_partial(request, "equipment/list.html", "equipment/_results.html", {"page_obj": page_obj})

    def listing_edit(request, pk):
        form = ListingForm(request.POST or None)
        return form_view(request, form, lambda f: services.update_listing(request.user, listing, f.service_data()),
                         template="matching/edit.html", context={"listing": listing},
                         done=lambda saved: redirect("matching:detail", pk=saved.pk))

The API uses the same filters as `Query[...]` parameters: there a bad value is a 422 naming the parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Self, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import PrivateAttr

from corridor.core.forms import add_service_errors

# One page-size rule for pages (`?per_page=`) and the API (`?limit=`, settings.NINJA_PAGINATION_*).
PAGE_SIZE = 25
MIN_PAGE_SIZE = 10
MAX_PAGE_SIZE = 500

T = TypeVar("T")


def is_htmx(request: HttpRequest) -> bool:
    """htmx asks for a fragment; a history restore (back button after a cache miss) needs the full page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def htmx_partial(request: HttpRequest, template: str, partial: str, context: dict[str, Any],
                 full_context: Callable[[], dict[str, Any]] | None = None, status: int = 200) -> HttpResponse:
    """The fragment for htmx, the page otherwise (`full_context()` adds what only the page needs); the
    same URL answers both, so the response always varies on HX-Request (a cache must keep them apart)."""
    if is_htmx(request):
        response = render(request, partial, context, status=status)
    else:
        response = render(request, template, {**context, **(full_context() if full_context else {})}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def page_size(request: HttpRequest) -> int:
    """`?per_page=` between MIN_PAGE_SIZE and MAX_PAGE_SIZE, else PAGE_SIZE."""
    raw = request.GET.get("per_page", "")
    return min(max(int(raw), MIN_PAGE_SIZE), MAX_PAGE_SIZE) if raw.isdigit() else PAGE_SIZE


def paginate(request: HttpRequest, items: QuerySet[Any] | list[Any], per_page: int | None = None) -> Page[Any]:
    return Paginator(items, per_page or page_size(request)).get_page(request.GET.get("page"))


def form_view(request: HttpRequest, form: forms.Form, save: Callable[[Any], T], *, template: str,
              done: Callable[[T], HttpResponse], context: dict[str, Any] | None = None) -> HttpResponse:
    """GET: the form. POST: a valid form goes to the service (`save(form)`); the service's ValidationError
    is shown next to the fields it names; anything refused answers 422 with the form again."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = save(form)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return done(result)
        status = 422
    return render(request, template, {**(context or {}), "form": form}, status=status)


class BaseFilter(Schema):
    """The base of every list filter: the same class filters a page (`from_query`) and an endpoint
    (`Query[TheFilter]`, where pydantic answers a bad value with a 422 naming the parameter)."""

    _problems: dict[str, str] = PrivateAttr(default_factory=dict)

    @classmethod
    def from_query(cls, params: Mapping[str, Any], request: HttpRequest | None = None) -> Self:
        """From a page's GET parameters: empty values are no filter; a bad value is left out and, with
        `request`, the page says which parameter was not understood."""
        valid: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for name in cls.model_fields:
            value = str(params.get(name) or "").strip()
            if not value:
                continue
            try:
                cls.model_validate({name: value})
            except Exception:  # pydantic's ValidationError: this one value is not understood
                problems[name] = _("The filter “%(name)s” does not accept “%(value)s”; it was left out.") % {
                    "name": name, "value": value[:60]}
                continue
            valid[name] = value
        found = cls.model_validate(valid)
        found._problems = problems
        if request is not None:
            for message in problems.values():
                messages.warning(request, message)
        return found

    @property
    def problems(self) -> dict[str, str]:
        return dict(self._problems)

    def is_active(self) -> bool:
        return any(getattr(self, name) not in (None, "") for name in type(self).model_fields)
