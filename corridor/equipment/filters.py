"""The one filter definition for the instrument catalogue: the page and the API both use it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from django.db.models import Q, QuerySet
from django.utils import timezone
from pydantic import Field, field_validator

from corridor.core import registry
from corridor.core.dates import EARLIEST, LATEST
from corridor.core.toolkit import BaseFilter
from corridor.equipment.models import Instrument
from corridor.equipment.services import instruments_free_between
from corridor.regions.models import within_q


class InstrumentFilter(BaseFilter):
    q: str | None = Field(None, description="Search names, maker, model and capabilities in Chinese, English or pinyin")
    city: str | None = Field(None, description="GB/T 2260 code of the city, district or province")
    category: Instrument.Category | None = None
    accreditation: Literal["cma", "cnas"] | None = Field(None, description="Holds this accreditation, valid today")
    max_rate: Decimal | None = Field(None, ge=0, description="Rate per hour at most (CNY)")
    free_from: datetime.datetime | None = Field(None, description="Free for the whole window from this time…")
    free_until: datetime.datetime | None = Field(None, description="…until this time (both needed; no zone: Asia/Shanghai)")

    @field_validator("free_from", "free_until")
    @classmethod
    def _in_range(cls, value: datetime.datetime | None) -> datetime.datetime | None:
        # Far dates overflow when made aware or compared in UTC: a 422 naming the field, not a 500.
        if value is not None and not EARLIEST <= value.date() <= LATEST:
            raise ValueError(f"a date between {EARLIEST} and {LATEST}")
        return value

    def apply(self, qs: QuerySet[Instrument]) -> QuerySet[Instrument]:
        if self.q:
            qs = registry.find(Instrument, qs, self.q)  # the header box's search of instruments
        if self.city:
            # An instrument keeps its city, not its province: the province is the city's parent.
            qs = qs.filter(within_q("region", self.city, ancestors=("city", "city__parent")))
        if self.category:
            qs = qs.filter(category=self.category)
        if self.accreditation:
            today = timezone.localdate()
            prefix = self.accreditation
            qs = qs.exclude(**{f"{prefix}_certificate": ""}).filter(
                Q(**{f"{prefix}_expires_on__isnull": True}) | Q(**{f"{prefix}_expires_on__gte": today})
            )
        if self.max_rate is not None:
            qs = qs.filter(rate_per_hour__lte=self.max_rate)
        if self.free_from and self.free_until and self.free_from < self.free_until:
            start, end = (timezone.make_aware(t) if timezone.is_naive(t) else t for t in (self.free_from, self.free_until))
            qs = qs.filter(instruments_free_between(start, end))
        return qs
