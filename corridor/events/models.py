"""Events (F9): forums, lectures, salons, showcases, ceremonies, investment fairs, site visits and brokerage
days; their registrations with a waiting list and check-in; and 1:1 meetings scheduled without clashes.

Invariants the database holds, whatever the code path:
- places: `Event.taken <= capacity` and `RegistrationType.taken <= capacity` (CHECK); the services take a
  place with a conditional UPDATE (`… SET taken = taken + 1 WHERE taken < capacity`), so two concurrent
  registrations cannot both take the last place;
- one active registration per user and event (a partial unique index);
- check-in once (a conditional UPDATE on `checked_in_at IS NULL`);
- meetings: a participant sits once per slot (`MeetingSeat` unique on slot + registration, both sides of
  every meeting have a seat) and a table holds one meeting per slot (unique on slot + table).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from corridor.core import access
from corridor.core.access import ALL, VIEW, Actor, RestrictedQuerySet
from corridor.core.bilingual import bilingual, pick
from corridor.core.workflow import Transition, Workflow
from corridor.orgs.models import Organisation
from corridor.regions.models import Park, Region, within_q

MANAGE = "manage"  # organisers: edit, decide on registrations, check in, schedule meetings
DECIDE = "decide"
CANCEL = "cancel"
ANSWER = "answer"


def organiser_q(user: Actor, prefix: str = "") -> Q:
    """Events `user` organises: the alliance's secretariat, the organiser organisation's staff, officers of
    the event's region (or a region above it), admins."""
    scope = access.roles(user)
    if scope.is_admin:
        return ALL
    q = Q(**{f"{prefix}alliance_id__in": scope.secretariat_alliance_ids}) | Q(**{f"{prefix}organiser_id__in": scope.org_ids})
    if scope.officer_region_ids:
        q |= within_q(f"{prefix}region", scope.officer_region_ids)
    return q


def visible_q(user: Actor, prefix: str = "") -> Q:
    """Published (or cancelled) public events; members-only ones for member organisations of the alliance;
    every event to its organisers (drafts too)."""
    from corridor.alliances.models import AllianceMembership

    scope = access.roles(user)
    if scope.is_admin:
        return ALL
    shown = Q(**{f"{prefix}status__in": (Event.Status.PUBLISHED, Event.Status.CANCELLED)})
    q = shown & Q(**{f"{prefix}visibility": Event.Visibility.PUBLIC})
    if scope.org_ids:
        member = AllianceMembership.objects.filter(
            alliance_id=OuterRef(f"{prefix}alliance_id"), organisation_id__in=scope.org_ids
        )
        q |= shown & Q(**{f"{prefix}visibility": Event.Visibility.MEMBERS}) & Q(Exists(member))
    return q | organiser_q(user, prefix)


class EventQuerySet(RestrictedQuerySet["Event"]):
    """view: see `visible_q`; manage: see `organiser_q`."""

    actions = (VIEW, MANAGE)

    def rule(self, user: Actor, action: str) -> Q:
        return organiser_q(user) if action == MANAGE else visible_q(user)


def free_place_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}capacity__isnull": True}) | Q(**{f"{prefix}taken__lt": F(f"{prefix}capacity")})


class Event(models.Model):
    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        LECTURE = "lecture", _("Lecture")
        SALON = "salon", _("Project showcase salon")
        SHOWCASE = "showcase", _("Showcase")
        CEREMONY = "ceremony", _("Ceremony")
        INVESTMENT_FAIR = "investment_fair", _("Investment fair")
        SITE_VISIT = "site_visit", _("Site visit")
        BROKERAGE = "brokerage", _("Brokerage day (1:1 meetings)")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Alliance members only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.FORUM)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="events")
    organiser = models.ForeignKey(Organisation, verbose_name=_("organiser"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="organised_events")
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    park = models.ForeignKey(Park, verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit"))
    # Places held by pending and approved registrations; only changed by conditional UPDATEs.
    taken = models.PositiveIntegerField(_("places taken"), default=0, editable=False)
    approval_required = models.BooleanField(_("approval required"), default=False)
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)
    source = models.CharField(_("source"), max_length=64, blank=True)
    # Brokerage (1:1 meetings)
    meeting_tables = models.PositiveIntegerField(_("meeting tables"), default=0)
    max_meetings = models.PositiveIntegerField(_("maximum meetings per participant"), default=8)
    request_expiry_hours = models.PositiveIntegerField(_("unanswered requests expire after (hours)"), default=72)
    schedule_published_at = models.DateTimeField(_("agenda published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    AUDITED_FIELDS = (
        "kind", "title_zh", "title_en", "description_zh", "description_en", "alliance_id", "organiser_id", "region_id",
        "park_id", "address", "online_url", "starts_at", "ends_at", "capacity", "approval_required", "waiting_list",
        "registration_deadline", "visibility", "status", "meeting_tables", "max_meetings", "request_expiry_hours",
        "schedule_published_at",
    )

    WORKFLOW = Workflow(
        field="status",
        conflict=_("This event is %(status)s; it cannot be changed that way."),
        transitions=(
            Transition("publish", ("draft",), "published", action=MANAGE,
                       denied=_("Only the event's organisers may do this.")),
            Transition("cancel", ("draft", "published"), "cancelled", action=MANAGE,
                       denied=_("Only the event's organisers may do this.")),
        ),
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "starts_at"], name="event_status_start")]
        constraints = [
            models.CheckConstraint(condition=~Q(title_zh="") | ~Q(title_en=""), name="event_has_a_title"),
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(taken__lte=F("capacity")),
                                   name="event_taken_within_capacity"),
        ]

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")

    description = bilingual("description")

    @property
    def is_brokerage(self) -> bool:
        return self.kind == self.Kind.BROKERAGE

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)

    def registration_open(self, now: datetime.datetime) -> bool:
        if self.status != self.Status.PUBLISHED or now >= self.ends_at:
            return False
        return self.registration_deadline is None or now < self.registration_deadline


class Session(models.Model):
    """One item of the agenda."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=~Q(title_zh="") | ~Q(title_en=""), name="event_session_has_a_title"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_session_ends_after_start"),
        ]

    title = bilingual("title")


class RegistrationType(models.Model):
    """Enterprises, investors, institutes, government …: each with its own cap inside the event's capacity."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registration_types")
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("cap"), null=True, blank=True, help_text=_("Empty: no limit"))
    taken = models.PositiveIntegerField(_("places taken"), default=0, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("registration type")
        verbose_name_plural = _("registration types")
        constraints = [
            models.CheckConstraint(condition=~Q(name_zh="") | ~Q(name_en=""), name="registration_type_has_a_name"),
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(taken__lte=F("capacity")),
                                   name="registration_type_taken_within_cap"),
        ]

    def __str__(self) -> str:
        return self.name

    name = bilingual("name")

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


class RegistrationQuerySet(RestrictedQuerySet["Registration"]):
    """view and cancel: the registered user, their organisation's staff and the organisers; decide: organisers."""

    actions = (VIEW, DECIDE, CANCEL)

    def rule(self, user: Actor, action: str) -> Q:
        organisers = organiser_q(user, "event__")
        if action == DECIDE:
            return organisers
        scope = access.roles(user)
        own = Q(user_id=scope.user_id) if scope.user_id else Q(pk__in=[])
        return organisers | own | Q(organisation_id__in=scope.org_ids)


def _registration_recipients(registration: Registration) -> list[object]:
    user = registration.user
    return [user] if user is not None and user.is_active else []


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    HOLDING = ("pending", "approved")  # statuses that hold a place
    ACTIVE = ("pending", "approved", "waitlisted")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations")
    type = models.ForeignKey(RegistrationType, verbose_name=_("registration type"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="registrations")
    # Empty for a guest the organiser registered (an imported list, a participant without an account).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="event_registrations")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="event_registrations")
    name = models.CharField(_("name on the badge"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    code = models.CharField(_("check-in code"), max_length=12, unique=True)
    note = models.TextField(_("note to the organiser"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Brokerage profile
    profile_zh = models.TextField(_("what we offer and look for (Chinese)"), blank=True)
    profile_en = models.TextField(_("what we offer and look for (English)"), blank=True)
    available_from = models.DateTimeField(_("available for meetings from"), null=True, blank=True)
    available_until = models.DateTimeField(_("available for meetings until"), null=True, blank=True)
    max_meetings = models.PositiveIntegerField(_("maximum meetings"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    AUDITED_FIELDS = ("status", "type_id", "organisation_id", "name", "reason", "checked_in_at", "decided_by_id")

    _denied_decide = _("Only the event's organisers may decide on registrations.")
    WORKFLOW = Workflow(
        field="status",
        conflict=_("This registration is %(status)s; it cannot be changed that way."),
        transitions=(
            Transition("approve", ("pending",), "approved", action=DECIDE, stamp=("decided_at",),
                       actor_field="decided_by", denied=_denied_decide,
                       notify=gettext_noop("Your registration for %(event)s is confirmed.")),
            Transition("reject", ("pending",), "rejected", action=DECIDE, stamp=("decided_at",), actor_field="decided_by",
                       accepts=("reason",), denied=_denied_decide,
                       notify=gettext_noop("Your registration for %(event)s was not accepted.")),
            Transition("cancel", ("pending", "approved"), "cancelled", action=CANCEL, stamp=("decided_at",),
                       accepts=("reason",), denied=_("You may not cancel this registration."),
                       notify=gettext_noop("The registration for %(event)s was cancelled.")),
            Transition("leave_waiting_list", ("waitlisted",), "cancelled", action=CANCEL, stamp=("decided_at",),
                       accepts=("reason",), denied=_("You may not cancel this registration.")),
        ),
        recipients=_registration_recipients,
        params=lambda r: {"event": r.event.title},
        link=lambda r: f"/events/registrations/{r.pk}/",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event", "status", "created_at"], name="registration_event_status")]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], condition=Q(status__in=("pending", "approved", "waitlisted")),
                                    name="registration_once_per_user_and_event"),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"

    profile = bilingual("profile")

    @property
    def display_name(self) -> str:
        return f"{self.name} · {self.organisation}" if self.organisation_id else self.name


# ---- 1:1 meetings -------------------------------------------------------------------------------------

class MeetingSlot(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting_slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_slot_ends_after_start"),
            models.UniqueConstraint(fields=["event", "starts_at"], name="meeting_slot_once_per_start"),
        ]


class MeetingRequestQuerySet(RestrictedQuerySet["MeetingRequest"]):
    """view: both sides (their users and organisations' staff) and the organisers; answer: the invited side;
    cancel: the asking side."""

    actions = (VIEW, ANSWER, CANCEL)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL

        def side(prefix: str) -> Q:
            own = Q(**{f"{prefix}__user_id": scope.user_id}) if scope.user_id else Q(pk__in=[])
            return own | Q(**{f"{prefix}__organisation_id__in": scope.org_ids})

        if action == ANSWER:
            return side("invitee")
        if action == CANCEL:
            return side("requester")
        return side("requester") | side("invitee") | organiser_q(user, "event__")


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Withdrawn")

    class Priority(models.IntegerChoices):
        LOW = 1, _("Nice to meet")
        MEDIUM = 2, _("Want to meet")
        HIGH = 3, _("Must meet")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(Registration, verbose_name=_("from"), on_delete=models.CASCADE, related_name="+")
    invitee = models.ForeignKey(Registration, verbose_name=_("to"), on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), blank=True)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    expires_at = models.DateTimeField(_("expires at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingRequestQuerySet.as_manager()

    AUDITED_FIELDS = ("status", "priority")
    WORKFLOW = Workflow(
        field="status",
        conflict=_("This meeting request is %(status)s; it cannot be changed that way."),
        transitions=(
            Transition("accept", ("requested",), "accepted", action=ANSWER, stamp=("answered_at",),
                       denied=_("Only the invited participant may answer."),
                       notify=gettext_noop("%(who)s accepted your meeting request at %(event)s.")),
            Transition("decline", ("requested",), "declined", action=ANSWER, stamp=("answered_at",),
                       denied=_("Only the invited participant may answer."),
                       notify=gettext_noop("%(who)s declined your meeting request at %(event)s.")),
            Transition("withdraw", ("requested", "accepted"), "cancelled", action=CANCEL,
                       denied=_("Only the participant who asked may withdraw this request.")),
        ),
        recipients=lambda r: _registration_recipients(r.requester),
        params=lambda r: {"who": r.invitee.display_name, "event": r.event.title},
        link=lambda r: f"/events/{r.event_id}/meetings/",
    )

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(condition=~Q(requester=F("invitee")), name="meeting_request_two_sides"),
            models.UniqueConstraint(fields=["requester", "invitee"], condition=Q(status__in=("requested", "accepted")),
                                    name="meeting_request_once_per_pair"),
        ]


class Meeting(models.Model):
    """An accepted request placed in a slot at a table. Locked or published meetings never move."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, verbose_name=_("request"), on_delete=models.CASCADE,
                                   related_name="meeting")
    slot = models.ForeignKey(MeetingSlot, verbose_name=_("slot"), on_delete=models.PROTECT, related_name="meetings")
    table = models.PositiveIntegerField(_("table"))
    locked = models.BooleanField(_("locked"), default=False)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slot__starts_at", "table"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="meeting_one_per_table_and_slot"),
            models.CheckConstraint(condition=Q(table__gte=1), name="meeting_table_from_one"),
        ]


class MeetingSeat(models.Model):
    """One side of a meeting: the database refuses a participant twice in one slot, whichever side."""

    class Outcome(models.TextChoices):
        NONE = "none", _("No follow-up")
        INTEREST = "interest", _("Interest")
        AGREEMENT = "agreement", _("Agreement")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="seats")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, related_name="+")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="seats")
    # What this side says after the event.
    held = models.BooleanField(_("took place"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["slot", "registration"], name="meeting_seat_once_per_slot"),
            models.CheckConstraint(condition=Q(outcome="") | Q(held=True), name="meeting_seat_outcome_only_if_held"),
        ]


# ---- questions on the registration form ----------------------------------------------------------------

class Question(models.Model):
    """A question the organiser asks on the registration form: free text, one choice of a list, or yes/no."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YESNO = "yesno", _("Yes or no")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    label_zh = models.CharField(_("question (Chinese)"), max_length=200, blank=True)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    # One choice a line: "中文 | English".
    choices_text = models.TextField(_("choices"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(condition=~Q(label_zh="") | ~Q(label_en=""), name="event_question_has_a_label"),
        ]

    def __str__(self) -> str:
        return self.label

    label = bilingual("label")

    def options(self) -> list[tuple[str, str]]:
        """(value, label in the reader's language): the value is the choice's number, from 1."""
        out = []
        for number, line in enumerate([x for x in self.choices_text.splitlines() if x.strip()], start=1):
            zh, _bar, en = line.partition("|")
            out.append((str(number), pick(zh.strip(), en.strip())))
        return out

    def display(self, value: str) -> str:
        if self.kind == self.Kind.CHOICE:
            return dict(self.options()).get(value, value)
        if self.kind == self.Kind.YESNO:
            return str({"yes": _("Yes"), "no": _("No")}.get(value, value))
        return value


class Answer(models.Model):
    registration = models.ForeignKey(Registration, verbose_name=_("registration"), on_delete=models.CASCADE,
                                     related_name="answers")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE,
                                 related_name="answers")
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["question__position", "question_id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="event_answer_once_per_question"),
        ]

    @property
    def shown(self) -> str:
        return self.question.display(self.value)
