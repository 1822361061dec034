from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "corridor.matching"
    label = "matching"
    verbose_name = _("matchmaking")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.core import registry
        from corridor.matching.models import Listing

        registry.register(Listing, url=lambda listing: reverse("matching:detail", args=[listing.pk]),
                          title=lambda listing: listing.title, history=registry.may("change"),
                          search=("title_zh", "title_en", "text"))
