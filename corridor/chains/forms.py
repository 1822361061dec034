"""The chain editor's form: segment names and keywords, the supply edges as text, and a note."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from corridor.chains.models import Segment

SEGMENT_FIELDS = ("name_zh", "name_en", "keywords_zh", "keywords_en")


def parse_edges(text: str) -> list[dict[str, Any]]:
    """Lines "source -> target [share]"; every line that cannot be read is reported by its number."""
    edges, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = line.replace("→", "->").split("->")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].split():
            problems.append(_("Line %(n)s: write “supplier -> customer”, optionally followed by a share.") % {"n": number})
            continue
        target, *rest = parts[1].split()
        edges.append({"from": parts[0].strip(), "to": target, "share": rest[0] if rest else None})
    if problems:
        raise ValidationError(problems)
    return edges


class ChainEditForm(forms.Form):
    edges = forms.CharField(required=False, strip=False)
    note = forms.CharField(required=False)

    def __init__(self, *args: Any, segments: Sequence[Segment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.segments = segments
        for s in segments:
            for name in SEGMENT_FIELDS:
                self.fields[f"{s.key}-{name}"] = forms.CharField(required=False, strip=False)

    def clean_edges(self) -> list[dict[str, Any]] | None:
        # Only edges that were sent replace the chain's edges; an absent field leaves them as they are.
        return parse_edges(self.cleaned_data["edges"]) if "edges" in self.data else None

    def service_data(self) -> dict[str, Any]:
        """`services.edit_chain`'s changes: only the segment fields that were sent, the edges if sent."""
        changes: dict[str, Any] = {"segments": {}}
        for s in self.segments:
            sent = {name: self.cleaned_data[f"{s.key}-{name}"] for name in SEGMENT_FIELDS if f"{s.key}-{name}" in self.data}
            if sent:
                changes["segments"][s.key] = sent
        if self.cleaned_data["edges"] is not None:
            changes["edges"] = self.cleaned_data["edges"]
        return changes
