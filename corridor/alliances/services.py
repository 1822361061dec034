"""Use cases on alliances: applications, memberships, declarations and their actions."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.accounts.scope import scope_of
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
from corridor.core.errors import Conflict
from corridor.orgs.models import Organisation

Status = MembershipApplication.Status


def is_secretariat(actor: Any, alliance: Alliance | int) -> bool:
    scope = scope_of(actor)
    alliance_id = alliance if isinstance(alliance, int) else alliance.pk
    return scope.is_admin or alliance_id in scope.secretariat_alliance_ids


def require_secretariat(actor: Any, alliance: Alliance | int) -> None:
    if not is_secretariat(actor, alliance):
        raise PermissionDenied(_("Only the alliance's secretariat may do this."))


@transaction.atomic
def apply_for_membership(actor: Any, alliance: Alliance, organisation: Organisation, message: str = "") -> MembershipApplication:
    if not Organisation.objects.editable_by(actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You may only apply for your own organisation."))
    if AllianceMembership.objects.filter(alliance=alliance, organisation=organisation).exists():
        raise Conflict({"alliance": _("%(org)s is already a member of %(alliance)s.") % {"org": organisation, "alliance": alliance}})
    try:
        with transaction.atomic():
            application = MembershipApplication.objects.create(
                alliance=alliance, organisation=organisation, applicant=actor, message=message.strip()
            )
    except IntegrityError:
        raise Conflict({"alliance": _("An application to this alliance is already pending.")}) from None
    audit.record(actor, application, ChangeRecord.Action.CREATE)
    return application


@transaction.atomic
def decide_application(
    actor: Any,
    application: MembershipApplication,
    *,
    approve: bool,
    reason: str = "",
    role: str = AllianceMembership.Role.MEMBER,
    batch: int | None = None,
) -> MembershipApplication:
    require_secretariat(actor, application.alliance_id)
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != Status.PENDING:
        raise Conflict({"status": _("This application has already been decided.")})
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Give a reason for the rejection: the applicant will read it.")})
    if role not in AllianceMembership.Role.values:
        raise ValidationError({"role": _("Unknown role %(role)s") % {"role": role}})
    before = audit.snapshot(application)
    application.status = Status.APPROVED if approve else Status.REJECTED
    application.reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    audit.record(actor, application, ChangeRecord.Action.UPDATE, before=before)
    if approve:
        add_membership(actor, application.alliance, application.organisation, role=role, batch=batch)
    return application


@transaction.atomic
def withdraw_application(actor: Any, application: MembershipApplication) -> MembershipApplication:
    if not Organisation.objects.editable_by(actor).filter(pk=application.organisation_id).exists():
        raise PermissionDenied(_("You may only withdraw your own organisation's application."))
    application = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != Status.PENDING:
        raise Conflict({"status": _("This application has already been decided.")})
    before = audit.snapshot(application)
    application.status = Status.WITHDRAWN
    application.save()
    audit.record(actor, application, ChangeRecord.Action.UPDATE, before=before)
    return application


def next_batch(alliance: Alliance) -> int:
    latest = alliance.memberships.order_by("-batch").values_list("batch", flat=True).first()
    return latest or 1


@transaction.atomic
def add_membership(
    actor: Any,
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
def change_membership(actor: Any, membership: AllianceMembership, *, role: str | None = None, batch: int | None = None) -> AllianceMembership:
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
def remove_membership(actor: Any, membership: AllianceMembership) -> None:
    require_secretariat(actor, membership.alliance_id)
    audit.record(actor, membership, ChangeRecord.Action.DELETE, before=audit.snapshot(membership), after={})
    membership.delete()


@transaction.atomic
def record_action(
    actor: Any,
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
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
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
def update_declaration(actor: Any, declaration: Declaration, data: dict[str, Any]) -> Declaration:
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
