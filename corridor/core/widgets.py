"""Form widgets shared by the apps: a searchable picker over a long multiple choice (e.g. the chain
segments). Without JavaScript it is the plain <select multiple> it enhances."""

from __future__ import annotations

from django import forms


class OptionPicker(forms.SelectMultiple):
    """Chosen options as removable chips, a search box that filters the rest (by name or group)."""

    template_name = "core/widgets/option_picker.html"
