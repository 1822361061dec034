"""R&D coordination (F8): members' R&D directions and projects, the overlaps found between projects of
different organisations, and the joint R&D teams formed from them.

Who sees a project is its visibility: public (everyone), alliance (fellow members of an alliance the
owner belongs to, and those alliances' secretariats), secretariat (the owner and the secretariats of
its alliances). An overlap record names two projects; a party that may not see the other project is
told only that a closely similar project exists (the pages and API render it anonymously).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from corridor.alliances.models import AllianceMembership
from corridor.core import access
from corridor.core.access import ALL, CHANGE, NOTHING, VIEW, Actor, RestrictedQuerySet
from corridor.core.bilingual import bilingual
from corridor.core.workflow import Transition, Workflow
from corridor.orgs.models import Organisation

# Domain actions.
MARK = "mark"  # the secretariat judges an overlap (same work, different, proposed for a team)
CONSENT = "consent"  # a party answers whether it agrees to be introduced
PROPOSE = "propose"  # propose a joint team from an overlap
MANAGE = "manage"  # run a team: work packages, milestones, agreement, outputs
DECIDE = "decide"  # an invited organisation accepts or declines


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    ALLIANCE = "alliance", _("Alliance members")
    SECRETARIAT = "secretariat", _("Secretariat only")


def _members_of(alliance_ids: Any, org_ref: str) -> Q:
    """The organisation at `org_ref` (an OuterRef path) is a member of one of `alliance_ids`."""
    return Q(Exists(AllianceMembership.objects.filter(organisation_id=OuterRef(org_ref), alliance_id__in=alliance_ids)))


def project_view_q(user: Actor, prefix: str = "") -> Q:
    """The projects `user` may see, as a Q on RDProject (or on a relation to it through `prefix`)."""
    scope = access.roles(user)
    if scope.is_admin:
        return ALL
    org = f"{prefix}organisation_id"
    q = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if scope.org_ids:
        q |= Q(**{f"{org}__in": scope.org_ids})
        mine = AllianceMembership.objects.filter(organisation_id__in=scope.org_ids).values("alliance_id")
        q |= Q(**{f"{prefix}visibility": Visibility.ALLIANCE}) & _members_of(mine, org)
    if scope.secretariat_alliance_ids:
        q |= _members_of(scope.secretariat_alliance_ids, org)
    return q


class DirectionQuerySet(RestrictedQuerySet["RDDirection"]):
    """view: by visibility, as projects; change: the owner's staff and admins."""

    actions = (VIEW, CHANGE)

    def rule(self, user: Actor, action: str) -> Q:
        if access.is_admin(user):
            return ALL
        if action == CHANGE:
            return Q(organisation_id__in=access.member_org_ids(user))
        return project_view_q(user)


class RDDirection(models.Model):
    """A standing R&D theme of an organisation (its projects may belong to one)."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="rd_directions")
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.ALLIANCE)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DirectionQuerySet.as_manager()
    AUDITED_FIELDS = ("title_zh", "title_en", "description_zh", "description_en", "keywords", "visibility")

    class Meta:
        ordering = ["organisation_id", "id"]
        verbose_name = _("R&D direction")
        verbose_name_plural = _("R&D directions")
        constraints = [models.CheckConstraint(condition=~Q(title_zh="") | ~Q(title_en=""), name="rd_direction_has_a_title")]

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")


class RDProjectQuerySet(RestrictedQuerySet["RDProject"]):
    """view: by visibility (module docstring); change: the owner's staff and admins."""

    actions = (VIEW, CHANGE)

    def rule(self, user: Actor, action: str) -> Q:
        if access.is_admin(user):
            return ALL
        if action == CHANGE:
            return Q(organisation_id__in=access.member_org_ids(user))
        return project_view_q(user)


class RDProject(models.Model):
    class Language(models.TextChoices):
        ZH = "zh", _("Chinese")
        EN = "en", _("English")

    class Budget(models.TextChoices):
        UNDER_1M = "lt1m", _("under 1 million CNY")
        FROM_1M = "1-5m", _("1–5 million CNY")
        FROM_5M = "5-20m", _("5–20 million CNY")
        OVER_20M = "gt20m", _("over 20 million CNY")

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="rd_projects")
    direction = models.ForeignKey(RDDirection, verbose_name=_("R&D direction"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="projects")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ZH)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("description"), blank=True, help_text=_("What the project does and why"))
    objective = models.TextField(_("objective and targets"), blank=True)
    parameters = models.JSONField(_("target parameters"), default=list, blank=True,
                                  help_text=_("One a line, with units: “backlash ≤ 1 arcmin”"))
    route = models.TextField(_("technical route"), blank=True)
    trl = models.PositiveSmallIntegerField(_("stage (TRL 1–9)"), default=3,
                                           validators=[MinValueValidator(1), MaxValueValidator(9)])
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    budget_band = models.CharField(_("budget"), max_length=8, choices=Budget.choices, blank=True)
    team_size = models.PositiveIntegerField(_("team size"), null=True, blank=True)
    segments = models.ManyToManyField("chains.Segment", verbose_name=_("chain segments"), blank=True, related_name="+")
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    patents = models.JSONField(_("patents"), default=list, blank=True,
                               help_text=_("Number and IPC class, one a line: “CN112345678A F16H 1/32”"))
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.ALLIANCE)
    engine_key = models.CharField(max_length=80, editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registered by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    is_synthetic = models.BooleanField(_("synthetic"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = RDProjectQuerySet.as_manager()
    AUDITED_FIELDS = ("title", "language", "text", "objective", "parameters", "route", "trl", "starts_on", "ends_on",
                      "budget_band", "team_size", "keywords", "patents", "visibility", "direction_id")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("R&D project")
        verbose_name_plural = _("R&D projects")
        constraints = [
            models.CheckConstraint(condition=Q(trl__gte=1, trl__lte=9), name="rd_project_trl_1_9"),
            models.CheckConstraint(condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True)
                                   | Q(starts_on__lte=models.F("ends_on")), name="rd_project_starts_before_end"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ipc_classes(self) -> list[str]:
        return [p.get("ipc", "") for p in self.patents if isinstance(p, dict) and p.get("ipc")]


class ProjectVectors(models.Model):
    """A project's embeddings (text and objective, float32), computed once on save and kept so that a process
    starting cold loads them instead of running the model over every project. `key` is the hash of the two
    texts they were computed from: a project whose texts changed since is embedded again."""

    project = models.OneToOneField(RDProject, on_delete=models.CASCADE, primary_key=True, related_name="vectors")
    key = models.CharField(max_length=40)
    dim = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        verbose_name = _("R&D project embedding")
        verbose_name_plural = _("R&D project embeddings")

    def __str__(self) -> str:
        return f"{self.project_id}:{self.key}"


class OverlapQuerySet(RestrictedQuerySet["Overlap"]):
    """view/consent/propose: the staff of either party; view/mark/propose: the secretariat of an alliance
    both parties belong to; admins everything."""

    actions = (VIEW, MARK, CONSENT, PROPOSE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        q = NOTHING
        if scope.secretariat_alliance_ids and action != CONSENT:
            b_alliances = AllianceMembership.objects.filter(
                organisation_id=OuterRef(OuterRef("project_b__organisation_id"))).values("alliance_id")
            q |= Q(Exists(AllianceMembership.objects.filter(
                organisation_id=OuterRef("project_a__organisation_id"), alliance_id__in=scope.secretariat_alliance_ids,
            ).filter(alliance_id__in=b_alliances)))
        if scope.org_ids and action != MARK:
            q |= Q(project_a__organisation_id__in=scope.org_ids) | Q(project_b__organisation_id__in=scope.org_ids)
        return q


class Overlap(models.Model):
    """Two projects of different organisations: the same objective (overlap) or related but complementary."""

    class Relation(models.TextChoices):
        OVERLAP = "overlap", _("Overlap")
        COMPLEMENTARY = "complementary", _("Complementary")

    class Status(models.TextChoices):
        OPEN = "open", _("Not yet reviewed")
        SAME_WORK = "same_work", _("Same work")
        DIFFERENT = "different", _("Different")
        PROPOSED = "proposed", _("Proposed for a joint team")

    class Consent(models.TextChoices):
        NONE = "", _("Not asked")
        ASKED = "asked", _("Asked")
        AGREED = "agreed", _("Agreed to be introduced")
        DECLINED = "declined", _("Declined to be introduced")

    project_a = models.ForeignKey(RDProject, on_delete=models.CASCADE, related_name="+")
    project_b = models.ForeignKey(RDProject, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("relation"), max_length=14, choices=Relation.choices)
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(_("note"), blank=True)
    # Whether the owner of project a (b) agrees to be introduced to the other party, who may not see it.
    consent_a = models.CharField(_("introduction (first party)"), max_length=8, choices=Consent.choices, blank=True, default="")
    consent_b = models.CharField(_("introduction (second party)"), max_length=8, choices=Consent.choices, blank=True, default="")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OverlapQuerySet.as_manager()
    AUDITED_FIELDS = ("relation", "status", "note", "consent_a", "consent_b")

    class Meta:
        ordering = ["-score", "id"]
        verbose_name = _("R&D overlap")
        verbose_name_plural = _("R&D overlaps")
        constraints = [
            models.UniqueConstraint(fields=["project_a", "project_b"], name="rd_overlap_once"),
            models.CheckConstraint(condition=Q(project_a__lt=models.F("project_b")), name="rd_overlap_ordered"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    def side_of(self, org_ids: frozenset[int]) -> str:
        """'a' or 'b': which project belongs to one of `org_ids` ('' if neither)."""
        if self.project_a.organisation_id in org_ids:
            return "a"
        if self.project_b.organisation_id in org_ids:
            return "b"
        return ""


def _team_managers_q(user: Actor) -> Q:
    scope = access.roles(user)
    q = NOTHING
    if scope.secretariat_alliance_ids:
        q |= Q(alliance_id__in=scope.secretariat_alliance_ids)
    if scope.org_ids:
        q |= Q(lead_id__in=scope.org_ids)
    return q


class TeamQuerySet(RestrictedQuerySet["JointTeam"]):
    """view: the invited organisations' staff and the alliance's secretariat; manage: the secretariat and
    the lead organisation's staff; admins everything."""

    actions = (VIEW, MANAGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        q = _team_managers_q(user)
        if action == VIEW and scope.org_ids:
            q |= Q(Exists(TeamMember.objects.filter(team_id=OuterRef("pk"), organisation_id__in=scope.org_ids)))
        return q


class JointTeam(models.Model):
    """A joint R&D team (consortium): proposed, then formed once the invited organisations accept."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        FORMED = "formed", _("Formed")
        NOT_FORMED = "not_formed", _("Not formed")

    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    objective = models.TextField(_("joint objective"), blank=True)
    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    lead = models.ForeignKey(Organisation, verbose_name=_("lead organisation"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    overlaps = models.ManyToManyField(Overlap, verbose_name=_("overlaps"), blank=True, related_name="teams")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    formed_at = models.DateTimeField(_("formed at"), null=True, blank=True)
    # The agreement: IP arrangement (background and foreground IP), signed date, document reference.
    ip_background = models.TextField(_("background IP"), blank=True)
    ip_foreground = models.TextField(_("foreground IP"), blank=True)
    agreement_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    agreement_document = models.CharField(_("agreement document"), max_length=300, blank=True)
    instruments = models.ManyToManyField("equipment.Instrument", verbose_name=_("shared instruments"), blank=True,
                                         related_name="+")
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    objects = TeamQuerySet.as_manager()
    AUDITED_FIELDS = ("title_zh", "title_en", "objective", "status", "lead_id", "ip_background", "ip_foreground",
                      "agreement_signed_on", "agreement_document")
    WORKFLOW = Workflow(transitions=(
        Transition("form", ("proposed",), "formed", action=MANAGE, stamp=("formed_at",),
                   notify=gettext_noop("The joint R&D team “%(title)s” is formed.")),
        Transition("fail", ("proposed",), "not_formed", action=MANAGE,
                   notify=gettext_noop("The joint R&D team “%(title)s” was not formed: too few organisations accepted.")),
    ), recipients=lambda t: _team_people(t), params=lambda t: {"title": t.title},
       link=lambda t: f"/rnd/teams/{t.pk}/",
       conflict=_("This team is %(state)s; it cannot be changed that way."))

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("joint R&D team")
        verbose_name_plural = _("joint R&D teams")
        constraints = [models.CheckConstraint(condition=~Q(title_zh="") | ~Q(title_en=""), name="rd_team_has_a_title")]

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")


def _team_people(team: JointTeam) -> list[Any]:
    from corridor.notifications.services import users_acting_for

    orgs = list(team.members.exclude(status=TeamMember.Status.DECLINED).values_list("organisation_id", flat=True))
    return users_acting_for(orgs, [team.alliance_id])


class TeamMemberQuerySet(RestrictedQuerySet["TeamMember"]):
    """view: as the team; decide (accept, decline): the invited organisation's staff and admins."""

    actions = (VIEW, DECIDE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        if action == DECIDE:
            return Q(organisation_id__in=scope.org_ids) if scope.org_ids else NOTHING
        return Q(team__in=JointTeam.objects.restrict(user))


class TeamMember(models.Model):
    """An organisation invited to a joint team, its answer and its role once formed."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTICIPANT = "participant", _("Participant")

    team = models.ForeignKey(JointTeam, verbose_name=_("team"), on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    contribution = models.CharField(_("contribution"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = TeamMemberQuerySet.as_manager()
    AUDITED_FIELDS = ("status", "role", "reason")
    WORKFLOW = Workflow(transitions=(
        Transition("accept", ("invited",), "accepted", action=DECIDE, stamp=("decided_at",), actor_field="decided_by",
                   denied=_("Only the invited organisation's staff may answer."),
                   notify=gettext_noop("%(org)s accepted to join the joint R&D team “%(title)s”.")),
        Transition("decline", ("invited",), "declined", action=DECIDE, stamp=("decided_at",), actor_field="decided_by",
                   denied=_("Only the invited organisation's staff may answer."),
                   required={"reason": _("Say why.")},
                   notify=gettext_noop("%(org)s declined to join the joint R&D team “%(title)s”.")),
    ), recipients=lambda m: _team_people(m.team), params=lambda m: {"org": m.organisation.name, "title": m.team.title},
       link=lambda m: f"/rnd/teams/{m.team_id}/",
       conflict=_("This invitation is already %(state)s."))

    class Meta:
        ordering = ["team_id", "role", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [models.UniqueConstraint(fields=["team", "organisation"], name="rd_team_member_once")]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.team}"


class WorkPackage(models.Model):
    team = models.ForeignKey(JointTeam, verbose_name=_("team"), on_delete=models.CASCADE, related_name="work_packages")
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["team_id", "id"]
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    team = models.ForeignKey(JointTeam, verbose_name=_("team"), on_delete=models.CASCADE, related_name="milestones")
    work_package = models.ForeignKey(WorkPackage, verbose_name=_("work package"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="milestones")
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    progress = models.TextField(_("progress"), blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class OutputQuerySet(RestrictedQuerySet["Output"]):
    """view: as the team (an output is the team's, seen by those who see the team)."""

    actions = (VIEW,)

    def rule(self, user: Actor, action: str) -> Q:
        if access.is_admin(user):
            return ALL
        return Q(team__in=JointTeam.objects.restrict(user))


class Output(models.Model):
    class Kind(models.TextChoices):
        PATENT = "patent", _("Patent")
        PAPER = "paper", _("Paper")
        STANDARD = "standard", _("Standard")
        PRODUCT = "product", _("Product")

    team = models.ForeignKey(JointTeam, verbose_name=_("team"), on_delete=models.CASCADE, related_name="outputs")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("reference"), max_length=200, blank=True, help_text=_("Patent number, DOI, standard code"))
    on = models.DateField(_("date"), null=True, blank=True)

    objects = OutputQuerySet.as_manager()

    class Meta:
        ordering = ["team_id", "kind", "id"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def __str__(self) -> str:
        return self.title
