from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "corridor.events"
    label = "events"
    verbose_name = _("events")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.core import access, registry
        from corridor.events import jobs  # noqa: F401  (registers the scheduling job)
        from corridor.events.models import Event, MeetingRequest, Registration

        registry.register(Event, url=lambda e: reverse("events:detail", args=[e.pk]), history=registry.may("manage"),
                          title=lambda e: e.title, search=("title_zh", "title_en", "description_zh", "description_en"))
        registry.register(Registration, url=lambda r: reverse("events:registration", args=[r.pk]),
                          history=registry.may("view"))
        registry.register(MeetingRequest, url=lambda r: reverse("events:meetings", args=[r.event_id]),
                          history=lambda user, r: access.may(user, "view", r))
        from corridor.events import indicators

        indicators.register_all()
