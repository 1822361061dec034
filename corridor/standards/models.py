"""Group standards (团体标准) of an alliance, from proposal to publication and re-review, and its key brands.

The standard's life is the kernel's workflow (`WORKFLOW` below): proposed → committee vote → initiated
(立项) or rejected → drafting → public comment → technical review → approved → published → re-review.
A committee may switch on optional steps of its own (`Committee.options`: skip the public comment or the
technical review), so the next states of a standard are data of its alliance.

Who sees what: a proposal (proposed, voting, rejected) is seen by the proposing organisation, the drafting
group, the committee and the secretariat; once initiated a standard's record is public. Drafts are seen
by the drafting group, the committee and the secretariat, and by everyone while they are out for public
comment (and the final text once published). Comments: their author and those insiders. Individual
ballot positions: the committee, the secretariat and the drafting group; others see the result.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from corridor.core import access
from corridor.core.access import ALL, NOTHING, VIEW, Actor, RestrictedQuerySet
from corridor.core.bilingual import BilingualNameMixin, bilingual
from corridor.core.workflow import Transition, Workflow

MANAGE = "manage"  # the alliance's secretariat: puts proposals to the committee, opens windows and ballots, publishes
VOTE = "vote"  # committee members
DRAFT = "draft"  # the drafting group: uploads drafts, disposes of comments
COMMENT = "comment"  # while the public comment window is open
VIEW_DRAFTS = "view_drafts"  # the drafting group, the committee, the secretariat
DISPOSE = "dispose"

CODE_RE = r"^[A-Z][A-Z0-9]{1,15}$"


def _uid(user: Actor) -> int:
    return access.roles(user).user_id or 0


class CommitteeQuerySet(RestrictedQuerySet["Committee"]):
    actions = (VIEW, MANAGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin or action == VIEW:
            return ALL
        return Q(alliance_id__in=scope.secretariat_alliance_ids)


class Committee(BilingualNameMixin, models.Model):
    """An alliance's standards committee: its code in publication numbers, its rules, its seats."""

    class Option(models.TextChoices):
        SKIP_COMMENT = "skip_comment", _("Drafts may go to technical review without public comment")
        SKIP_REVIEW = "skip_review", _("Standards may be approved without a technical review ballot")

    alliance = models.OneToOneField("alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
                                    related_name="standards_committee")
    code = models.CharField(_("code in standard numbers"), max_length=16, unique=True,
                            validators=[RegexValidator(CODE_RE, _("Capital letters and digits, starting with a letter."))])
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    pass_share = models.DecimalField(_("share of those voting needed to pass"), max_digits=3, decimal_places=2,
                                     default=Decimal("0.75"),
                                     validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("1"))])
    comment_days = models.PositiveSmallIntegerField(_("public comment days"), default=30, validators=[MinValueValidator(30)])
    review_years = models.PositiveSmallIntegerField(_("re-review after (years)"), default=5,
                                                    validators=[MinValueValidator(3), MaxValueValidator(5)])
    options = models.JSONField(_("optional steps"), default=list, blank=True)

    objects = CommitteeQuerySet.as_manager()
    AUDITED_FIELDS = ("code", "name_zh", "name_en", "pass_share", "comment_days", "review_years", "options")

    class Meta:
        verbose_name = _("standards committee")
        verbose_name_plural = _("standards committees")
        constraints = [
            models.CheckConstraint(condition=Q(pass_share__gte=Decimal("0.5"), pass_share__lte=1), name="committee_share_range"),
            models.CheckConstraint(condition=Q(comment_days__gte=30), name="committee_comment_month"),
        ]


class CommitteeSeat(models.Model):
    """A seat on the committee: a member organisation (any of its users votes for it) or an individual expert."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")

    committee = models.ForeignKey(Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("expert"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["committee", "role", "id"]
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], condition=Q(user__isnull=False), name="one_seat_per_user"),
            models.UniqueConstraint(fields=["committee", "organisation"], condition=Q(organisation__isnull=False),
                                    name="one_seat_per_organisation"),
            models.CheckConstraint(condition=Q(user__isnull=False) | Q(organisation__isnull=False), name="seat_has_holder"),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.user)


def seats_of(user: Actor) -> Any:
    """The committee seats `user` votes for: their own (an expert's) and their organisations'."""
    scope = access.roles(user)
    if not scope.is_authenticated:
        return CommitteeSeat.objects.none()
    return CommitteeSeat.objects.filter(Q(user_id=scope.user_id) | Q(organisation_id__in=scope.org_ids))


# States, in the order a standard goes through them.
class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    VOTING = "voting", _("Committee vote")
    INITIATED = "initiated", _("Initiated (立项)")
    REJECTED = "rejected", _("Rejected")
    DRAFTING = "drafting", _("Drafting")
    COMMENT = "comment", _("Public comment")
    REVIEW = "review", _("Technical review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    RE_REVIEW = "re_review", _("Re-review")
    WITHDRAWN = "withdrawn", _("Withdrawn")


PROPOSAL_STATES = (Status.PROPOSED, Status.VOTING, Status.REJECTED)
PUBLISHED_STATES = (Status.PUBLISHED, Status.RE_REVIEW)


def _seat_alliances(user: Actor) -> Any:
    return seats_of(user).values("committee__alliance_id")


def _drafting_standards(user: Actor) -> Q:
    scope = access.roles(user)
    return (Q(pk__in=Participant.objects.filter(organisation_id__in=scope.org_ids).values("standard_id"))
            | Q(pk__in=Standard.editors.through.objects.filter(user_id=_uid(user)).values("standard_id")))


def _alliance_member(user: Actor) -> Q:
    from corridor.alliances.models import AllianceMembership

    orgs = access.roles(user).org_ids
    return Q(alliance_id__in=AllianceMembership.objects.filter(organisation_id__in=orgs).values("alliance_id"))


def insiders_q(user: Actor, prefix: str = "") -> Q:
    """Standards on which `user` is an insider: drafting group, committee, secretariat (prefix: the path to the standard)."""
    scope = access.roles(user)
    if not scope.is_authenticated:
        return NOTHING
    q = (_drafting_standards(user) | Q(alliance_id__in=_seat_alliances(user))
         | Q(alliance_id__in=scope.secretariat_alliance_ids))
    if not prefix:
        return q
    return Q(**{f"{prefix}__in": Standard.objects.filter(q).values("pk")})


class StandardQuerySet(RestrictedQuerySet["Standard"]):
    actions = (VIEW, MANAGE, VOTE, DRAFT, COMMENT, VIEW_DRAFTS)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return Q(status=Status.COMMENT) & _window_open() if action == COMMENT else ALL
        if action == VIEW:
            if not scope.is_authenticated:
                return ~Q(status__in=PROPOSAL_STATES)
            return ~Q(status__in=PROPOSAL_STATES) | Q(proposing_org_id__in=scope.org_ids) | insiders_q(user)
        if not scope.is_authenticated:
            return NOTHING
        if action == MANAGE:
            return Q(alliance_id__in=scope.secretariat_alliance_ids)
        if action == VOTE:
            return Q(alliance_id__in=_seat_alliances(user))
        if action == DRAFT:
            return _drafting_standards(user)
        if action == VIEW_DRAFTS:
            return insiders_q(user)
        if action == COMMENT:
            return Q(status=Status.COMMENT) & _window_open() & (_alliance_member(user) | Q(public_comment=True))
        return NOTHING


def _window_open() -> Q:
    now = timezone.now()
    return Q(comment_opens_at__lte=now, comment_closes_at__gt=now)


def _recipients(standard: Standard) -> list[Any]:
    from corridor.notifications.services import users_acting_for

    orgs = set(standard.participants.values_list("organisation_id", flat=True))
    if standard.proposing_org_id:
        orgs.add(standard.proposing_org_id)
    users = users_acting_for(orgs, [standard.alliance_id])
    seen = {u.pk for u in users}
    users += [u for u in seat_users(standard.alliance_id) if u.pk not in seen]
    return users


def seat_users(alliance_id: int, seats: Any = None) -> list[Any]:
    """The users who vote for these seats (all of the alliance's committee by default)."""
    from django.contrib.auth import get_user_model

    from corridor.notifications.services import users_acting_for

    chosen = seats if seats is not None else CommitteeSeat.objects.filter(committee__alliance_id=alliance_id)
    experts = list(get_user_model().objects.filter(pk__in=chosen.exclude(user__isnull=True).values("user_id"), is_active=True))
    orgs = users_acting_for(chosen.exclude(organisation__isnull=True).values_list("organisation_id", flat=True))
    return list({u.pk: u for u in experts + orgs}.values())


def _params(standard: Standard) -> dict[str, Any]:
    return {"title": standard.title_zh or standard.title_en}


def _link(standard: Standard) -> str:
    return f"/standards/{standard.pk}/"


SECRETARIAT_ONLY = _("Only the alliance's secretariat may do this.")


class Standard(models.Model):
    Status = Status

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
                                 related_name="standards")
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    scope_zh = models.TextField(_("scope (Chinese)"), blank=True)
    scope_en = models.TextField(_("scope (English)"), blank=True)
    rationale_zh = models.TextField(_("why it is needed (Chinese)"), blank=True)
    rationale_en = models.TextField(_("why it is needed (English)"), blank=True)
    related_projects = models.TextField(_("related R&D projects"), blank=True)  # external ones, as text
    # R&D projects registered in Corridor that the standard builds on; each side lists only what its reader sees.
    rnd_projects = models.ManyToManyField("rnd.RDProject", verbose_name=_("R&D projects"), blank=True,
                                          related_name="standards")
    segments = models.ManyToManyField("chains.Segment", verbose_name=_("chain segments"), blank=True, related_name="+")
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    proposing_org = models.ForeignKey("orgs.Organisation", verbose_name=_("proposing organisation"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("editors"), blank=True, related_name="+")
    status = models.CharField(_("state"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("put to the committee at"), null=True, blank=True)
    initiated_at = models.DateTimeField(_("initiated at"), null=True, blank=True)
    comment_opens_at = models.DateTimeField(_("public comment opens"), null=True, blank=True)
    comment_closes_at = models.DateTimeField(_("public comment closes"), null=True, blank=True)
    public_comment = models.BooleanField(_("open to comments from the public"), default=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    publication_number = models.CharField(_("publication number"), max_length=40, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    final_pdf = models.FileField(_("final text (PDF)"), upload_to="standards/final/", blank=True)
    next_review_on = models.DateField(_("re-review due"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    objects = StandardQuerySet.as_manager()
    AUDITED_FIELDS = ("title_zh", "title_en", "scope_zh", "scope_en", "rationale_zh", "rationale_en", "related_projects",
                      "status", "reason", "comment_opens_at", "comment_closes_at", "public_comment", "number", "year",
                      "publication_number", "next_review_on")
    WORKFLOW = Workflow(
        field="status",
        conflict=_("This standard is %(state)s now; reload the page."),
        recipients=_recipients, params=_params, link=_link,
        transitions=(
            Transition("submit", (Status.PROPOSED,), Status.VOTING, action=MANAGE, denied=SECRETARIAT_ONLY,
                       stamp=("submitted_at",), notify=gettext_noop("“%(title)s” was put to the standards committee's vote.")),
            Transition("initiate", (Status.VOTING,), Status.INITIATED, action=MANAGE, denied=SECRETARIAT_ONLY,
                       stamp=("initiated_at",), notify=gettext_noop("“%(title)s” was approved for drafting (立项).")),
            Transition("reject", (Status.VOTING, Status.PROPOSED), Status.REJECTED, action=MANAGE, denied=SECRETARIAT_ONLY,
                       required={"reason": _("Say why it is rejected: the proposers will read it.")},
                       notify=gettext_noop("“%(title)s” was not approved.")),
            Transition("start_drafting", (Status.INITIATED,), Status.DRAFTING, action=DRAFT,
                       denied=_("Only the drafting group may do this.")),
            Transition("open_comment", (Status.DRAFTING,), Status.COMMENT, action=MANAGE, denied=SECRETARIAT_ONLY,
                       accepts=("comment_opens_at", "comment_closes_at", "public_comment"),
                       notify=gettext_noop("“%(title)s” is open for public comment.")),
            Transition("skip_comment", (Status.DRAFTING,), Status.REVIEW, action=MANAGE, denied=SECRETARIAT_ONLY,
                       notify=gettext_noop("“%(title)s” went to the technical review ballot.")),
            Transition("start_review", (Status.COMMENT,), Status.REVIEW, action=MANAGE, denied=SECRETARIAT_ONLY,
                       notify=gettext_noop("“%(title)s” went to the technical review ballot.")),
            Transition("back_to_drafting", (Status.COMMENT, Status.REVIEW), Status.DRAFTING, action=MANAGE,
                       denied=SECRETARIAT_ONLY, accepts=("reason",),
                       notify=gettext_noop("“%(title)s” went back to the drafting group.")),
            Transition("approve", (Status.REVIEW,), Status.APPROVED, action=MANAGE, denied=SECRETARIAT_ONLY,
                       stamp=("approved_at",), notify=gettext_noop("“%(title)s” passed its technical review and was approved.")),
            Transition("skip_review", (Status.DRAFTING, Status.COMMENT), Status.APPROVED, action=MANAGE,
                       denied=SECRETARIAT_ONLY, stamp=("approved_at",),
                       notify=gettext_noop("“%(title)s” was approved.")),
            Transition("publish", (Status.APPROVED,), Status.PUBLISHED, action=MANAGE, denied=SECRETARIAT_ONLY,
                       accepts=("number", "year", "publication_number", "next_review_on"), stamp=("published_at",),
                       notify=gettext_noop("“%(title)s” was published.")),
            Transition("start_re_review", (Status.PUBLISHED,), Status.RE_REVIEW, action=MANAGE, denied=SECRETARIAT_ONLY,
                       notify=gettext_noop("“%(title)s” is being re-reviewed.")),
            Transition("confirm", (Status.RE_REVIEW,), Status.PUBLISHED, action=MANAGE, denied=SECRETARIAT_ONLY,
                       accepts=("next_review_on",), notify=gettext_noop("“%(title)s” was confirmed on re-review.")),
            Transition("revise", (Status.RE_REVIEW,), Status.DRAFTING, action=MANAGE, denied=SECRETARIAT_ONLY,
                       accepts=("reason",), notify=gettext_noop("“%(title)s” is being revised.")),
            Transition("withdraw", (Status.PROPOSED, Status.VOTING, Status.INITIATED, Status.DRAFTING, Status.RE_REVIEW),
                       Status.WITHDRAWN, action=MANAGE, denied=SECRETARIAT_ONLY,
                       required={"reason": _("Say why it is withdrawn.")}, notify=gettext_noop("“%(title)s” was withdrawn.")),
        ),
    )
    # Transitions a committee must switch on (Committee.options); the rest are everyone's.
    OPTIONAL_TRANSITIONS = frozenset({"skip_comment", "skip_review"})
    # Taken by services (ballots, drafts), not by a button of their own.
    AUTOMATIC_TRANSITIONS = frozenset({"initiate", "approve", "start_drafting"})

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        constraints = [
            models.UniqueConstraint(fields=["alliance", "year", "number"], condition=Q(number__isnull=False),
                                    name="standard_number_once_per_alliance_year"),
            models.UniqueConstraint(fields=["alliance", "publication_number"], condition=~Q(publication_number=""),
                                    name="standard_publication_number_once_per_alliance"),
            models.CheckConstraint(condition=~Q(status__in=PUBLISHED_STATES) | ~Q(publication_number=""),
                                   name="published_standard_has_number"),
        ]
        indexes = [models.Index(fields=["alliance", "status"])]

    def __str__(self) -> str:
        return f"{self.publication_number} {self.title}".strip()

    title = bilingual("title")

    @property
    def other_title(self) -> str:
        other = self.title_en if self.title == self.title_zh else self.title_zh
        return other if other != self.title else ""

    scope = bilingual("scope")

    rationale = bilingual("rationale")

    @property
    def comment_last_day(self) -> datetime.date | None:
        """The last day comments are taken (the window closes at the following midnight)."""
        if self.comment_closes_at is None:
            return None
        return timezone.localtime(self.comment_closes_at - datetime.timedelta(microseconds=1)).date()

    def comment_window_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (self.status == Status.COMMENT and self.comment_opens_at is not None and self.comment_closes_at is not None
                and self.comment_opens_at <= now < self.comment_closes_at)

    def comment_window_closed(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.comment_closes_at is not None and now >= self.comment_closes_at


def publication_number(code: str, number: int, year: int) -> str:
    """`T/<alliance code> <number>—<year>`, the number in three digits as the national platform writes it."""
    return f"T/{code} {number:03d}—{year}"


class Participant(models.Model):
    """An organisation of the drafting group: the lead drafter or a participant."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead drafter")
        PARTICIPANT = "participant", _("Participating organisation")

    standard = models.ForeignKey(Standard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="+")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT)

    class Meta:
        ordering = ["standard", "role", "id"]
        verbose_name = _("drafting organisation")
        verbose_name_plural = _("drafting organisations")
        constraints = [
            models.UniqueConstraint(fields=["standard", "organisation"], name="drafting_org_once"),
            models.UniqueConstraint(fields=["standard"], condition=Q(role="lead"), name="one_lead_drafter"),
        ]


class DraftQuerySet(RestrictedQuerySet["Draft"]):
    actions = (VIEW,)

    def rule(self, user: Actor, action: str) -> Q:
        if access.is_admin(user):
            return ALL
        public = (Q(for_comment=True, standard__status=Status.COMMENT)
                  | Q(is_final=True, standard__status__in=PUBLISHED_STATES))
        return public | insiders_q(user, "standard_id")


class Draft(models.Model):
    """A numbered draft: its text (clauses numbered as in GB/T 1.1), optionally the document it came from."""

    standard = models.ForeignKey(Standard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="drafts")
    number = models.PositiveSmallIntegerField(_("draft number"))
    change_summary_zh = models.TextField(_("change summary (Chinese)"), blank=True)
    change_summary_en = models.TextField(_("change summary (English)"), blank=True)
    text = models.TextField(_("text"))
    document = models.FileField(_("document"), upload_to="standards/drafts/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    for_comment = models.BooleanField(_("draft for comment (征求意见稿)"), default=False)
    is_final = models.BooleanField(_("published text"), default=False)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["standard", "number"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [models.UniqueConstraint(fields=["standard", "number"], name="draft_number_once")]

    def __str__(self) -> str:
        return f"v{self.number}"

    change_summary = bilingual("change_summary")

    def clauses(self) -> list[Any]:
        from corridor.standards.clauses import split_clauses

        return split_clauses(self.text)


class BallotQuerySet(RestrictedQuerySet["Ballot"]):
    actions = (VIEW,)

    def rule(self, user: Actor, action: str) -> Q:
        if access.is_admin(user):
            return ALL
        return Q(standard__in=Standard.objects.restrict(user).values("pk"))


class Ballot(models.Model):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Vote on the proposal (立项)")
        TECHNICAL = "technical", _("Technical review ballot")

    class Outcome(models.TextChoices):
        OPEN = "", _("Open")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")

    standard = models.ForeignKey(Standard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="ballots")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    share = models.DecimalField(_("share needed"), max_digits=3, decimal_places=2)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=6, choices=Outcome.choices, blank=True, default="")
    counts = models.JSONField(_("counts"), default=dict, blank=True)

    objects = BallotQuerySet.as_manager()

    class Meta:
        ordering = ["standard", "opened_at", "id"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["standard"], condition=Q(closed_at__isnull=True), name="one_open_ballot"),
        ]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PositionQuerySet(RestrictedQuerySet["Position"]):
    actions = (VIEW,)

    def rule(self, user: Actor, action: str) -> Q:
        if access.is_admin(user):
            return ALL
        return insiders_q(user, "ballot__standard_id")


class Position(models.Model):
    class Value(models.TextChoices):
        YES = "yes", pgettext_lazy("ballot", "Yes")
        YES_COMMENTS = "yes_comments", _("Yes, with comments")
        NO = "no", _("No, with reasons")
        ABSTAIN = "abstain", _("Abstain")

    ballot = models.ForeignKey(Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="positions")
    seat = models.ForeignKey(CommitteeSeat, verbose_name=_("seat"), on_delete=models.CASCADE, related_name="positions")
    value = models.CharField(_("position"), max_length=12, choices=Value.choices)
    comment = models.TextField(_("comments or reasons"), blank=True)
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cast by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["ballot", "seat"]
        verbose_name = _("ballot position")
        verbose_name_plural = _("ballot positions")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "seat"], name="one_position_per_seat"),
            models.CheckConstraint(condition=~Q(value__in=["no", "yes_comments"]) | ~Q(comment=""),
                                   name="position_no_has_reasons"),
        ]


class CommentQuerySet(RestrictedQuerySet["Comment"]):
    actions = (VIEW, DISPOSE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        if not scope.is_authenticated:
            return NOTHING
        if action == DISPOSE:
            return Q(standard__in=Standard.objects.filter(_drafting_standards(user)).values("pk"))
        return Q(author_id=scope.user_id) | insiders_q(user, "standard_id")


class Comment(models.Model):
    class Disposition(models.TextChoices):
        PENDING = "", _("Not yet disposed of")
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    class Language(models.TextChoices):
        ZH = "zh", pgettext_lazy("language of a comment", "Chinese")
        EN = "en", pgettext_lazy("language of a comment", "English")

    standard = models.ForeignKey(Standard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="comments")
    draft = models.ForeignKey(Draft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="comments")
    clause = models.CharField(_("clause"), max_length=24)
    text = models.TextField(_("comment"))
    proposal = models.TextField(_("proposed change"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.ZH)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL,
                               related_name="+")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    disposition = models.CharField(_("disposition"), max_length=12, choices=Disposition.choices, blank=True, default="")
    response = models.TextField(_("reason of the disposition"), blank=True)
    disposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("disposed of by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    disposed_at = models.DateTimeField(_("disposed of at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()
    AUDITED_FIELDS = ("clause", "text", "disposition", "response")

    class Meta:
        ordering = ["standard", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(condition=Q(disposition__in=["", "accepted"]) | ~Q(response=""),
                                   name="comment_disposition_has_reason"),
        ]


class PatentQuerySet(RestrictedQuerySet["PatentDeclaration"]):
    actions = (VIEW,)

    def rule(self, user: Actor, action: str) -> Q:
        if access.is_admin(user):
            return ALL
        return Q(standard__in=Standard.objects.restrict(user).values("pk"))


class PatentDeclaration(models.Model):
    class Licensing(models.TextChoices):
        FREE = "free", _("Royalty-free")
        FRAND = "frand", _("Fair, reasonable and non-discriminatory terms")
        NONE = "none", _("Not willing to license")

    standard = models.ForeignKey(Standard, verbose_name=_("standard"), on_delete=models.CASCADE, related_name="patents")
    organisation = models.ForeignKey("orgs.Organisation", verbose_name=_("patent holder"), on_delete=models.CASCADE,
                                     related_name="+")
    patent_number = models.CharField(_("patent number"), max_length=40)
    title = models.CharField(_("patent title"), max_length=300)
    clause = models.CharField(_("clause"), max_length=24, blank=True)
    licensing = models.CharField(_("licensing terms"), max_length=6, choices=Licensing.choices)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("declared by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    objects = PatentQuerySet.as_manager()

    class Meta:
        ordering = ["standard", "declared_at", "id"]
        verbose_name = _("patent disclosure")
        verbose_name_plural = _("patent disclosures")
        constraints = [models.UniqueConstraint(fields=["standard", "patent_number"], name="patent_declared_once")]


class BrandQuerySet(RestrictedQuerySet["Brand"]):
    actions = (VIEW, MANAGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        secretariat = Q(alliance_id__in=scope.secretariat_alliance_ids)
        if action == MANAGE:
            return secretariat
        return Q(revoked=False) | secretariat | Q(holder_id__in=scope.org_ids)


class Brand(BilingualNameMixin, models.Model):
    """A key brand recognised by an alliance: a member's brand or product, with its certificate and validity."""

    class Category(models.TextChoices):
        PRODUCT = "product", _("Product brand")
        ENTERPRISE = "enterprise", _("Enterprise brand")
        SERVICE = "service", _("Service brand")
        TECHNOLOGY = "technology", _("Technology brand")

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
                                 related_name="brands")
    holder = models.ForeignKey("orgs.Organisation", verbose_name=_("holder"), on_delete=models.CASCADE, related_name="brands")
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices, default=Category.PRODUCT)
    products_zh = models.TextField(_("products (Chinese)"), blank=True)
    products_en = models.TextField(_("products (English)"), blank=True)
    certificate = models.CharField(_("certificate number"), max_length=60)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    revoked = models.BooleanField(_("revoked"), default=False)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    objects = BrandQuerySet.as_manager()
    AUDITED_FIELDS = ("name_zh", "name_en", "category", "products_zh", "products_en", "certificate", "valid_from",
                      "valid_until", "revoked", "holder_id")

    class Meta:
        ordering = ["alliance", "-valid_until", "name_zh"]
        verbose_name = _("key brand")
        verbose_name_plural = _("key brands")
        constraints = [
            models.UniqueConstraint(fields=["alliance", "certificate"], name="brand_certificate_once"),
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("valid_from")), name="brand_valid_range"),
        ]

    products = bilingual("products")

    def is_valid(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return not self.revoked and self.valid_from <= day <= self.valid_until
