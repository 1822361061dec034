from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corridor.core import access
from corridor.core.access import ALL, NOTHING, Actor, RestrictedQuerySet
from corridor.orgs.models import Organisation


class MergeQuerySet(RestrictedQuerySet["Merge"]):
    """view (and undo): the user who merged, and admins."""

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        return Q(created_by_id=scope.user_id) if scope.user_id is not None else NOTHING


class Merge(models.Model):
    """Two organisation records found to be one: what was kept, what was removed, and all it takes to undo it."""

    kept = models.ForeignKey(
        Organisation, verbose_name=_("kept"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kept_name = models.CharField(_("kept"), max_length=300)
    removed_id = models.PositiveBigIntegerField(_("removed id"))
    removed_name = models.CharField(_("removed"), max_length=300)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    # Undo data: the removed rows as Django serialised them (the organisation and anything its deletion
    # took along), the references moved to the kept record, and the kept record's fields before.
    removed_rows = models.TextField(default="[]")
    conflict_rows = models.TextField(default="[]")
    moved = models.JSONField(default=list)
    kept_before = models.JSONField(default=dict)
    kept_after = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("merged by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("merged"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("undone by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MergeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self) -> str:
        return f"{self.removed_name} → {self.kept_name}"


class RejectedPair(models.Model):
    """Two records a reviewer said are two organisations: the resolver never proposes them again, and
    their names teach it (the same two names elsewhere are not merged either)."""

    org_a = models.ForeignKey(Organisation, verbose_name=_("record A"), on_delete=models.CASCADE, related_name="+")
    org_b = models.ForeignKey(Organisation, verbose_name=_("record B"), on_delete=models.CASCADE, related_name="+")
    name_a = models.CharField(_("name A"), max_length=300)
    name_b = models.CharField(_("name B"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("rejected by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("rejected"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pair rejected as duplicates")
        verbose_name_plural = _("pairs rejected as duplicates")
        constraints = [models.UniqueConstraint(fields=["org_a", "org_b"], name="imports_rejectedpair_unique")]

    def __str__(self) -> str:
        return f"{self.name_a} ≠ {self.name_b}"
