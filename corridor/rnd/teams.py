"""Joint R&D teams (consortia) proposed from overlaps: invitations answered on the kernel's workflow, then the
formed team's work packages, milestones (with the overdue reminders), shared instruments, agreement and outputs."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import Actor
from corridor.core.errors import Conflict
from corridor.core.workflow import apply_transition
from corridor.notifications.services import notify, users_acting_for
from corridor.orgs.models import Organisation
from corridor.rnd.engine import COMPLEMENTARY, OVERLAP
from corridor.rnd.models import (
    MANAGE,
    MARK,
    PROPOSE,
    JointTeam,
    Milestone,
    Output,
    Overlap,
    RDProject,
    TeamMember,
    WorkPackage,
)
from corridor.rnd.services import shared_alliances

MIN_TEAM = 2
"""A team forms when every invited organisation has answered and at least this many accepted."""


@transaction.atomic
def propose_team(actor: Actor, overlaps: Sequence[Overlap], *, title_zh: str = "", title_en: str = "",
                 objective: str = "", lead: Organisation | None = None) -> JointTeam:
    """A joint team from overlapping projects: each organisation is invited (the proposer's own accepts)."""
    if not overlaps:
        raise ValidationError({"overlaps": _("Choose at least one overlap.")})
    for overlap in overlaps:
        access.require(actor, PROPOSE, overlap, _("Only the parties and the alliance's secretariat may propose a team."))
    projects = {p.pk: p for o in overlaps for p in (o.project_a, o.project_b)}
    secretariat = all(access.may(actor, MARK, o) for o in overlaps)
    if not secretariat:
        visible = set(RDProject.objects.restrict(actor).filter(pk__in=projects).values_list("pk", flat=True))
        if set(projects) - visible:
            raise PermissionDenied(_("Only the secretariat can propose a team with a project you may not see."))
    for overlap in overlaps:
        if Overlap.Consent.DECLINED in (overlap.consent_a, overlap.consent_b):
            raise ValidationError({"overlaps": _("A party declined to be introduced: no team can be proposed with it.")})
        if Overlap.Consent.ASKED in (overlap.consent_a, overlap.consent_b):
            raise ValidationError({"overlaps": _("A party has not yet agreed to be introduced.")})
    title_zh, title_en = (title_zh or "").strip(), (title_en or "").strip()
    if not (title_zh or title_en):
        raise ValidationError({"title_zh": _("Give the team a title in Chinese or English.")})
    org_ids = sorted({p.organisation_id for p in projects.values()})
    if lead is not None and lead.pk not in org_ids:
        raise ValidationError({"lead": _("The lead must be one of the organisations of these projects.")})
    mine = access.member_org_ids(actor) & set(org_ids)
    proposer_org = min(mine) if mine and not secretariat else None
    lead_id = lead.pk if lead is not None else (proposer_org or org_ids[0])
    shared = shared_alliances(org_ids)
    managed = [a for a in shared if access.is_secretariat_of(actor, a)] if shared else []
    alliance_id = min(managed) if managed else (min(shared) if shared else None)
    team = JointTeam.objects.create(title_zh=title_zh, title_en=title_en, objective=(objective or "").strip(),
                                    alliance_id=alliance_id, lead_id=lead_id, proposed_by=access.user_of(actor))
    team.overlaps.set(overlaps)
    now = timezone.now()
    TeamMember.objects.bulk_create([
        TeamMember(team=team, organisation_id=org,
                   role=TeamMember.Role.LEAD if org == lead_id else TeamMember.Role.PARTICIPANT,
                   status=TeamMember.Status.ACCEPTED if org == proposer_org else TeamMember.Status.INVITED,
                   decided_at=now if org == proposer_org else None,
                   decided_by=access.user_of(actor) if org == proposer_org else None)
        for org in org_ids
    ])
    Overlap.objects.filter(pk__in=[o.pk for o in overlaps]).update(status=Overlap.Status.PROPOSED)
    audit.record(actor, team, ChangeRecord.Action.CREATE)
    invited = [org for org in org_ids if org != proposer_org]
    notify(users_acting_for(invited), gettext_noop("Your organisation is invited to join the joint R&D team “%(title)s”."),
           {"title": team.title}, link=f"/rnd/teams/{team.pk}/", actor=actor)
    return team


def _settle(actor: Actor, team: JointTeam) -> JointTeam:
    """Once every invitation is answered: formed with at least MIN_TEAM organisations, else not formed."""
    answers = list(team.members.values_list("status", flat=True))
    if TeamMember.Status.INVITED in answers or team.status != JointTeam.Status.PROPOSED:
        return team
    accepted = answers.count(TeamMember.Status.ACCEPTED)
    lead = team.members.filter(organisation_id=team.lead_id or 0, status=TeamMember.Status.ACCEPTED).first()
    if accepted >= MIN_TEAM and lead is None:  # the lead declined: the first to accept leads
        first = team.members.filter(status=TeamMember.Status.ACCEPTED).order_by("decided_at", "id").first()
        assert first is not None
        team.members.filter(pk=first.pk).update(role=TeamMember.Role.LEAD)
        JointTeam.objects.filter(pk=team.pk).update(lead_id=first.organisation_id)
        team.refresh_from_db()
    try:
        return apply_transition(actor, team, "form" if accepted >= MIN_TEAM else "fail", check_access=False)
    except Conflict:
        return team


def _answer(actor: Actor, member: TeamMember, name: str, **values: Any) -> TeamMember:
    with transaction.atomic():
        JointTeam.objects.select_for_update().filter(pk=member.team_id).first()  # one answer at a time per team
        apply_transition(actor, member, name, **values)
        _settle(actor, JointTeam.objects.get(pk=member.team_id))
    member.refresh_from_db()
    return member


def accept_invitation(actor: Actor, member: TeamMember, contribution: str = "") -> TeamMember:
    member = _answer(actor, member, "accept")
    if contribution.strip():
        TeamMember.objects.filter(pk=member.pk).update(contribution=contribution.strip()[:300])
        member.refresh_from_db()
    return member


def decline_invitation(actor: Actor, member: TeamMember, reason: str) -> TeamMember:
    return _answer(actor, member, "decline", reason=reason)


def _formed(team: JointTeam) -> None:
    if team.status != JointTeam.Status.FORMED:
        raise ValidationError({"team": _("The team is not formed yet.")})


def _participant(team: JointTeam, org: Organisation | None, field_name: str) -> Organisation:
    if org is None or not team.members.filter(organisation=org, status=TeamMember.Status.ACCEPTED).exists():
        raise ValidationError({field_name: _("Choose one of the team's organisations.")})
    return org


@transaction.atomic
def add_work_package(actor: Actor, team: JointTeam, title: str, owner: Organisation | None) -> WorkPackage:
    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    _formed(team)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give it a title.")})
    package = WorkPackage.objects.create(team=team, title=title.strip(), owner=_participant(team, owner, "owner"))
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before={}, after={"work_package": package.title},
                 note="work package")
    return package


@transaction.atomic
def add_milestone(actor: Actor, team: JointTeam, title: str, owner: Organisation | None, due_on: datetime.date | None,
                  work_package: WorkPackage | None = None) -> Milestone:
    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    _formed(team)
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Give it a title.")
    if due_on is None:
        errors["due_on"] = _("Give the due date.")
    if work_package is not None and work_package.team_id != team.pk:
        errors["work_package"] = _("Choose one of this team's work packages.")
    if errors:
        raise ValidationError(errors)
    assert due_on is not None
    milestone = Milestone.objects.create(team=team, title=title.strip(), owner=_participant(team, owner, "owner"),
                                         due_on=due_on, work_package=work_package)
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before={},
                 after={"milestone": milestone.title, "due_on": due_on.isoformat()}, note="milestone")
    notify(users_acting_for([milestone.owner_id]), gettext_noop("Milestone “%(title)s” of the joint R&D team “%(team)s” is due on %(due)s."),
           {"title": milestone.title, "team": team.title, "due": due_on.isoformat()}, link=f"/rnd/teams/{team.pk}/", actor=actor)
    return milestone


def may_report_on(actor: Actor, milestone: Milestone) -> bool:
    return access.may(actor, MANAGE, milestone.team) or access.is_member_of(actor, milestone.owner_id)


@transaction.atomic
def report_milestone(actor: Actor, milestone: Milestone, progress: str, done: bool) -> Milestone:
    if not may_report_on(actor, milestone):
        raise PermissionDenied(_("Only the milestone's owner, the lead and the secretariat may report on it."))
    before = {"progress": milestone.progress, "done_on": milestone.done_on.isoformat() if milestone.done_on else None}
    milestone.progress = (progress or "").strip()
    milestone.done_on = timezone.localdate() if done else None
    milestone.save(update_fields=["progress", "done_on"])
    audit.record(actor, milestone.team, ChangeRecord.Action.UPDATE, before=before,
                 after={"progress": milestone.progress, "done_on": milestone.done_on.isoformat() if milestone.done_on else None},
                 note=f"milestone {milestone.title}"[:300])
    return milestone


def remind_overdue(today: datetime.date | None = None) -> int:
    """Tell the owners of overdue milestones, at most once a week each; returns how many were told."""
    today = today or timezone.localdate()
    told = 0
    due = Milestone.objects.filter(done_on__isnull=True, due_on__lt=today, team__status=JointTeam.Status.FORMED).filter(
        Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - datetime.timedelta(days=7))).select_related("team")
    for milestone in due:
        with transaction.atomic():
            won = Milestone.objects.filter(pk=milestone.pk).filter(
                Q(reminded_on__isnull=True) | Q(reminded_on__lte=today - datetime.timedelta(days=7))
            ).update(reminded_on=today)
            if not won:
                continue
            notify(users_acting_for([milestone.owner_id], [milestone.team.alliance_id]),
                   gettext_noop("Milestone “%(title)s” of the joint R&D team “%(team)s” was due on %(due)s and is not done."),
                   {"title": milestone.title, "team": milestone.team.title, "due": milestone.due_on.isoformat()},
                   link=f"/rnd/teams/{milestone.team_id}/")
            told += 1
    return told


@transaction.atomic
def share_instrument(actor: Actor, team: JointTeam, instrument: Any) -> JointTeam:
    """An instrument the team's work uses, listed on the team's page with a link to it in the equipment area,
    where its bookings are made (under the equipment's own booking rules)."""
    from corridor.equipment.models import Instrument

    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    _formed(team)
    if instrument is None or not Instrument.objects.restrict(actor).filter(pk=instrument.pk, active=True).exists():
        raise ValidationError({"instrument": _("Choose a bookable instrument of the equipment area.")})
    if team.instruments.filter(pk=instrument.pk).exists():
        return team
    team.instruments.add(instrument)
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before={}, after={"instrument": str(instrument)[:200]},
                 note="instrument")
    return team


@transaction.atomic
def update_agreement(actor: Actor, team: JointTeam, data: dict[str, Any]) -> JointTeam:
    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    before = audit.snapshot(team)
    for name in ("ip_background", "ip_foreground", "agreement_document"):
        if name in data:
            setattr(team, name, str(data[name] or "").strip())
    if "agreement_signed_on" in data:
        team.agreement_signed_on = data["agreement_signed_on"] or None
    if team.agreement_signed_on and team.agreement_signed_on > timezone.localdate():
        raise ValidationError({"agreement_signed_on": _("The signing date cannot be in the future.")})
    team.save()
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(team), note="agreement")
    return team


@transaction.atomic
def add_output(actor: Actor, team: JointTeam, kind: str, title: str, reference: str = "",
               on: datetime.date | None = None) -> Output:
    access.require(actor, MANAGE, team, _("Only the lead and the secretariat may run the team."))
    _formed(team)
    if kind not in Output.Kind.values:
        raise ValidationError({"kind": _("Choose a patent, paper, standard or product.")})
    if not (title or "").strip():
        raise ValidationError({"title": _("Give it a title.")})
    output = Output.objects.create(team=team, kind=kind, title=title.strip(), reference=(reference or "").strip(), on=on)
    audit.record(actor, team, ChangeRecord.Action.UPDATE, before={}, after={"output": output.title}, note="output")
    return output


__all__ = ["COMPLEMENTARY", "OVERLAP"]
