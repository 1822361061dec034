"""API schemas of instruments, bookings and vouchers. `name` is in the request's language."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.contrib.auth.models import AnonymousUser
from ninja import Schema
from pydantic import AfterValidator, Field, WithJsonSchema

from corridor.core.schemas import InputSchema, WithActions, inline_choices
from corridor.equipment.models import Booking, Instrument
from corridor.orgs.naming import may_name
from corridor.orgs.schemas import OrganisationRef
from corridor.regions.schemas import RegionRef


def _local(value: datetime.time) -> datetime.time:
    if value.tzinfo is not None:
        raise ValueError("a local time of day without an offset, e.g. 08:30 (the instrument's time_zone applies)")
    return value


# A wall-clock time in the instrument's time zone, not an instant: OpenAPI's "format: time" would
# promise an RFC 3339 time with an offset, which this is not. Described as what it is instead.
LocalTime = Annotated[datetime.time, AfterValidator(_local), WithJsonSchema({
    "type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$",
    "description": "Local time of day in the instrument's time_zone (HH:MM or HH:MM:SS), no offset",
    "examples": ["08:30:00"],
})]
Category = Annotated[Instrument.Category, inline_choices(Instrument.Category)]
BookableBy = Annotated[Instrument.BookableBy, inline_choices(Instrument.BookableBy)]
BookingStatus = Annotated[Booking.Status, inline_choices(Booking.Status)]


class InstrumentRef(Schema):
    id: int
    name: str
    name_zh: str
    name_en: str


class InstrumentIn(InputSchema):
    """Any subset of an instrument's fields; on create `owner` (organisation number or credit code) too.

    Checked exactly as an import sheet's columns are; an empty string clears an optional field."""

    owner: str | int | None = None
    name_zh: str | None = None
    name_en: str | None = None
    maker: str | None = None
    model_number: str | None = None
    category: Category | None = None
    capabilities_zh: str | None = None
    capabilities_en: str | None = None
    region: str | None = Field(None, description="Administrative code, e.g. 310117; empty: read from the address")
    park: str | None = Field(None, description="Park slug")
    address: str | None = None
    cma_certificate: str | None = None
    cma_expires_on: datetime.date | Literal[""] | None = None
    cnas_certificate: str | None = None
    cnas_expires_on: datetime.date | Literal[""] | None = None
    rate_per_hour: Decimal | None = None
    rate_per_sample: Decimal | None = None
    opens_at: LocalTime | None = None
    closes_at: LocalTime | None = None
    open_days: str | None = Field(None, description="ISO weekdays open, 1 = Monday, e.g. 12345")
    approval_required: bool | None = None
    min_minutes: int | None = None
    max_minutes: int | None = None
    lead_hours: int | None = None
    monthly_quota_hours: int | Literal[""] | None = Field(None, description="Empty string: no quota")
    bookable_by: BookableBy | None = None

    def as_text(self) -> dict[str, str]:
        """The fields sent, as the text an import sheet would hold (null and omitted leave a field as it is)."""
        data = {}
        for name, value in self.model_dump(exclude_none=True).items():
            if isinstance(value, bool):
                data[name] = "yes" if value else "no"
            elif isinstance(value, datetime.time):
                data[name] = value.isoformat(timespec="minutes")
            elif isinstance(value, datetime.date):
                data[name] = value.isoformat()
            else:
                data[name] = str(value.value if hasattr(value, "value") else value).strip()
        return data


class InstrumentOut(InstrumentRef):
    owner: OrganisationRef | None = Field(description="Null when the owner keeps its name private from you")
    maker: str
    model_number: str
    category: Category
    capabilities_zh: str
    capabilities_en: str
    region: RegionRef
    city: RegionRef | None
    address: str
    cma_certificate: str
    cma_expires_on: datetime.date | None
    cnas_certificate: str
    cnas_expires_on: datetime.date | None
    accreditations: list[str] = Field(description="Accreditations valid today (CMA, CNAS)")
    rate_per_hour: Decimal
    rate_per_sample: Decimal
    time_zone: str
    opens_at: LocalTime
    closes_at: LocalTime
    open_days: str = Field(description="ISO weekdays open, 1 = Monday")
    approval_required: bool
    min_minutes: int
    max_minutes: int
    lead_hours: int
    monthly_quota_hours: int | None
    bookable_by: BookableBy
    active: bool

    @staticmethod
    def resolve_accreditations(obj: Instrument) -> list[str]:
        return obj.accreditations()

    @staticmethod
    def resolve_owner(obj: Any, context: Any) -> Any:
        request = (context or {}).get("request")
        user = getattr(request, "auth", None) or getattr(request, "user", None) or AnonymousUser()
        return obj.owner if may_name(user, obj.owner) else None


class SlotOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    state: Literal["free", "taken", "closed"]


class UsageOut(Schema):
    hours: Decimal
    samples: int
    fee: Decimal


class BookingOut(Schema):
    id: int
    instrument: InstrumentRef
    organisation: OrganisationRef
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: BookingStatus
    series: uuid.UUID | None
    purpose: str
    samples: int
    reason: str
    usage: UsageOut | None = None

    @staticmethod
    def resolve_usage(obj: Booking) -> UsageOut | None:
        usage = getattr(obj, "usage", None)
        return UsageOut.model_validate(usage, from_attributes=True) if usage is not None else None


class BookingIn(InputSchema):
    organisation_id: int = Field(description="The organisation booking (you must be one of its members)")
    starts_at: datetime.datetime = Field(description="ISO 8601; without a zone, the instrument's (Asia/Shanghai)")
    ends_at: datetime.datetime
    repeat: Literal["none", "daily", "weekly"] = "none"
    count: int = Field(1, description="Occurrences when repeating (at most 52)")
    allow_partial: bool = Field(False, description="Book the free occurrences and skip the clashing ones")
    purpose: str = ""
    samples: int = Field(0, ge=0)


class ClashOut(Schema):
    occurrence: int = Field(description="1-based position in the series")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    reasons: list[str]


class SeriesOut(Schema):
    booked: list[BookingOut]
    skipped: list[ClashOut] = Field(description="Occurrences not booked (only with allow_partial)")


class ReasonIn(InputSchema):
    reason: str = ""


class CompleteIn(InputSchema):
    hours: Decimal | None = Field(None, ge=0, description="Hours used; default: the booked hours")
    samples: int | None = Field(None, ge=0, description="Samples tested; default: as booked")


class ProgrammeOut(Schema):
    id: int
    name: str
    name_zh: str
    name_en: str
    issuer: RegionRef
    budget: Decimal
    unallocated: Decimal
    valid_from: datetime.date
    valid_until: datetime.date
    fee_share: Decimal
    holder_regions: list[RegionRef]
    provider_regions: list[RegionRef]


class ProgrammeIn(InputSchema):
    issuer: str = Field(description="GB/T 2260 code of the issuing city or district (yours, as its officer)")
    name_zh: str
    name_en: str = ""
    budget: Decimal = Field(gt=0)
    valid_from: datetime.date
    valid_until: datetime.date
    fee_share: Decimal = Field(gt=0, le=1, description="Share of a booking's fee a voucher may pay, e.g. 0.5")
    holder_regions: list[str] = Field(default_factory=list, description="Codes; holders located in these (default: the issuer)")
    provider_regions: list[str] = Field(description="Codes of the regions whose providers accept the vouchers")


class VoucherOut(Schema):
    id: int
    programme: ProgrammeOut
    holder: OrganisationRef
    amount: Decimal
    balance: Decimal
    granted_at: datetime.datetime


class GrantIn(InputSchema):
    holder_id: int
    amount: Decimal = Field(gt=0)


class RedeemIn(InputSchema):
    booking_id: int
    amount: Decimal = Field(gt=0)
    contract_ref: str
    receipt_ref: str


class RedemptionOut(Schema):
    id: int
    voucher_id: int
    booking_id: int
    amount: Decimal
    contract_ref: str
    receipt_ref: str
    redeemed_at: datetime.datetime


class SettlementPairOut(Schema):
    paying_city: str
    provider_city: str
    redemptions: int
    fees: Decimal
    paid: Decimal
    categories: dict[str, Decimal]


class UtilisationOut(Schema):
    label: str
    open_hours: float
    booked_hours: float
    ratio: float


class InstrumentDetailOut(InstrumentOut, WithActions):
    """An instrument with what the caller may do with it (`change`: edit, retire)."""


class BookingDetailOut(BookingOut, WithActions):
    """A booking with what the caller may do with it (`decide`, `cancel`)."""


class VoucherDetailOut(VoucherOut, WithActions):
    """A voucher with what the caller may do with it (`redeem`)."""
