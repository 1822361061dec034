"""The government–enterprise channel (F16): offices, routing rules, enterprise requests (诉求) with their
workflow and deadlines, targeted notices with read receipts, and regional targets with progress.

Confidentiality: a private request is seen only by its organisation's users, the staff of the offices
it was routed to, and admins (`EnterpriseRequestQuerySet.rule`); every list, count, search and export
reads through that rule.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from corridor.core import access
from corridor.core.access import ALL, NOTHING, VIEW, Actor, RestrictedQuerySet
from corridor.core.bilingual import BilingualNameMixin, bilingual
from corridor.core.workflow import Transition, Workflow
from corridor.orgs.models import Organisation
from corridor.regions.models import Region, within_q

MANAGE = "manage"  # offices, routing rules, targets: officers of the region and admins
HANDLE = "handle"  # a request: the staff of the office that holds it, admins
RATE = "rate"  # a request: its organisation's users (confirm, rate, reopen, answer a question)
ROUTE = "route"  # a request nobody routed yet: admins
SEND = "send"  # a notice: its sender and admins
RECEIPTS = "receipts"


class OfficeQuerySet(RestrictedQuerySet["Office"]):
    """view: offices are public facts; manage: officers of the office's region (or a region above) and admins."""

    actions = (VIEW, MANAGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if action == VIEW or scope.is_admin:
            return ALL
        if not scope.officer_region_ids:
            return NOTHING
        return within_q("region", scope.officer_region_ids)


class Office(BilingualNameMixin, models.Model):
    """A government office that answers enterprise requests (a bureau, a park's service centre)."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("staff"), blank=True, related_name="channel_offices")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("supervisor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Told when a request is overdue"),
    )
    reply_template_zh = models.TextField(_("reply template (Chinese)"), blank=True)
    reply_template_en = models.TextField(_("reply template (English)"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    objects = OfficeQuerySet.as_manager()

    AUDITED_FIELDS = ("region_id", "name_zh", "name_en", "supervisor_id")

    class Meta:
        ordering = ["region__code", "name_zh", "id"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [models.UniqueConstraint(fields=["region", "name_zh"], name="channel_office_unique_name")]

    reply_template = bilingual("reply_template")


class RequestType(models.TextChoices):
    POLICY = "policy", _("Policy question")
    APPROVAL = "approval", _("Approval or permit")
    LAND = "land", _("Land or space")
    TALENT = "talent", _("Talent")
    FINANCING = "financing", _("Financing")
    MARKET = "market", _("Market or customers")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")


class RoutingRuleQuerySet(RestrictedQuerySet["RoutingRule"]):
    actions = (VIEW, MANAGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        q = within_q("region", scope.officer_region_ids) if scope.officer_region_ids else NOTHING
        if action == VIEW and scope.is_authenticated:
            q |= Q(Exists(Office.objects.filter(pk=OuterRef("office_id"), staff=scope.user_id)))
        return q


class RoutingRule(models.Model):
    """Requests of `type` (blank: any type) filed for `region` (or a district inside it) go to `office`.
    The most specific rule wins: the filed region before its city and province, a type before "any"."""

    type = models.CharField(_("type"), max_length=16, choices=RequestType.choices, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.CASCADE, related_name="rules")

    objects = RoutingRuleQuerySet.as_manager()

    AUDITED_FIELDS = ("type", "region_id", "office_id")

    class Meta:
        ordering = ["region__code", "type"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [models.UniqueConstraint(fields=["type", "region"], name="channel_rule_once_per_type_region")]


class EnterpriseRequestQuerySet(RestrictedQuerySet["EnterpriseRequest"]):
    """view: public requests to everyone signed in; private ones to the organisation's users, the staff of
    every office the request was routed to, and admins. handle: the staff of the office holding it.
    rate: the organisation's users. route: admins."""

    actions = (VIEW, HANDLE, RATE, ROUTE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        if not scope.is_authenticated:
            return NOTHING
        own = Q(organisation_id__in=scope.org_ids)
        if action == RATE:
            return own
        if action == ROUTE:
            return NOTHING
        if action == HANDLE:
            return Q(Exists(Office.objects.filter(pk=OuterRef("office_id"), staff=scope.user_id)))
        routed = Exists(Routing.objects.filter(request=OuterRef("pk"), office__staff=scope.user_id))
        return own | Q(routed) | Q(is_public=True, status__in=EnterpriseRequest.PUBLICLY_VISIBLE)


class EnterpriseRequest(models.Model):
    """A request (诉求) an enterprise files with the government: routed to an office, answered on time, rated."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        WAITING = "waiting", _("Waiting for the requester")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        MERGED = "merged", _("Merged as a duplicate")

    class Priority(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent")

    class Satisfaction(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASICALLY = "basically", _("Basically satisfied")
        DISSATISFIED = "dissatisfied", _("Dissatisfied")

    OPEN = ("received", "assigned", "in_progress", "waiting")
    # The clock runs in these (not while waiting for the requester).
    RUNNING = ("received", "assigned", "in_progress")
    PUBLICLY_VISIBLE = ("assigned", "in_progress", "waiting", "answered", "closed")
    SATISFIED_VALUES = ("satisfied", "basically")

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="channel_requests")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filed by"), null=True, on_delete=models.SET_NULL, related_name="+")
    type = models.CharField(_("type"), max_length=16, choices=RequestType.choices)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("what you ask"))
    attachment = models.FileField(_("attachment"), upload_to="channel/requests/%Y/", blank=True)
    is_public = models.BooleanField(_("public"), default=False, help_text=_("Private requests are seen only by your organisation and the office that handles them"))
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    office = models.ForeignKey(Office, verbose_name=_("office"), null=True, blank=True, on_delete=models.PROTECT, related_name="requests")
    first_office = models.ForeignKey(Office, verbose_name=_("first office"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    contact_due = models.DateTimeField(_("contact due"), null=True, blank=True)
    progress_due = models.DateTimeField(_("progress due"), null=True, blank=True)
    answer_due = models.DateTimeField(_("answer due"), null=True, blank=True)
    deadline_note = models.CharField(_("deadline note"), max_length=200, blank=True)
    contacted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    paused_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    question = models.TextField(_("question to the requester"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True)
    resolved = models.BooleanField(_("resolved"), null=True, blank=True)
    rating_comment = models.TextField(_("comment"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    duplicate_of = models.ForeignKey("self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    objects = EnterpriseRequestQuerySet.as_manager()

    AUDITED_FIELDS = ("status", "office_id", "answer", "satisfaction", "resolved", "reason", "question", "is_public")

    class Meta:
        ordering = ["-filed_at", "-id"]
        verbose_name = _("enterprise request")
        verbose_name_plural = _("enterprise requests")
        indexes = [
            models.Index(fields=["office", "status"], name="channel_request_office_status"),
            models.Index(fields=["organisation", "filed_at"], name="channel_request_org_filed"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(subject="") & ~Q(text=""), name="channel_request_has_text"),
            models.CheckConstraint(condition=~Q(status="closed") | ~Q(satisfaction=""), name="channel_closed_is_rated"),
            models.CheckConstraint(condition=Q(status="received") | Q(office__isnull=False), name="channel_routed_has_office"),
        ]

    WORKFLOW = Workflow(
        conflict=_("This request is %(status)s; it cannot be changed that way."),
        recipients=lambda r: r.recipients(),
        params=lambda r: {"number": r.number, "subject": r.subject},
        link=lambda r: f"/channel/requests/{r.pk}/",
        transitions=(
            Transition("assign", ("received",), "assigned", action=ROUTE, accepts=("office", "first_office"),
                       denied=_("Only an administrator routes a request no rule covers."),
                       notify=gettext_noop("Request %(number)s (%(subject)s) was routed to an office.")),
            Transition("accept", ("assigned",), "in_progress", action=HANDLE, stamp=("contacted_at",),
                       denied=_("Only the staff of the office holding this request may handle it."),
                       notify=gettext_noop("Request %(number)s (%(subject)s) was accepted by the office.")),
            Transition("transfer", ("assigned", "in_progress"), "assigned", action=HANDLE, accepts=("office",),
                       required={"reason": _("Say why the request goes to another office.")},
                       denied=_("Only the staff of the office holding this request may handle it.")),
            Transition("ask", ("in_progress",), "waiting", action=HANDLE, stamp=("paused_at",),
                       required={"question": _("Say what the office needs from you.")},
                       denied=_("Only the staff of the office holding this request may handle it."),
                       notify=gettext_noop("The office needs more from you on request %(number)s (%(subject)s).")),
            Transition("resume", ("waiting",), "in_progress", action=RATE, accepts=("reason",),
                       denied=_("Only the requesting organisation may reply to the office's question."),
                       notify=gettext_noop("The requester replied on request %(number)s (%(subject)s).")),
            Transition("answer", ("assigned", "in_progress"), "answered", action=HANDLE, stamp=("answered_at",),
                       actor_field="answered_by", required={"answer": _("Write the answer.")},
                       denied=_("Only the staff of the office holding this request may handle it."),
                       notify=gettext_noop("Request %(number)s (%(subject)s) was answered.")),
            Transition("rate", ("answered",), "closed", action=RATE, stamp=("closed_at",),
                       required={"satisfaction": _("Say how satisfied you are.")}, accepts=("resolved", "rating_comment"),
                       denied=_("Only the requesting organisation rates the answer."),
                       notify=gettext_noop("Request %(number)s (%(subject)s) was rated and closed.")),
            Transition("reopen", ("answered", "closed"), "in_progress", action=RATE,
                       required={"reason": _("Say what is still unresolved.")},
                       denied=_("Only the requesting organisation may reopen its request."),
                       notify=gettext_noop("Request %(number)s (%(subject)s) was reopened.")),
            Transition("merge", ("assigned", "in_progress"), "merged", action=HANDLE, accepts=("duplicate_of",),
                       denied=_("Only the staff of the office holding this request may handle it.")),
        ),
    )

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def number(self) -> str:
        return f"SQ{self.filed_at:%Y}-{self.pk:06d}" if self.filed_at else f"SQ-{self.pk}"

    def recipients(self) -> list[object]:
        """The organisation's users and the holding office's staff (the actor is skipped by `notify`)."""
        from corridor.notifications.services import users_acting_for

        people = list(users_acting_for([self.organisation_id]))
        if self.office_id:
            people += list(self.office.staff.filter(is_active=True))  # type: ignore[union-attr]
        return people


class Routing(models.Model):
    """Each office a request was routed or transferred to: those offices' staff keep seeing it."""

    request = models.ForeignKey(EnterpriseRequest, on_delete=models.CASCADE, related_name="routings")
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+")
    by_rule = models.ForeignKey(RoutingRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    routed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    routed_at = models.DateTimeField(_("routed at"), auto_now_add=True)

    class Meta:
        ordering = ["routed_at", "id"]
        verbose_name = _("routing")
        verbose_name_plural = _("routings")
        constraints = [models.UniqueConstraint(fields=["request", "office"], name="channel_routing_once_per_office")]


# ---- notices ---------------------------------------------------------------------------------------------

class NoticeQuerySet(RestrictedQuerySet["Notice"]):
    """view: the sender, admins, and the users it was sent to (a receipt); send/receipts: the sender and admins."""

    actions = (VIEW, SEND, RECEIPTS)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        if not scope.is_authenticated:
            return NOTHING
        user_id = scope.user_id or 0
        sender = Q(sent_by_id=user_id)
        if action != VIEW:
            return sender
        return sender | Q(Exists(NoticeReceipt.objects.filter(notice=OuterRef("pk"), user_id=user_id)))


class Notice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")

    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    body_zh = models.TextField(_("text (Chinese)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to="channel/notices/%Y/", blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, on_delete=models.SET_NULL, related_name="+")
    sender_label = models.CharField(_("sender"), max_length=200, blank=True)
    regions = models.ManyToManyField(Region, verbose_name=_("regions"), blank=True, related_name="+")
    alliances = models.ManyToManyField("alliances.Alliance", verbose_name=_("alliances"), blank=True, related_name="+")
    segments = models.ManyToManyField("chains.Segment", verbose_name=_("chain segments"), blank=True, related_name="+")
    kinds = models.JSONField(_("organisation kinds"), default=list, blank=True)
    size_bands = models.JSONField(_("size bands"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.SENT)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    objects = NoticeQuerySet.as_manager()

    AUDITED_FIELDS = ("title_zh", "title_en", "body_zh", "body_en", "status")

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [models.CheckConstraint(condition=~Q(title_zh="") | ~Q(title_en=""), name="channel_notice_has_title")]

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")

    body = bilingual("body")


class NoticeReceipt(models.Model):
    """One per user a notice reached (for an organisation); `read_at` is the read receipt."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name_zh", "id"]
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="channel_receipt_once_per_user")]


# ---- regional targets -----------------------------------------------------------------------------------

class TargetQuerySet(RestrictedQuerySet["Target"]):
    """view: targets are public; manage: officers of the region (or above) and admins."""

    actions = (VIEW, MANAGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if action == VIEW or scope.is_admin:
            return ALL
        if not scope.officer_region_ids:
            return NOTHING
        return within_q("region", scope.officer_region_ids)


class Target(models.Model):
    """A regional target: a count over the registry (kind, size band, head enterprise, chain segment in the
    region) or a figure entered by hand, to reach by `due_on`; progress is kept as dated snapshots."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    goal = models.PositiveIntegerField(_("target value"))
    due_on = models.DateField(_("by"))
    kind = models.CharField(_("organisation kind"), max_length=16, choices=Organisation.Kind.choices, blank=True)
    size_bands = models.JSONField(_("size bands"), default=list, blank=True)
    head_enterprises_only = models.BooleanField(_("head enterprises only"), default=False)
    segment = models.ForeignKey("chains.Segment", verbose_name=_("chain segment"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    manual = models.BooleanField(_("entered by hand"), default=False)
    manual_value = models.PositiveIntegerField(_("current value (by hand)"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = TargetQuerySet.as_manager()

    AUDITED_FIELDS = ("title_zh", "title_en", "goal", "due_on", "kind", "size_bands", "head_enterprises_only", "manual", "manual_value")

    class Meta:
        ordering = ["region__code", "position", "id"]
        verbose_name = _("regional target")
        verbose_name_plural = _("regional targets")
        constraints = [
            models.CheckConstraint(condition=Q(goal__gt=0), name="channel_target_goal_positive"),
            models.UniqueConstraint(fields=["region", "title_zh"], name="channel_target_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")


class TargetSnapshot(models.Model):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="snapshots")
    taken_on = models.DateField(_("date"))
    value = models.PositiveIntegerField(_("value"))

    class Meta:
        ordering = ["target", "taken_on"]
        constraints = [models.UniqueConstraint(fields=["target", "taken_on"], name="channel_snapshot_once_a_day")]
