"""R&D forms. They shape input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from corridor.chains.models import Segment
from corridor.equipment.models import Instrument
from corridor.orgs.models import Organisation
from corridor.rnd.models import Output, Overlap, RDDirection, RDProject, Visibility, WorkPackage

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    language = forms.ChoiceField(label=_("Written in"), choices=RDProject.Language.choices)
    text = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    objective = forms.CharField(label=_("Objective and targets"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    parameters = forms.CharField(label=_("Target parameters"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                 help_text=_("One a line, with units, e.g. “backlash ≤ 1 arcmin”, “life ≥ 10000 h”"))
    route = forms.CharField(label=_("Technical route"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    trl = forms.IntegerField(label=_("Stage (TRL 1–9)"), initial=3, min_value=1, max_value=9)
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)
    budget_band = forms.ChoiceField(label=_("Budget"), required=False, choices=[("", "—"), *RDProject.Budget.choices])
    team_size = forms.IntegerField(label=_("Team size"), required=False, min_value=1)
    segments = forms.ModelMultipleChoiceField(label=_("Chain segments"), queryset=Segment.objects.none(), required=False,
                                              widget=forms.SelectMultiple(attrs={"size": 6}))
    keywords = forms.CharField(label=_("Keywords"), required=False, help_text=_("Separated by commas"))
    patents = forms.CharField(label=_("Patents"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Number and IPC class, one a line: “CN112345678A F16H 1/32”"))
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices, initial=Visibility.ALLIANCE)
    direction = forms.ModelChoiceField(label=_("R&D direction"), queryset=RDDirection.objects.none(), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], directions: QuerySet[RDDirection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["direction"].queryset = directions  # type: ignore[attr-defined]
        segments = self.fields["segments"]
        segments.queryset = Segment.objects.filter(active=True).select_related("chain").order_by("chain__slug", "position")  # type: ignore[attr-defined]
        segments.label_from_instance = lambda s: f"{s.chain.name} · {s.name}"  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(project: RDProject) -> dict[str, Any]:
        return {
            "organisation": project.organisation_id, "title": project.title, "language": project.language,
            "text": project.text, "objective": project.objective, "parameters": "\n".join(project.parameters),
            "route": project.route, "trl": project.trl, "starts_on": project.starts_on, "ends_on": project.ends_on,
            "budget_band": project.budget_band, "team_size": project.team_size,
            "segments": list(project.segments.all()), "keywords": ", ".join(project.keywords),
            "patents": "\n".join(f"{p.get('number', '')} {p.get('ipc', '')}".strip() for p in project.patents),
            "visibility": project.visibility, "direction": project.direction_id,
        }

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        return data


class DirectionForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    description_zh = forms.CharField(label=_("Description (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    description_en = forms.CharField(label=_("Description (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    keywords = forms.CharField(label=_("Keywords"), required=False, help_text=_("Separated by commas"))
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices, initial=Visibility.ALLIANCE)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class MarkForm(forms.Form):
    status = forms.ChoiceField(label=_("Judgement"), choices=Overlap.Status.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TeamForm(forms.Form):
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    objective = forms.CharField(label=_("Joint objective"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    lead = forms.ModelChoiceField(label=_("Lead organisation"), queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = organisations  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AcceptForm(forms.Form):
    contribution = forms.CharField(label=_("What your organisation brings"), required=False, max_length=300)


class _TeamOrgForm(forms.Form):
    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations  # type: ignore[attr-defined]


class MilestoneForm(_TeamOrgForm):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Organisation.objects.none(), empty_label=None)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)
    work_package = forms.ModelChoiceField(label=_("Work package"), queryset=WorkPackage.objects.none(), required=False)

    def __init__(self, *args: Any, packages: QuerySet[WorkPackage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_package"].queryset = packages  # type: ignore[attr-defined]


class WorkPackageForm(_TeamOrgForm):
    title = forms.CharField(label=_("Work package"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Organisation.objects.none(), empty_label=None)


class ProgressForm(forms.Form):
    progress = forms.CharField(label=_("Progress"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    done = forms.BooleanField(label=_("Done"), required=False)


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Output.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    reference = forms.CharField(label=_("Reference"), max_length=200, required=False)
    on = forms.DateField(label=_("Date"), required=False, widget=DATE)


class InstrumentForm(forms.Form):
    # The equipment catalogue is public: any bookable instrument may serve a team.
    instrument = forms.ModelChoiceField(label=_("Instrument"),
                                        queryset=Instrument.objects.filter(active=True).order_by("name_zh", "id"))


class AgreementForm(forms.Form):
    ip_background = forms.CharField(label=_("Background IP"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    ip_foreground = forms.CharField(label=_("Foreground IP"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    agreement_signed_on = forms.DateField(label=_("Signed on"), required=False, widget=DATE)
    agreement_document = forms.CharField(label=_("Document"), max_length=300, required=False)
