"""Project forms: they shape input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.core.access import Actor
from corridor.projects.models import Project, Site
from corridor.regions.models import Park

MONEY_HELP = _("In yuan (CNY); shown in 万元/亿元 on Chinese pages.")


def segment_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    from corridor.chains.models import Segment

    groups: dict[str, list[tuple[int, str]]] = {}
    for s in Segment.objects.filter(active=True).select_related("chain").order_by("chain__slug", "position", "id"):
        groups.setdefault(s.chain.name, []).append((s.pk, s.name))
    return list(groups.items())


def park_choices() -> list[tuple[str, str]]:
    return [("", "—"), *((str(p.pk), p.name) for p in Park.objects.select_related("region").order_by("region__code", "slug"))]


class ProjectForm(forms.Form):
    name_zh = forms.CharField(label=_("Chinese name"), max_length=200, required=False)
    name_en = forms.CharField(label=_("English name"), max_length=300, required=False)
    investor = forms.CharField(label=_("Investor"), required=False,
                               help_text=_("Type a name and choose it from the registry."))
    new_investor = forms.CharField(label=_("…or a new investor (Chinese name)"), max_length=200, required=False)
    new_investor_region = forms.CharField(label=_("New investor's region code"), max_length=6, required=False)
    region = forms.ChoiceField(label=_("Target region"))
    park = forms.ChoiceField(label=_("Park"), required=False)
    activity = forms.ChoiceField(label=_("Activity at the target"), choices=Site.Activity.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=Project.Kind.choices)
    source = forms.ChoiceField(label=_("Source"), choices=Project.Source.choices)
    source_note = forms.CharField(label=_("Source details"), max_length=300, required=False)
    segments = forms.MultipleChoiceField(label=_("Chain segments"), required=False,
                                         widget=forms.SelectMultiple(attrs={"size": 8}))
    investment = forms.CharField(label=_("Investment (CNY)"), required=False, help_text=MONEY_HELP)
    registered_capital = forms.CharField(label=_("Registered capital (CNY)"), required=False)
    land_mu = forms.CharField(label=_("Land (mu)"), required=False)
    floor_area_m2 = forms.CharField(label=_("Floor area (m²)"), required=False)
    jobs = forms.CharField(label=_("Jobs"), required=False)
    annual_output = forms.CharField(label=_("Expected annual output (CNY)"), required=False)
    annual_tax = forms.CharField(label=_("Expected annual tax (CNY)"), required=False)
    description_zh = forms.CharField(label=_("Description (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    description_en = forms.CharField(label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # A lead started from a meeting at an event or an interest in matchmaking (the service checks both).
    meeting = forms.CharField(required=False, widget=forms.HiddenInput)
    interest = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, actor: Actor, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from corridor.projects.services import creatable_regions

        self.fields["segments"].choices = segment_choices()  # type: ignore[attr-defined]
        self.fields["park"].choices = park_choices()  # type: ignore[attr-defined]
        if editing:
            for name in ("region", "activity", "new_investor_region", "meeting", "interest"):
                del self.fields[name]
        else:
            self.fields["region"].choices = [  # type: ignore[attr-defined]
                (r.code, r.name) for r in creatable_regions(actor).order_by("code")]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if not data.get("investor"):
            data.pop("investor", None)
        for name in ("meeting", "interest"):
            if not data.get(name):
                data.pop(name, None)
        return data


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    agreement_parties = forms.CharField(label=_("Agreement parties"), max_length=300, required=False)
    agreement_amount = forms.CharField(label=_("Agreed amount (CNY)"), required=False)
    agreement_document = forms.CharField(label=_("Agreement document (reference)"), max_length=300, required=False)
    investment = forms.CharField(label=_("Investment (CNY)"), required=False)


class DropForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SiteForm(forms.Form):
    region = forms.CharField(label=_("Region code"), max_length=6)
    activity = forms.ChoiceField(label=_("Activity"), choices=Site.Activity.choices)
    park = forms.ChoiceField(label=_("Park"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["park"].choices = park_choices()  # type: ignore[attr-defined]


class ArrivalForm(forms.Form):
    amount = forms.CharField(label=_("Amount (CNY)"))
    on = forms.DateField(label=_("Arrived on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
