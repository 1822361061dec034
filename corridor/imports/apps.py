from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "corridor.imports"
    label = "imports"
    verbose_name = _("import, export and duplicates")

    def ready(self) -> None:
        from corridor.imports import followup, jobs  # noqa: F401  (registers the import and follow-up jobs)
