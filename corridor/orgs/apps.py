from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "corridor.orgs"
    label = "orgs"
    verbose_name = _("orgs")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.core import registry
        from corridor.orgs.models import Organisation
        from corridor.search.orgs import search_organisations

        # The header box finds organisations as the list does: names, pinyin, descriptions, segments, typos.
        registry.register(Organisation, url=lambda o: reverse("orgs:detail", args=[o.pk]),
                          history=registry.may("view_private"), search=("name_zh", "name_en", "search_text"),
                          finder=lambda rows, q: search_organisations(rows, q).queryset)
        from corridor.core import events
        from corridor.orgs import counts

        # The unfiltered list's totals are forgotten with each change and counted again once when next read.
        events.subscribe(events.ORGANISATIONS_CHANGED, counts.forget)
        events.subscribe(events.ORGANISATIONS_DELETED, counts.forget)
