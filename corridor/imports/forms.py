from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.imports.headers import MappingError, parse_mapping

MAX_UPLOAD = 200 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.xlsx or .csv)"))
    mapping = forms.CharField(
        label=_("Column mapping (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, COLUMN=FIELD, e.g. 单位=name_zh. Usual Chinese and English headers need none."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Only .xlsx and .csv files can be imported."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        if name.endswith(".xlsx"):
            # The zip's directory only (no decompression here): a bomb is refused before it is even stored.
            from corridor.imports.reading import xlsx_limits
            from corridor.imports.workbook_guard import WorkbookRefused, check_zip_directory

            upload.seek(0)
            try:
                check_zip_directory(upload, xlsx_limits()[0])
            except WorkbookRefused as exc:
                raise forms.ValidationError(str(exc)) from None
            finally:
                upload.seek(0)
        return upload

    def clean_mapping(self) -> dict[str, str]:
        lines = [line.strip() for line in self.cleaned_data["mapping"].splitlines() if line.strip()]
        try:
            return parse_mapping(lines)
        except MappingError as exc:
            raise forms.ValidationError(str(exc)) from None
