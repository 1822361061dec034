from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "corridor.standards"
    label = "standards"
    verbose_name = _("group standards and key brands")

    def ready(self) -> None:
        from django.urls import reverse

        from corridor.core import access, registry
        from corridor.standards.models import Brand, Comment, Committee, Standard

        registry.register(Standard, url=lambda s: reverse("standards:detail", args=[s.pk]), history=registry.may("view"),
                          search=("title_zh", "title_en", "scope_zh", "scope_en", "publication_number"))
        registry.register(Comment, url=lambda c: reverse("standards:comments", args=[c.standard_id]),
                          history=lambda user, c: access.may(user, "view", c))
        registry.register(Brand, url=lambda b: reverse("standards:brands") + f"?holder={b.holder_id}",
                          history=registry.may("manage"), search=("name_zh", "name_en", "products_zh", "products_en"))
        registry.register(Committee, url=lambda c: reverse("standards:committee", args=[c.alliance.slug]),
                          history=registry.may("manage"))
        from corridor.standards import indicators

        indicators.register_all()
