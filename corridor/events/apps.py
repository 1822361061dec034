from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "corridor.events"
    label = "events"
    verbose_name = _("events")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.core import registry
        from corridor.events.models import Event, Registration

        registry.register(Event, url=lambda e: reverse("events:detail", args=[e.pk]), history=registry.may("manage"),
                          title=lambda e: e.title, search=("title_zh", "title_en", "description_zh", "description_en"))
        registry.register(Registration, url=lambda r: reverse("events:registration", args=[r.pk]),
                          history=registry.may("view"))
