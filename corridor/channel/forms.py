"""Channel forms. They shape input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from corridor.alliances.models import Alliance
from corridor.chains.models import Segment
from corridor.channel.models import EnterpriseRequest, Office, RequestType
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class RequestForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("For"), queryset=Organisation.objects.none(), empty_label=None)
    type = forms.ChoiceField(label=_("Type"), choices=RequestType.choices)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("What you ask"), widget=forms.Textarea(attrs={"rows": 6}))
    priority = forms.ChoiceField(label=_("Priority"), choices=EnterpriseRequest.Priority.choices, initial="normal")
    attachment = forms.FileField(label=_("Attachment"), required=False)
    is_public = forms.BooleanField(label=_("Public (others may read it; private by default)"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]


class TextForm(forms.Form):
    """The texts of the workflow steps (the API and tests may post any of them as `text`)."""

    answer = forms.CharField(label=_("Answer"), required=False, widget=TEXTAREA)
    question = forms.CharField(label=_("What the office needs from the requester"), required=False, widget=TEXTAREA)
    reply = forms.CharField(label=_("Your reply"), required=False, widget=TEXTAREA)
    unresolved = forms.CharField(label=_("What is still unresolved"), required=False, widget=TEXTAREA)


class TransferForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Transfer to"), queryset=Office.objects.none(), required=False)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(label=_("How satisfied are you?"), choices=EnterpriseRequest.Satisfaction.choices,
                                     widget=forms.RadioSelect)
    resolved = forms.TypedChoiceField(label=_("Was your problem resolved?"), coerce=lambda v: v == "yes",
                                      choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoticeForm(forms.Form):
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    body_zh = forms.CharField(label=_("Text (Chinese)"), required=False, widget=TEXTAREA)
    body_en = forms.CharField(label=_("Text (English)"), required=False, widget=TEXTAREA)
    attachment = forms.FileField(label=_("Attachment"), required=False)
    regions = forms.ModelMultipleChoiceField(label=_("Regions"), queryset=Region.objects.none(), required=False)
    alliances = forms.ModelMultipleChoiceField(label=_("Alliances"), queryset=Alliance.objects.none(), required=False)
    segments = forms.ModelMultipleChoiceField(label=_("Chain segments"), queryset=Segment.objects.none(), required=False)
    kinds = forms.MultipleChoiceField(label=_("Organisation kinds"), choices=Organisation.Kind.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    size_bands = forms.MultipleChoiceField(label=_("Size bands"), choices=Organisation.SizeBand.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, regions: QuerySet[Region], alliances: QuerySet[Alliance], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = regions  # type: ignore[attr-defined]
        self.fields["alliances"].queryset = alliances  # type: ignore[attr-defined]
        segments = self.fields["segments"]
        segments.queryset = Segment.objects.select_related("chain").order_by("chain__slug", "position", "id")  # type: ignore[attr-defined]
        segments.label_from_instance = lambda s: f"{s.chain.name} · {s.name}"  # type: ignore[attr-defined]


class TargetForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    goal = forms.IntegerField(label=_("Target value"), min_value=1)
    due_on = forms.DateField(label=_("By"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Organisation kind"), required=False,
                             choices=[("", _("any kind")), *Organisation.Kind.choices])
    size_bands = forms.MultipleChoiceField(label=_("Size bands"), choices=Organisation.SizeBand.choices, required=False,
                                           widget=forms.CheckboxSelectMultiple)
    head_enterprises_only = forms.BooleanField(label=_("Head enterprises only"), required=False)
    manual = forms.BooleanField(label=_("Entered by hand instead of counted"), required=False)

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]
