from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.core.widgets import OptionPicker
from corridor.matching import segments
from corridor.matching.models import Listing
from corridor.regions.widgets import RegionPicker


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
    regions = forms.CharField(label=_("regions"), required=False, widget=RegionPicker(multiple=True),
                              help_text=_("the places the listing is about; choose as many as apply"))
    segments = forms.MultipleChoiceField(
        label=_("chain segments"), required=False, widget=OptionPicker(attrs={"size": 10}),
        help_text=_("the segments of an industry chain the listing is about; type part of a name to find one"),
    )
    visibility = forms.ChoiceField(label=_("visibility"), choices=Listing.Visibility.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built per form so that names follow the user's language and the chains' current templates.
        # Unknown values are not refused here but by the service, which names the field.
        field = self.fields["segments"]
        field.choices = segments.choices()  # type: ignore[attr-defined]
        field.valid_value = lambda value: True  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_for(listing: Listing) -> dict[str, Any]:
        data = {name: getattr(listing, name) for name in ListingForm.base_fields}
        data["regions"] = ", ".join(listing.regions or [])
        data["segments"] = list(listing.segments or [])
        return data
