"""The region picker: a place chosen by name (search, or browsing province › city › district), its GB 2260
code kept in the form's text field. Without JavaScript the field is the plain code box it always was."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from corridor.regions.models import Region

SEPARATORS = re.compile(r"[\s,，;；、]+")


def codes_in(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        value = ",".join(str(v) for v in value)
    return [code for code in SEPARATORS.split(str(value)) if code]


class RegionPicker(forms.TextInput):
    template_name = "regions/widgets/region_picker.html"

    def __init__(self, *, multiple: bool = False, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", "class": "picker-value", **(attrs or {})})
        self.multiple = multiple

    def format_value(self, value: Any) -> str | None:
        codes = codes_in(value)
        return ", ".join(codes) if codes else None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        codes = codes_in(value)
        found = {r.code: r for r in Region.objects.filter(code__in=codes).select_related("parent__parent")} if codes else {}
        chosen = []
        for code in codes:
            region = found.get(code)
            path: list[str] = []
            node = region.parent if region else None
            while node is not None:
                path.insert(0, node.name)
                node = node.parent
            chosen.append({"value": code, "label": region.name if region else code, "path": " › ".join(path),
                           "known": region is not None})
        context["widget"].update(chosen=chosen, multiple=self.multiple)
        return context
