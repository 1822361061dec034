"""Import of an existing project ledger (.xlsx): every row is checked first; nothing is written unless all
are valid, and the report names each bad row and column. A row whose project (same name, investor and
target region) exists already is skipped, so importing the same ledger again adds nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.core.access import Actor
from corridor.core.spreadsheet import strip_csv_guard
from corridor.orgs.models import Organisation
from corridor.projects.models import PIPELINE, Project, Stage, StageChange
from corridor.regions.models import Region

# Column → field; Chinese and English headers alike.
HEADERS = {
    "项目名称": "name_zh", "name_zh": "name_zh", "project": "name_zh", "english name": "name_en", "name_en": "name_en",
    "投资方": "investor", "investor": "investor", "目标地区代码": "region", "region": "region", "地区代码": "region",
    "类型": "kind", "kind": "kind", "阶段": "stage", "stage": "stage", "投资额（元）": "investment",
    "投资额": "investment", "investment": "investment", "签约日期": "signed_on", "signed_on": "signed_on",
    "产业链环节": "segments", "segments": "segments", "签约方": "agreement_parties", "agreement_parties": "agreement_parties",
}
STAGE_WORDS = {str(s.label): s.value for s in Stage} | {s.value: s.value for s in Stage} | {
    "推介": "lead", "洽谈": "contacted", "考察": "visit", "在谈": "negotiation", "签约": "signed", "开工": "started",
    "投产": "production", "竣工投产": "production", "运营": "operating", "终止": "dropped"}
KIND_WORDS = {k.value: k.value for k in Project.Kind} | {"新建": "new", "增资扩产": "expansion", "扩产": "expansion",
                                                         "迁建": "relocation", "合资": "joint_venture"}


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportFailed(Exception):
    errors: list[RowError] = field(default_factory=list)


@dataclass
class Result:
    created: int = 0
    skipped: int = 0


def _rows(path: Path) -> tuple[list[str], list[list[Any]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    if not rows:
        return [], []
    return [str(h or "").strip().lower() for h in rows[0]], rows[1:]


def import_ledger(path: Path, actor: Actor = None, *, dry_run: bool = False) -> Result:
    from corridor.chains.models import Segment
    from corridor.projects import services

    headers, rows = _rows(path)
    columns = {i: HEADERS[h] for i, h in enumerate(headers) if h in HEADERS}
    errors: list[RowError] = []
    for needed in ("name_zh", "investor", "region"):
        if needed not in columns.values():
            errors.append(RowError(1, needed, _("This column is missing.")))
    if errors:
        raise ImportFailed(errors)
    segments = {f"{c}:{k}": pk for c, k, pk in Segment.objects.filter(active=True).values_list("chain__slug", "key", "pk")}
    checked: list[dict[str, Any]] = []
    for number, raw in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in raw):
            continue
        cells = {name: raw[i] for i, name in columns.items() if i < len(raw)}
        text = {k: strip_csv_guard(str(v).strip()) if v is not None else "" for k, v in cells.items()}
        data: dict[str, Any] = {"name_zh": text.get("name_zh", ""), "name_en": text.get("name_en", "")}
        if not data["name_zh"] and not data["name_en"]:
            errors.append(RowError(number, "name_zh", _("A project needs a name.")))
        who = text.get("investor", "")
        investor = (Organisation.objects.filter(uscc=who.upper()).first() or Organisation.objects.filter(name_zh=who).first()
                    or Organisation.objects.filter(name_en=who).first()) if who else None
        if investor is None:
            errors.append(RowError(number, "investor", _("No organisation in the registry has this name or credit code.")))
        region = Region.objects.filter(code=text.get("region", "")).first()
        if region is None:
            errors.append(RowError(number, "region", _("Unknown region code.")))
        data["kind"] = KIND_WORDS.get(text.get("kind", "") or "new", "")
        if not data["kind"]:
            errors.append(RowError(number, "kind", _("Unknown kind.")))
        stage = STAGE_WORDS.get(text.get("stage", "") or "lead", "")
        if not stage:
            errors.append(RowError(number, "stage", _("Unknown stage.")))
        if text.get("investment"):
            try:
                amount = Decimal(text["investment"].replace(",", ""))
                if amount < 0 or not amount.is_finite():
                    raise InvalidOperation
                data["investment"] = amount
            except (InvalidOperation, ValueError):
                errors.append(RowError(number, "investment", _("Enter a number of zero or more.")))
        signed = cells.get("signed_on")
        if isinstance(signed, datetime.datetime):
            data["signed_on"] = signed.date()
        elif signed not in (None, ""):
            try:
                data["signed_on"] = datetime.date.fromisoformat(str(signed).strip())
            except ValueError:
                errors.append(RowError(number, "signed_on", _("Enter a date as YYYY-MM-DD.")))
        keys = [k.strip() for k in text.get("segments", "").replace("；", ";").split(";") if k.strip()]
        unknown = [k for k in keys if k not in segments]
        if unknown:
            errors.append(RowError(number, "segments", _("Unknown chain segment: %(key)s") % {"key": unknown[0]}))
        data["segments"] = [segments[k] for k in keys if k in segments]
        data["agreement_parties"] = text.get("agreement_parties", "")
        checked.append({"row": number, "data": data, "investor": investor, "region": region, "stage": stage})
    if errors:
        raise ImportFailed(errors)
    result = Result()
    if dry_run:
        result.created = len(checked)
        return result
    with transaction.atomic():
        for item in checked:
            data = item["data"]
            if Project.objects.filter(name_zh=data["name_zh"], name_en=data["name_en"], investor=item["investor"],
                                      region=item["region"]).exists():
                result.skipped += 1
                continue
            extra = {k: data.pop(k) for k in ("signed_on", "agreement_parties") if k in data}
            project = services.create_project(actor, {**data, "investor": item["investor"],
                                                      "region": item["region"].code}, trusted=True)
            stage = item["stage"]
            if stage != Stage.LEAD:
                Project.objects.filter(pk=project.pk).update(stage=stage, stage_changed_at=timezone.now(), **extra)
                StageChange.objects.create(project=project, from_stage=Stage.LEAD, to_stage=stage,
                                           on=extra.get("signed_on") or timezone.localdate(), note=_("Imported"))
                if stage in [str(s) for s in PIPELINE[PIPELINE.index(Stage.PRODUCTION):]]:
                    services.land(actor, Project.objects.get(pk=project.pk))
            result.created += 1
    return result
