"""Equipment forms. They shape input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from corridor.equipment.models import Voucher
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local", "step": 900}, format="%Y-%m-%dT%H:%M")


class BookingForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Book for"), queryset=Organisation.objects.none(), empty_label=None)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    repeat = forms.ChoiceField(
        label=_("Repeat"), choices=[("none", _("Once")), ("daily", _("Daily")), ("weekly", _("Weekly"))], initial="none"
    )
    count = forms.IntegerField(label=_("Occurrences"), min_value=1, max_value=52, initial=1)
    allow_partial = forms.BooleanField(
        label=_("Book the free occurrences even if some clash"), required=False,
    )
    samples = forms.IntegerField(label=_("Samples"), min_value=0, initial=0)
    purpose = forms.CharField(label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(forms.Form):
    hours = forms.DecimalField(label=_("Hours used"), min_value=0, max_digits=8, decimal_places=2)
    samples = forms.IntegerField(label=_("Samples tested"), min_value=0)


class RedeemForm(forms.Form):
    voucher = forms.ModelChoiceField(label=_("Voucher"), queryset=Voucher.objects.none(), empty_label=None)
    amount = forms.DecimalField(label=_("Amount (CNY)"), min_value=0, max_digits=14, decimal_places=2)
    contract_ref = forms.CharField(label=_("Contract reference"), max_length=64)
    receipt_ref = forms.CharField(label=_("Receipt (invoice) reference"), max_length=64)

    def __init__(self, *args: Any, vouchers: list[Voucher], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["voucher"]
        field.queryset = Voucher.objects.filter(pk__in=[v.pk for v in vouchers]).select_related("programme")  # type: ignore[attr-defined]
        field.label_from_instance = lambda v: f"{v.programme.name} · {v.balance}"  # type: ignore[attr-defined]


class GrantForm(forms.Form):
    holder = forms.CharField(label=_("Holder"), max_length=18, help_text=_("Organisation number or unified social credit code"))
    amount = forms.DecimalField(label=_("Amount (CNY)"), min_value=0, max_digits=14, decimal_places=2)


class ProgrammeForm(forms.Form):
    issuer = forms.ModelChoiceField(label=_("Issued by"), queryset=Region.objects.none(), empty_label=None)
    name_zh = forms.CharField(label=_("Chinese name"), max_length=200)
    name_en = forms.CharField(label=_("English name"), max_length=300, required=False)
    budget = forms.DecimalField(label=_("Budget (CNY)"), min_value=0, max_digits=14, decimal_places=2)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}))
    fee_share = forms.DecimalField(label=_("Share of the fee"), min_value=0, max_value=1, decimal_places=3, initial="0.5",
                                   help_text=_("e.g. 0.5 for half the fee"))
    provider_regions = forms.ModelMultipleChoiceField(label=_("Accepted at providers in"), queryset=Region.objects.none(),
                                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, issuers: QuerySet[Region], providers: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers  # type: ignore[attr-defined]
        self.fields["provider_regions"].queryset = providers  # type: ignore[attr-defined]
