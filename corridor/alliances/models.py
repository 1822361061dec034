from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corridor.core import access
from corridor.core.access import ALL, VIEW, Actor, RestrictedQuerySet
from corridor.core.bilingual import BilingualNameMixin, bilingual
from corridor.core.workflow import Transition, Workflow
from corridor.orgs.models import Industry, Organisation
from corridor.regions.models import Corridor, Region


class Alliance(BilingualNameMixin, models.Model):
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    industry = models.ForeignKey(
        Industry, verbose_name=_("industry"), null=True, blank=True, on_delete=models.SET_NULL, related_name="alliances"
    )
    corridor = models.ForeignKey(
        Corridor, verbose_name=_("corridor"), null=True, blank=True, on_delete=models.SET_NULL, related_name="alliances"
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    founded_in = models.ForeignKey(
        Region, verbose_name=_("founded in"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_batch_count = models.PositiveIntegerField(_("first-batch members (stated)"), null=True, blank=True)
    secretariat = models.ForeignKey(
        Organisation,
        verbose_name=_("secretariat"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="secretariat_of",
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    source_seed = models.CharField(_("source"), max_length=64, blank=True)

    class Meta:
        ordering = ["founded_on", "slug"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    description = bilingual("description")


class AllianceMembership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        DIRECTOR = "director", _("Director")
        MEMBER = "member", _("Member")

    alliance = models.ForeignKey(Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    batch = models.PositiveSmallIntegerField(_("batch"), default=1)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    ROLE_ORDER = {Role.CHAIR: 0, Role.VICE_CHAIR: 1, Role.DIRECTOR: 2, Role.MEMBER: 3}
    AUDITED_FIELDS = ("alliance_id", "organisation_id", "role", "batch", "joined_on")

    class Meta:
        ordering = ["alliance", "batch", "id"]
        verbose_name = _("alliance membership")
        verbose_name_plural = _("alliance memberships")
        constraints = [
            models.UniqueConstraint(fields=["alliance", "organisation"], name="membership_once_per_alliance"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.alliance}"


DECIDE = "decide"
WITHDRAW = "withdraw"


class ApplicationQuerySet(RestrictedQuerySet["MembershipApplication"]):
    """view: the applying organisation's users and the alliance's secretariat; decide: the secretariat;
    withdraw: the applying organisation's users; admins everything."""

    actions = (VIEW, DECIDE, WITHDRAW)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        own = Q(organisation_id__in=scope.org_ids)
        secretariat = Q(alliance_id__in=scope.secretariat_alliance_ids)
        return {VIEW: own | secretariat, DECIDE: secretariat, WITHDRAW: own}[action]


class MembershipApplication(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    alliance = models.ForeignKey(Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = ApplicationQuerySet.as_manager()
    AUDITED_FIELDS = ("status", "message", "reason", "decided_by_id", "decided_at")
    WORKFLOW = Workflow(
        field="status",
        conflict=_("This application has already been decided."),
        transitions=(
            Transition("approve", ("pending",), "approved", action=DECIDE, accepts=("reason",), stamp=("decided_at",),
                       actor_field="decided_by", denied=_("Only the alliance's secretariat may do this.")),
            Transition("reject", ("pending",), "rejected", action=DECIDE, stamp=("decided_at",), actor_field="decided_by",
                       required={"reason": _("Give a reason for the rejection: the applicant will read it.")},
                       denied=_("Only the alliance's secretariat may do this.")),
            Transition("withdraw", ("pending",), "withdrawn", action=WITHDRAW,
                       denied=_("You may only withdraw your own organisation's application.")),
        ),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organisation"],
                condition=Q(status="pending"),
                name="one_pending_application",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(status="withdrawn") | Q(decided_at__isnull=False),
                name="decided_application_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.alliance} ({self.get_status_display()})"


class Declaration(models.Model):
    alliance = models.ForeignKey(Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="declarations")
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_in = models.ForeignKey(
        Region, verbose_name=_("issued in"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    source_seed = models.CharField(_("source"), max_length=64, blank=True)
    AUDITED_FIELDS = ("title_zh", "title_en", "issued_on", "issued_in_id", "summary_zh", "summary_en")

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")

    summary = bilingual("summary")


class Commitment(models.Model):
    declaration = models.ForeignKey(
        Declaration, verbose_name=_("declaration"), on_delete=models.CASCADE, related_name="commitments"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["declaration", "position"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["declaration", "position"], name="commitment_position_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")


class CommitmentAction(models.Model):
    commitment = models.ForeignKey(Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="actions")
    taken_on = models.DateField(_("date"))
    description = models.TextField(_("what was done"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_synthetic = models.BooleanField(_("synthetic"), default=False)
    AUDITED_FIELDS = ("commitment_id", "taken_on", "description", "organisation_id")

    class Meta:
        ordering = ["commitment", "-taken_on", "-id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"{self.taken_on}: {self.description[:40]}"


class AllianceOffice(models.Model):
    alliance = models.ForeignKey(Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="offices")
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    purpose_zh = models.CharField(_("purpose (Chinese)"), max_length=200, blank=True)
    purpose_en = models.CharField(_("purpose (English)"), max_length=300, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    source_seed = models.CharField(_("source"), max_length=64, blank=True)

    class Meta:
        ordering = ["alliance", "id"]
        verbose_name = _("alliance office")
        verbose_name_plural = _("alliance offices")

    def __str__(self) -> str:
        return f"{self.alliance} — {self.region}"

    purpose = bilingual("purpose")
