"""One filter for the listing page and the API: side, category, status and a text query."""


from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from ninja import Schema

from corridor.matching import services
from corridor.matching.models import Listing


class ListingFilter(Schema):
    q: str = ""
    side: str = ""
    category: str = ""
    status: str = "open"

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> "ListingFilter":
        return cls(**{k: str(query.get(k, "")).strip() for k in ("q", "side", "category")},
                   status=str(query.get("status", "open")).strip())

    def apply(self, qs: QuerySet[Listing]) -> QuerySet[Listing]:
        if self.side in Listing.Side.values:
            qs = qs.filter(side=self.side)
        if self.category in Listing.Category.values:
            qs = qs.filter(category=self.category)
        if self.status in Listing.Status.values:
            qs = qs.filter(status=self.status)
        if self.q:
            qs = services.search(qs, self.q)
        return qs

    def is_active(self) -> bool:
        return bool(self.q or self.side or self.category)
