"""Counting that does not grow with the table: exact up to CAP rows, "more than CAP" beyond.

An exact COUNT(*) of a broad result costs a scan of every matching row on each request. Instead one query
reads the keys of the first CAP + 1 rows in the list's order (`first_ids`): their number is the count (exact
up to CAP, "more than CAP" beyond), and a page within them is then loaded by key (`WHERE id IN (…)`, 25 rows),
so a search's matching, ranking and sorting run once per request instead of once for the count, once for
"did anything match" and once for the page. Pages past the cap stay reachable (OFFSET on the list itself);
whether there is a next page is read from one extra row.

An unfiltered list needs no cap: its total is kept (`corridor.orgs.counts`) and passed in as `total`, so it
shows the real number and pages of it, without counting the table.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property
from ninja import Field, Schema

from corridor.core.pagination import LimitOffsetPagination  # offsets bounded: a 422, never a 500

CAP = 1000


def capped_count(qs: QuerySet[Any], cap: int = CAP) -> int:
    """The number of rows, or cap + 1 when there are more than `cap`."""
    # Only the key: a search's ranking annotation (or the private-access one) costs time and decides nothing here.
    return qs.order_by().values("pk")[: cap + 1].count()


def first_ids(qs: QuerySet[Any], size: int | None = None) -> list[int]:
    """Keys of the first `size` (default CAP + 1) rows of `qs`, in its order: one query, keys only."""
    size = CAP + 1 if size is None else size
    keys = qs.select_related(None).prefetch_related(None).values_list("pk", flat=True)
    return list(keys[:size])


def rows_by_ids(qs: QuerySet[Any], ids: list[int]) -> list[Any]:
    """The rows of `qs` with these keys, in the order of `ids` (one query, plus the queryset's prefetches)."""
    if not ids:
        return []
    found = {row.pk: row for row in qs.order_by().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


class CappedPage(Page):
    def __init__(self, object_list: Any, number: int, paginator: Paginator, has_more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.has_more = has_more

    def has_next(self) -> bool:
        return self.has_more


class CappedPaginator(Paginator):
    """A Paginator whose count stops at CAP + 1 (`capped` then says the real count is larger)."""

    cap = CAP

    def __init__(self, object_list: Any, per_page: int, *, ids: list[int] | None = None, rows: Any = None,
                 total: int | None = None, **kwargs: Any) -> None:
        """`ids`: the keys of the first CAP + 1 rows in order when the caller has them (a search does);
        `rows`: where a page's rows are loaded from by key (default `object_list`; a search passes the queryset
        it narrowed, so the page query neither matches nor ranks again); `total`: the list's kept total, when
        it is unfiltered (shown as is, never capped)."""
        super().__init__(object_list, per_page, **kwargs)
        self._ids = ids
        self._total = total
        self.rows = object_list if rows is None else rows

    @cached_property
    def count(self) -> int:
        if self._total is not None:
            return self._total
        if self._ids is not None:
            return len(self._ids[: self.cap + 1])
        return capped_count(self.object_list, self.cap)  # type: ignore[arg-type]  # always a QuerySet here

    @property
    def capped(self) -> bool:
        return self._total is None and self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    def validate_number(self, number: Any) -> int:
        if not self.capped:
            return int(super().validate_number(number))
        try:
            value = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if value < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return value

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self._ids
        if ids is not None and (bottom + self.per_page < len(ids) or not self.capped):
            rows = rows_by_ids(self.rows, ids[bottom : bottom + self.per_page + 1])
            return CappedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)
        if not self.capped:
            return super().page(number)
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        return CappedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)


class CappedLimitOffset(LimitOffsetPagination):
    """API lists: `count` exact up to CAP, `count_capped` true when there are more; `suggestion` for searches.
    An unfiltered list's view sets `request.list_total` (its kept total): `count` is then that, never capped."""

    class Output(Schema):
        items: list[Any]
        count: int
        count_capped: bool = Field(False, description=f"True when there are more than {CAP} results")
        suggestion: str | None = Field(None, description="The spelling searched instead, when `q` matched nothing")

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        offset, limit = pagination.offset, pagination.limit
        items: Any
        ids = getattr(request, "search_ids", None)
        total = getattr(request, "list_total", None)
        if total is not None:
            count, items = total, queryset[offset : offset + limit]
            return {"items": items, "count": count, "count_capped": False, "suggestion": None}
        if isinstance(queryset, QuerySet) and ids is not None and (offset + limit < len(ids) or len(ids) <= CAP):
            # A search: its ranked keys are known; the page's rows are loaded by key.
            rows = getattr(request, "search_rows", None)
            count, items = len(ids), rows_by_ids(queryset if rows is None else rows, ids[offset : offset + limit])
        elif isinstance(queryset, QuerySet):
            count, items = capped_count(queryset), queryset[offset : offset + limit]
        else:
            count, items = len(queryset), queryset[offset : offset + limit]
        return {
            "items": items,
            "count": min(count, CAP) if count > CAP else count,
            "count_capped": count > CAP,
            "suggestion": getattr(request, "search_suggestion", None),
        }
