"""Use cases of group standards and key brands: the only code that writes them.

Every state change goes through the kernel's workflow (`apply_transition`): access check, conditional
update, history, notifications. Ballots and drafts are numbered and counted under database constraints.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.alliances.models import Alliance, AllianceMembership
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import Actor
from corridor.core.errors import Conflict
from corridor.core.workflow import apply_transition, available_transitions
from corridor.notifications.services import notify, users_acting_for
from corridor.orgs.models import Organisation
from corridor.standards import ballots as arithmetic
from corridor.standards.clauses import FOREWORD, split_clauses
from corridor.standards.models import (
    COMMENT,
    DISPOSE,
    DRAFT,
    MANAGE,
    VIEW_DRAFTS,
    VOTE,
    Ballot,
    Comment,
    Committee,
    CommitteeSeat,
    Draft,
    Participant,
    PatentDeclaration,
    Position,
    Standard,
    Status,
    publication_number,
    seat_users,
    seats_of,
)
from corridor.standards.rnd_links import visible_rnd_projects

DRAFTABLE = (Status.INITIATED, Status.DRAFTING)
MAX_TEXT = 500_000


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    return value.strip() if isinstance(value, str) else ""


def committee_of(standard_or_alliance: Standard | Alliance | int) -> Committee | None:
    alliance_id = (standard_or_alliance if isinstance(standard_or_alliance, int)
                   else standard_or_alliance.alliance_id if isinstance(standard_or_alliance, Standard)
                   else standard_or_alliance.pk)
    return Committee.objects.filter(alliance_id=alliance_id).first()


# ---- committees ------------------------------------------------------------------------------------

@transaction.atomic
def set_up_committee(actor: Actor, alliance: Alliance, data: dict[str, Any]) -> Committee:
    """Create or change the alliance's standards committee (its secretariat, admins)."""
    if not access.is_secretariat_of(actor, alliance.pk):
        raise PermissionDenied(_("Only the alliance's secretariat may do this."))
    committee = committee_of(alliance) or Committee(alliance=alliance)
    before = audit.snapshot(committee) if committee.pk else None
    for name in ("code", "name_zh", "name_en"):
        if name in data:
            setattr(committee, name, _text(data, name).upper() if name == "code" else _text(data, name))
    for name in ("pass_share", "comment_days", "review_years", "options"):
        if name in data and data[name] not in (None, ""):
            setattr(committee, name, data[name])
    unknown = set(committee.options or []) - set(Committee.Option.values)
    if unknown:
        raise ValidationError({"options": _("Unknown option: %(names)s.") % {"names": ", ".join(sorted(map(str, unknown)))}})
    committee.full_clean(exclude=["alliance"], validate_unique=False)
    if Committee.objects.filter(code=committee.code).exclude(pk=committee.pk).exists():
        raise ValidationError({"code": _("Another alliance uses this code.")})
    committee.save()
    audit.record(actor, committee, ChangeRecord.Action.UPDATE if before else ChangeRecord.Action.CREATE,
                 before=before, after=audit.snapshot(committee))
    return committee


@transaction.atomic
def add_seat(actor: Actor, committee: Committee, organisation: Organisation | None = None, user: Any = None,
             role: str = CommitteeSeat.Role.MEMBER) -> CommitteeSeat:
    """A seat for a member organisation (its users vote for it) or, without one, for an individual expert."""
    if not access.is_secretariat_of(actor, committee.alliance_id):
        raise PermissionDenied(_("Only the alliance's secretariat may do this."))
    if organisation is None and user is None:
        raise ValidationError({"organisation": _("Choose the organisation (or the expert) holding the seat.")})
    if organisation is not None and not AllianceMembership.objects.filter(alliance_id=committee.alliance_id,
                                                                          organisation=organisation).exists():
        raise ValidationError({"organisation": _("Seats are for members of the alliance.")})
    key: dict[str, Any] = {"organisation": organisation} if organisation is not None else {"user": user, "organisation": None}
    seat, _created = CommitteeSeat.objects.update_or_create(committee=committee, **key, defaults={"role": role})
    return seat


def seat_of(user: Actor, standard: Standard) -> CommitteeSeat | None:
    """The seat `user` votes for on this standard's committee (their expert seat first, else their organisation's)."""
    uid = access.roles(user).user_id
    if uid is None:
        return None
    seats = seats_of(user).filter(committee__alliance_id=standard.alliance_id)
    return seats.filter(user_id=uid).first() or seats.order_by("pk").first()


# ---- proposals ---------------------------------------------------------------------------------------

def proposing_organisations(actor: Actor, alliance: Alliance | None = None) -> Any:
    """The actor's organisations that are members of an alliance (of `alliance`, when given)."""
    members = AllianceMembership.objects.filter(organisation_id__in=access.member_org_ids(actor))
    if alliance is not None:
        members = members.filter(alliance=alliance)
    return Organisation.objects.filter(pk__in=members.values("organisation_id")).order_by("name_zh")


def alliances_for_proposals(actor: Actor) -> Any:
    members = AllianceMembership.objects.filter(organisation_id__in=access.member_org_ids(actor))
    return Alliance.objects.filter(pk__in=members.values("alliance_id"), standards_committee__isnull=False)


@transaction.atomic
def propose(actor: Actor, alliance: Alliance, organisation: Organisation, data: dict[str, Any]) -> Standard:
    """A member organisation proposes a standard; it leads the drafting group unless it names another lead."""
    members = (AllianceMembership.objects.filter(alliance=alliance, organisation=organisation).exists() if access.is_admin(actor)
               else proposing_organisations(actor, alliance).filter(pk=organisation.pk).exists())
    if access.user_of(actor) is None or not members:
        raise PermissionDenied(_("Only members of the alliance may propose its standards, for their own organisation."))
    if committee_of(alliance) is None:
        raise ValidationError({"alliance": _("This alliance has no standards committee yet.")})
    errors: dict[str, str] = {}
    if not (_text(data, "title_zh") or _text(data, "title_en")):
        errors["title_zh"] = _("Give the title in Chinese or English.")
    if not (_text(data, "scope_zh") or _text(data, "scope_en")):
        errors["scope_zh"] = _("Say what the standard covers.")
    if not (_text(data, "rationale_zh") or _text(data, "rationale_en")):
        errors["rationale_zh"] = _("Say why the standard is needed.")
    for name, limit in (("title_zh", 200), ("title_en", 300)):
        if len(_text(data, name)) > limit:
            errors[name] = _("At most %(n)s characters.") % {"n": limit}
    others = [int(pk) for pk in data.get("drafting_orgs") or [] if str(pk).strip().isdigit()]
    if len(others) != len(data.get("drafting_orgs") or []):
        errors["drafting_orgs"] = _("Choose organisations from the list.")
    found = Organisation.objects.filter(pk__in=others)
    if found.count() != len(set(others)):
        errors["drafting_orgs"] = _("One of the drafting organisations does not exist.")
    try:
        linked = visible_rnd_projects(actor, data.get("rnd_projects"))
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        linked = []
    if errors:
        raise ValidationError(errors)
    standard = Standard.objects.create(
        alliance=alliance, proposer=access.user_of(actor), proposing_org=organisation,
        **{name: _text(data, name) for name in ("title_zh", "title_en", "scope_zh", "scope_en", "rationale_zh",
                                                 "rationale_en", "related_projects")},
    )
    Participant.objects.create(standard=standard, organisation=organisation, role=Participant.Role.LEAD)
    Participant.objects.bulk_create([Participant(standard=standard, organisation=org) for org in found
                                     if org.pk != organisation.pk])
    segments = data.get("segments") or []
    if segments:
        standard.segments.set(segments)
    if linked:
        standard.rnd_projects.set(linked)
    audit.record(actor, standard, ChangeRecord.Action.CREATE, after=audit.snapshot(standard))
    notify(users_acting_for((), [alliance.pk]), gettext_noop("A standard was proposed: “%(title)s”."),
           {"title": standard.title_zh or standard.title_en}, link=f"/standards/{standard.pk}/", actor=actor)
    return standard


@transaction.atomic
def add_participant(actor: Actor, standard: Standard, organisation: Organisation, role: str = Participant.Role.PARTICIPANT) -> Participant:
    access.require(actor, MANAGE, standard, _("Only the alliance's secretariat may do this."))
    if Participant.objects.filter(standard=standard, organisation=organisation).exists():
        raise Conflict({"organisation": _("%(org)s is already in the drafting group.") % {"org": organisation}})
    try:
        with transaction.atomic():
            return Participant.objects.create(standard=standard, organisation=organisation, role=role)
    except IntegrityError:
        raise Conflict({"role": _("The drafting group has a lead drafter already.")}) from None


# ---- ballots ------------------------------------------------------------------------------------------

def open_ballot(standard: Standard) -> Ballot | None:
    return Ballot.objects.filter(standard=standard, closed_at__isnull=True).first()


def _start_ballot(standard: Standard, kind: str, days: int = 14) -> Ballot:
    committee = committee_of(standard)
    if committee is None or not committee.seats.exists():
        raise ValidationError({"committee": _("The standards committee has no members to vote.")})
    try:
        with transaction.atomic():
            return Ballot.objects.create(standard=standard, kind=kind, share=committee.pass_share,
                                         closes_on=timezone.localdate() + datetime.timedelta(days=days))
    except IntegrityError:
        raise Conflict({"ballot": _("A ballot on this standard is open already.")}) from None


def excluded_orgs(standard: Standard, ballot: Ballot) -> set[int]:
    """Drafting organisations do not vote on the technical review of their own text."""
    if ballot.kind != Ballot.Kind.TECHNICAL:
        return set()
    return set(standard.participants.values_list("organisation_id", flat=True))


def tally_of(ballot: Ballot) -> arithmetic.Tally:
    seats = list(CommitteeSeat.objects.filter(committee__alliance_id=ballot.standard.alliance_id)
                 .values_list("pk", "organisation_id"))
    positions = dict(ballot.positions.values_list("seat_id", "value"))
    return arithmetic.tally(positions, seats, excluded_orgs(ballot.standard, ballot), ballot.share)


@transaction.atomic
def submit(actor: Actor, standard: Standard) -> Standard:
    """The secretariat puts a proposal to the committee's vote."""
    access.require(actor, MANAGE, standard, _("Only the alliance's secretariat may do this."))
    standard = apply_transition(actor, standard, "submit")
    _start_ballot(standard, Ballot.Kind.PROPOSAL)
    notify(seat_users(standard.alliance_id), gettext_noop("Your vote is needed on “%(title)s”."),
           {"title": standard.title_zh or standard.title_en}, link=f"/standards/{standard.pk}/", actor=actor)
    return standard


@transaction.atomic
def cast(actor: Actor, standard: Standard, value: str, comment: str = "") -> Position:
    """A committee member records (or changes) a position on the open ballot."""
    access.require(actor, VOTE, standard, _("Only members of the standards committee vote."))
    ballot = open_ballot(standard)
    if ballot is None:
        raise ValidationError({"value": _("No ballot is open on this standard.")})
    if value not in Position.Value.values:
        raise ValidationError({"value": _("Choose yes, yes with comments, no with reasons or abstain.")})
    comment = (comment or "").strip()
    if value in (Position.Value.NO, Position.Value.YES_COMMENTS) and not comment:
        raise ValidationError({"comment": _("Give your comments or reasons.")})
    seat = seat_of(actor, standard)
    assert seat is not None  # the VOTE rule is "holds a seat"
    if seat.organisation_id in excluded_orgs(standard, ballot):
        raise PermissionDenied(_("Drafting organisations do not vote on the technical review of their own standard."))
    position, _created = Position.objects.update_or_create(ballot=ballot, seat=seat, defaults={
        "value": value, "comment": comment, "cast_at": timezone.now(), "cast_by": access.user_of(actor)})
    return position


@transaction.atomic
def close_ballot(actor: Actor, standard: Standard) -> Ballot:
    """The secretariat closes the open ballot: its result moves the standard on (or back)."""
    access.require(actor, MANAGE, standard, _("Only the alliance's secretariat may do this."))
    ballot = open_ballot(standard)
    if ballot is None:
        raise ValidationError({"ballot": _("No ballot is open on this standard.")})
    count = tally_of(ballot)
    outcome = Ballot.Outcome.PASSED if count.passes else Ballot.Outcome.FAILED
    counts = {"eligible": count.eligible, "yes": count.yes, "yes_comments": count.yes_comments, "no": count.no,
              "abstain": count.abstain, "not_voted": count.not_voted, "percent": count.percent_in_favour}
    if not Ballot.objects.filter(pk=ballot.pk, closed_at__isnull=True).update(
            closed_at=timezone.now(), outcome=outcome, counts=counts):
        raise Conflict({"ballot": _("This ballot was closed already.")})
    ballot.refresh_from_db()
    summary = _("%(yes)s of %(voting)s voting in favour (%(percent)s%%), %(needed)s%% needed") % {
        "yes": count.in_favour, "voting": count.voting, "percent": count.percent_in_favour,
        "needed": round(float(ballot.share) * 100)}
    if ballot.kind == Ballot.Kind.PROPOSAL:
        if count.passes:
            apply_transition(actor, standard, "initiate")
        else:
            apply_transition(actor, standard, "reject", reason=_("The committee vote did not pass: %(s)s.") % {"s": summary})
    elif count.passes:
        apply_transition(actor, standard, "approve")
    else:
        apply_transition(actor, standard, "back_to_drafting",
                         reason=_("The technical review ballot did not pass: %(s)s.") % {"s": summary})
    standard.refresh_from_db()
    return ballot


# ---- drafts ---------------------------------------------------------------------------------------------

def _document_text(document: Any) -> str:
    name = (getattr(document, "name", "") or "").lower()
    if not name.endswith((".txt", ".md")):
        return ""
    raw = document.read()
    document.seek(0)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


@transaction.atomic
def upload_draft(actor: Actor, standard: Standard, text: str = "", change_summary_zh: str = "", change_summary_en: str = "",
                 document: Any = None) -> Draft:
    """The drafting group adds the next numbered draft (text with numbered clauses, or a .txt/.md document)."""
    access.require(actor, DRAFT, standard, _("Only the drafting group may upload drafts."))
    if standard.status not in DRAFTABLE:
        raise Conflict({"text": _("Drafts are uploaded while the standard is being drafted (it is %(state)s).")
                        % {"state": standard.get_status_display()}})
    text = (text or "").strip() or _document_text(document).strip()
    if not text:
        raise ValidationError({"text": _("Give the draft's text (or a .txt document), its clauses numbered 1, 2, 4.2 …")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("The text is longer than %(n)s characters.") % {"n": MAX_TEXT}})
    if not [c for c in split_clauses(text) if c.number != FOREWORD]:
        raise ValidationError({"text": _("No numbered clause found: start clauses on their own line with their number, e.g. “4.2 …”.")})
    number = (standard.drafts.aggregate(n=Max("number"))["n"] or 0) + 1
    if number > 1 and not (change_summary_zh.strip() or change_summary_en.strip()):
        raise ValidationError({"change_summary_zh": _("Say what changed since the previous draft.")})
    try:
        with transaction.atomic():
            draft = Draft.objects.create(standard=standard, number=number, text=text, created_by=access.user_of(actor),
                                         change_summary_zh=change_summary_zh.strip(), change_summary_en=change_summary_en.strip())
    except IntegrityError:
        raise Conflict({"text": _("Another draft was uploaded at the same time; reload and try again.")}) from None
    if document is not None:
        draft.document.save(getattr(document, "name", "draft"), File(document), save=True)
    if standard.status == Status.INITIATED:
        apply_transition(actor, standard, "start_drafting")
    audit.record(actor, standard, ChangeRecord.Action.UPDATE, note=f"draft v{number}")
    return draft


def latest_draft(standard: Standard) -> Draft | None:
    return standard.drafts.order_by("-number").first()


def comment_draft(standard: Standard) -> Draft | None:
    return standard.drafts.filter(for_comment=True).order_by("-number").first()


# ---- public comment -------------------------------------------------------------------------------------

@transaction.atomic
def open_comment(actor: Actor, standard: Standard, closes_on: datetime.date | None = None, public: bool = False) -> Standard:
    """The secretariat puts the latest draft out for public comment until `closes_on` (at least the committee's days)."""
    access.require(actor, MANAGE, standard, _("Only the alliance's secretariat may do this."))
    draft = latest_draft(standard)
    if draft is None:
        raise ValidationError({"closes_on": _("Upload a draft before opening the public comment.")})
    committee = committee_of(standard)
    days = committee.comment_days if committee else 30
    now = timezone.now()
    today = timezone.localdate()
    closes_on = closes_on or today + datetime.timedelta(days=days)
    if closes_on < today + datetime.timedelta(days=days):
        raise ValidationError({"closes_on": _("The public comment lasts at least %(n)s days: close it on %(day)s or later.")
                               % {"n": days, "day": (today + datetime.timedelta(days=days)).isoformat()}})
    closes_at = timezone.make_aware(datetime.datetime.combine(closes_on + datetime.timedelta(days=1), datetime.time()))
    standard = apply_transition(actor, standard, "open_comment", comment_opens_at=now, comment_closes_at=closes_at,
                                public_comment=bool(public))
    standard.drafts.update(for_comment=False)
    Draft.objects.filter(pk=draft.pk).update(for_comment=True)
    return standard


def commenting_organisation(actor: Actor, standard: Standard) -> Organisation | None:
    orgs = proposing_organisations(actor, standard.alliance)
    return orgs.first() or Organisation.objects.filter(pk__in=access.member_org_ids(actor)).order_by("name_zh").first()


@transaction.atomic
def add_comment(actor: Actor, standard: Standard, clause: str, text: str, proposal: str = "", language: str = "") -> Comment:
    """A comment on one clause of the draft out for comment, while the window is open."""
    if access.user_of(actor) is None:
        raise PermissionDenied(_("Sign in to comment."))
    if not access.may(actor, COMMENT, standard):
        if standard.status == Status.COMMENT and standard.comment_window_closed():
            raise Conflict({"text": _("The public comment closed on %(day)s.") % {"day": standard.comment_last_day}})
        raise PermissionDenied(_("This standard is not open for your comments."))
    draft = comment_draft(standard)
    assert draft is not None
    clause = (clause or "").strip()
    text = (text or "").strip()
    errors = {}
    if clause not in {c.number for c in draft.clauses()}:
        errors["clause"] = _("Choose a clause of draft v%(n)s.") % {"n": draft.number}
    if not text:
        errors["text"] = _("Write your comment.")
    elif len(text) > 5000:
        errors["text"] = _("At most %(n)s characters.") % {"n": 5000}
    if language and language not in Comment.Language.values:
        errors["language"] = _("Chinese or English.")
    if errors:
        raise ValidationError(errors)
    if not language:
        language = Comment.Language.ZH if any("\u4e00" <= ch <= "\u9fff" for ch in text) else Comment.Language.EN
    comment = Comment.objects.create(standard=standard, draft=draft, clause=clause, text=text,
                                     proposal=(proposal or "").strip(), language=language, author=access.user_of(actor),
                                     organisation=commenting_organisation(actor, standard))
    audit.record(actor, comment, ChangeRecord.Action.CREATE, after=audit.snapshot(comment))
    return comment


@transaction.atomic
def dispose(actor: Actor, comment: Comment, disposition: str, response: str = "") -> Comment:
    """After the window, the drafting group records what became of a comment (a reason unless accepted)."""
    access.require(actor, DISPOSE, comment, _("Only the drafting group disposes of comments."))
    standard = Standard.objects.get(pk=comment.standard_id)
    if not standard.comment_window_closed():
        raise Conflict({"disposition": _("Comments are disposed of after the public comment closes.")})
    if standard.status not in (Status.COMMENT, Status.DRAFTING):
        raise Conflict({"disposition": _("The comments of this standard can no longer be disposed of.")})
    response = (response or "").strip()
    if disposition not in (Comment.Disposition.ACCEPTED, Comment.Disposition.PARTLY, Comment.Disposition.NOT_ACCEPTED):
        raise ValidationError({"disposition": _("Choose accepted, partly accepted or not accepted.")})
    if disposition != Comment.Disposition.ACCEPTED and not response:
        raise ValidationError({"response": _("Give the reason: the commenter will read it.")})
    before = audit.snapshot(comment)
    comment.disposition, comment.response = disposition, response
    comment.disposed_by, comment.disposed_at = access.user_of(actor), timezone.now()
    comment.save(update_fields=["disposition", "response", "disposed_by", "disposed_at"])
    audit.record(actor, comment, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(comment))
    if comment.author is not None:
        notify([comment.author], gettext_noop("Your comment on clause %(clause)s of “%(title)s” was disposed of."),
               {"clause": comment.clause, "title": standard.title_zh or standard.title_en},
               link=f"/standards/{standard.pk}/comments/", actor=actor)
    return comment


def pending_dispositions(standard: Standard) -> int:
    return standard.comments.filter(disposition="").count()


# ---- review, approval, publication -----------------------------------------------------------------------

def _option_on(standard: Standard, name: str) -> bool:
    committee = committee_of(standard)
    return bool(committee and name in (committee.options or []))


@transaction.atomic
def start_review(actor: Actor, standard: Standard) -> Standard:
    access.require(actor, MANAGE, standard, _("Only the alliance's secretariat may do this."))
    if standard.status == Status.COMMENT:
        if not standard.comment_window_closed():
            raise Conflict({"status": _("The public comment is still open.")})
        if pending_dispositions(standard):
            raise Conflict({"status": _("%(n)s comment(s) still need a disposition.") % {"n": pending_dispositions(standard)}})
        name = "start_review"
    else:
        if not _option_on(standard, "skip_comment"):
            raise Conflict({"status": _("This committee's drafts go through public comment first.")})
        name = "skip_comment"
    standard = apply_transition(actor, standard, name)
    _start_ballot(standard, Ballot.Kind.TECHNICAL)
    voters = CommitteeSeat.objects.filter(committee__alliance_id=standard.alliance_id).exclude(
        organisation_id__in=standard.participants.values("organisation_id"))
    notify(seat_users(standard.alliance_id, voters), gettext_noop("Your vote is needed on “%(title)s”."),
           {"title": standard.title_zh or standard.title_en}, link=f"/standards/{standard.pk}/", actor=actor)
    return standard


def next_number(standard: Standard, year: int) -> int:
    used = Standard.objects.filter(alliance_id=standard.alliance_id, year=year).aggregate(n=Max("number"))["n"]
    return (used or 0) + 1


@transaction.atomic
def publish(actor: Actor, standard: Standard, number: int | None = None, pdf: Any = None,
            published_on: datetime.date | None = None) -> Standard:
    """Number and publish an approved standard: `T/<code> <number>—<year>`, unique in the alliance (the database says so)."""
    access.require(actor, MANAGE, standard, _("Only the alliance's secretariat may do this."))
    committee = committee_of(standard)
    if committee is None:
        raise ValidationError({"number": _("This alliance has no standards committee yet.")})
    year = (published_on or timezone.localdate()).year
    if number is not None and (not isinstance(number, int) or number < 1 or number > 999):
        raise ValidationError({"number": _("A number from 1 to 999.")})
    if pdf is not None and not (getattr(pdf, "name", "") or "").lower().endswith(".pdf"):
        raise ValidationError({"pdf": _("The final text is a PDF file.")})
    # A revision keeps its number with the new year (T/X 001—2025 revised is T/X 001—2030).
    chosen = number or standard.number or next_number(standard, year)
    code = publication_number(committee.code, chosen, year)
    review = (published_on or timezone.localdate()).replace(year=year + committee.review_years) if not (
        (published_on or timezone.localdate()).month == 2 and (published_on or timezone.localdate()).day == 29) else \
        datetime.date(year + committee.review_years, 3, 1)
    try:
        with transaction.atomic():
            standard = apply_transition(actor, standard, "publish", number=chosen, year=year, publication_number=code,
                                        next_review_on=review)
    except IntegrityError:
        raise Conflict({"number": _("%(code)s is already used by another standard of this alliance.") % {"code": code}}) from None
    final = latest_draft(standard)
    if final is not None:
        Draft.objects.filter(pk=final.pk).update(is_final=True)
    if pdf is not None:
        standard.final_pdf.save(f"{code.replace('/', '-').replace(' ', '_')}.pdf", File(pdf), save=True)
    return standard


@transaction.atomic
def take(actor: Actor, standard: Standard, name: str, **values: Any) -> Standard:
    """The other buttons: reject a proposal outright, send back to drafting, re-review, confirm, revise, withdraw."""
    if name in ("submit",):
        return submit(actor, standard)
    if name in ("start_review", "skip_comment"):
        return start_review(actor, standard)
    if name in Standard.AUTOMATIC_TRANSITIONS or name in FORM_TRANSITIONS:
        raise ValidationError({"status": _("This step is taken by its own form.")})
    if name in Standard.OPTIONAL_TRANSITIONS and not _option_on(standard, name):
        raise Conflict({"status": _("This committee does not allow that step.")})
    if name == "confirm":
        committee = committee_of(standard)
        today = timezone.localdate()
        values.setdefault("next_review_on", datetime.date(today.year + (committee.review_years if committee else 5), today.month,
                                                          min(today.day, 28)))
    if name == "skip_review":
        values = {}
    return apply_transition(actor, standard, name, **values)


def transitions_for(user: Actor, standard: Standard) -> list[str]:
    """The state buttons this user has on this standard (the committee's optional steps only where switched on)."""
    names = available_transitions(user, standard)
    committee = committee_of(standard)
    options = set(committee.options or []) if committee else set()
    return [n for n in names if n not in Standard.AUTOMATIC_TRANSITIONS and n not in FORM_TRANSITIONS
            and (n not in Standard.OPTIONAL_TRANSITIONS or n in options)]


# Steps with their own form and endpoint (a closing date; a number and the final PDF), not a plain button.
FORM_TRANSITIONS = frozenset({"open_comment", "publish"})


# ---- patents ----------------------------------------------------------------------------------------------

@transaction.atomic
def declare_patent(actor: Actor, standard: Standard, organisation: Organisation, data: dict[str, Any]) -> PatentDeclaration:
    if organisation.pk not in access.member_org_ids(actor) and not access.is_admin(actor):
        raise PermissionDenied(_("You declare patents for your own organisation."))
    if not Standard.objects.restrict(actor).filter(pk=standard.pk).exists():
        raise PermissionDenied(_("You may not do this."))
    errors = {}
    number, title = _text(data, "patent_number"), _text(data, "title")
    licensing = _text(data, "licensing")
    if not number:
        errors["patent_number"] = _("Give the patent number, e.g. ZL201810000000.1.")
    if not title:
        errors["title"] = _("Give the patent's title.")
    if licensing not in PatentDeclaration.Licensing.values:
        errors["licensing"] = _("Choose the licensing terms.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            found = PatentDeclaration.objects.create(standard=standard, organisation=organisation, patent_number=number,
                                                     title=title, clause=_text(data, "clause"), licensing=licensing,
                                                     declared_by=access.user_of(actor))
    except IntegrityError:
        raise Conflict({"patent_number": _("This patent is declared on this standard already.")}) from None
    return found


def visible_q_for_drafts(user: Actor) -> Q:
    return Q(pk__in=Standard.objects.restrict(user, VIEW_DRAFTS).values("pk"))


def find_organisation(actor: Actor, text: str, field: str) -> Organisation:
    """The organisation typed in a picker: its number (what the picker fills in) or its exact name, among those
    the actor may see. A ValidationError on `field` otherwise."""
    raw = (text or "").strip()
    known = Organisation.objects.restrict(actor)
    if raw.isdigit() and len(raw) < 18:
        found = list(known.filter(pk=int(raw))[:2])
    else:
        found = list(known.filter(Q(name_zh__iexact=raw) | Q(name_en__iexact=raw))[:2]) if raw else []
    if len(found) != 1:
        raise ValidationError({field: _("Pick one organisation from the list: %(text)s") % {"text": raw[:80] or "—"}})
    return found[0]


def standard_disposable(user: Actor, standard: Standard) -> bool:
    """May `user` dispose of this standard's comments now (the drafting group, after the window closed)?"""
    return (access.may(user, DRAFT, standard) or access.is_admin(user)) and standard.comment_window_closed() and \
        standard.status in (Status.COMMENT, Status.DRAFTING)
