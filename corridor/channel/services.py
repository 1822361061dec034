"""The channel's use cases: the only code that writes its rows.

Requests: `file_request` (validates, routes by the rules, computes the deadlines in working days),
then the workflow (`accept`, `transfer`, `ask`, `resume`, `answer`, `rate`, `reopen`, `merge`, `assign`),
`check_overdue` (reminders and escalation, run by `corridor channel overdue`), `rates` (the three rates).
Notices: `send_notice` (targeting → receipts), `open_notice` (the read receipt).
Targets: `target_value`, `snapshot_targets` (`corridor channel snapshot`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.alliances.models import Alliance, AllianceMembership
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.channel import workdays
from corridor.channel.models import (
    MANAGE,
    EnterpriseRequest,
    Notice,
    NoticeReceipt,
    Office,
    RequestType,
    Routing,
    RoutingRule,
    Target,
    TargetSnapshot,
)
from corridor.core import access
from corridor.core.access import Actor, user_of
from corridor.core.workflow import apply_transition
from corridor.notifications.services import notify
from corridor.orgs.models import Organisation
from corridor.regions.models import Region, within_q

# Working hours to first contact, working days to a progress report and to the answer.
DEADLINES: dict[tuple[str, str], tuple[float, int, int]] = {
    ("", "normal"): (1, 3, 5),
    ("", "urgent"): (1, 1, 2),
    ("land", "normal"): (1, 3, 10),
    ("approval", "normal"): (1, 3, 10),
}
REOPEN_DAYS = 30  # the requester may reopen a closed request within this many days
MAX_ATTACHMENT = 10 * 1024 * 1024
ATTACHMENT_TYPES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".png", ".jpg", ".jpeg", ".txt", ".zip")


# ---- deadlines --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Deadlines:
    contact: datetime.datetime
    progress: datetime.datetime
    answer: datetime.datetime
    note: str  # "" or the years the official calendar covers, when it did not cover the dates


def deadlines(filed_at: datetime.datetime, type: str, priority: str) -> Deadlines:
    """The three deadlines of a request filed at `filed_at`, counted on the official calendar.

    Past the years the calendar covers, weekdays count (and `note` names the years covered)."""
    hours, progress_days, answer_days = DEADLINES.get((type, priority)) or DEADLINES[("", priority)]
    local = timezone.localtime(filed_at)
    try:
        found = (workdays.add_working_hours(local, hours), workdays.add_working_days(local, progress_days),
                 workdays.add_working_days(local, answer_days))
        note = ""
    except workdays.OutsideCalendar as outside:
        found = (workdays.add_working_hours(local, hours, weekends_only=True),
                 workdays.add_working_days(local, progress_days, weekends_only=True),
                 workdays.add_working_days(local, answer_days, weekends_only=True))
        note = f"{outside.first}–{outside.last}"
    return Deadlines(*found, note=note)


def _shift(due: datetime.datetime | None, days: int) -> datetime.datetime | None:
    if due is None or days <= 0:
        return due
    try:
        return workdays.add_working_days(timezone.localtime(due), days)
    except workdays.OutsideCalendar:
        return workdays.add_working_days(timezone.localtime(due), days, weekends_only=True)


def _paused_working_days(since: datetime.datetime, until: datetime.datetime) -> int:
    first, last = timezone.localtime(since).date(), timezone.localtime(until).date()
    try:
        return workdays.working_days_between(first, last)
    except workdays.OutsideCalendar:
        return workdays.working_days_between(first, last, weekends_only=True)


# ---- routing ------------------------------------------------------------------------------------------------

def route(type: str, region: Region) -> RoutingRule | None:
    """The most specific rule: the region itself before its city and province; its type before "any type"."""
    chain: list[Region] = []
    current: Region | None = region
    while current is not None and len(chain) < 4:
        chain.append(current)
        current = current.parent
    rules = {(r.type, r.region_id): r for r in RoutingRule.objects.filter(region__in=chain, type__in=[type, ""]).select_related("office")}
    for place in chain:
        for kind in (type, ""):
            if (kind, place.pk) in rules:
                return rules[(kind, place.pk)]
    return None


def save_rule(actor: Actor, type: str, region: Region, office: Office) -> RoutingRule:
    if type and type not in RequestType.values:
        raise ValidationError({"type": _("Choose a request type.")})
    allowed = Office.objects.restrict(actor, MANAGE).filter(pk=office.pk).exists() and (
        access.is_admin(actor) or Region.objects.filter(within_q("", access.officer_region_ids(actor)), pk=region.pk).exists()
    )
    if not allowed:
        raise PermissionDenied(_("Only officers of the region and administrators maintain its routing rules."))
    with transaction.atomic():
        rule, created = RoutingRule.objects.update_or_create(type=type, region=region, defaults={"office": office})
        audit.record(actor, rule, ChangeRecord.Action.CREATE if created else ChangeRecord.Action.UPDATE,
                     after=audit.snapshot(rule, RoutingRule.AUDITED_FIELDS))
    return rule


def save_rule_by_code(actor: Actor, type: str, region_code: str, office: Office) -> RoutingRule:
    region = Region.objects.filter(code=region_code.strip()).first() if region_code.strip() else None
    if region is None:
        raise ValidationError({"region": _("Give the six-digit code of a known region (GB/T 2260).")})
    return save_rule(actor, type, region, office)


# ---- requests ------------------------------------------------------------------------------------------------

def _check_attachment(upload: UploadedFile | None, field: str = "attachment") -> None:
    if upload is None:
        return
    if upload.size and upload.size > MAX_ATTACHMENT:
        raise ValidationError({field: _("The attachment is larger than 10 MB.")})
    if PurePath(upload.name or "").suffix.lower() not in ATTACHMENT_TYPES:
        raise ValidationError({field: _("Attach a PDF, Word, Excel, image, text or zip file.")})


def file_request(actor: Actor, organisation: Organisation, data: dict[str, Any],
                 attachment: UploadedFile | None = None) -> EnterpriseRequest:
    """A member files a request for its organisation; a routing rule sends it to the office that owns it
    from then on (首接负责); without a rule it waits for an administrator to route it."""
    user = user_of(actor)
    if user is None or not (access.is_member_of(actor, organisation.pk) or access.is_admin(actor)):
        raise PermissionDenied(_("Only the organisation's users file requests for it."))
    errors: dict[str, str] = {}
    type_ = str(data.get("type") or "")
    if type_ not in RequestType.values:
        errors["type"] = _("Choose a request type.")
    region = data.get("region")
    if isinstance(region, str | int) and not isinstance(region, bool):
        region = Region.objects.filter(Q(code=str(region)) if isinstance(region, str) else Q(pk=region)).first()
    if not isinstance(region, Region):
        errors["region"] = _("Choose the region the request is about.")
    subject = str(data.get("subject") or "").strip()
    text = str(data.get("text") or "").strip()
    if not subject:
        errors["subject"] = _("Give the request a subject.")
    elif len(subject) > 200:
        errors["subject"] = _("Keep the subject under 200 characters.")
    if not text:
        errors["text"] = _("Say what you ask.")
    priority = str(data.get("priority") or EnterpriseRequest.Priority.NORMAL)
    if priority not in EnterpriseRequest.Priority.values:
        errors["priority"] = _("Choose a priority.")
    if errors:
        raise ValidationError(errors)
    _check_attachment(attachment)
    assert isinstance(region, Region)
    rule = route(type_, region)
    with transaction.atomic():
        req = EnterpriseRequest(
            organisation=organisation, filed_by=user, type=type_, region=region, subject=subject, text=text,
            is_public=bool(data.get("is_public", False)), priority=priority,
        )
        if attachment is not None:
            req.attachment = attachment  # type: ignore[assignment]
        if rule is not None:
            req.office = req.first_office = rule.office
            req.status = EnterpriseRequest.Status.ASSIGNED
        req.save()
        due = deadlines(req.filed_at, req.type, req.priority)
        EnterpriseRequest.objects.filter(pk=req.pk).update(
            contact_due=due.contact, progress_due=due.progress, answer_due=due.answer, deadline_note=due.note)
        req.refresh_from_db()
        audit.record(actor, req, ChangeRecord.Action.CREATE, after=audit.snapshot(req, EnterpriseRequest.AUDITED_FIELDS))
        if rule is not None:
            Routing.objects.create(request=req, office=rule.office, by_rule=rule)
            _tell_office(req, gettext_noop("New request %(number)s (%(subject)s) for your office."), actor)
        else:
            from django.contrib.auth import get_user_model

            admins = get_user_model().objects.filter(is_superuser=True, is_active=True)
            notify(admins, gettext_noop("Request %(number)s (%(subject)s) matches no routing rule: route it."),
                   {"number": req.number, "subject": req.subject}, link=_link(req), actor=actor)
    return req


def _link(req: EnterpriseRequest) -> str:
    return f"/channel/requests/{req.pk}/"


def _tell_office(req: EnterpriseRequest, message: str, actor: Actor, *, supervisor: bool = False) -> None:
    office = req.office
    if office is None:
        return
    people: list[Any] = list(office.staff.filter(is_active=True))
    if supervisor and office.supervisor is not None:
        people.append(office.supervisor)
    notify(people, message, {"number": req.number, "subject": req.subject}, link=_link(req), actor=actor)


def assign(actor: Actor, req: EnterpriseRequest, office: Office) -> EnterpriseRequest:
    """An administrator routes a request no rule covered; that office owns it from then on."""
    with transaction.atomic():
        apply_transition(actor, req, "assign", office=office, first_office=office)
        Routing.objects.get_or_create(request=req, office=office, defaults={"routed_by": user_of(actor)})
        _tell_office(req, gettext_noop("New request %(number)s (%(subject)s) for your office."), actor)
    return req


def accept(actor: Actor, req: EnterpriseRequest) -> EnterpriseRequest:
    return apply_transition(actor, req, "accept")


def transfer(actor: Actor, req: EnterpriseRequest, office: Office | None, reason: str) -> EnterpriseRequest:
    """The holding office hands the request to another office (with a reason); it stays visible to both."""
    if office is None:
        raise ValidationError({"office": _("Choose the office to transfer to.")})
    if office.pk == req.office_id:
        raise ValidationError({"office": _("The request is already with this office.")})
    with transaction.atomic():
        apply_transition(actor, req, "transfer", office=office, reason=reason)
        Routing.objects.get_or_create(request=req, office=office, defaults={"routed_by": user_of(actor), "reason": reason.strip()})
        _tell_office(req, gettext_noop("Request %(number)s (%(subject)s) was transferred to your office."), actor)
    return req


def ask(actor: Actor, req: EnterpriseRequest, question: str) -> EnterpriseRequest:
    """Waiting for the requester: the clock stops until they reply."""
    return apply_transition(actor, req, "ask", question=question)


def resume(actor: Actor, req: EnterpriseRequest, reply: str = "") -> EnterpriseRequest:
    """The requester replies: the deadlines move on by the working days spent waiting."""
    with transaction.atomic():
        paused_at = req.paused_at
        apply_transition(actor, req, "resume", reason=reply)
        if paused_at is not None:
            days = _paused_working_days(paused_at, timezone.now())
            EnterpriseRequest.objects.filter(pk=req.pk).update(
                progress_due=_shift(req.progress_due, days), answer_due=_shift(req.answer_due, days), paused_at=None)
            req.refresh_from_db()
    return req


def answer(actor: Actor, req: EnterpriseRequest, text: str) -> EnterpriseRequest:
    with transaction.atomic():
        first_contact = req.contacted_at is None
        apply_transition(actor, req, "answer", answer=text)
        if first_contact:  # answering is contact too
            EnterpriseRequest.objects.filter(pk=req.pk, contacted_at__isnull=True).update(contacted_at=req.answered_at)
            req.refresh_from_db()
    return req


def rate(actor: Actor, req: EnterpriseRequest, satisfaction: str, resolved: bool | None = True, comment: str = "") -> EnterpriseRequest:
    """The requester rates the answer and closes the request; "not resolved" counts against the resolution rate."""
    if satisfaction and satisfaction not in EnterpriseRequest.Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose satisfied, basically satisfied or dissatisfied.")})
    if resolved is None:
        raise ValidationError({"resolved": _("Say whether your problem was resolved.")})
    return apply_transition(actor, req, "rate", satisfaction=satisfaction, resolved=resolved, rating_comment=comment)


def reopen(actor: Actor, req: EnterpriseRequest, reason: str) -> EnterpriseRequest:
    if req.status == EnterpriseRequest.Status.CLOSED and req.closed_at and \
            timezone.now() - req.closed_at > datetime.timedelta(days=REOPEN_DAYS):
        raise ValidationError({"reason": _("A request can be reopened within %(days)s days of closing.") % {"days": REOPEN_DAYS}})
    with transaction.atomic():
        apply_transition(actor, req, "reopen", reason=reason)
        EnterpriseRequest.objects.filter(pk=req.pk).update(
            reopened_count=F("reopened_count") + 1, satisfaction="", resolved=None, closed_at=None, escalated_at=None)
        req.refresh_from_db()
    return req


def merge(actor: Actor, req: EnterpriseRequest, original: EnterpriseRequest | None) -> EnterpriseRequest:
    if original is None or original.pk == req.pk:
        raise ValidationError({"duplicate_of": _("Choose the request this one duplicates.")})
    if not access.may(actor, "handle", original):
        raise ValidationError({"duplicate_of": _("Choose the request this one duplicates.")})
    return apply_transition(actor, req, "merge", duplicate_of=original)


def overdue(qs: QuerySet[EnterpriseRequest], now: datetime.datetime | None = None) -> QuerySet[EnterpriseRequest]:
    """Open requests whose answer is late (the clock stops while waiting for the requester)."""
    return qs.filter(status__in=EnterpriseRequest.RUNNING, answer_due__lt=now or timezone.now())


def check_overdue(now: datetime.datetime | None = None) -> dict[str, int]:
    """Remind the office a working day before the answer is due; escalate to its supervisor once late.
    Each request is reminded once and escalated once (a conditional update: running twice tells no one twice)."""
    now = now or timezone.now()
    reminded = escalated = 0
    soon = EnterpriseRequest.objects.filter(status__in=EnterpriseRequest.RUNNING, reminded_at__isnull=True,
                                            answer_due__gte=now, answer_due__lt=now + datetime.timedelta(days=1))
    for req in soon.select_related("office"):
        with transaction.atomic():
            if EnterpriseRequest.objects.filter(pk=req.pk, reminded_at__isnull=True).update(reminded_at=now):
                _tell_office(req, gettext_noop("Request %(number)s (%(subject)s) is due within a working day."), None)
                reminded += 1
    for req in overdue(EnterpriseRequest.objects.filter(escalated_at__isnull=True), now).select_related("office"):
        with transaction.atomic():
            if EnterpriseRequest.objects.filter(pk=req.pk, escalated_at__isnull=True).update(escalated_at=now):
                _tell_office(req, gettext_noop("Request %(number)s (%(subject)s) is overdue and was escalated."), None,
                             supervisor=True)
                escalated += 1
    return {"reminded": reminded, "escalated": escalated}


@dataclass(frozen=True)
class Rates:
    requests: int
    due_for_response: int  # contacted, or past the contact deadline (still pending ones are not judged yet)
    responded_on_time: int
    answered_on_time: int
    rated: int
    resolved: int
    satisfied: int
    overdue: int

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    @property
    def response_rate(self) -> float | None:
        return self._share(self.responded_on_time, self.due_for_response)

    @property
    def resolution_rate(self) -> float | None:
        return self._share(self.resolved, self.rated)

    @property
    def satisfaction_rate(self) -> float | None:
        return self._share(self.satisfied, self.rated)


def rates(qs: QuerySet[EnterpriseRequest], now: datetime.datetime | None = None) -> Rates:
    """The three rates (接诉即办): response on time (first contact by its deadline, out of the routed requests
    contacted or past their contact deadline), resolution and satisfaction (out of the rated ones)."""
    now = now or timezone.now()
    routed = qs.exclude(status__in=("received", "merged"))
    rated = routed.exclude(satisfaction="")
    return Rates(
        requests=routed.count(),
        due_for_response=routed.filter(Q(contacted_at__isnull=False) | Q(contact_due__lt=now)).count(),
        responded_on_time=routed.filter(contacted_at__isnull=False, contacted_at__lte=F("contact_due")).count(),
        answered_on_time=routed.filter(answered_at__isnull=False, answered_at__lte=F("answer_due")).count(),
        rated=rated.count(),
        resolved=rated.filter(resolved=True).count(),
        satisfied=rated.filter(satisfaction__in=EnterpriseRequest.SATISFIED_VALUES).count(),
        overdue=overdue(routed, now).count(),
    )


def offices_reported_to(actor: Actor) -> QuerySet[Office]:
    """Offices whose rates `actor` sees: their own offices' staff, officers of the region, admins."""
    user = user_of(actor)
    if user is None:
        return Office.objects.none()
    managed = Office.objects.restrict(actor, MANAGE).values("pk")
    return Office.objects.filter(Q(pk__in=managed) | Q(staff=user)).distinct().select_related("region")


def offices_of(actor: Actor) -> QuerySet[Office]:
    user = user_of(actor)
    return Office.objects.filter(staff=user) if user is not None else Office.objects.none()


def period_of(requests: QuerySet[EnterpriseRequest], start: datetime.date | None, end: datetime.date | None) -> QuerySet[EnterpriseRequest]:
    if start:
        requests = requests.filter(filed_at__date__gte=start)
    if end:
        requests = requests.filter(filed_at__date__lte=end)
    return requests


# ---- notices ---------------------------------------------------------------------------------------------------

def audience(regions: list[Region], alliances: list[Alliance], segments: list[Any], kinds: list[str],
             size_bands: list[str]) -> QuerySet[Organisation]:
    """Organisations a notice reaches: every criterion given narrows (regions include what lies inside them)."""
    orgs = Organisation.objects.all()
    if regions:
        orgs = orgs.filter(within_q("region", [r.pk for r in regions], ancestors=("city", "province")))
    if alliances:
        orgs = orgs.filter(pk__in=AllianceMembership.objects.filter(alliance__in=alliances).values("organisation_id"))
    if segments:
        from corridor.chains.models import SegmentTag

        orgs = orgs.filter(pk__in=SegmentTag.objects.filter(segment__in=segments).exclude(status="rejected").values("organisation_id"))
    if kinds:
        orgs = orgs.filter(kind__in=kinds)
    if size_bands:
        orgs = orgs.filter(size_band__in=size_bands)
    return orgs


def send_notice(actor: Actor, data: dict[str, Any], attachment: UploadedFile | None = None) -> Notice:
    """A city officer (to organisations in their regions), a secretariat (to its alliances' members) or an
    admin sends a notice; each user of a reached organisation gets it in the app (and by e-mail if chosen)."""
    user = user_of(actor)
    if user is None:
        raise PermissionDenied(_("Sign in to send a notice."))
    regions = list(data.get("regions") or [])
    alliances = list(data.get("alliances") or [])
    segments = list(data.get("segments") or [])
    kinds = [k for k in data.get("kinds") or [] if k]
    size_bands = [s for s in data.get("size_bands") or [] if s]
    errors: dict[str, str] = {}
    title_zh, title_en = str(data.get("title_zh") or "").strip(), str(data.get("title_en") or "").strip()
    body_zh, body_en = str(data.get("body_zh") or "").strip(), str(data.get("body_en") or "").strip()
    if not title_zh and not title_en:
        errors["title_zh"] = _("Give the notice a title in Chinese or English.")
    if not body_zh and not body_en:
        errors["body_zh"] = _("Write the notice in Chinese or English.")
    if set(kinds) - set(Organisation.Kind.values):
        errors["kinds"] = _("Choose organisation kinds from the list.")
    if set(size_bands) - set(Organisation.SizeBand.values):
        errors["size_bands"] = _("Choose size bands from the list.")
    if errors:
        raise ValidationError(errors)
    _check_attachment(attachment)
    if not access.is_admin(actor):
        officer_of = access.officer_region_ids(actor)
        secretariat_of = access.secretariat_alliance_ids(actor)
        officer_ok = bool(officer_of) and bool(regions) and all(
            Region.objects.filter(within_q("", officer_of), pk=r.pk).exists() for r in regions)
        secretariat_ok = bool(secretariat_of) and bool(alliances) and all(a.pk in secretariat_of for a in alliances)
        if not (officer_ok or secretariat_ok):
            raise PermissionDenied(_("City officers send notices to their own regions, secretariats to their own alliances' members."))
    label = str(data.get("sender_label") or "")
    if not label and not access.is_admin(actor):  # who speaks: the officer's region or the secretariat's alliance
        officer_of = access.officer_region_ids(actor)
        speaker: Any = (Region.objects.filter(pk__in=officer_of).order_by("code").first() if officer_of
                        else Alliance.objects.filter(pk__in=access.secretariat_alliance_ids(actor)).first())
        label = speaker.name if speaker is not None else ""
    with transaction.atomic():
        notice = Notice.objects.create(
            title_zh=title_zh, title_en=title_en, body_zh=body_zh, body_en=body_en, sent_by=user,
            sender_label=label[:200], kinds=kinds, size_bands=size_bands,
            is_synthetic=bool(data.get("is_synthetic", False)),
        )
        if attachment is not None:
            notice.attachment = attachment  # type: ignore[assignment]
            notice.save(update_fields=["attachment"])
        notice.regions.set(regions)
        notice.alliances.set(alliances)
        notice.segments.set(segments)
        from corridor.accounts.models import RoleGrant

        orgs = audience(regions, alliances, segments, kinds, size_bands).values("pk")
        grants = RoleGrant.objects.filter(role=RoleGrant.Role.MEMBER, organisation_id__in=orgs, user__is_active=True)
        reached: dict[int, int] = {}
        for user_id, org_id in grants.order_by("organisation_id").values_list("user_id", "organisation_id"):
            reached.setdefault(user_id, org_id)
        NoticeReceipt.objects.bulk_create([NoticeReceipt(notice=notice, user_id=u, organisation_id=o) for u, o in reached.items()])
        from django.contrib.auth import get_user_model

        readers = get_user_model().objects.filter(pk__in=list(reached))
        notify(readers, gettext_noop("New notice: %(title)s"), {"title": notice.title_zh or notice.title_en},
               link=f"/channel/notices/{notice.pk}/", actor=actor)
        audit.record(actor, notice, ChangeRecord.Action.CREATE, after=audit.snapshot(notice, Notice.AUDITED_FIELDS))
    return notice


def open_notice(actor: Actor, notice: Notice) -> None:
    """The reader's receipt: the first time a recipient opens the notice."""
    user = user_of(actor)
    if user is not None:
        NoticeReceipt.objects.filter(notice=notice, user=user, read_at__isnull=True).update(read_at=timezone.now())


# ---- targets ----------------------------------------------------------------------------------------------------

def target_value(target: Target) -> int:
    """The current figure: entered by hand, or counted over the registry's listed organisations."""
    if target.manual:
        return target.manual_value or 0
    orgs = Organisation.objects.filter(listed=True).filter(within_q("region", target.region_id, ancestors=("city", "province")))
    if target.kind:
        orgs = orgs.filter(kind=target.kind)
    if target.size_bands:
        orgs = orgs.filter(size_band__in=target.size_bands)
    if target.head_enterprises_only:
        orgs = orgs.filter(is_head_enterprise=True)
    if target.segment_id:
        from corridor.chains.models import SegmentTag

        orgs = orgs.filter(pk__in=SegmentTag.objects.filter(segment_id=target.segment_id).exclude(status="rejected").values("organisation_id"))
    return orgs.count()


def snapshot_targets(on: datetime.date | None = None, targets: QuerySet[Target] | None = None) -> int:
    """Keep today's (or `on`'s) figure of every target; running twice the same day keeps one snapshot."""
    on = on or timezone.localdate()
    count = 0
    for target in (targets if targets is not None else Target.objects.all()):
        TargetSnapshot.objects.update_or_create(target=target, taken_on=on, defaults={"value": target_value(target)})
        count += 1
    return count


def create_target(actor: Actor, data: dict[str, Any]) -> Target:
    """A region sets itself a target: officers for their regions (and what lies inside them), admins anywhere."""
    region = data.get("region")
    errors: dict[str, str] = {}
    if not isinstance(region, Region):
        errors["region"] = _("Choose the region the target is for.")
    title_zh, title_en = str(data.get("title_zh") or "").strip(), str(data.get("title_en") or "").strip()
    if not title_zh:
        errors["title_zh"] = _("Give the target a Chinese title.")
    goal = data.get("goal")
    if not isinstance(goal, int) or goal <= 0:
        errors["goal"] = _("Give a target value above 0.")
    if not isinstance(data.get("due_on"), datetime.date):
        errors["due_on"] = _("Give the date as YYYY-MM-DD.")
    kind = str(data.get("kind") or "")
    if kind and kind not in Organisation.Kind.values:
        errors["kind"] = _("Choose organisation kinds from the list.")
    size_bands = [b for b in data.get("size_bands") or [] if b]
    if set(size_bands) - set(Organisation.SizeBand.values):
        errors["size_bands"] = _("Choose size bands from the list.")
    if errors:
        raise ValidationError(errors)
    assert isinstance(region, Region) and isinstance(goal, int)
    if not access.is_admin(actor) and not Region.objects.filter(within_q("", access.officer_region_ids(actor)), pk=region.pk).exists():
        raise PermissionDenied(_("Only officers of the region and administrators update its targets."))
    if Target.objects.filter(region=region, title_zh=title_zh).exists():
        raise ValidationError({"title_zh": _("This region already has a target with this title.")})
    manual = bool(data.get("manual"))
    with transaction.atomic():
        target = Target.objects.create(
            region=region, title_zh=title_zh, title_en=title_en, goal=goal, due_on=data["due_on"], kind=kind,
            size_bands=size_bands, head_enterprises_only=bool(data.get("head_enterprises_only")), manual=manual,
            manual_value=0 if manual else None, position=Target.objects.filter(region=region).count(),
        )
        audit.record(actor, target, ChangeRecord.Action.CREATE, after=audit.snapshot(target, Target.AUDITED_FIELDS))
        snapshot_targets(targets=Target.objects.filter(pk=target.pk))
    return target


def set_manual_value(actor: Actor, target: Target, value: int) -> Target:
    access.require(actor, MANAGE, target, _("Only officers of the region and administrators update its targets."))
    if not target.manual:
        raise ValidationError({"manual_value": _("This target is counted from the registry.")})
    if value < 0:
        raise ValidationError({"manual_value": _("Give a number of 0 or more.")})
    with transaction.atomic():
        before = audit.snapshot(target, Target.AUDITED_FIELDS)
        Target.objects.filter(pk=target.pk).update(manual_value=value)
        target.refresh_from_db()
        audit.record(actor, target, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(target, Target.AUDITED_FIELDS))
    return target
