from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.matching.models import Listing


class ListingForm(forms.Form):
    side = forms.ChoiceField(label=_("side"), choices=Listing.Side.choices)
    category = forms.ChoiceField(label=_("category"), choices=Listing.Category.choices)
    title_zh = forms.CharField(label=_("title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("title (English)"), max_length=200, required=False)
    text = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Chinese, English or both"))
    quantity = forms.CharField(label=_("quantity or budget"), max_length=120, required=False)
    deadline = forms.DateField(label=_("deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    contact = forms.CharField(label=_("contact"), max_length=200, required=False)
    regions = forms.CharField(label=_("regions"), required=False, help_text=_("administrative codes, comma-separated"))
    segments = forms.CharField(label=_("chain segments"), required=False, help_text=_("segment names, comma-separated"))
    visibility = forms.ChoiceField(label=_("visibility"), choices=Listing.Visibility.choices)

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_for(listing: Listing) -> dict[str, Any]:
        data = {name: getattr(listing, name) for name in ListingForm.base_fields}
        data["regions"] = ", ".join(listing.regions or [])
        data["segments"] = ", ".join(listing.segments or [])
        return data
