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
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from corridor.equipment.instrument_fields import Row, RowError, apply_text, find_owner
from corridor.equipment.models import Instrument
from corridor.orgs.models import Organisation

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

        from corridor.imports.reading import xlsx_limits
        from corridor.imports.workbook_guard import WorkbookRefused, check_workbook

        try:
            check_workbook(path, *xlsx_limits())  # a zip bomb is refused before openpyxl unpacks it
        except WorkbookRefused as exc:
            raise ImportFailed([RowError(0, "", str(exc))]) from None
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


def _instrument(row: Row, owners: dict[str, Organisation | None]) -> Instrument | None:
    """A sheet row updates the instrument of the same owner, Chinese name and model, or creates one."""
    d = row.data
    owner = find_owner(d["owner"], owners) if d.get("owner") else None
    existing = None
    if owner is not None:
        existing = Instrument.objects.filter(
            owner=owner, name_zh=d.get("name_zh", ""), model_number=d.get("model_number", "")
        ).select_related("owner", "region", "park").first()
    instrument = apply_text(row, existing, owners=owners)
    if instrument is not None:
        instrument.source = instrument.source or "import"
    return instrument


def import_instruments(path: Path, *, progress: Callable[[int, int], None] | None = None, dry_run: bool = False) -> ImportResult:
    """Check every row, then write all of them in one transaction, or raise ImportFailed naming each bad cell."""
    rows = list(read_rows(path))
    owners: dict[str, Organisation | None] = {}
    errors: list[RowError] = []
    ready: list[Instrument] = []
    for done, (number, data) in enumerate(rows, start=1):
        row = Row(number, data)
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
