from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "corridor.notifications"
    label = "notifications"
    verbose_name = _("notifications")

    def ready(self) -> None:
        from corridor.notifications import services  # noqa: F401  (registers the e-mail job kind)
