from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    name = "corridor.policies"
    label = "policies"
    verbose_name = _("policies")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.core import registry
        from corridor.policies import services  # noqa: F401  (registers the push job)
        from corridor.policies.models import ApplicationItem, EligibilityProfile, Policy

        registry.register(Policy, url=lambda p: reverse("policies:detail", args=[p.pk]), history=registry.may("change"),
                          search=("title_zh", "title_en", "document_number", "issuer_zh", "issuer_en",
                                                                  "summary_zh", "summary_en"))
        registry.register(ApplicationItem, url=lambda i: reverse("policies:detail", args=[i.policy_id]),
                          history=lambda user, i: registry.may("change")(user, i.policy))
        registry.register(EligibilityProfile, url=lambda p: reverse("policies:profile", args=[p.organisation_id]),
                          history=registry.may("view"))
        from corridor.policies import indicators

        indicators.register_all()
