"""Import policies and their application items from an .xlsx sheet: all or nothing, with a row report.

One row per application item; its policy's columns are repeated on each of its rows (rows with the same
`document_number` and `home_region` belong to one policy; without a number, the same `title_zh`).
Columns (English or Chinese headers):

    title_zh 标题, title_en 英文标题, issuer_zh 发文单位, issuer_en, document_number 文号, level 层级,
    home_region 发文地区 (GB/T 2260 code), regions 适用地区 (codes separated by , ; 、 or spaces),
    issued_on 发布日期, effective_from 施行日期, expires_on 失效日期, status 状态 (draft / effective),
    item_title_zh 事项, item_title_en, benefit 扶持类型, amount 金额, rate 比例, cap 上限, target_zh 支持对象,
    window_opens 申报开始, window_closes 申报截止, no_application 免申即享 (yes/no/是/否), office_zh 受理部门,
    contact 联系方式, materials_zh 申报材料, rule 申报条件 (the engine's JSON)

Every row is checked first (the services' own checks, the rule by the engine); any error and nothing is
written. A policy that exists already (same number in the same region) is refused, not duplicated.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from corridor.core.access import Actor
from corridor.core.workflow import apply_transition
from corridor.policies import services
from corridor.policies.models import ApplicationItem, Policy
from corridor.regions.models import Region

HEADERS = {
    "title_zh": ("标题",), "title_en": ("英文标题",), "issuer_zh": ("发文单位",), "issuer_en": ("英文发文单位",),
    "document_number": ("文号",), "level": ("层级",), "home_region": ("发文地区",), "regions": ("适用地区",),
    "issued_on": ("发布日期",), "effective_from": ("施行日期",), "expires_on": ("失效日期",), "status": ("状态",),
    "item_title_zh": ("事项",), "item_title_en": ("英文事项",), "benefit": ("扶持类型",), "amount": ("金额",),
    "rate": ("比例",), "cap": ("上限",), "target_zh": ("支持对象",), "window_opens": ("申报开始",),
    "window_closes": ("申报截止",), "no_application": ("免申即享",), "office_zh": ("受理部门",),
    "contact": ("联系方式",), "materials_zh": ("申报材料",), "rule": ("申报条件",),
}
YES = {"yes", "y", "true", "1", "是", "√"}
NO = {"no", "n", "false", "0", "否", ""}


@dataclass
class RowError:
    row: int
    column: str
    message: str


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} errors")


@dataclass
class Result:
    policies: int = 0
    items: int = 0
    created: list[int] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(_text(value))


def read_rows(source: Path | IO[bytes]) -> list[tuple[int, dict[str, Any]]]:
    """The sheet's rows as (row number, {column: value}); a file that is not an .xlsx workbook is refused."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # not a zip, not a workbook, or a damaged one: openpyxl has no one exception for these
        raise ImportFailed([RowError(1, "-", _("The file is not an .xlsx workbook that can be read."))]) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    names: list[str | None] = []
    for cell in header:
        label = _text(cell)
        found = next((key for key, aliases in HEADERS.items() if label == key or label in aliases), None)
        names.append(found)
    out = []
    for number, values in enumerate(rows, start=2):
        data = {name: value for name, value in zip(names, values, strict=False) if name}
        if any(_text(v) for v in data.values()):
            out.append((number, data))
    return out


def import_policies(source: Path | IO[bytes], *, dry_run: bool = False, actor: Actor = None) -> Result:
    """Check every row, then write all (or nothing: ImportFailed lists each bad row and column).

    `actor`: who imports from the site (an officer for their region, a secretariat, an admin: each row is
    recorded by the services as if they had entered it, so a row outside their region is refused and named);
    None: the command line, a batch with every right."""
    rows = read_rows(source)
    errors: list[RowError] = []
    if not rows:
        raise ImportFailed([RowError(1, "-", _("The sheet has no rows."))])
    result = Result()
    try:
        with transaction.atomic():
            groups: dict[tuple[str, str], Policy] = {}
            for number, data in rows:
                try:
                    _import_row(number, data, groups, result, actor)
                except PermissionDenied as denied:
                    errors.append(RowError(number, "home_region", str(denied)))
                except ValidationError as exc:
                    for name, messages in exc.message_dict.items():
                        errors.extend(RowError(number, name, m) for m in messages)
                except _Bad as bad:
                    errors.append(RowError(number, bad.column, bad.message))
            if errors or dry_run:
                raise _Rollback
    except _Rollback:
        if errors:
            raise ImportFailed(errors) from None
    return result


class _Rollback(Exception):
    pass


class _Bad(Exception):
    def __init__(self, column: str, message: str) -> None:
        self.column, self.message = column, message


def _import_row(number: int, data: dict[str, Any], groups: dict[tuple[str, str], Policy], result: Result,
                actor: Actor = None) -> None:
    home_code = _text(data.get("home_region"))
    key = (_text(data.get("document_number")) or _text(data.get("title_zh")), home_code)
    policy = groups.get(key)
    if policy is None:
        home = Region.objects.filter(code=home_code).first()
        if home is None:
            raise _Bad("home_region", _("No region has the code %(code)s.") % {"code": home_code or "—"})
        codes = [c for c in re.split(r"[,;、\s]+", _text(data.get("regions"))) if c]
        regions = list(Region.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {r.code for r in regions})
        if unknown:
            raise _Bad("regions", _("No region has the code %(code)s.") % {"code": ", ".join(unknown)})
        document = _text(data.get("document_number"))
        if document and Policy.objects.filter(document_number=document, home_region=home).exists():
            raise _Bad("document_number", _("A policy numbered %(number)s exists already.") % {"number": document})
        values: dict[str, Any] = {"home_region": home, "regions": regions}
        for name in ("title_zh", "title_en", "issuer_zh", "issuer_en", "document_number"):
            values[name] = _text(data.get(name))
        values["level"] = _text(data.get("level")) or "city"
        if values["level"] not in Policy.Level.values:
            raise _Bad("level", _("Choose one of: %(choices)s.") % {"choices": ", ".join(Policy.Level.values)})
        for name in ("issued_on", "effective_from", "expires_on"):
            try:
                values[name] = _date(data.get(name))
            except ValueError:
                raise _Bad(name, _("Enter a date (YYYY-MM-DD).")) from None
        status = _text(data.get("status")) or "draft"
        if status not in ("draft", "effective"):
            raise _Bad("status", _("Choose one of: %(choices)s.") % {"choices": "draft, effective"})
        policy = services.create_policy(actor, values)
        if status == "effective":
            policy._publish_after_import = True  # type: ignore[attr-defined]
        groups[key] = policy
        result.policies += 1
        result.created.append(policy.pk)
    item: dict[str, Any] = {"title_zh": _text(data.get("item_title_zh")), "title_en": _text(data.get("item_title_en")),
                            "benefit": _text(data.get("benefit")) or "subsidy", "target_zh": _text(data.get("target_zh")),
                            "office_zh": _text(data.get("office_zh")), "contact": _text(data.get("contact")),
                            "materials_zh": _text(data.get("materials_zh"))}
    if item["benefit"] not in ApplicationItem.Benefit.values:
        raise _Bad("benefit", _("Choose one of: %(choices)s.") % {"choices": ", ".join(ApplicationItem.Benefit.values)})
    for name in ("amount", "rate", "cap"):
        item[name] = _text(data.get(name))
    for name in ("window_opens", "window_closes"):
        try:
            item[name] = _date(data.get(name))
        except ValueError:
            raise _Bad(name, _("Enter a date (YYYY-MM-DD).")) from None
    flag = _text(data.get("no_application")).lower()
    if flag not in YES | NO:
        raise _Bad("no_application", _("Write yes or no."))
    item["no_application"] = flag in YES
    raw_rule = _text(data.get("rule"))
    try:
        item["rule"] = json.loads(raw_rule) if raw_rule else {}
    except json.JSONDecodeError as exc:
        raise _Bad("rule", _("The conditions are not valid JSON (line %(line)s, column %(column)s).")
                   % {"line": exc.lineno, "column": exc.colno}) from None
    services.save_item(actor, policy, item)
    result.items += 1
    if getattr(policy, "_publish_after_import", False) and not getattr(policy, "_published", False):
        apply_transition(actor, policy, "publish", check_access=actor is not None)
        policy._published = True  # type: ignore[attr-defined]
