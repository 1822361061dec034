"""Forms of the event pages: they parse what is typed; the services decide every rule."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.alliances.models import Alliance
from corridor.events.models import Event, MeetingRequest, Question, RegistrationType
from corridor.orgs.forms import OrganisationPickerField
from corridor.orgs.models import Organisation
from corridor.regions.models import Region

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _when(label: Any, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, required=required, widget=LOCAL, input_formats=FORMATS)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Event.Kind.choices)
    title_zh = forms.CharField(label=gettext_lazy("Title (Chinese)"), required=False, max_length=200)
    title_en = forms.CharField(label=gettext_lazy("Title (English)"), required=False, max_length=300)
    description_zh = forms.CharField(label=gettext_lazy("Description (Chinese)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    description_en = forms.CharField(label=gettext_lazy("Description (English)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 3}))
    alliance = forms.ModelChoiceField(label=gettext_lazy("Alliance"), queryset=Alliance.objects.none(), required=False)
    organiser = forms.ModelChoiceField(label=gettext_lazy("Organiser organisation"), queryset=Organisation.objects.none(),
                                       required=False)
    region = forms.ModelChoiceField(label=gettext_lazy("City or district"), queryset=Region.objects.none(), required=False)
    address = forms.CharField(label=gettext_lazy("Place (park or address)"), required=False, max_length=300)
    online_url = forms.URLField(label=gettext_lazy("Online link"), required=False, assume_scheme="https")
    starts_at = _when(gettext_lazy("Starts at"))
    ends_at = _when(gettext_lazy("Ends at"))
    capacity = forms.IntegerField(label=gettext_lazy("Capacity"), required=False, min_value=1,
                                  help_text=gettext_lazy("Empty: no limit"))
    approval_required = forms.BooleanField(label=gettext_lazy("The organiser approves each registration"), required=False)
    waiting_list = forms.BooleanField(label=gettext_lazy("Waiting list when full"), required=False, initial=True)
    registration_deadline = _when(gettext_lazy("Registration deadline"), required=False)
    visibility = forms.ChoiceField(label=gettext_lazy("Visibility"), choices=Event.Visibility.choices)
    meeting_tables = forms.IntegerField(label=gettext_lazy("Meeting tables (brokerage day)"), required=False, min_value=0)
    max_meetings = forms.IntegerField(label=gettext_lazy("Maximum meetings per participant"), required=False, min_value=1)

    def __init__(self, *args: Any, alliances: QuerySet[Alliance], organisations: QuerySet[Organisation],
                 regions: QuerySet[Region], pick_organiser: bool = False,
                 named_organisations: QuerySet[Organisation] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["alliance"].queryset = alliances  # type: ignore[attr-defined]
        if pick_organiser:
            # Secretariats, officers and admins may name any organisation they can see as organiser: typed with
            # autocomplete among those (`organisations` is then the user's `restrict`), not a list of all of them.
            self.fields["organiser"] = OrganisationPickerField(
                organisations, named=named_organisations, label=gettext_lazy("Organiser organisation"), required=False)
        self.fields["organiser"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["region"].queryset = regions  # type: ignore[attr-defined]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("meeting_tables", "max_meetings"):
            if data.get(name) is None:
                data.pop(name, None)
        for name in ("agenda", "types", "questions"):
            data.pop(name, None)
        return data


class NewEventForm(EventForm):
    agenda = forms.CharField(
        label=gettext_lazy("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One session a line: 09:00-09:30 | 中文标题 | English title | speakers"),
    )
    types = forms.CharField(
        label=gettext_lazy("Registration types"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One type a line: 中文名 | English name | cap (empty: no cap)"),
    )

    questions = forms.CharField(
        label=gettext_lazy("Questions on the registration form"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One question a line: kind (text, choice, yesno) | * if required | 中文问题 | "
                               "English question | choices for a choice: 中文/English; 中文/English"),
    )

    def clean_questions(self) -> list[dict[str, Any]]:
        return parse_questions(self.cleaned_data.get("questions", ""))

    def clean_agenda(self) -> list[dict[str, Any]]:
        return parse_agenda(self.cleaned_data.get("agenda", ""), self.data.get("starts_at", ""))

    def clean_types(self) -> list[dict[str, Any]]:
        return parse_types(self.cleaned_data.get("types", ""))


def parse_agenda(text: str, day_text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if not lines:
        return rows
    try:
        day = datetime.date.fromisoformat(str(day_text)[:10])
    except ValueError:
        raise ValidationError(_("Give the start of the event first: the agenda's times are on its first day.")) from None
    tz = ZoneInfo(settings.TIME_ZONE)
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split("|")]
        try:
            start_text, end_text = parts[0].replace("–", "-").split("-")
            start = datetime.datetime.combine(day, datetime.time.fromisoformat(start_text.strip()), tzinfo=tz)
            end = datetime.datetime.combine(day, datetime.time.fromisoformat(end_text.strip()), tzinfo=tz)
        except ValueError:
            raise ValidationError(_("Agenda line %(n)s: start with the times, e.g. 09:00-09:30.") % {"n": number}) from None
        if end <= start:
            raise ValidationError(_("Agenda line %(n)s: the end must be after the start.") % {"n": number})
        title_zh = parts[1] if len(parts) > 1 else ""
        title_en = parts[2] if len(parts) > 2 else ""
        if not (title_zh or title_en):
            raise ValidationError(_("Agenda line %(n)s: give a title.") % {"n": number})
        rows.append({"starts_at": start, "ends_at": end, "title_zh": title_zh[:200], "title_en": title_en[:300],
                     "speakers": (parts[3] if len(parts) > 3 else "")[:300]})
    return rows


def parse_types(text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, line in enumerate([line for line in (text or "").splitlines() if line.strip()], start=1):
        parts = [part.strip() for part in line.split("|")]
        name_zh = parts[0] if parts else ""
        name_en = parts[1] if len(parts) > 1 else ""
        cap_text = parts[2] if len(parts) > 2 else ""
        if not (name_zh or name_en):
            raise ValidationError(_("Registration types line %(n)s: give a name.") % {"n": number})
        capacity = None
        if cap_text:
            if not cap_text.isdigit() or int(cap_text) < 1:
                raise ValidationError(_("Registration types line %(n)s: the cap must be a whole number of at least 1.") % {"n": number})
            capacity = int(cap_text)
        rows.append({"name_zh": name_zh[:100], "name_en": name_en[:100], "capacity": capacity})
    return rows


def parse_questions(text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for number, line in enumerate([line for line in (text or "").splitlines() if line.strip()], start=1):
        parts = [part.strip() for part in line.split("|")] + ["", "", "", "", ""]
        kind = parts[0].lower().replace("/", "").replace("-", "")
        if kind not in Question.Kind.values:
            raise ValidationError(_("Questions line %(n)s: start with the kind: text, choice or yesno.") % {"n": number})
        label_zh, label_en = parts[2][:200], parts[3][:300]
        if not (label_zh or label_en):
            raise ValidationError(_("Questions line %(n)s: give the question.") % {"n": number})
        choices = [c.strip() for c in parts[4].replace("；", ";").split(";") if c.strip()]
        if kind == Question.Kind.CHOICE and len(choices) < 2:
            raise ValidationError(_("Questions line %(n)s: give at least two choices.") % {"n": number})
        rows.append({"kind": kind, "required": parts[1] in ("*", "required", "必填"), "label_zh": label_zh,
                     "label_en": label_en, "position": number,
                     "choices_text": "\n".join(" | ".join(x.strip() for x in c.split("/", 1)) for c in choices)})
    return rows


def question_fields(questions: Any) -> dict[str, forms.Field]:
    """Form fields for the event's questions, named `q<id>`; the service checks the answers."""
    fields: dict[str, forms.Field] = {}
    for question in questions:
        name = f"q{question.pk}"
        if question.kind == Question.Kind.CHOICE:
            fields[name] = forms.ChoiceField(label=question.label, required=False,
                                             choices=[("", "—"), *question.options()])
        elif question.kind == Question.Kind.YESNO:
            fields[name] = forms.ChoiceField(label=question.label, required=False, widget=forms.RadioSelect,
                                             choices=[("yes", _("Yes")), ("no", _("No"))])
        else:
            fields[name] = forms.CharField(label=question.label, required=False, max_length=2000,
                                           widget=forms.Textarea(attrs={"rows": 2}))
        fields[name].widget.attrs["data-question"] = str(question.pk)
        if question.required:
            fields[name].widget.attrs["aria-required"] = "true"
            fields[name].label = f"{question.label} *"
    return fields


class RegisterForm(forms.Form):
    organisation = forms.ModelChoiceField(label=gettext_lazy("For the organisation"), queryset=Organisation.objects.none(),
                                          required=False)
    type = forms.ModelChoiceField(label=gettext_lazy("Registration type"), queryset=RegistrationType.objects.none(),
                                  required=False)
    name = forms.CharField(label=gettext_lazy("Name on the badge"), required=False, max_length=100)
    note = forms.CharField(label=gettext_lazy("Note to the organiser"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], types: QuerySet[RegistrationType],
                 questions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["type"].queryset = types  # type: ignore[attr-defined]
        for name, field in question_fields(questions).items():  # (not dict.update: the no-ORM-writes test reads .update( as one)
            self.fields[name] = field
        if not organisations.exists():
            del self.fields["organisation"]
        if not types.exists():
            del self.fields["type"]

    def answers(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name.startswith("q") and name[1:].isdigit()}


class CheckInForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True,
                                                         "autocapitalize": "characters"}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MeetingRequestForm(forms.Form):
    invitee = forms.IntegerField(widget=forms.HiddenInput)
    priority = forms.TypedChoiceField(label=gettext_lazy("Priority"), choices=MeetingRequest.Priority.choices, coerce=int,
                                      initial=MeetingRequest.Priority.MEDIUM)
    message = forms.CharField(label=gettext_lazy("Message"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProfileForm(forms.Form):
    profile_zh = forms.CharField(label=gettext_lazy("What we offer and look for (Chinese)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    profile_en = forms.CharField(label=gettext_lazy("What we offer and look for (English)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    available_from = _when(gettext_lazy("Available for meetings from"), required=False)
    available_until = _when(gettext_lazy("Available for meetings until"), required=False)
    max_meetings = forms.IntegerField(label=gettext_lazy("Maximum meetings"), required=False, min_value=0)


class SlotsForm(forms.Form):
    starts_at = _when(gettext_lazy("First meeting at"))
    ends_at = _when(gettext_lazy("Last meeting ends by"))
    minutes = forms.IntegerField(label=gettext_lazy("Meeting length (minutes)"), min_value=5, max_value=240, initial=20)
    gap = forms.IntegerField(label=gettext_lazy("Break between meetings (minutes)"), min_value=0, max_value=120, initial=5)
    break_from = _when(gettext_lazy("Break from"), required=False)
    break_until = _when(gettext_lazy("Break until"), required=False)
    tables = forms.IntegerField(label=gettext_lazy("Tables"), min_value=1, max_value=2000, initial=10)
