"""Investment attraction to landing (F10): projects from first contact to production.

A project brings an investor organisation (from the registry) to a target city or district (and park),
through the stages 推介 → 在谈 → 签约 → 开工 → 到资 → 竣工投产 as a declared workflow; it has several sites
(R&D in one city, manufacturing in another), the chain segments it adds, and its money (planned and
arrived). When it reaches production its sites become registry entries tagged with its segments, so the
city's chain figures count it (once: a site lands once; an expansion adds only what it lacks).

Confidentiality: before signing a project is seen only by its region's officers, the secretariat named on
it, the investor's own users and admins. After signing an officer may publish a public summary (investor,
city, segments, amount band); amounts, agreement and history stay with those who may `view_private`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from corridor.accounts.scope import Scope
from corridor.core import access
from corridor.core.access import ALL, CHANGE, NOTHING, VIEW, VIEW_PRIVATE, Actor, RestrictedQuerySet
from corridor.core.bilingual import BilingualNameMixin, bilingual
from corridor.core.workflow import Transition, Workflow
from corridor.orgs.models import Organisation
from corridor.regions.models import Park, Region, within_q

# A project keeps its region's city and province alongside, so "inside region X" is indexed columns.
PROJECT_REGION_COLUMNS = ("city", "province")
ZERO = Decimal("0")


def managed_q(scope: Scope) -> Q:
    """Projects an officer's region, or a secretariat named on them, manages (admins: all)."""
    if scope.is_admin:
        return ALL
    q = NOTHING
    if scope.officer_region_ids:
        q |= within_q("region", scope.officer_region_ids, ancestors=PROJECT_REGION_COLUMNS)
    if scope.secretariat_alliance_ids:
        q |= Q(alliance_id__in=scope.secretariat_alliance_ids)
    return q


class ProjectQuerySet(RestrictedQuerySet["Project"]):
    """view: those who manage it (the target region's officers, the secretariat named on it, admins) and
    the investor's own users; everyone once published (a summary: investor, city, segments, amount band);
    view_private (amounts, agreement, sites' details, history): those who manage it and the investor;
    change (edit, move between stages, record capital, publish): those who manage it."""

    actions = (VIEW, VIEW_PRIVATE, CHANGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        managed = managed_q(scope)
        if scope.is_admin or action == CHANGE:
            return managed
        private = managed | (Q(investor_id__in=scope.org_ids) if scope.org_ids else NOTHING)
        if action == VIEW_PRIVATE:
            return private
        return private | Q(published=True)


class Stage(models.TextChoices):
    LEAD = "lead", _("Lead")
    CONTACTED = "contacted", _("Contacted")
    VISIT = "visit", _("Site visit")
    NEGOTIATION = "negotiation", _("In negotiation")
    SIGNED = "signed", _("Signed")
    STARTED = "started", _("Construction started")
    PRODUCTION = "production", _("In production")
    OPERATING = "operating", _("Operating")
    DROPPED = "dropped", _("Dropped")


# The pipeline's order (dropped is off it); "at or past" a stage is a position in this list.
PIPELINE = (Stage.LEAD, Stage.CONTACTED, Stage.VISIT, Stage.NEGOTIATION, Stage.SIGNED, Stage.STARTED,
            Stage.PRODUCTION, Stage.OPERATING)
OPEN_STAGES = tuple(s for s in PIPELINE if s != Stage.OPERATING)


def at_or_past(stage: str) -> list[str]:
    return [str(s) for s in PIPELINE[PIPELINE.index(Stage(stage)):]]


# Early warning: days without a stage change after which a project is stalled (a region may set its own).
DEFAULT_WARN_DAYS = {"lead": 30, "contacted": 30, "visit": 45, "negotiation": 90, "signed": 180, "started": 365,
                     "production": 365}
# Fields a project must have before it may be signed (a region may ask for more).
DEFAULT_SIGN_REQUIRED = ("investment", "signed_on", "agreement_parties")
SIGNABLE_FIELDS = ("investment", "registered_capital", "land_mu", "floor_area_m2", "jobs", "annual_output",
                   "annual_tax", "signed_on", "agreement_parties", "agreement_amount", "agreement_document")


def _recipients(project: Project) -> list[object]:
    return [project.account_manager] if project.account_manager_id else []


class Project(BilingualNameMixin, models.Model):
    class Kind(models.TextChoices):
        NEW = "new", _("New investment")
        EXPANSION = "expansion", _("Expansion")
        RELOCATION = "relocation", _("Relocation")
        JOINT_VENTURE = "joint_venture", _("Joint venture")

    class Source(models.TextChoices):
        CHAIN_GAP = "chain_gap", _("Chain gap")
        EVENT_MEETING = "event_meeting", _("Meeting at an event")
        MATCHMAKING = "matchmaking", _("Matchmaking introduction")
        REFERRAL = "referral", _("Referral")
        INVESTOR = "investor", _("The investor came to us")

    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    investor = models.ForeignKey(Organisation, verbose_name=_("investor"), on_delete=models.PROTECT, related_name="projects")
    region = models.ForeignKey(Region, verbose_name=_("target region"), on_delete=models.PROTECT, related_name="+")
    city = models.ForeignKey(Region, verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(Region, verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    park = models.ForeignKey(Park, verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("helping secretariat"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NEW)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.INVESTOR)
    source_note = models.CharField(_("source details"), max_length=300, blank=True)
    # Where the lead came from (issue 19's loop): a 1:1 meeting at an event, or an interest in matchmaking.
    # Shown on the project page only to those who may see that meeting or interest (see leads.origin).
    meeting = models.ForeignKey("events.Meeting", verbose_name=_("meeting at an event"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="projects")
    interest = models.ForeignKey("matching.Interest", verbose_name=_("matchmaking interest"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="projects")
    segments = models.ManyToManyField("chains.Segment", verbose_name=_("chain segments"), blank=True, related_name="+")
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.LEAD)
    stage_changed_at = models.DateTimeField(_("stage since"), auto_now_add=True)
    account_manager = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account manager"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="+")
    investment = models.DecimalField(_("investment (CNY)"), max_digits=16, decimal_places=2, null=True, blank=True,
                                     validators=[MinValueValidator(ZERO)])
    registered_capital = models.DecimalField(_("registered capital (CNY)"), max_digits=16, decimal_places=2, null=True,
                                             blank=True, validators=[MinValueValidator(ZERO)])
    land_mu = models.DecimalField(_("land (mu)"), max_digits=10, decimal_places=2, null=True, blank=True,
                                  validators=[MinValueValidator(ZERO)])
    floor_area_m2 = models.DecimalField(_("floor area (m²)"), max_digits=12, decimal_places=2, null=True, blank=True,
                                        validators=[MinValueValidator(ZERO)])
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)
    annual_output = models.DecimalField(_("expected annual output (CNY)"), max_digits=16, decimal_places=2, null=True,
                                        blank=True, validators=[MinValueValidator(ZERO)])
    annual_tax = models.DecimalField(_("expected annual tax (CNY)"), max_digits=16, decimal_places=2, null=True,
                                     blank=True, validators=[MinValueValidator(ZERO)])
    arrived = models.DecimalField(_("capital arrived (CNY)"), max_digits=16, decimal_places=2, default=ZERO)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    agreement_parties = models.CharField(_("agreement parties"), max_length=300, blank=True)
    agreement_amount = models.DecimalField(_("agreed amount (CNY)"), max_digits=16, decimal_places=2, null=True,
                                           blank=True, validators=[MinValueValidator(ZERO)])
    agreement_document = models.CharField(_("agreement document"), max_length=300, blank=True)
    reason = models.TextField(_("reason dropped"), blank=True)
    published = models.BooleanField(_("public summary published"), default=False)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)
    source_seed = models.CharField(_("seed source"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    AUDITED_FIELDS = (
        "name_zh", "name_en", "investor_id", "region_id", "park_id", "alliance_id", "kind", "source", "source_note",
        "stage", "account_manager_id", "investment", "registered_capital", "land_mu", "floor_area_m2", "jobs",
        "annual_output", "annual_tax", "arrived", "signed_on", "agreement_parties", "agreement_amount",
        "agreement_document", "reason", "published",
    )
    # Shown only to those who may view_private (pages, API, exports, aggregates).
    CONFIDENTIAL_FIELDS = ("investment", "registered_capital", "annual_output", "annual_tax", "arrived",
                           "agreement_amount", "agreement_parties", "agreement_document", "land_mu", "floor_area_m2",
                           "jobs", "reason", "source_note")

    _denied = _("Only the project's officers or secretariat may move it.")
    WORKFLOW = Workflow(
        field="stage",
        conflict=_("This project is at the stage “%(stage)s”; it cannot move that way."),
        recipients=_recipients,
        params=lambda p: {"name": p.name, "stage": p.stage},
        link=lambda p: f"/projects/{p.pk}/",
        transitions=(
            Transition("contact", ("lead",), "contacted", action=CHANGE, denied=_denied, stamp=("stage_changed_at",),
                       notify=gettext_noop("Project %(name)s moved to the next stage.")),
            Transition("visit", ("lead", "contacted"), "visit", action=CHANGE, denied=_denied,
                       stamp=("stage_changed_at",), notify=gettext_noop("Project %(name)s moved to the next stage.")),
            Transition("negotiate", ("contacted", "visit"), "negotiation", action=CHANGE, denied=_denied,
                       stamp=("stage_changed_at",), notify=gettext_noop("Project %(name)s moved to the next stage.")),
            Transition("sign", ("negotiation",), "signed", action=CHANGE, denied=_denied, stamp=("stage_changed_at",),
                       accepts=SIGNABLE_FIELDS, notify=gettext_noop("Project %(name)s was signed.")),
            Transition("start", ("signed",), "started", action=CHANGE, denied=_denied, stamp=("stage_changed_at",),
                       notify=gettext_noop("Construction of project %(name)s started.")),
            Transition("produce", ("started",), "production", action=CHANGE, denied=_denied,
                       stamp=("stage_changed_at",), notify=gettext_noop("Project %(name)s is in production.")),
            Transition("operate", ("production",), "operating", action=CHANGE, denied=_denied,
                       stamp=("stage_changed_at",), notify=gettext_noop("Project %(name)s is operating.")),
            Transition("drop", OPEN_STAGES, "dropped", action=CHANGE, denied=_denied, stamp=("stage_changed_at",),
                       required={"reason": _("Say why the project is dropped.")},
                       notify=gettext_noop("Project %(name)s was dropped.")),
            Transition("reopen", ("dropped",), "lead", action=CHANGE, denied=_denied, stamp=("stage_changed_at",),
                       notify=gettext_noop("Project %(name)s was reopened.")),
        ),
    )

    class Meta:
        ordering = ["-stage_changed_at", "-id"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        indexes = [
            # A city's (or district's) board column, read in order: longest in stage first.
            models.Index(fields=["city", "stage", "stage_changed_at"], name="project_city_stage"),
            models.Index(fields=["region", "stage", "stage_changed_at"], name="project_region_stage"),
            models.Index(fields=["published", "city"], name="project_published_city"),
            models.Index(fields=["stage", "stage_changed_at"], name="project_stage_since"),
            models.Index(fields=["investor"], name="project_investor"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(name_zh="") | ~Q(name_en=""), name="project_has_a_name"),
            models.CheckConstraint(condition=Q(arrived__gte=0), name="project_arrived_not_negative"),
            models.CheckConstraint(condition=Q(published=False) | Q(stage__in=["signed", "started", "production",
                                                                              "operating"]),
                                   name="project_published_after_signing"),
        ]

    description = bilingual("description")

    @property
    def amount_band(self) -> str:
        """The public summary's amount: a band, never the figure."""
        return amount_band(self.investment)


def amount_band(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    yi = Decimal(100_000_000)
    if amount < yi:
        return str(_("under 100 million CNY"))
    if amount < 5 * yi:
        return str(_("100–500 million CNY"))
    if amount < 10 * yi:
        return str(_("500 million – 1 billion CNY"))
    return str(_("1 billion CNY and more"))


class Site(models.Model):
    """Where part of the project happens: R&D in one city, manufacturing in another."""

    class Activity(models.TextChoices):
        MANUFACTURING = "manufacturing", _("Manufacturing")
        RND = "rnd", _("Research and development")
        HEADQUARTERS = "headquarters", _("Headquarters")
        SALES = "sales", _("Sales and service")
        OTHER = "other", _("Other")

    # Sites whose landing puts the organisation on the project's segments as a producer.
    PRODUCING = ("manufacturing",)

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="sites")
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    city = models.ForeignKey(Region, verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    park = models.ForeignKey(Park, verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    activity = models.CharField(_("activity"), max_length=16, choices=Activity.choices, default=Activity.MANUFACTURING)
    # The local entity: an existing one (an expansion of a site the investor has) or the one made on landing.
    organisation = models.ForeignKey(Organisation, verbose_name=_("local organisation"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    landed_at = models.DateTimeField(_("landed at"), null=True, blank=True)

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("project site")
        verbose_name_plural = _("project sites")
        constraints = [models.UniqueConstraint(fields=["project", "region", "activity"], name="site_once_per_activity")]

    def __str__(self) -> str:
        return f"{self.region} · {self.get_activity_display()}"


class StageChange(models.Model):
    """The dated stage history: who moved the project from where to where, and when."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=12, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=12, choices=Stage.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    on = models.DateField(_("on"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["project", "at", "id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")


class CapitalArrival(models.Model):
    """Capital actually arrived (到资), recorded over time."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="arrivals")
    on = models.DateField(_("arrived on"))
    amount = models.DecimalField(_("amount (CNY)"), max_digits=16, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "on", "id"]
        verbose_name = _("capital arrival")
        verbose_name_plural = _("capital arrivals")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="arrival_positive")]


class StageRule(models.Model):
    """A region's own stage rules: which fields signing needs, and after how many days a stage is stalled."""

    region = models.OneToOneField(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    sign_requires = models.JSONField(_("fields required to sign"), default=list, blank=True)
    warn_days = models.JSONField(_("days in a stage before a warning"), default=dict, blank=True)

    class Meta:
        verbose_name = _("stage rule")
        verbose_name_plural = _("stage rules")

    def __str__(self) -> str:
        return str(self.region)
