"""Instrument catalogues from .xlsx or .csv: every row checked first, then all written or none.

Headers may be English (the field names below) or Chinese (as labs' own sheets say them). A row is
matched to an existing instrument by owner + Chinese name + model, so importing a file again updates
rather than duplicates. Errors name the row (as numbered in the sheet, header = 1) and the column.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from corridor.equipment import services
from corridor.equipment.models import Instrument
from corridor.orgs import uscc
from corridor.orgs.models import Organisation
from corridor.orgs.services import region_from_address
from corridor.regions.models import Park, Region

# canonical column → accepted headers (lower-cased)
COLUMNS: dict[str, tuple[str, ...]] = {
    "owner": ("owner", "所属单位", "单位", "统一社会信用代码"),
    "name_zh": ("name_zh", "仪器名称", "中文名称"),
    "name_en": ("name_en", "英文名称"),
    "maker": ("maker", "制造商", "生产厂家"),
    "model_number": ("model", "model_number", "型号"),
    "category": ("category", "类别"),
    "capabilities_zh": ("capabilities_zh", "检测能力", "主要功能"),
    "capabilities_en": ("capabilities_en",),
    "region": ("region", "行政区划代码"),
    "address": ("address", "地址", "放置地点"),
    "park": ("park", "园区"),
    "cma_certificate": ("cma_certificate", "cma证书编号"),
    "cma_expires_on": ("cma_expires_on", "cma有效期"),
    "cnas_certificate": ("cnas_certificate", "cnas证书编号"),
    "cnas_expires_on": ("cnas_expires_on", "cnas有效期"),
    "rate_per_hour": ("rate_per_hour", "机时费", "每小时收费"),
    "rate_per_sample": ("rate_per_sample", "样品费", "每样品收费"),
    "opens_at": ("opens_at", "开放时间"),
    "closes_at": ("closes_at", "关闭时间"),
    "open_days": ("open_days", "开放日"),
    "approval_required": ("approval_required", "需要审批"),
    "min_minutes": ("min_minutes", "最短分钟"),
    "max_minutes": ("max_minutes", "最长分钟"),
    "lead_hours": ("lead_hours", "提前小时"),
    "monthly_quota_hours": ("monthly_quota_hours", "每月限额小时"),
    "bookable_by": ("bookable_by", "可预约对象"),
}
REQUIRED = ("owner",)
TRUE = {"1", "true", "yes", "y", "是", "需要"}
FALSE = {"0", "false", "no", "n", "否", "不需要", ""}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} errors")


@dataclass
class ImportResult:
    created: int
    updated: int


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(sheet row number, {canonical column: text}) for every non-empty row."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
    else:
        text = path.read_bytes().decode("utf-8-sig")
        rows = (tuple(r) for r in csv.reader(io.StringIO(text)))
    header = next(rows, None)
    if header is None:
        return
    lookup = {alias.lower(): canonical for canonical, aliases in COLUMNS.items() for alias in aliases}
    unknown = [str(h) for h in header if h is not None and str(h).strip() and str(h).strip().lower() not in lookup]
    if unknown:
        raise ImportFailed([RowError(1, name, _("Unknown column.")) for name in unknown])
    names = [lookup.get(str(h).strip().lower()) if h is not None else None for h in header]
    for number, values in enumerate(rows, start=2):
        row = {}
        for name, value in zip(names, values, strict=False):
            if name is not None:
                row[name] = _text(value)
        if any(row.values()):
            yield number, row


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Row:
    """Converts one row's text to field values, collecting an error per bad column."""

    def __init__(self, number: int, data: dict[str, str]) -> None:
        self.number, self.data, self.errors = number, data, []  # type: ignore[var-annotated]

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


def _owner(value: str, cache: dict[str, Organisation | None]) -> Organisation | None:
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


def _instrument(row: _Row, owners: dict[str, Organisation | None]) -> Instrument | None:
    d = row.data
    owner = _owner(d.get("owner", ""), owners) if d.get("owner") else None
    if owner is None:
        row.fail("owner", _("No organisation with this number, credit code or name: %(value)s") % {"value": d.get("owner", "")})
    region = None
    if d.get("region"):
        region = Region.objects.filter(code=d["region"]).select_related("parent").first()
        if region is None:
            row.fail("region", _("Unknown region code: %(value)s") % {"value": d["region"]})
    elif d.get("address"):
        region = region_from_address(d["address"])
    if region is None and not d.get("region"):
        row.fail("region", _("Give a region code or an address the region can be read from."))
    category = _category(d.get("category") or "other")
    if category is None:
        row.fail("category", _("Unknown category: %(value)s") % {"value": d.get("category")})
    park = None
    if d.get("park"):
        park = Park.objects.filter(slug=d["park"]).first()
        if park is None:
            row.fail("park", _("Unknown park: %(value)s") % {"value": d["park"]})
    approval = d.get("approval_required", "").lower()
    if approval not in TRUE | FALSE:
        row.fail("approval_required", _("Yes or no."))
    bookable_by = d.get("bookable_by") or Instrument.BookableBy.ANYONE
    if bookable_by not in Instrument.BookableBy.values:
        row.fail("bookable_by", _("One of: %(choices)s") % {"choices": ", ".join(Instrument.BookableBy.values)})
    values: dict[str, Any] = {
        "name_zh": d.get("name_zh", ""), "name_en": d.get("name_en", ""), "maker": d.get("maker", ""),
        "model_number": d.get("model_number", ""), "capabilities_zh": d.get("capabilities_zh", ""),
        "capabilities_en": d.get("capabilities_en", ""), "address": d.get("address", ""),
        "cma_certificate": d.get("cma_certificate", ""), "cnas_certificate": d.get("cnas_certificate", ""),
        "cma_expires_on": row.date("cma_expires_on"), "cnas_expires_on": row.date("cnas_expires_on"),
        "rate_per_hour": row.decimal("rate_per_hour"), "rate_per_sample": row.decimal("rate_per_sample"),
        "opens_at": row.time("opens_at"), "closes_at": row.time("closes_at"), "open_days": d.get("open_days", ""),
        "min_minutes": row.integer("min_minutes"), "max_minutes": row.integer("max_minutes"),
        "lead_hours": row.integer("lead_hours"), "monthly_quota_hours": row.integer("monthly_quota_hours"),
    }
    if not values["name_zh"] and not values["name_en"]:
        row.fail("name_zh", _("An instrument needs a Chinese or an English name."))
    if row.errors or owner is None or region is None:
        return None
    existing = Instrument.objects.filter(owner=owner, name_zh=values["name_zh"], model_number=values["model_number"]).first()
    instrument = existing or Instrument(owner=owner)
    for name, value in values.items():
        if value not in (None, "") or name in ("monthly_quota_hours",):
            setattr(instrument, name, value)
    instrument.region, instrument.park, instrument.category = region, park, category or "other"
    instrument.bookable_by = bookable_by
    if approval:
        instrument.approval_required = approval in TRUE
    instrument.source = instrument.source or "import"
    services.refresh_derived_fields(instrument)
    try:
        instrument.full_clean(exclude=["search_text", "city", "owner", "region", "park"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            row.fail(field if field != "__all__" else "name_zh", " ".join(messages))
        return None
    return instrument


def import_instruments(path: Path, *, progress: Callable[[int, int], None] | None = None, dry_run: bool = False) -> ImportResult:
    """Check every row, then write all of them in one transaction, or raise ImportFailed naming each bad cell."""
    rows = list(read_rows(path))
    owners: dict[str, Organisation | None] = {}
    errors: list[RowError] = []
    ready: list[Instrument] = []
    for done, (number, data) in enumerate(rows, start=1):
        row = _Row(number, data)
        instrument = _instrument(row, owners)
        errors.extend(row.errors)
        if instrument is not None:
            ready.append(instrument)
        if progress and (done % 200 == 0 or done == len(rows)):
            progress(done, len(rows))
    if errors:
        raise ImportFailed(errors)
    created = sum(1 for i in ready if i.pk is None)
    if not dry_run:
        with transaction.atomic():
            for instrument in ready:
                instrument.save()
    return ImportResult(created=created, updated=len(ready) - created)
