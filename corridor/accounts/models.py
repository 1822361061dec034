from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RoleGrant(models.Model):
    """A user acts for one organisation (member), one alliance (secretariat) or one region (city officer).

    Admins are Django superusers. A user may hold several grants.
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        SECRETARIAT = "secretariat", _("Secretariat")
        CITY_OFFICER = "city_officer", _("City officer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), null=True, blank=True, on_delete=models.CASCADE, related_name="user_grants"
    )
    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), null=True, blank=True, on_delete=models.CASCADE, related_name="user_grants"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.CASCADE, related_name="user_grants"
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="member", organisation__isnull=False, alliance__isnull=True, region__isnull=True)
                    | Q(role="secretariat", organisation__isnull=True, alliance__isnull=False, region__isnull=True)
                    | Q(role="city_officer", organisation__isnull=True, alliance__isnull=True, region__isnull=False)
                ),
                name="grant_scope_matches_role",
            ),
            models.UniqueConstraint(fields=["user", "organisation"], condition=Q(role="member"), name="grant_member_once"),
            models.UniqueConstraint(fields=["user", "alliance"], condition=Q(role="secretariat"), name="grant_secretariat_once"),
            models.UniqueConstraint(fields=["user", "region"], condition=Q(role="city_officer"), name="grant_officer_once"),
        ]

    def __str__(self) -> str:
        target = self.organisation or self.alliance or self.region
        return f"{self.user} · {self.get_role_display()} · {target}"


class ApiToken(models.Model):
    """A personal REST API token. Only its SHA-256 is stored; the token is shown once, at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=64)
    prefix = models.CharField(_("prefix"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
