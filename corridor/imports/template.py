"""The import template: a workbook whose headers the importer recognises, in the page's language, with a
sheet explaining each column. Nothing in it is a row to import."""

from __future__ import annotations

import io

from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

# (Chinese header, English header, what goes in it) — every header is one of headers.HEADER_VARIANTS.
COLUMNS = [
    ("企业名称", "Chinese name", gettext_noop("Name in Chinese (or the English one in the next column): one of the two is required")),
    ("英文名称", "English name", gettext_noop("Name in English")),
    ("统一社会信用代码", "Credit code", gettext_noop("18 characters; rows with the same code update that organisation")),
    ("机构类型", "Type", gettext_noop("enterprise, university, research institute, …")),
    ("地址", "Address", gettext_noop("The full address; the city is read from it when the next column is empty")),
    ("所在城市", "City", gettext_noop("City or district name, e.g. 杭州市 or 松江区")),
    ("企业规模", "Size", gettext_noop("large, medium, small or micro")),
    ("是否龙头企业", "Head enterprise", gettext_noop("yes or no (是/否)")),
    ("所属行业", "Industry", gettext_noop("One or more industries, separated by commas")),
    ("企业简介", "Description", gettext_noop("What the organisation does")),
    ("网站", "Website", gettext_noop("Web address")),
    ("成立年份", "Founded", gettext_noop("Year, e.g. 2015")),
    ("联系人", "Contact", gettext_noop("Name of the contact person")),
    ("联系电话", "Phone", gettext_noop("Phone number")),
    ("邮箱", "Email", gettext_noop("E-mail address")),
]


def import_template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    chinese = (get_language() or "zh-hans").startswith("zh")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Organisations")[:31]
    sheet.append([zh if chinese else en for zh, en, _what in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = 18
    sheet.freeze_panes = "A2"
    notes = book.create_sheet(_("Columns")[:31])
    notes.append([_("Column"), _("What goes in it")])
    for zh, en, what in COLUMNS:
        notes.append([zh if chinese else en, _(what)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
