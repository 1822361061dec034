"""Policies and their application items (F11); eligibility rules are the engine's data (`eligibility/`).

- `Policy`: a document (issuer, number, bilingual title and summary, text or link, level, regions it applies
  in, industries and chain segments, dates, status). Drafts are seen only by those who may change it: an
  officer of its home region (or a region above it), the secretariat of its alliance, admins.
- `ApplicationItem`: what an organisation may apply for under a policy; `rule` holds the engine's
  structured conditions (checked by `eligibility.parse_rule` before saving).
- `EligibilityProfile` / `Certificate`: the registry fields a rule may need that the organisation register
  does not keep (founded on, R&D share, revenue band, employees, R&D project, certificates). Members fill
  them in when an answer is "unknown". Private to the organisation (its members, admins).
- `Push`: one row per policy and organisation told about it; the unique constraint is what makes
  "pushed once" hold even when two pushes race.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from corridor.core import access
from corridor.core.access import ALL, CHANGE, VIEW, Actor, RestrictedQuerySet
from corridor.core.bilingual import bilingual
from corridor.core.workflow import Transition, Workflow
from corridor.orgs.models import Organisation
from corridor.regions.models import Region, within_q

ZERO = Decimal("0")


def managed_q(user: Actor, prefix: str = "") -> Q:
    """Policies `user` may change: admins all; officers those of a region inside theirs; secretariats their alliance's."""
    scope = access.roles(user)
    if scope.is_admin:
        return ALL
    q = Q(pk__in=[])
    if scope.officer_region_ids:
        q |= within_q(f"{prefix}home_region", scope.officer_region_ids)
    if scope.secretariat_alliance_ids:
        q |= Q(**{f"{prefix}alliance_id__in": scope.secretariat_alliance_ids})
    return q


class PolicyQuerySet(RestrictedQuerySet["Policy"]):
    """view: every policy that is not a draft (they are public documents); drafts: who may change it.
    change (edit, publish, expire, supersede): admins, officers of its home region, its alliance's secretariat."""

    actions = (VIEW, CHANGE)

    def rule(self, user: Actor, action: str) -> Q:
        managed = managed_q(user)
        if action == VIEW:
            return ~Q(status=Policy.Status.DRAFT) | managed
        return managed

    def in_force(self, on: datetime.date | None = None) -> PolicyQuerySet:
        """Effective on `on` (today): published, started, not expired, not superseded."""
        on = on or timezone.localdate()
        return self.filter(status=Policy.Status.EFFECTIVE).filter(
            Q(effective_from__isnull=True) | Q(effective_from__lte=on),
            Q(expires_on__isnull=True) | Q(expires_on__gte=on),
        )

    def current(self, on: datetime.date | None = None) -> PolicyQuerySet:
        """What the library shows by default: not expired by date nor superseded (drafts stay for who may see them)."""
        on = on or timezone.localdate()
        return self.exclude(status__in=(Policy.Status.EXPIRED, Policy.Status.SUPERSEDED)).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=on))


class Policy(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")
        ALLIANCE = "alliance", _("Alliance")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        EFFECTIVE = "effective", _("Effective")
        EXPIRED = "expired", _("Expired")
        SUPERSEDED = "superseded", _("Superseded")

    issuer_zh = models.CharField(_("issuer (Chinese)"), max_length=200)
    issuer_en = models.CharField(_("issuer (English)"), max_length=300, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    text_zh = models.TextField(_("full text (Chinese)"), blank=True)
    text_en = models.TextField(_("full text (English)"), blank=True)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.CITY)
    # Whose policy it is: the officers of this region (or a region above it) manage it.
    home_region = models.ForeignKey(Region, verbose_name=_("issuing region"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    # An alliance's own policy: its secretariat manages it.
    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="policies")
    regions = models.ManyToManyField(Region, verbose_name=_("applies in"), blank=True, related_name="policies")
    industries = models.ManyToManyField("orgs.Industry", verbose_name=_("industries"), blank=True, related_name="policies")
    segments = models.ManyToManyField("chains.Segment", verbose_name=_("chain segments"), blank=True, related_name="policies")
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    superseded_by = models.ForeignKey("self", verbose_name=_("superseded by"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="supersedes")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Set once the eligible organisations were told (the job of a policy that became effective).
    pushed_at = models.DateTimeField(_("pushed at"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)
    source_seed = models.CharField(_("source"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PolicyQuerySet.as_manager()

    AUDITED_FIELDS = (
        "issuer_zh", "issuer_en", "document_number", "title_zh", "title_en", "summary_zh", "summary_en", "source_url",
        "level", "home_region_id", "alliance_id", "issued_on", "effective_from", "expires_on", "status", "superseded_by_id",
    )

    WORKFLOW = Workflow(transitions=(
        Transition("publish", ("draft",), "effective", action=CHANGE, stamp=("published_at",),
                   denied=_("Only the officers of its region, its alliance's secretariat or an admin may publish this policy.")),
        Transition("expire", ("effective",), "expired", action=CHANGE,
                   denied=_("Only the officers of its region, its alliance's secretariat or an admin may change this policy.")),
        Transition("supersede", ("effective", "expired"), "superseded", action=CHANGE, accepts=("superseded_by",),
                   denied=_("Only the officers of its region, its alliance's secretariat or an admin may change this policy.")),
    ), conflict=_("This policy is %(state)s; it cannot be changed that way."))

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        indexes = [models.Index(fields=["status", "effective_from"], name="policy_status_from")]
        constraints = [
            models.CheckConstraint(condition=~Q(title_zh="") | ~Q(title_en=""), name="policy_has_a_title"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(effective_from__isnull=True) | Q(expires_on__gte=models.F("effective_from")),
                name="policy_expires_after_start"),
            models.CheckConstraint(condition=Q(home_region__isnull=False) | Q(alliance__isnull=False), name="policy_has_an_owner"),
        ]

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")

    @property
    def other_title(self) -> str:
        shown = self.title
        other = self.title_en if shown == self.title_zh else self.title_zh
        return other if other != shown else ""

    summary = bilingual("summary")

    text = bilingual("text")

    issuer = bilingual("issuer")

    def timing(self, on: datetime.date | None = None) -> str:
        """draft | not_yet_effective | in_force | expired | superseded (the engine's words)."""
        on = on or timezone.localdate()
        if self.status == self.Status.DRAFT:
            return "draft"
        if self.status == self.Status.SUPERSEDED or self.superseded_by_id:
            return "superseded"
        if self.status == self.Status.EXPIRED or (self.expires_on is not None and on > self.expires_on):
            return "expired"
        if self.effective_from is not None and on < self.effective_from:
            return "not_yet_effective"
        return "in_force"


class ApplicationItem(models.Model):
    class Benefit(models.TextChoices):
        SUBSIDY = "subsidy", _("Subsidy")
        TAX = "tax", _("Tax relief")
        VOUCHER = "voucher", _("Voucher")
        TALENT = "talent", _("Talent")
        LAND = "land", _("Land")
        LOAN = "loan", _("Loan or guarantee")
        AWARD = "award", _("Award")
        SERVICE = "service", _("Service")

    policy = models.ForeignKey(Policy, verbose_name=_("policy"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"), default=0)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=400, blank=True)
    benefit = models.CharField(_("benefit kind"), max_length=10, choices=Benefit.choices, default=Benefit.SUBSIDY)
    amount = models.DecimalField(_("amount (CNY)"), max_digits=16, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(ZERO)])
    rate = models.DecimalField(_("rate (%)"), max_digits=6, decimal_places=2, null=True, blank=True,
                               validators=[MinValueValidator(ZERO)])
    cap = models.DecimalField(_("cap (CNY)"), max_digits=16, decimal_places=2, null=True, blank=True,
                              validators=[MinValueValidator(ZERO)])
    target_zh = models.CharField(_("target group (Chinese)"), max_length=300, blank=True)
    target_en = models.CharField(_("target group (English)"), max_length=400, blank=True)
    # The engine's structured rule: {"all": [{"field", "op", "value", "label_zh", "label_en", "clause"}, ...]}.
    rule = models.JSONField(_("conditions"), default=dict, blank=True)
    window_opens = models.DateField(_("application opens"), null=True, blank=True)
    window_closes = models.DateField(_("application closes"), null=True, blank=True)
    no_application = models.BooleanField(_("granted without application (免申即享)"), default=False)
    office_zh = models.CharField(_("office (Chinese)"), max_length=200, blank=True)
    office_en = models.CharField(_("office (English)"), max_length=300, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    materials_zh = models.TextField(_("materials required (Chinese)"), blank=True)
    materials_en = models.TextField(_("materials required (English)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    AUDITED_FIELDS = ("title_zh", "title_en", "benefit", "amount", "rate", "cap", "target_zh", "target_en", "rule",
                      "window_opens", "window_closes", "no_application", "office_zh", "office_en", "contact")

    class Meta:
        ordering = ["policy", "position", "id"]
        verbose_name = _("application item")
        verbose_name_plural = _("application items")
        indexes = [models.Index(fields=["benefit"], name="policy_item_benefit")]
        constraints = [
            models.CheckConstraint(condition=~Q(title_zh="") | ~Q(title_en=""), name="policy_item_has_a_title"),
            models.CheckConstraint(
                condition=Q(window_closes__isnull=True) | Q(window_opens__isnull=True) | Q(window_closes__gte=models.F("window_opens")),
                name="policy_item_window_order"),
        ]

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")

    target = bilingual("target")

    office = bilingual("office")

    materials = bilingual("materials")

    def condition_labels(self) -> list[tuple[str, str]]:
        """The item's own conditions (label in the reader's language, clause), in rule order."""
        from django.utils.translation import get_language

        from corridor.policies.eligibility import RuleError, parse_item

        try:
            leaves = parse_item({"id": str(self.pk), "rule": self.rule or None}).conditions
        except RuleError:
            return []
        language = get_language() or "zh-hans"
        return [(c.label(language), c.clause) for c in leaves]

    def as_engine_item(self) -> dict[str, Any]:
        """The item as the engine reads it (its dates are the policy's)."""
        policy = self.policy
        status = policy.status
        return {
            "id": str(self.pk), "title_zh": self.title_zh, "title_en": self.title_en,
            "status": status, "effective_from": policy.effective_from, "expires_on": policy.expires_on,
            "superseded_by": str(policy.superseded_by_id or ""),
            "window": {"opens": self.window_opens, "closes": self.window_closes},
            "rule": self.rule or None,
        }


class ProfileQuerySet(RestrictedQuerySet["EligibilityProfile"]):
    """An organisation's eligibility data: its members and admins (never shown to anyone else)."""

    actions = (VIEW, CHANGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        return Q(organisation_id__in=scope.org_ids)


class EligibilityProfile(models.Model):
    class Revenue(models.TextChoices):
        UNDER_10M = "under_10m", _("Under 10 million CNY")
        FROM_10M = "10m_50m", _("10–50 million CNY")
        FROM_50M = "50m_200m", _("50–200 million CNY")
        FROM_200M = "200m_1b", _("200 million – 1 billion CNY")
        OVER_1B = "1b_plus", _("1 billion CNY and more")

    organisation = models.OneToOneField(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                        related_name="eligibility_profile")
    founded_on = models.DateField(_("date founded"), null=True, blank=True)
    rnd_share = models.DecimalField(_("R&D spending share of revenue (%)"), max_digits=5, decimal_places=2, null=True,
                                    blank=True, validators=[MinValueValidator(ZERO)])
    revenue_band = models.CharField(_("revenue band"), max_length=10, choices=Revenue.choices, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    has_rnd_project = models.BooleanField(_("has an R&D project"), null=True, blank=True)
    # True once the member said which certificates it holds (none is then an answer, not unknown).
    certificates_declared = models.BooleanField(_("certificates declared"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ProfileQuerySet.as_manager()

    AUDITED_FIELDS = ("founded_on", "rnd_share", "revenue_band", "employees", "has_rnd_project", "certificates_declared")

    class Meta:
        verbose_name = _("eligibility profile")
        verbose_name_plural = _("eligibility profiles")
        constraints = [models.CheckConstraint(condition=Q(rnd_share__isnull=True) | Q(rnd_share__lte=100),
                                              name="profile_rnd_share_percent")]

    def __str__(self) -> str:
        return f"profile {self.organisation_id}"


class Certificate(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="policy_certificates")
    kind = models.CharField(_("certificate"), max_length=32)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "kind"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [models.UniqueConstraint(fields=["organisation", "kind"], name="certificate_once_per_kind")]


class Push(models.Model):
    """An organisation was told about a policy it is eligible for: once per policy and organisation."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="pushes")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    items = models.JSONField(default=list)
    pushed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "organisation"], name="push_once")]


class Reminder(models.Model):
    """"Remind me": a member asked to be told before an item's application window closes (once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ApplicationItem, on_delete=models.CASCADE, related_name="reminders")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "item"], name="remind_once")]


REMIND_DAYS = 7
REMINDER_MESSAGE = gettext_noop("Applications for %(title)s close on %(day)s.")
PUSH_MESSAGE = gettext_noop("A policy you are eligible for is in force: %(title)s")
