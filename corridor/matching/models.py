"""Offers and needs, the interest shown in them and what came of it, and in-app notifications."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corridor.accounts.scope import scope_of
from corridor.alliances.models import Alliance, AllianceMembership
from corridor.orgs.models import Organisation


class ListingQuerySet(models.QuerySet["Listing"]):
    def visible_to(self, user: Any) -> ListingQuerySet:
        """Public listings for all; alliance-only ones for the alliance's members and secretariat;
        secretariat-only ones for the posting organisation and the secretariat; everything for admins."""
        scope = scope_of(user)
        if scope.is_admin:
            return self.all()
        rule = Q(visibility=Listing.Visibility.PUBLIC)
        if scope.org_ids:
            rule |= Q(organisation_id__in=scope.org_ids)
            member_alliances = AllianceMembership.objects.filter(organisation_id__in=scope.org_ids).values("alliance_id")
            rule |= Q(visibility=Listing.Visibility.ALLIANCE, alliance_id__in=member_alliances)
        if scope.secretariat_alliance_ids:
            rule |= Q(alliance_id__in=scope.secretariat_alliance_ids)
        return self.filter(rule)


class Listing(models.Model):
    class Side(models.TextChoices):
        NEED = "need", _("need")
        OFFER = "offer", _("offer")

    class Category(models.TextChoices):
        PRODUCT = "product", _("product or component")
        TECHNOLOGY = "technology", _("technology")
        CAPACITY = "capacity", _("manufacturing capacity")
        TESTING = "testing", _("testing service")
        FUNDING = "funding", _("funding")
        TALENT = "talent", _("talent")
        RND = "rnd", _("joint R&D")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        ALLIANCE = "alliance", _("alliance members")
        SECRETARIAT = "secretariat", _("secretariat only")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    side = models.CharField(_("side"), max_length=8, choices=Side.choices)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="listings", verbose_name=_("organisation"))
    alliance = models.ForeignKey(
        Alliance, on_delete=models.SET_NULL, null=True, blank=True, related_name="listings", verbose_name=_("alliance"),
        help_text=_("whose members and secretariat see an alliance-only or secretariat-only listing"),
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    text = models.TextField(_("description"), help_text=_("Chinese, English or both"))
    # Chain segment slugs as plain data: filled from the chains app when it exists, never required.
    segments = models.JSONField(_("chain segments"), default=list, blank=True)
    regions = models.JSONField(_("regions"), default=list, blank=True, help_text=_("administrative codes"))
    quantity = models.CharField(_("quantity or budget"), max_length=120, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    # The demo's docking market (matching/market.py): generated, and marked as such wherever it is shown.
    synthetic = models.BooleanField(_("synthetic"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        indexes = [
            models.Index(fields=("status", "side", "category"), name="listing_browse"),
            # The engine asks for listings changed since its last look before every ranking.
            models.Index(fields=("updated_at",), name="listing_changed"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_synthetic(self) -> bool:  # what the synthetic_badge tag asks
        return self.synthetic

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        zh_first = (get_language() or "zh-hans").startswith("zh")
        first, second = (self.title_zh, self.title_en) if zh_first else (self.title_en, self.title_zh)
        return first or second or self.text[:60]

    @property
    def engine_text(self) -> str:
        """What the engine reads: both titles and the description."""
        return "\n".join(part for part in (self.title_zh, self.title_en, self.text) if part)


class Interest(models.Model):
    """One organisation's interest in another's listing, and how it went. Each step is dated."""

    class Stage(models.TextChoices):
        EXPRESSED = "expressed", _("interest expressed")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        MEETING = "meeting", _("meeting held")
        AGREEMENT = "agreement", _("agreement signed")

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="interests", verbose_name=_("listing"))
    counterpart = models.ForeignKey(
        Listing, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("their listing")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="interests_shown", verbose_name=_("interested organisation")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.EXPRESSED)
    message = models.TextField(_("message"), blank=True)
    introduced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    expressed_at = models.DateTimeField(_("expressed"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    meeting_at = models.DateTimeField(_("meeting"), null=True, blank=True)
    agreement_at = models.DateTimeField(_("agreement"), null=True, blank=True)

    class Meta:
        ordering = ("-expressed_at", "-id")
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            # One open thread per organisation and listing: a second click is the same interest.
            models.UniqueConstraint(fields=("listing", "organisation"), name="one_interest_per_org_and_listing"),
        ]


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_notifications")
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
