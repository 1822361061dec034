"""Use cases on alliances: applications, memberships, declarations and their actions."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.alliances.models import (
    Alliance,
    AllianceMembership,
    Commitment,
    CommitmentAction,
    Declaration,
    MembershipApplication,
)
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import Actor
from corridor.core.errors import Conflict
from corridor.core.workflow import apply_transition
from corridor.orgs.models import Organisation

Status = MembershipApplication.Status


def is_secretariat(actor: Actor, alliance: Alliance | int) -> bool:
    return access.is_secretariat_of(actor, alliance if isinstance(alliance, int) else alliance.pk)


def require_secretariat(actor: Actor, alliance: Alliance | int) -> None:
    if not is_secretariat(actor, alliance):
        raise PermissionDenied(_("Only the alliance's secretariat may do this."))


@transaction.atomic
def apply_for_membership(actor: Actor, alliance: Alliance, organisation: Organisation, message: str = "") -> MembershipApplication:
    if not Organisation.objects.restrict(actor, "change").filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You may only apply for your own organisation."))
    if AllianceMembership.objects.filter(alliance=alliance, organisation=organisation).exists():
        raise Conflict({"alliance": _("%(org)s is already a member of %(alliance)s.") % {"org": organisation, "alliance": alliance}})
    try:
        with transaction.atomic():
            application = MembershipApplication.objects.create(
                alliance=alliance, organisation=organisation, applicant=access.user_of(actor), message=message.strip()
            )
    except IntegrityError:
        raise Conflict({"alliance": _("An application to this alliance is already pending.")}) from None
    audit.record(actor, application, ChangeRecord.Action.CREATE)
    return application


@transaction.atomic
def decide_application(
    actor: Actor,
    application: MembershipApplication,
    *,
    approve: bool,
    reason: str = "",
    role: str = AllianceMembership.Role.MEMBER,
    batch: int | None = None,
) -> MembershipApplication:
    """Approve (the organisation becomes a member) or reject with a reason: `MembershipApplication.WORKFLOW`."""
    require_secretariat(actor, application.alliance_id)
    if role not in AllianceMembership.Role.values:
        raise ValidationError({"role": _("Unknown role %(role)s") % {"role": role}})
    application = apply_transition(actor, application, "approve" if approve else "reject", reason=reason)
    if approve:
        add_membership(actor, application.alliance, application.organisation, role=role, batch=batch)
    return application


def withdraw_application(actor: Actor, application: MembershipApplication) -> MembershipApplication:
    return apply_transition(actor, application, "withdraw")


def next_batch(alliance: Alliance) -> int:
    latest = alliance.memberships.order_by("-batch").values_list("batch", flat=True).first()
    return latest or 1


@transaction.atomic
def add_membership(
    actor: Actor,
    alliance: Alliance,
    organisation: Organisation,
    *,
    role: str = AllianceMembership.Role.MEMBER,
    batch: int | None = None,
    joined_on: datetime.date | None = None,
    is_synthetic: bool = False,
) -> AllianceMembership:
    require_secretariat(actor, alliance)
    try:
        with transaction.atomic():
            membership = AllianceMembership.objects.create(
                alliance=alliance,
                organisation=organisation,
                role=role,
                batch=batch or next_batch(alliance),
                joined_on=joined_on or timezone.localdate(),
                is_synthetic=is_synthetic,
            )
    except IntegrityError:
        raise Conflict(
            {"organisation": _("%(org)s is already a member of %(alliance)s.") % {"org": organisation, "alliance": alliance}}
        ) from None
    audit.record(actor, membership, ChangeRecord.Action.CREATE)
    return membership


@transaction.atomic
def change_membership(actor: Actor, membership: AllianceMembership, *, role: str | None = None, batch: int | None = None) -> AllianceMembership:
    require_secretariat(actor, membership.alliance_id)
    membership = AllianceMembership.objects.select_for_update().get(pk=membership.pk)
    before = audit.snapshot(membership)
    if role is not None:
        if role not in AllianceMembership.Role.values:
            raise ValidationError({"role": _("Unknown role %(role)s") % {"role": role}})
        membership.role = role
    if batch is not None:
        if batch < 1:
            raise ValidationError({"batch": _("The batch is a number from 1.")})
        membership.batch = batch
    membership.save()
    audit.record(actor, membership, ChangeRecord.Action.UPDATE, before=before)
    return membership


@transaction.atomic
def remove_membership(actor: Actor, membership: AllianceMembership) -> None:
    require_secretariat(actor, membership.alliance_id)
    audit.record(actor, membership, ChangeRecord.Action.DELETE, before=audit.snapshot(membership), after={})
    membership.delete()


@transaction.atomic
def record_action(
    actor: Actor,
    commitment: Commitment,
    *,
    taken_on: datetime.date,
    description: str,
    organisation: Organisation | None = None,
    is_synthetic: bool = False,
) -> CommitmentAction:
    declaration = commitment.declaration
    require_secretariat(actor, declaration.alliance_id)
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Say what was done.")})
    if taken_on > timezone.localdate():
        raise ValidationError({"taken_on": _("An action cannot be dated in the future.")})
    action = CommitmentAction.objects.create(
        commitment=commitment,
        taken_on=taken_on,
        description=description,
        organisation=organisation,
        recorded_by=access.user_of(actor),
        is_synthetic=is_synthetic,
    )
    audit.record(actor, action, ChangeRecord.Action.CREATE)
    audit.record(
        actor,
        declaration,
        ChangeRecord.Action.UPDATE,
        before={},
        after={"action": f"{commitment.title}: {description}"[:300], "taken_on": taken_on.isoformat()},
        note=_("Action recorded"),
    )
    return action


@transaction.atomic
def update_declaration(actor: Actor, declaration: Declaration, data: dict[str, Any]) -> Declaration:
    require_secretariat(actor, declaration.alliance_id)
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    before = audit.snapshot(declaration)
    for name in ("title_zh", "title_en", "summary_zh", "summary_en", "issued_on"):
        if name in data:
            setattr(declaration, name, data[name])
    declaration.full_clean()
    declaration.save()
    audit.record(actor, declaration, ChangeRecord.Action.UPDATE, before=before)
    return declaration
