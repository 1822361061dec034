"""One place that reads an instrument's fields from text and checks them.

The importer (one row of a sheet), the edit page and the API all pass `{column: text}` here, so a
field is checked the same way wherever it comes from. Columns are the canonical names of
`importer.COLUMNS`; errors name the column.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from corridor.equipment.models import Instrument
from corridor.orgs import search_text, uscc
from corridor.orgs.models import Organisation
from corridor.orgs.services import region_from_address
from corridor.regions.models import Park, Region

TRUE = {"1", "true", "yes", "y", "是", "需要"}
FALSE = {"0", "false", "no", "n", "否", "不需要", ""}
WEEKDAYS = "1234567"
TEXT_COLUMNS = (
    "name_zh", "name_en", "maker", "model_number", "capabilities_zh", "capabilities_en", "address",
    "cma_certificate", "cnas_certificate",
)
# Cleared by an empty value when editing; the other typed columns cannot be empty.
NULLABLE_COLUMNS = ("cma_expires_on", "cnas_expires_on", "monthly_quota_hours")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


def refresh_derived_fields(instrument: Instrument) -> None:
    """City from the region, and the search haystack from names, maker, model and capabilities."""
    instrument.city = instrument.region.prefecture() if instrument.region_id else None
    names = [instrument.name_zh, instrument.name_en, instrument.maker, instrument.model_number]
    instrument.search_text = search_text.build(names) + " | " + search_text.fold(
        f"{instrument.capabilities_zh} {instrument.capabilities_en}"
    )


class Row:
    """Converts one set of texts to field values, collecting an error per bad column."""

    def __init__(self, number: int, data: dict[str, str]) -> None:
        self.number, self.data = number, data
        self.errors: list[RowError] = []

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def decimal(self, column: str) -> Decimal | None:
        raw = self.data.get(column, "")
        if not raw:
            return None
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            self.fail(column, _("Not a number: %(value)s") % {"value": raw})
            return None
        if not value.is_finite():
            self.fail(column, _("Not a number: %(value)s") % {"value": raw})
            return None
        if value < 0:
            self.fail(column, _("Cannot be negative."))
        return value

    def integer(self, column: str) -> int | None:
        value = self.decimal(column)
        if value is not None and value != int(value):
            self.fail(column, _("A whole number is needed."))
        return int(value) if value is not None else None

    def date(self, column: str) -> datetime.date | None:
        raw = self.data.get(column, "")
        try:
            return datetime.date.fromisoformat(raw[:10]) if raw else None
        except ValueError:
            self.fail(column, _("Not a date (YYYY-MM-DD): %(value)s") % {"value": raw})
            return None

    def time(self, column: str) -> datetime.time | None:
        raw = self.data.get(column, "")
        try:
            return datetime.time.fromisoformat(raw) if raw else None
        except ValueError:
            self.fail(column, _("Not a time (HH:MM): %(value)s") % {"value": raw})
            return None

    def open_days(self) -> str:
        raw = self.data.get("open_days", "").replace(",", "").replace(" ", "")
        if raw and (any(day not in WEEKDAYS for day in raw) or len(set(raw)) != len(raw)):
            self.fail("open_days", _("Weekday digits 1 (Monday) to 7 (Sunday), each once, e.g. 12345."))
        return "".join(sorted(set(raw) & set(WEEKDAYS)))


def find_owner(value: str, cache: dict[str, Organisation | None] | None = None) -> Organisation | None:
    """An organisation by number, unified social credit code or exact name."""
    cache = {} if cache is None else cache
    if value not in cache:
        org = None
        if value.isdigit():
            org = Organisation.objects.filter(pk=int(value)).first()
        if org is None and len(value) == 18:
            org = Organisation.objects.filter(uscc=uscc.normalize(value)).first()
        if org is None:
            org = Organisation.objects.filter(name_zh=value).first() or Organisation.objects.filter(name_en=value).first()
        cache[value] = org
    return cache[value]


def _category(raw: str) -> str | None:
    by_label = {str(label).lower(): value for value, label in Instrument.Category.choices}
    if raw in Instrument.Category.values:
        return raw
    return by_label.get(raw.lower())


def _owner(row: Row, target: Instrument | None, owners: dict[str, Organisation | None]) -> Organisation | None:
    if target is not None and target.pk is not None:
        return target.owner  # an instrument does not change hands by an edit
    raw = row.data.get("owner", "")
    owner = find_owner(raw, owners) if raw else None
    if owner is None:
        row.fail("owner", _("No organisation with this number, credit code or name: %(value)s") % {"value": raw})
    return owner


def _region(row: Row, target: Instrument | None) -> Region | None:
    d = row.data
    if d.get("region"):
        region = Region.objects.filter(code=d["region"]).select_related("parent").first()
        if region is None:
            row.fail("region", _("Unknown region code: %(value)s") % {"value": d["region"]})
        return region
    if d.get("address") and (target is None or "region" in d):
        region = region_from_address(d["address"])
        if region is not None:
            return region
    if target is not None and target.region_id and "region" not in d:
        return target.region
    row.fail("region", _("Give a region code or an address the region can be read from."))
    return None


def _typed_values(row: Row) -> dict[str, Any]:
    d = row.data
    values: dict[str, Any] = {name: d.get(name, "") for name in TEXT_COLUMNS}
    values.update({
        "cma_expires_on": row.date("cma_expires_on"), "cnas_expires_on": row.date("cnas_expires_on"),
        "rate_per_hour": row.decimal("rate_per_hour"), "rate_per_sample": row.decimal("rate_per_sample"),
        "opens_at": row.time("opens_at"), "closes_at": row.time("closes_at"), "open_days": row.open_days(),
        "min_minutes": row.integer("min_minutes"), "max_minutes": row.integer("max_minutes"),
        "lead_hours": row.integer("lead_hours"), "monthly_quota_hours": row.integer("monthly_quota_hours"),
    })
    return values


def apply_text(
    row: Row,
    target: Instrument | None = None,
    *,
    owners: dict[str, Organisation | None] | None = None,
    blank_clears: bool = False,
) -> Instrument | None:
    """Check `row.data` and put its values on `target` (a new instrument when None); None if any column failed.

    Only the columns present in the data change. An empty value keeps the current value (a sheet's
    empty cell) unless `blank_clears` (a form or API edit: clear it, or refuse it where a value is needed).
    """
    d = row.data
    owner = _owner(row, target, {} if owners is None else owners)
    region = _region(row, target)
    category = _category(d["category"]) if d.get("category") else (target.category if target else Instrument.Category.OTHER)
    if category is None:
        row.fail("category", _("Unknown category: %(value)s") % {"value": d.get("category")})
    park = target.park if target is not None and "park" not in d else None
    if d.get("park"):
        park = Park.objects.filter(slug=d["park"]).first()
        if park is None:
            row.fail("park", _("Unknown park: %(value)s") % {"value": d["park"]})
    approval = d.get("approval_required", "").lower()
    if approval not in TRUE | FALSE:
        row.fail("approval_required", _("Yes or no."))
    bookable_by = d.get("bookable_by") or (target.bookable_by if target else Instrument.BookableBy.ANYONE)
    if bookable_by not in Instrument.BookableBy.values:
        row.fail("bookable_by", _("One of: %(choices)s") % {"choices": ", ".join(Instrument.BookableBy.values)})
    values = _typed_values(row)
    instrument = target if target is not None else Instrument()
    for name, value in values.items():
        if name not in d:
            continue
        if d[name].strip():
            if value is not None:  # None: unreadable, already reported
                setattr(instrument, name, value)
        elif name in TEXT_COLUMNS or name in NULLABLE_COLUMNS:
            # A sheet's empty quota cell means "no quota"; other empty cells keep what is there.
            if blank_clears or name == "monthly_quota_hours":
                setattr(instrument, name, value)
        elif blank_clears:
            row.fail(name, _("This field is required."))
    if not instrument.name_zh and not instrument.name_en:
        row.fail("name_zh", _("An instrument needs a Chinese or an English name."))
    if row.errors or owner is None or region is None:
        return None
    instrument.owner, instrument.region, instrument.park, instrument.category = owner, region, park, category or "other"
    instrument.bookable_by = bookable_by
    if approval:
        instrument.approval_required = approval in TRUE
    refresh_derived_fields(instrument)
    try:
        instrument.full_clean(exclude=["search_text", "city", "owner", "region", "park"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            row.fail(name if name != "__all__" else "name_zh", " ".join(messages))
        return None
    return instrument


def as_validation_error(errors: list[RowError]) -> ValidationError:
    by_column: dict[str, list[str]] = {}
    for error in errors:
        by_column.setdefault(error.column, []).append(error.message)
    return ValidationError(by_column)
