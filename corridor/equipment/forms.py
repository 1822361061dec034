"""Equipment forms. They shape input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from corridor.equipment.models import Instrument, Voucher
from corridor.orgs.forms import OrganisationPicker
from corridor.orgs.models import Organisation
from corridor.regions.models import Region
from corridor.regions.widgets import RegionPicker

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


class EstimateForm(forms.Form):
    """The booking form's fields that set the fee (read by the estimate shown while booking)."""

    starts_at = forms.DateTimeField(widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    ends_at = forms.DateTimeField(widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M"])
    repeat = forms.ChoiceField(choices=[("none", "none"), ("daily", "daily"), ("weekly", "weekly")], required=False)
    count = forms.IntegerField(min_value=1, max_value=52, required=False)
    samples = forms.IntegerField(min_value=0, required=False)


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
    holder = forms.CharField(
        label=_("Holder"), max_length=300,
        help_text=_("Type part of the name and pick the organisation; a credit code works too"),
        # Rendered as the shared organisation picker (orgs/_org_picker.html): it posts the chosen one's number.
        widget=forms.TextInput(attrs={"list": "org-picker-holder", "autocomplete": "off"}),
    )
    amount = forms.DecimalField(label=_("Amount (CNY)"), min_value=0, max_digits=14, decimal_places=2)
    # Shown only after the warning that the organisation already holds a voucher of the programme.
    another = forms.BooleanField(label=_("Grant it a further voucher all the same"), required=False,
                                 widget=forms.HiddenInput)


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


def _text(label: Any, *, widget: forms.Widget | None = None, help_text: Any = "") -> forms.CharField:
    # Text in, text out: the services check every field as the importer does (instrument_fields.py).
    return forms.CharField(label=label, required=False, widget=widget, help_text=help_text)


NUMBER = forms.NumberInput(attrs={"step": "any", "min": 0})


class InstrumentForm(forms.Form):
    """Every field of an instrument, as the columns of an import sheet."""

    owner = _text(_("Owner"), help_text=_("Organisation number or unified social credit code"))
    name_zh = _text(_("Chinese name"))
    name_en = _text(_("English name"))
    maker = _text(_("Maker"))
    model_number = _text(_("Model"))
    category = _text(_("Category"), widget=forms.Select(choices=Instrument.Category.choices))
    capabilities_zh = _text(_("Capabilities (Chinese)"), widget=forms.Textarea(attrs={"rows": 3}))
    capabilities_en = _text(_("Capabilities (English)"), widget=forms.Textarea(attrs={"rows": 3}))
    region = _text(_("Region"), widget=RegionPicker(),
                   help_text=_("The district or city where the instrument is; left empty, it is read from the address"))
    park = _text(_("Park"), help_text=_("The park's short name (slug), if any"))
    address = _text(_("Address"))
    cma_certificate = _text(_("CMA certificate number"))
    cma_expires_on = _text(_("CMA valid until"), widget=forms.DateInput(attrs={"type": "date"}))
    cnas_certificate = _text(_("CNAS certificate number"))
    cnas_expires_on = _text(_("CNAS valid until"), widget=forms.DateInput(attrs={"type": "date"}))
    rate_per_hour = _text(_("Rate per hour (CNY)"), widget=NUMBER)
    rate_per_sample = _text(_("Rate per sample (CNY)"), widget=NUMBER)
    opens_at = _text(_("Opens at"), widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = _text(_("Closes at"), widget=forms.TimeInput(attrs={"type": "time"}))
    open_days = _text(_("Open days"), help_text=_("ISO weekdays, 1 = Monday … 7 = Sunday, e.g. 12345"))
    approval_required = forms.BooleanField(label=_("The owner approves each request"), required=False)
    min_minutes = _text(_("Minimum duration (minutes)"), widget=NUMBER)
    max_minutes = _text(_("Maximum duration (minutes)"), widget=NUMBER)
    lead_hours = _text(_("Lead time (hours)"), widget=NUMBER)
    monthly_quota_hours = _text(_("Monthly quota per organisation (hours)"), widget=NUMBER, help_text=_("Empty: no quota"))
    bookable_by = _text(_("Who may book"), widget=forms.Select(choices=Instrument.BookableBy.choices))

    def __init__(self, *args: Any, owners: QuerySet[Organisation] | None, editing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["owner"]  # an instrument does not change hands
        elif owners is not None:  # staff choose among their organisations
            self.fields["owner"].widget = forms.Select(choices=[(str(o.pk), o.name) for o in owners])
            self.fields["owner"].help_text = ""
        else:  # admins pick any by name (the shared organisation picker posts its number; a credit code works too)
            self.fields["owner"].widget = OrganisationPicker()
            self.fields["owner"].help_text = _("Type a name, pinyin or English and choose from the list.")

    @staticmethod
    def initial_for(instrument: Instrument) -> dict[str, Any]:
        values: dict[str, Any] = {name: getattr(instrument, name) for name in INSTRUMENT_TEXT_FIELDS}
        values.update(
            region=instrument.region.code, park=instrument.park.slug if instrument.park else "",
            opens_at=f"{instrument.opens_at:%H:%M}", closes_at=f"{instrument.closes_at:%H:%M}",
            approval_required=instrument.approval_required,
        )
        for name in ("cma_expires_on", "cnas_expires_on"):
            value = getattr(instrument, name)
            values[name] = value.isoformat() if value else ""
        if instrument.monthly_quota_hours is None:
            values["monthly_quota_hours"] = ""
        return values

    def as_text(self) -> dict[str, str]:
        data = {name: str(value).strip() for name, value in self.cleaned_data.items()}
        data["approval_required"] = "yes" if self.cleaned_data["approval_required"] else "no"
        return data


INSTRUMENT_TEXT_FIELDS = (
    "name_zh", "name_en", "maker", "model_number", "category", "capabilities_zh", "capabilities_en", "address",
    "cma_certificate", "cnas_certificate", "rate_per_hour", "rate_per_sample", "open_days", "min_minutes",
    "max_minutes", "lead_hours", "monthly_quota_hours", "bookable_by",
)
