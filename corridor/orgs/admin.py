from typing import Any

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from corridor.audit.admin_mixins import AuditedAdmin
from corridor.orgs.models import Industry, Organisation
from corridor.orgs.services import refresh_derived_fields


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_zh", "name_en")
    search_fields = ("slug", "name_zh", "name_en")


class OrganisationAdminForm(forms.ModelForm):
    """Aliases as lines of text: an officer types names, not a JSON list."""

    aliases = forms.CharField(label=_("aliases"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("One alias per line."))

    class Meta:
        model = Organisation
        fields = "__all__"  # noqa: DJ007  (the admin lays out the fields; this form only changes aliases)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["aliases"] = "\n".join(self.instance.aliases or [])

    def clean_aliases(self) -> list[str]:
        seen: dict[str, None] = {}
        for line in self.cleaned_data.get("aliases", "").splitlines():
            if line.strip():
                seen.setdefault(line.strip(), None)
        return list(seen)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    form = OrganisationAdminForm
    list_display = ("name_zh", "name_en", "kind", "city", "is_head_enterprise", "listed", "is_synthetic")
    list_filter = ("kind", "is_head_enterprise", "listed", "is_synthetic", "size_band")
    search_fields = ("search_text", "uscc")
    raw_id_fields = ("region",)
    readonly_fields = ("city", "province", "created_at", "updated_at")
    filter_horizontal = ("industries",)
    list_select_related = ("city",)

    def before_save(self, obj: Any) -> None:
        refresh_derived_fields(obj)
