"""Offers and needs, the interest shown in them and what came of it (notifications: `corridor.notifications`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from corridor.alliances.models import Alliance, AllianceMembership
from corridor.core import access
from corridor.core.access import ALL, CHANGE, VIEW, Actor, RestrictedQuerySet
from corridor.core.workflow import Transition, Workflow
from corridor.orgs.models import Organisation

ANSWER = "answer"
FOLLOW_UP = "follow_up"
# What both parties and the secretariat are told after each step (translated for each reader).
STEP_TOLD = gettext_noop("“%(listing)s” with %(org)s: %(stage)s.")


def _parties(interest: Interest) -> list[Any]:
    from corridor.matching.services import _users_of

    return _users_of(interest.listing.organisation, interest.organisation, alliance_id=interest.listing.alliance_id)


class ListingQuerySet(RestrictedQuerySet["Listing"]):
    """view: public listings for all; alliance-only ones for the alliance's members and secretariat;
    secretariat-only ones for the posting organisation and the secretariat; everything for admins.
    change (edit, close, suggestions): the posting organisation's users, the alliance's secretariat, admins."""

    actions = (VIEW, CHANGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        if action == CHANGE:
            return Q(organisation_id__in=scope.org_ids) | Q(alliance_id__in=scope.secretariat_alliance_ids)
        rule = Q(visibility=Listing.Visibility.PUBLIC)
        if scope.org_ids:
            rule |= Q(organisation_id__in=scope.org_ids)
            member_alliances = AllianceMembership.objects.filter(organisation_id__in=scope.org_ids).values("alliance_id")
            rule |= Q(visibility=Listing.Visibility.ALLIANCE, alliance_id__in=member_alliances)
        if scope.secretariat_alliance_ids:
            rule |= Q(alliance_id__in=scope.secretariat_alliance_ids)
        return rule


class InterestQuerySet(RestrictedQuerySet["Interest"]):
    """view and follow_up (meeting held, agreement signed): either party and the listing's secretariat;
    answer (accept or decline): the listing's owner and its secretariat."""

    actions = (VIEW, ANSWER, FOLLOW_UP)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        secretariat = Q(listing__alliance_id__in=scope.secretariat_alliance_ids)
        if action == ANSWER:
            return Q(listing__organisation_id__in=scope.org_ids) | secretariat
        return Q(organisation_id__in=scope.org_ids) | Q(listing__organisation_id__in=scope.org_ids) | secretariat


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

    AUDITED_FIELDS = ("side", "category", "title_zh", "title_en", "text", "segments", "regions", "quantity", "deadline",
                      "contact", "visibility", "alliance_id", "status")

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

    objects = InterestQuerySet.as_manager()

    WORKFLOW = Workflow(
        field="stage",
        transitions=(
            Transition("accepted", ("expressed",), "accepted", action=ANSWER, stamp=("responded_at",), notify=STEP_TOLD),
            Transition("declined", ("expressed",), "declined", action=ANSWER, stamp=("responded_at",), notify=STEP_TOLD),
            Transition("meeting", ("accepted",), "meeting", action=FOLLOW_UP, stamp=("meeting_at",), notify=STEP_TOLD),
            Transition("agreement", ("meeting",), "agreement", action=FOLLOW_UP, stamp=("agreement_at",), notify=STEP_TOLD),
        ),
        recipients=lambda interest: _parties(interest),
        params=lambda interest: {"listing": interest.listing.title, "org": str(interest.organisation),
                                 "stage": interest.get_stage_display()},
        link=lambda interest: reverse("matching:detail", args=[interest.listing_id]),
    )

    class Meta:
        ordering = ("-expressed_at", "-id")
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            # One open thread per organisation and listing: a second click is the same interest.
            models.UniqueConstraint(fields=("listing", "organisation"), name="one_interest_per_org_and_listing"),
        ]
