"""Policy forms. They shape input; the services validate (the rule with the engine) and write."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.alliances.models import Alliance
from corridor.chains.models import Segment
from corridor.orgs.models import Industry
from corridor.policies.eligibility.fields import CERTIFICATE_KINDS
from corridor.policies.models import ApplicationItem, EligibilityProfile, Policy
from corridor.regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PolicyForm(forms.Form):
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=400, required=False)
    issuer_zh = forms.CharField(label=_("Issuer (Chinese)"), max_length=200, required=False)
    issuer_en = forms.CharField(label=_("Issuer (English)"), max_length=300, required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    level = forms.ChoiceField(label=_("Level"), choices=Policy.Level.choices, initial=Policy.Level.CITY)
    home_region = forms.ModelChoiceField(label=_("Issuing region"), queryset=Region.objects.none(), required=False)
    alliance = forms.ModelChoiceField(label=_("Alliance"), queryset=Alliance.objects.none(), required=False)
    regions = forms.ModelMultipleChoiceField(label=_("Applies in"), queryset=Region.objects.none(), required=False,
                                             help_text=_("Organisations registered inside these regions (empty: anywhere)."))
    industries = forms.ModelMultipleChoiceField(label=_("Industries"), queryset=Industry.objects.all(), required=False)
    segments = forms.ModelMultipleChoiceField(label=_("Chain segments"), queryset=Segment.objects.none(), required=False)
    summary_zh = forms.CharField(label=_("Summary (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    summary_en = forms.CharField(label=_("Summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    text_zh = forms.CharField(label=_("Full text (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    source_url = forms.URLField(label=_("Source link"), required=False, max_length=500, assume_scheme="https")
    issued_on = forms.DateField(label=_("Issued on"), required=False, widget=DATE)
    effective_from = forms.DateField(label=_("Effective from"), required=False, widget=DATE)
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DATE)

    def __init__(self, *args: Any, regions: Any, alliances: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["home_region"].queryset = regions  # type: ignore[attr-defined]
        self.fields["regions"].queryset = Region.objects.exclude(level="province").order_by("code")  # type: ignore[attr-defined]
        self.fields["alliance"].queryset = alliances  # type: ignore[attr-defined]
        self.fields["segments"].queryset = Segment.objects.filter(active=True).select_related("chain").order_by(  # type: ignore[attr-defined]
            "chain__slug", "position")

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_of(policy: Policy) -> dict[str, Any]:
        names = [n for n in PolicyForm.base_fields if n not in ("regions", "industries", "segments")]
        data = {name: getattr(policy, name) for name in names}
        data["regions"] = list(policy.regions.all())
        data["industries"] = list(policy.industries.all())
        data["segments"] = list(policy.segments.all())
        return data


RULE_HELP = _(
    'Conditions as JSON: {"all": [ … ]} or {"any": [ … ]} of {"field", "op", "value", "label_zh", "label_en", "clause"}. '
    "Fields: kind, region, size_band, is_head_enterprise, age, industries, chain_segments, alliances, certificates, "
    "rnd_share, revenue_band, employees, has_rnd_project, has_instrument. Empty: every organisation qualifies."
)


class ItemForm(forms.Form):
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=400, required=False)
    benefit = forms.ChoiceField(label=_("Benefit kind"), choices=ApplicationItem.Benefit.choices)
    amount = forms.CharField(label=_("Amount (CNY)"), required=False)
    rate = forms.CharField(label=_("Rate (%)"), required=False)
    cap = forms.CharField(label=_("Cap (CNY)"), required=False)
    target_zh = forms.CharField(label=_("Target group (Chinese)"), max_length=300, required=False)
    target_en = forms.CharField(label=_("Target group (English)"), max_length=400, required=False)
    rule_mode = forms.ChoiceField(label=_("Edit the conditions"), required=False, initial="builder",
                                  choices=[("builder", _("with the form")), ("json", _("as JSON (advanced)"))],
                                  widget=forms.RadioSelect)
    rule = forms.CharField(label=_("Conditions as JSON"), required=False, help_text=RULE_HELP,
                           widget=forms.Textarea(attrs={"rows": 10, "class": "mono", "spellcheck": "false"}))
    window_opens = forms.DateField(label=_("Application opens"), required=False, widget=DATE)
    window_closes = forms.DateField(label=_("Application closes"), required=False, widget=DATE)
    no_application = forms.BooleanField(label=_("Granted without application (免申即享)"), required=False)
    office_zh = forms.CharField(label=_("Office (Chinese)"), max_length=200, required=False)
    office_en = forms.CharField(label=_("Office (English)"), max_length=300, required=False)
    contact = forms.CharField(label=_("Contact"), max_length=200, required=False)
    materials_zh = forms.CharField(label=_("Materials required (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from corridor.policies.builder import Builder

        stored = self.initial.get("rule_data")
        if self.mode() == "builder":  # errors name "Conditions", not the JSON box
            self.fields["rule"].label = _("Conditions")
        if self.is_bound and self.mode() == "builder":
            self.builder: Builder | None = Builder.from_post(self.data)
        elif self.is_bound:
            try:
                self.builder = Builder.from_rule(json.loads(self.data.get("rule") or "{}"))
            except json.JSONDecodeError:
                self.builder = None
        else:
            self.builder = Builder.from_rule(stored)
            if self.builder is None:  # a shape beyond the form: the JSON view
                self.initial["rule_mode"] = "json"

    def mode(self) -> str:
        """"builder" or "json"; a POST without `rule_mode` and without builder rows is the JSON of before."""
        if not self.is_bound:
            return "json" if self.initial.get("rule_mode") == "json" else "builder"
        chosen = self.data.get("rule_mode")
        if not chosen:
            return "builder" if any(str(key).startswith("cond-") for key in self.data) else "json"
        return "json" if chosen == "json" else "builder"

    def clean_rule(self) -> Any:
        if self.mode() == "builder" and self.builder is not None:
            rule = self.builder.rule()
            if self.builder.errors:
                raise forms.ValidationError(self.builder.errors)
            return rule
        raw = (self.cleaned_data.get("rule") or "").strip()
        if not raw:
            return {}
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("The conditions are not valid JSON (line %(line)s, column %(column)s).")
                                        % {"line": exc.lineno, "column": exc.colno}) from None

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)

    @staticmethod
    def initial_of(item: ApplicationItem) -> dict[str, Any]:
        data = {name: getattr(item, name) for name in ItemForm.base_fields if name not in ("rule", "rule_mode")}
        data["rule"] = json.dumps(item.rule, ensure_ascii=False, indent=2) if item.rule else ""
        data["rule_data"] = item.rule
        return data


class ProfileForm(forms.Form):
    rnd_share = forms.CharField(label=_("R&D spending share of revenue (%)"), required=False)
    revenue_band = forms.ChoiceField(label=_("Revenue band"), required=False,
                                     choices=[("", "—"), *EligibilityProfile.Revenue.choices])
    employees = forms.CharField(label=_("Employees"), required=False)
    founded_on = forms.DateField(label=_("Date founded"), required=False, widget=DATE)
    has_rnd_project = forms.NullBooleanField(label=_("Has an R&D project"), required=False, widget=forms.NullBooleanSelect)
    certificates = forms.MultipleChoiceField(label=_("Certificates held (valid now)"), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language

        english = (get_language() or "").startswith("en")
        self.fields["certificates"].choices = [  # type: ignore[attr-defined]
            (kind, en if english else zh) for kind, (zh, en) in CERTIFICATE_KINDS.items()]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["certificates"] = dict.fromkeys(data.get("certificates") or [])
        return data


class ImportForm(forms.Form):
    """An .xlsx sheet of policies and their items (the columns `importer` names), checked whole before anything is written."""

    MAX_BYTES = 5 * 2**20

    file = forms.FileField(label=_("Sheet (.xlsx)"))
    dry_run = forms.BooleanField(label=_("Only check, write nothing"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Give an .xlsx file."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
