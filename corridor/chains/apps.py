from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainsConfig(AppConfig):
    name = "corridor.chains"
    label = "chains"
    verbose_name = _("industry chains")

    def ready(self) -> None:
        from corridor.chains import signals  # noqa: F401  (connects the organisation hooks)
