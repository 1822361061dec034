"""Counting that does not grow with the table: exact up to CAP rows, "more than CAP" beyond.

An exact COUNT(*) of a broad result costs a scan of every matching row on each request; counting at most
CAP + 1 rows (COUNT over a LIMITed subquery) stops early, and narrow searches still get their exact number.
Pages past the cap stay reachable: whether there is a next page is read from one extra row.
"""

from __future__ import annotations

import math
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

CAP = 1000


def capped_count(qs: QuerySet[Any], cap: int = CAP) -> int:
    """The number of rows, or cap + 1 when there are more than `cap`."""
    # Only the key: a search's ranking annotation (or the private-access one) costs time and decides nothing here.
    return qs.order_by().values("pk")[: cap + 1].count()


class CappedPage(Page):
    def __init__(self, object_list: Any, number: int, paginator: Paginator, has_more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.has_more = has_more

    def has_next(self) -> bool:
        return self.has_more


class CappedPaginator(Paginator):
    """A Paginator whose count stops at CAP + 1 (`capped` then says the real count is larger)."""

    cap = CAP

    @cached_property
    def count(self) -> int:
        return capped_count(self.object_list, self.cap)  # type: ignore[arg-type]  # always a QuerySet here

    @property
    def capped(self) -> bool:
        return bool(self.count > self.cap)

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
        if not self.capped:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        return CappedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)


class CappedLimitOffset(LimitOffsetPagination):
    """API lists: `count` exact up to CAP, `count_capped` true when there are more; `suggestion` for searches."""

    class Output(Schema):
        items: list[Any]
        count: int
        count_capped: bool = Field(False, description=f"True when there are more than {CAP} results")
        suggestion: str | None = Field(None, description="The spelling searched instead, when `q` matched nothing")

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        offset, limit = pagination.offset, pagination.limit
        count = capped_count(queryset) if isinstance(queryset, QuerySet) else len(queryset)
        return {
            "items": queryset[offset : offset + limit],
            "count": min(count, CAP) if count > CAP else count,
            "count_capped": count > CAP,
            "suggestion": getattr(request, "search_suggestion", None),
        }
