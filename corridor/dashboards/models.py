"""Monthly snapshots of every indicator, so trends read stored rows instead of recomputing history.

A snapshot is taken for an audience: `public` (as a visitor sees it: what a public trend may show) and
`full` (everything: only admins read it). A role in between reads the public trend plus its own live
figure for this month, so no stored number carries a row that role may not see.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from corridor.core.access import ALL, NOTHING, Actor, RestrictedQuerySet


class SnapshotQuerySet(RestrictedQuerySet["Snapshot"]):
    """view: public snapshots for everyone; full ones for admins."""

    def rule(self, user: Actor, action: str) -> models.Q:
        from corridor.core import access

        if access.is_admin(user):
            return ALL
        return models.Q(audience=Snapshot.Audience.PUBLIC) | NOTHING


class Snapshot(models.Model):
    class Audience(models.TextChoices):
        PUBLIC = "public", _("public")
        FULL = "full", _("everything")

    indicator = models.CharField(_("indicator"), max_length=80)
    audience = models.CharField(_("audience"), max_length=8, choices=Audience.choices)
    period = models.DateField(_("month"), help_text=_("The first day of the month the value stands for (as of its end)"))
    city = models.ForeignKey("regions.Region", verbose_name=_("city"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+")
    chain = models.ForeignKey("chains.Chain", verbose_name=_("chain"), null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+")
    value = models.FloatField(_("value"))
    taken_at = models.DateTimeField(_("taken at"), auto_now=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period"]
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        constraints = [
            # Rows with an empty city/alliance/chain are kept unique by the one writer (`snapshots.take`).
            models.UniqueConstraint(fields=["indicator", "audience", "period", "city", "alliance", "chain"],
                                    name="snapshot_once"),
        ]
        indexes = [models.Index(fields=["indicator", "audience", "city", "period"], name="snapshot_series")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period:%Y-%m} {self.city_id}: {self.value}"


class OrgTally(models.Model):
    """Organisations per (day created, city, listed, head enterprise): what the organisation figures read
    instead of grouping a million rows on every page (`tally.py` keeps it in step through the change events).

    Holds counts only, no access rule of its own: `tally.org_counts` reads the listed rows for everyone
    and all rows only for admins, and adds the unlisted organisations a viewer may see, counted live."""

    day = models.DateField(_("day created"))
    city = models.ForeignKey("regions.Region", verbose_name=_("city"), on_delete=models.CASCADE, related_name="+")
    listed = models.BooleanField(_("publicly listed"))
    head = models.BooleanField(_("head enterprise"))
    count = models.IntegerField(_("organisations"))

    class Meta:
        verbose_name = _("organisation tally")
        verbose_name_plural = _("organisation tallies")
        constraints = [models.UniqueConstraint(fields=["day", "city", "listed", "head"], name="org_tally_once")]

    def __str__(self) -> str:
        return f"{self.day} {self.city_id} {self.listed} {self.head}: {self.count}"


class SubscriptionQuerySet(RestrictedQuerySet["ReportSubscription"]):
    """view and change: one's own subscriptions (admins: everyone's, in the admin)."""

    def rule(self, user: Actor, action: str) -> models.Q:
        from corridor.core import access

        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        return models.Q(user_id=scope.user_id) if scope.user_id is not None else NOTHING


class ReportSubscription(models.Model):
    """A reader who wants a report generated for them every month (as they see the figures) and sent to them."""

    class Kind(models.TextChoices):
        CITY = "city", _("monthly city report")
        ALLIANCE = "alliance", _("alliance annual report")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("subscriber"), on_delete=models.CASCADE,
                             related_name="+")
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    target = models.CharField(_("city code or alliance"), max_length=60)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.PDF)
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "target"], name="report_subscription_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.target} {self.format}"
