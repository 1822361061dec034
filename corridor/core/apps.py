from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "corridor.core"
    label = "core"
    verbose_name = _("core")

    def ready(self) -> None:
        from corridor.core import events

        events.register_jobs()

        from django.contrib import admin

        # Django's defaults read "Django 管理" / "Django administration": say whose administration it is.
        admin.site.site_header = _("Corridor administration")
        admin.site.site_title = _("Corridor administration")
        admin.site.index_title = _("Data and settings")
