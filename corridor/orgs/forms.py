"""The organisation edit form. It only shapes input: the service validates and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from corridor.orgs.models import Industry, Organisation
from corridor.regions.widgets import RegionPicker


def _label(name: str) -> Any:
    return capfirst(Organisation._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


class OrganisationForm(forms.Form):
    name_zh = forms.CharField(label=_label("name_zh"), max_length=200, required=False)
    name_en = forms.CharField(label=_label("name_en"), max_length=300, required=False)
    short_name = forms.CharField(label=_label("short_name"), max_length=64, required=False)
    aliases = forms.CharField(
        label=_label("aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line: former names, brands, spellings people search for."),
    )
    kind = forms.ChoiceField(label=_label("kind"), choices=Organisation.Kind.choices)
    # Longer than 18 so that a code pasted with spaces reaches the service, which says what is wrong with it.
    uscc = forms.CharField(
        label=_label("uscc"), max_length=40, required=False, help_text=_("18 characters, with its check digit.")
    )
    address = forms.CharField(label=_label("address"), max_length=300, required=False)
    region = forms.CharField(
        label=_("Region"),
        max_length=6,
        required=False,
        widget=RegionPicker(),
        help_text=_("The district or city; left empty, it is read from the address."),
    )
    size_band = forms.ChoiceField(
        label=_label("size_band"), choices=[("", "—"), *Organisation.SizeBand.choices], required=False
    )
    is_head_enterprise = forms.BooleanField(label=_label("is_head_enterprise"), required=False)
    industries = forms.MultipleChoiceField(label=_("Industries"), required=False, widget=forms.CheckboxSelectMultiple)
    description_zh = forms.CharField(
        label=_label("description_zh"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description_en = forms.CharField(
        label=_label("description_en"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    website = forms.URLField(label=_label("website"), required=False, assume_scheme="https")
    founded_year = forms.IntegerField(label=_label("founded_year"), required=False, min_value=1800, max_value=2100)
    listed = forms.BooleanField(
        label=_label("listed"), required=False, help_text=Organisation._meta.get_field("listed").help_text
    )
    contact_name = forms.CharField(label=_label("contact_name"), max_length=64, required=False)
    contact_email = forms.EmailField(label=_label("contact_email"), required=False)
    contact_phone = forms.CharField(label=_label("contact_phone"), max_length=32, required=False)

    # Grouped on the page so that the long form reads as a few short ones.
    SECTIONS = (
        (_("Names"), ("name_zh", "name_en", "short_name", "aliases")),
        (
            _("Identity and place"),
            ("kind", "uscc", "address", "region", "size_band", "is_head_enterprise", "founded_year"),
        ),
        (_("Profile"), ("industries", "description_zh", "description_en", "website", "listed")),
        (_("Contacts (not public)"), ("contact_name", "contact_email", "contact_phone")),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["industries"].choices = [(i.slug, i.name) for i in Industry.objects.order_by("slug")]  # type: ignore[attr-defined]

    @classmethod
    def initial_for(cls, org: Organisation) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(org, name) for name in cls.base_fields if hasattr(org, name)}
        initial["aliases"] = "\n".join(org.aliases or [])
        initial["region"] = org.region.code if org.region else ""
        initial["industries"] = [i.slug for i in org.industries.all()]
        initial["uscc"] = org.uscc or ""
        return initial

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def service_data(self) -> dict[str, Any]:
        """cleaned_data in the shape update_organisation takes."""
        data = dict(self.cleaned_data)
        data["aliases"] = [line.strip() for line in data.get("aliases", "").splitlines() if line.strip()]
        data["region"] = (data.get("region") or "").strip()
        return data


class OrganisationPicker(forms.TextInput):
    """The shared organisation picker (orgs/_org_picker.html) as a widget: a search box whose <datalist> the
    autocomplete fills with the organisations the viewer may see; it posts the chosen one's number."""

    template_name = "orgs/_org_picker_widget.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["chosen"] = getattr(self, "chosen", None)
        return context


class OrganisationPickerField(forms.ModelChoiceField):
    """An organisation chosen by name among `queryset` (give it `restrict(user)`): typed with autocomplete,
    never a list of every organisation nor a number to know. One outside the queryset (hidden from the
    user) is refused as an invalid choice, like one that does not exist."""

    widget = OrganisationPicker

    def __init__(self, queryset: Any = None, *, named: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose an organisation from the list offered as you type.")})
        kwargs.setdefault("help_text", _("Type a name, pinyin or English and choose from the list."))
        super().__init__(queryset if queryset is not None else Organisation.objects.none(), **kwargs)
        # Whose names may be shown next to the box (default: the choices); narrower when the choices keep one
        # the user may not see (an event's current organiser): that one is then shown by number only.
        self.named = named

    def prepare_value(self, value: Any) -> Any:
        # Shown next to the box: the name of what is chosen (the box itself holds its number).
        key = value.pk if isinstance(value, Organisation) else value
        chosen = None
        if key not in (None, "") and str(key).isdigit() and len(str(key)) < 18:
            rows = self.named if self.named is not None else self.queryset
            chosen = rows.filter(pk=int(key)).only("id", "name_zh", "name_en").first()  # type: ignore[union-attr]
        self.widget.chosen = chosen  # type: ignore[attr-defined]
        return super().prepare_value(value)
