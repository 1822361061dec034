from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliancesConfig(AppConfig):
    name = "corridor.alliances"
    label = "alliances"
    verbose_name = _("alliances")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.alliances.models import Alliance, AllianceMembership, Declaration, MembershipApplication
        from corridor.core import access, registry

        registry.register(Alliance, url=lambda a: reverse("alliances:detail", args=[a.slug]),
                          search=("name_zh", "name_en", "slug"))
        registry.register(AllianceMembership, url=lambda m: reverse("alliances:detail", args=[m.alliance.slug]),
                          history=lambda user, m: access.is_secretariat_of(user, m.alliance_id)
                          or access.is_member_of(user, m.organisation_id))
        registry.register(MembershipApplication, url=lambda a: reverse("alliances:applications"),
                          history=registry.may("view"))
        registry.register(Declaration, url=lambda d: reverse("alliances:declaration", args=[d.pk]),
                          history=lambda user, d: access.is_secretariat_of(user, d.alliance_id))
