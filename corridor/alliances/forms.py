"""Alliance forms. They shape input; the alliance services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from corridor.alliances.models import AllianceMembership
from corridor.orgs.models import Organisation


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if obj.is_synthetic:
            return f"{obj.name} ({gettext('synthetic')})"
        return str(obj.name)


class ApplyForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    message = forms.CharField(
        label=_("Message to the secretariat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What your organisation brings and expects (optional)."),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ApproveForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=AllianceMembership.Role.choices, initial=AllianceMembership.Role.MEMBER
    )
    batch = forms.IntegerField(
        label=_("Batch"), required=False, min_value=1, help_text=_("Empty: the alliance's latest batch.")
    )


class RejectForm(forms.Form):
    # Not required here: the service says a rejection needs a reason, in its own words, next to this field.
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=AllianceMembership.Role.choices)
    batch = forms.IntegerField(label=_("Batch"), min_value=1)


class ActionForm(forms.Form):
    taken_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    organisation = OrganisationChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False, empty_label="—"
    )
    description = forms.CharField(label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"taken_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
