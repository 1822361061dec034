from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelConfig(AppConfig):
    name = "corridor.channel"
    label = "channel"
    verbose_name = _("government–enterprise channel")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.channel.models import EnterpriseRequest, Notice, Office, RoutingRule, Target
        from corridor.core import registry

        registry.register(EnterpriseRequest, url=lambda r: reverse("channel:request", args=[r.pk]),
                          history=registry.may("view"), search=("subject", "text"))
        registry.register(Notice, url=lambda n: reverse("channel:notice", args=[n.pk]), history=registry.may("send"),
                          search=("title_zh", "title_en", "body_zh", "body_en"))
        registry.register(Office, url=lambda o: reverse("channel:office", args=[o.pk]), history=registry.may("manage"))
        registry.register(RoutingRule, url=lambda r: reverse("channel:office", args=[r.office_id]), history=registry.may("manage"))
        registry.register(Target, url=lambda t: reverse("channel:targets"), history=registry.may("manage"),
                          search=("title_zh", "title_en"))
        from corridor.channel import indicators

        indicators.register_all()
