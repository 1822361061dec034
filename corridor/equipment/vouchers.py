"""Use cases on innovation vouchers: programmes, grants and redemptions. The only code that writes them.

Money is taken with one conditional UPDATE (`SET x = x - amount WHERE x >= amount`): of two
concurrent redemptions against one balance, at most as many succeed as the balance covers, on
PostgreSQL and SQLite alike; the CHECK constraints (balance ≥ 0, unallocated ≥ 0) back that up.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import Actor
from corridor.core.errors import Conflict
from corridor.equipment.models import MANAGE, REDEEM, Booking, Redemption, Voucher, VoucherProgramme
from corridor.orgs.models import Organisation
from corridor.regions.models import Region, within_q

CENT = Decimal("0.01")


def money(value: Any, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter an amount in yuan, e.g. 1200.00.")}) from None
    if amount <= 0:
        raise ValidationError({field: _("The amount must be more than zero.")})
    return amount


def may_manage_programme(user: Actor, programme: VoucherProgramme) -> bool:
    return access.may(user, MANAGE, programme)


def _within(region: Region | None, allowed_ids: set[int]) -> bool:
    """Is `region` one of `allowed_ids` or inside one of them (district → city → province)?"""
    node = region
    while node is not None:
        if node.pk in allowed_ids:
            return True
        node = node.parent
    return False


def _org_region(org: Organisation) -> Region | None:
    return org.region or org.city


@transaction.atomic
def create_programme(actor: Actor, data: dict[str, Any]) -> VoucherProgramme:
    """A city officer creates a programme for their own region (or a district in it); admins for any."""
    issuer: Region = data["issuer"]
    officer_of = access.officer_region_ids(actor)
    if not (access.is_admin(actor) or Region.objects.filter(within_q("", officer_of), pk=issuer.pk).exists()):
        raise PermissionDenied(_("Only the issuing region's officers may create its voucher programmes."))
    budget = money(data.get("budget"), "budget")
    programme = VoucherProgramme(
        issuer=issuer, name_zh=data.get("name_zh", ""), name_en=data.get("name_en", ""), budget=budget,
        unallocated=budget, valid_from=data["valid_from"], valid_until=data["valid_until"],
        fee_share=Decimal(str(data.get("fee_share", "0.5"))),
    )
    programme.full_clean()
    programme.save()
    programme.holder_regions.set(data.get("holder_regions") or [issuer])
    programme.provider_regions.set(data.get("provider_regions") or [])
    audit.record(actor, programme, ChangeRecord.Action.CREATE)
    return programme


@transaction.atomic
def find_holder(actor: Actor, text: str) -> Organisation:
    """The organisation an officer means: its name (Chinese or English, as the picker offers it), its
    credit code or its number, among the organisations the officer may see (a hidden one reads as
    unknown, not forbidden). A ValidationError on `holder` when none or several match."""
    from django.db.models import Q

    from corridor.orgs import uscc

    raw = text.strip()
    known = Organisation.objects.restrict(actor)
    if raw.isdigit() and len(raw) < 18:
        found = list(known.filter(pk=int(raw))[:2])
    elif uscc.is_valid(raw):
        found = list(known.filter(uscc=uscc.normalize(raw))[:2])
    else:
        found = list(known.filter(Q(name_zh__iexact=raw) | Q(name_en__iexact=raw))[:2])
    if not found:
        raise ValidationError({"holder": _("No organisation with this name, credit code or number: %(text)s")
                               % {"text": raw}})
    if len(found) > 1:
        raise ValidationError({"holder": _("Several organisations have this name: enter its credit code instead.")})
    return found[0]


def vouchers_held(programme: VoucherProgramme, holder: Organisation) -> list[Voucher]:
    """What the organisation already holds of this programme (a second grant is asked about first)."""
    return list(programme.vouchers.filter(holder=holder).order_by("pk"))


SECOND_GRANT = "second_grant"


def grant_voucher(actor: Actor, programme: VoucherProgramme, holder: Organisation, amount: Any, *,
                  another: bool = True) -> Voucher:
    """Grant from the programme's budget; refused, with nothing changed, when the budget would go below zero.

    With `another=False` a holder that already has vouchers of the programme is refused (code SECOND_GRANT):
    most second grants made on the page are a slip (a double click, the wrong row), so it asks first."""
    if not may_manage_programme(actor, programme):
        raise PermissionDenied(_("Only the issuing region's officers may grant this programme's vouchers."))
    held = vouchers_held(programme, holder)
    if held and not another:
        from corridor.core.money import money_text

        raise ValidationError({"holder": ValidationError(_(
            "%(name)s already holds %(count)s voucher(s) of this programme (%(amount)s). Tick the box "
            "below to grant a further one.") % {"name": holder.name, "count": len(held),
                                                "amount": money_text(sum(v.amount for v in held))},
            code=SECOND_GRANT)})
    value = money(amount, "amount")
    holder_regions = set(programme.holder_regions.values_list("pk", flat=True))
    if not _within(_org_region(holder), holder_regions):
        raise ValidationError({"holder": _("This organisation is not located where the programme's holders must be.")})
    taken = VoucherProgramme.objects.filter(pk=programme.pk, unallocated__gte=value).update(
        unallocated=F("unallocated") - value
    )
    if not taken:
        programme.refresh_from_db()
        raise Conflict({"amount": _("Only %(left)s yuan of the programme's budget is left to grant.") % {
            "left": programme.unallocated}})
    voucher = Voucher.objects.create(programme=programme, holder=holder, amount=value, balance=value,
                                     granted_by=access.user_of(actor))
    audit.record(actor, voucher, ChangeRecord.Action.CREATE)
    return voucher


@transaction.atomic
def redeem(actor: Actor, voucher: Voucher, booking: Booking, amount: Any, *, contract_ref: str, receipt_ref: str,
           today: datetime.date | None = None) -> Redemption:
    """Pay part of a completed booking at an eligible provider with the holder's voucher."""
    access.require(actor, REDEEM, voucher, _("Only the voucher holder's staff may redeem it."))
    value = money(amount, "amount")
    errors: dict[str, str] = {}
    if not contract_ref.strip():
        errors["contract_ref"] = _("The contract reference is required.")
    if not receipt_ref.strip():
        errors["receipt_ref"] = _("The receipt (invoice) reference is required.")
    # One redemption of a booking at a time, so the share of its fee cannot be overpaid by a race.
    booking = Booking.objects.select_for_update().select_related("instrument__owner", "instrument__region").get(pk=booking.pk)
    programme = voucher.programme
    today = today or timezone.localdate()
    if booking.status != Booking.Status.COMPLETED:
        errors["booking"] = _("Only a completed booking can be paid with a voucher.")
    elif booking.organisation_id != voucher.holder_id:
        errors["booking"] = _("The booking was not made by the voucher's holder.")
    elif not programme.valid_from <= today <= programme.valid_until:
        errors["voucher"] = _("The programme is valid from %(start)s to %(end)s.") % {
            "start": programme.valid_from, "end": programme.valid_until}
    else:
        providers = set(programme.provider_regions.values_list("pk", flat=True))
        if not _within(booking.instrument.region, providers):
            errors["booking"] = _("The provider is not in a region where this programme's vouchers are accepted.")
    if errors:
        raise ValidationError(errors)
    if Redemption.objects.filter(voucher=voucher, booking=booking).exists():
        raise Conflict({"booking": _("This voucher has already paid for this booking.")})
    usage = booking.usage
    cap = (usage.fee * programme.fee_share).quantize(CENT)
    paid = (booking.redemptions.aggregate(total=Sum("amount"))["total"] or Decimal("0")).quantize(CENT)
    if paid + value > cap:
        raise ValidationError({"amount": _("A voucher may pay at most %(cap)s yuan of this booking (%(share)s%% of %(fee)s); %(paid)s is already paid.") % {
            "cap": cap, "share": f"{programme.fee_share * 100:.0f}", "fee": usage.fee, "paid": paid}})
    before = audit.snapshot(voucher)
    taken = Voucher.objects.filter(pk=voucher.pk, balance__gte=value).update(balance=F("balance") - value)
    if not taken:
        voucher.refresh_from_db()
        raise Conflict({"amount": _("The voucher's balance is %(balance)s yuan.") % {"balance": voucher.balance}})
    holder_region = _org_region(voucher.holder)
    redemption = Redemption.objects.create(
        voucher=voucher, booking=booking, amount=value, contract_ref=contract_ref.strip(), receipt_ref=receipt_ref.strip(),
        holder_city=holder_region.prefecture() if holder_region else None, provider=booking.instrument.owner,
        provider_city=booking.instrument.city, redeemed_by=access.user_of(actor),
    )
    voucher.refresh_from_db()
    audit.record(actor, voucher, ChangeRecord.Action.UPDATE, before=before)
    audit.record(actor, redemption, ChangeRecord.Action.CREATE)
    return redemption


def vouchers_for_booking(user: Actor, booking: Booking) -> list[Voucher]:
    """The user's vouchers that could pay for this booking (holder, validity and provider region match)."""
    if booking.status != Booking.Status.COMPLETED:
        return []
    today = timezone.localdate()
    candidates = Voucher.objects.restrict(user).filter(
        holder_id=booking.organisation_id, balance__gt=0,
        programme__valid_from__lte=today, programme__valid_until__gte=today,
    ).select_related("programme")
    region = booking.instrument.region
    out = []
    for voucher in candidates:
        providers = set(voucher.programme.provider_regions.values_list("pk", flat=True))
        if _within(region, providers):
            out.append(voucher)
    return out

