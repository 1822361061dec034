from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "corridor.projects"
    label = "projects"
    verbose_name = _("investment projects")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.core import registry
        from corridor.projects.models import Project

        # Search looks in the project's and its investor's names (never amounts), in the header box and the list
        # alike; `restrict` hides projects the searcher may not see.
        registry.register(Project, url=lambda p: reverse("projects:detail", args=[p.pk]),
                          history=registry.may("view_private"),
                          search=("name_zh", "name_en", "investor__name_zh", "investor__name_en"))
        from corridor.projects import indicators

        indicators.register_all()
