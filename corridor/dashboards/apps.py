from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "corridor.dashboards"
    label = "dashboards"
    verbose_name = _("dashboards and reports")

    def ready(self) -> None:
        from corridor.dashboards import reports, snapshots, sources  # noqa: F401  (job kinds)

        sources.register_all()
