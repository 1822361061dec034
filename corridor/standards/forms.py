from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from corridor.alliances.models import Alliance
from corridor.orgs.models import Organisation
from corridor.rnd.models import RDProject
from corridor.standards.models import Brand, Comment, Committee, CommitteeSeat, PatentDeclaration, Position

TEXTAREA = {"rows": 3}


class ProposeForm(forms.Form):
    alliance = forms.ModelChoiceField(label=_("Alliance"), queryset=Alliance.objects.none(), empty_label=None)
    organisation = forms.ModelChoiceField(label=_("Proposing organisation (lead drafter)"),
                                               queryset=Organisation.objects.none(),
                                          empty_label=None)
    title_zh = forms.CharField(label=_("Title (Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    scope_zh = forms.CharField(label=_("Scope (Chinese)"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    scope_en = forms.CharField(label=_("Scope (English)"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    rationale_zh = forms.CharField(label=_("Why it is needed (Chinese)"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    rationale_en = forms.CharField(label=_("Why it is needed (English)"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    rnd_projects = forms.ModelMultipleChoiceField(label=_("R&D projects in Corridor"), required=False,
                                                  queryset=RDProject.objects.none(),
                                                  widget=forms.SelectMultiple(attrs={"size": 6}))
    related_projects = forms.CharField(label=_("Other related R&D projects"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}),
                                       help_text=_("Projects outside Corridor, one a line"))
    drafting_org = forms.CharField(label=_("Another drafting organisation"), required=False, max_length=300,
                                   help_text=_("Type part of the name and pick it; the secretariat can add more later"),
                                   widget=forms.TextInput(attrs={"list": "org-picker-drafting_org", "autocomplete": "off"}))

    def __init__(self, *args: Any, alliances: Any, organisations: Any, rnd_projects: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["alliance"].queryset = alliances  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if rnd_projects is not None:
            self.fields["rnd_projects"].queryset = rnd_projects  # type: ignore[attr-defined]


class RndLinkForm(forms.Form):
    """The R&D projects a standard builds on: those the editor may see (the service keeps the others)."""

    rnd_projects = forms.ModelMultipleChoiceField(label=_("R&D projects in Corridor"), required=False,
                                                  queryset=RDProject.objects.none(),
                                                  widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args: Any, rnd_projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rnd_projects"].queryset = rnd_projects  # type: ignore[attr-defined]


class DraftForm(forms.Form):
    change_summary_zh = forms.CharField(label=_("Change summary (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    change_summary_en = forms.CharField(label=_("Change summary (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label=_("Text, one numbered clause per paragraph (e.g. “4.2 …”)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12}))
    document = forms.FileField(label=_("Or a document (.txt, .md; other files are kept with the text you paste)"), required=False)


class VoteForm(forms.Form):
    value = forms.ChoiceField(label=_("Position"), choices=Position.Value.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comments or reasons"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommentWindowForm(forms.Form):
    closes_on = forms.DateField(label=_("Comments close on"), widget=forms.DateInput(attrs={"type": "date"}))
    public = forms.BooleanField(label=_("Open to comments from the public (not only members)"), required=False)


class CommentForm(forms.Form):
    clause = forms.ChoiceField(label=_("Clause"), choices=())
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    proposal = forms.CharField(label=_("Proposed change"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    language = forms.ChoiceField(label=_("Language"), choices=[("", _("Detect")), *Comment.Language.choices], required=False)

    def __init__(self, *args: Any, clauses: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = [(c, c) for c in clauses]  # type: ignore[attr-defined]


class DisposeForm(forms.Form):
    disposition = forms.ChoiceField(label=_("Disposition"), choices=[c for c in Comment.Disposition.choices if c[0]])
    response = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(forms.Form):
    number = forms.IntegerField(label=_("Number (empty: the next free one)"), required=False, min_value=1, max_value=999)
    pdf = forms.FileField(label=_("Final text (PDF)"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ParticipantForm(forms.Form):
    organisation = forms.CharField(label=_("Drafting organisation"), max_length=300,
                                   widget=forms.TextInput(attrs={"list": "org-picker-organisation", "autocomplete": "off"}))


class PatentForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Patent holder"), queryset=Organisation.objects.none(), empty_label=None)
    patent_number = forms.CharField(label=_("Patent number"), max_length=40)
    title = forms.CharField(label=_("Patent title"), max_length=300)
    clause = forms.CharField(label=_("Clause"), max_length=24, required=False)
    licensing = forms.ChoiceField(label=_("Licensing terms"), choices=[("", "—"), *PatentDeclaration.Licensing.choices])

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class CommitteeForm(forms.Form):
    code = forms.CharField(label=_("Code in standard numbers"), max_length=16, help_text=_("e.g. G60JQR: T/G60JQR 001—2025"))
    name_zh = forms.CharField(label=_("Chinese name"), max_length=128)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    pass_share = forms.DecimalField(label=_("Share of those voting needed to pass"), min_value=Decimal("0.5"),
                                    max_value=Decimal("1"), decimal_places=2, initial=Decimal("0.75"))
    comment_days = forms.IntegerField(label=_("Public comment days"), min_value=30, max_value=365, initial=30)
    review_years = forms.IntegerField(label=_("Re-review after (years)"), min_value=3, max_value=5, initial=5)
    options = forms.MultipleChoiceField(label=_("Optional steps"), choices=Committee.Option.choices, required=False,
                                        widget=forms.CheckboxSelectMultiple)


class SeatForm(forms.Form):
    organisation = forms.CharField(label=_("Member organisation"), max_length=300,
                                   widget=forms.TextInput(attrs={"list": "org-picker-organisation", "autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Role"), choices=CommitteeSeat.Role.choices)


class BrandForm(forms.Form):
    alliance = forms.ModelChoiceField(label=_("Alliance"), queryset=Alliance.objects.none(), empty_label=None)
    holder = forms.CharField(label=_("Brand holder"), max_length=300,
                             widget=forms.TextInput(attrs={"list": "org-picker-holder", "autocomplete": "off"}))
    name_zh = forms.CharField(label=_("Chinese name"), max_length=128, required=False)
    name_en = forms.CharField(label=_("English name"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Brand.Category.choices)
    products_zh = forms.CharField(label=_("Products (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    products_en = forms.CharField(label=_("Products (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    certificate = forms.CharField(label=_("Certificate number"), max_length=60)
    valid_from = forms.DateField(label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, alliances: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["alliance"].queryset = alliances  # type: ignore[attr-defined]
