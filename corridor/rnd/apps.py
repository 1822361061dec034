from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RndConfig(AppConfig):
    name = "corridor.rnd"
    label = "rnd"
    verbose_name = _("R&D coordination")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.core import access, registry
        from corridor.rnd.models import JointTeam, Overlap, RDDirection, RDProject, TeamMember

        registry.register(RDProject, url=lambda p: reverse("rnd:detail", args=[p.pk]), history=registry.may("view"),
                          search=("title", "text", "objective"))
        registry.register(RDDirection, url=lambda d: reverse("rnd:list") + f"?organisation={d.organisation_id}",
                          history=registry.may("view"), search=("title_zh", "title_en"))
        # An overlap's history names both projects: only those who judge it (the secretariat) read it.
        registry.register(Overlap, url=lambda o: reverse("rnd:overlap", args=[o.pk]), history=registry.may("mark"))
        registry.register(JointTeam, url=lambda t: reverse("rnd:team", args=[t.pk]), history=registry.may("view"),
                          search=("title_zh", "title_en"))
        registry.register(TeamMember, url=lambda m: reverse("rnd:team", args=[m.team_id]),
                          history=lambda user, m: access.may(user, "view", m.team))
        from corridor.rnd import indicators

        indicators.register_all()
