"""Export of an organisation list: the page's filters and the reader's visibility, as .xlsx or .csv.

The columns carry headers the importer recognises and values it reads back (kinds and sizes as labels,
yes/no, industries by name), so an export re-imports cleanly. Contact fields are filled only for the
organisations whose private side the reader may see; unlisted organisations appear only to those who
may see them (`visible_to`), as on the page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from corridor.core.access import Actor
from corridor.core.spreadsheet import csv_row, xlsx_row
from corridor.orgs.filters import OrganisationFilter
from corridor.orgs.models import Organisation

# field, Chinese header, English header (each one the importer maps back to the field)
COLUMNS = (
    ("name_zh", "企业名称", "Chinese name"),
    ("name_en", "英文名称", "English name"),
    ("short_name", "简称", "Short name"),
    ("aliases", "别名", "Aliases"),
    ("uscc", "统一社会信用代码", "USCC"),
    ("kind", "类型", "Kind"),
    ("address", "地址", "Address"),
    ("region", "区划代码", "Region code"),
    ("size_band", "规模", "Size"),
    ("is_head_enterprise", "是否龙头企业", "Head enterprise"),
    ("industries", "行业", "Industries"),
    ("description_zh", "简介", "Description (Chinese)"),
    ("description_en", "英文简介", "Description (English)"),
    ("website", "网站", "Website"),
    ("founded_year", "成立年份", "Founded"),
    ("listed", "是否公开", "Public"),
    ("contact_name", "联系人", "Contact person"),
    ("contact_email", "联系邮箱", "Contact e-mail"),
    ("contact_phone", "联系电话", "Contact phone"),
)
PRIVATE = set(Organisation.PRIVATE_FIELDS)


def export_queryset(user: Actor, filters: OrganisationFilter) -> QuerySet[Organisation]:
    # Private access is annotated first: the filter keeps the queryset's class only as a plain QuerySet.
    qs = filters.apply(Organisation.objects.restrict(user).with_private_access(user))
    return qs.select_related("region").prefetch_related("industries").order_by("pk")


def header() -> list[str]:
    chinese = (get_language() or "zh-hans").startswith("zh")
    return [zh if chinese else en for _f, zh, en in COLUMNS]


def rows(user: Actor, filters: OrganisationFilter) -> Iterator[list[Any]]:
    chinese = (get_language() or "zh-hans").startswith("zh")
    yes, no = _("yes"), _("no")
    sep = "、" if chinese else "; "
    for org in export_queryset(user, filters).iterator(chunk_size=2000):
        out: list[Any] = []
        for fname, _zh, _en in COLUMNS:
            if fname in PRIVATE and not getattr(org, "private_visible", False):
                out.append("")
            elif fname == "aliases":
                out.append("; ".join(org.aliases or []))
            elif fname == "kind":
                out.append(org.get_kind_display())
            elif fname == "size_band":
                out.append(org.get_size_band_display() if org.size_band else "")
            elif fname == "region":
                out.append(org.region.code if org.region else "")
            elif fname == "industries":
                out.append(sep.join(i.name for i in org.industries.all()))
            elif fname in ("is_head_enterprise", "listed"):
                out.append(yes if getattr(org, fname) else no)
            else:
                value = getattr(org, fname)
                out.append("" if value is None else value)
        yield out


def csv_chunks(user: Actor, filters: OrganisationFilter) -> Iterator[str]:
    """UTF-8 with a BOM (so Excel opens Chinese correctly), streamed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(header()))
    yield "\ufeff" + buffer.getvalue()
    for row in rows(user, filters):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(csv_row(row))
        yield buffer.getvalue()


def write_xlsx(user: Actor, filters: OrganisationFilter, out: Any) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Organisations"))
    sheet.append(xlsx_row(sheet, header()))
    for row in rows(user, filters):
        sheet.append(xlsx_row(sheet, row))
    book.save(out)
