from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    name = "corridor.chains"
    label = "chains"
    verbose_name = _("industry chains")

    def ready(self) -> None:
        from corridor.chains import signals

        signals.connect()  # chains follow organisations_changed

        from django.urls import reverse

        from corridor.chains.models import SegmentTag
        from corridor.core import access, registry

        registry.register(SegmentTag, url=lambda t: reverse("chains:organisation", args=[t.organisation_id]),
                          history=lambda user, t: access.may(user, "review", t) or access.is_member_of(user, t.organisation_id))
