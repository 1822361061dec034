"""Shared instruments, their bookings and usage, and cross-city innovation vouchers (F7).

Two invariants are the database's, not only Python's:
- no two active bookings of one instrument overlap: an exclusion constraint on PostgreSQL, triggers on
  SQLite (both created by migration 0002, see `overlap_guard.py`);
- no voucher balance and no programme budget goes below zero: CHECK constraints here, and the
  services take money with a conditional UPDATE (`... SET x = x - amount WHERE x >= amount`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from corridor.core import access
from corridor.core.access import ALL, CHANGE, NOTHING, VIEW, Actor, RestrictedQuerySet
from corridor.core.bilingual import BilingualNameMixin, bilingual
from corridor.core.workflow import Transition, Workflow
from corridor.orgs.models import Organisation
from corridor.regions.models import Park, Region, within_q

# Domain actions: the owner's staff decide on a booking (approve, reject, complete, no-show); either party
# cancels it; the holder's staff redeem a voucher; a programme's officers manage it (grant, settle).
DECIDE = "decide"
CANCEL = "cancel"
REDEEM = "redeem"
MANAGE = "manage"


class InstrumentQuerySet(RestrictedQuerySet["Instrument"]):
    """view: the catalogue is public; change (edit, retire): the owner organisation's staff and admins."""

    actions = (VIEW, CHANGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if action == VIEW or scope.is_admin:
            return ALL
        return Q(owner_id__in=scope.org_ids)


ZERO = Decimal("0")


class Instrument(BilingualNameMixin, models.Model):
    class Category(models.TextChoices):
        TESTING_CENTRE = "testing_centre", _("Accredited testing service")
        MECHANICAL = "mechanical", _("Mechanical and reducer test bench")
        MICROSCOPY = "microscopy", _("Electron microscopy (SEM/TEM)")
        DIFFRACTION = "diffraction", _("X-ray diffraction (XRD)")
        EMC = "emc", _("EMC chamber")
        SPECTROSCOPY = "spectroscopy", _("Spectroscopy and chemical analysis")
        ENVIRONMENTAL = "environmental", _("Environmental and reliability testing")
        METROLOGY = "metrology", _("Metrology and measurement")
        OTHER = "other", _("Other")

    class BookableBy(models.TextChoices):
        ANYONE = "anyone", _("Any organisation")
        ALLIANCE_MEMBERS = "alliance_members", _("Members of an alliance the owner belongs to")

    owner = models.ForeignKey(Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="instruments")
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    maker = models.CharField(_("maker"), max_length=120, blank=True)
    model_number = models.CharField(_("model"), max_length=120, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.OTHER)
    capabilities_zh = models.TextField(_("capabilities (Chinese)"), blank=True)
    capabilities_en = models.TextField(_("capabilities (English)"), blank=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    # Denormalised from `region` (its prefecture city) so that city filters and reports are one lookup.
    city = models.ForeignKey(Region, verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    park = models.ForeignKey(Park, verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    address = models.CharField(_("address"), max_length=300, blank=True)
    cma_certificate = models.CharField(_("CMA certificate number"), max_length=64, blank=True)
    cma_expires_on = models.DateField(_("CMA valid until"), null=True, blank=True)
    cnas_certificate = models.CharField(_("CNAS certificate number"), max_length=64, blank=True)
    cnas_expires_on = models.DateField(_("CNAS valid until"), null=True, blank=True)
    rate_per_hour = models.DecimalField(_("rate per hour (CNY)"), max_digits=14, decimal_places=2, default=ZERO, validators=[MinValueValidator(ZERO)])
    rate_per_sample = models.DecimalField(_("rate per sample (CNY)"), max_digits=14, decimal_places=2, default=ZERO, validators=[MinValueValidator(ZERO)])
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    opens_at = models.TimeField(_("opens at"), default=datetime.time(8, 30))
    closes_at = models.TimeField(_("closes at"), default=datetime.time(17, 30))
    open_days = models.CharField(
        _("open days"), max_length=7, default="12345", help_text=_("ISO weekdays, 1 = Monday … 7 = Sunday")
    )
    approval_required = models.BooleanField(_("approval required"), default=True)
    min_minutes = models.PositiveIntegerField(_("minimum duration (minutes)"), default=60)
    max_minutes = models.PositiveIntegerField(_("maximum duration (minutes)"), default=480)
    lead_hours = models.PositiveIntegerField(_("lead time (hours)"), default=24)
    monthly_quota_hours = models.PositiveIntegerField(
        _("monthly quota per organisation (hours)"), null=True, blank=True, help_text=_("Empty: no quota")
    )
    bookable_by = models.CharField(_("who may book"), max_length=20, choices=BookableBy.choices, default=BookableBy.ANYONE)
    active = models.BooleanField(_("bookable"), default=True)
    search_text = models.TextField(editable=False, default="")
    source = models.CharField(_("source"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["city__code", "name_zh", "id"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        indexes = [models.Index(fields=["city", "category"], name="instrument_city_category")]
        constraints = [
            models.CheckConstraint(condition=~Q(name_zh="") | ~Q(name_en=""), name="instrument_has_a_name"),
            models.CheckConstraint(condition=Q(opens_at__lt=models.F("closes_at")), name="instrument_opens_before_closing"),
            models.CheckConstraint(condition=Q(min_minutes__lte=models.F("max_minutes")), name="instrument_min_le_max"),
        ]

    AUDITED_FIELDS = (
        "owner_id", "name_zh", "name_en", "maker", "model_number", "category", "region_id", "address", "cma_certificate",
        "cma_expires_on", "cnas_certificate", "cnas_expires_on", "rate_per_hour", "rate_per_sample", "opens_at", "closes_at",
        "open_days", "approval_required", "min_minutes", "max_minutes", "lead_hours", "monthly_quota_hours", "bookable_by", "active",
    )

    capabilities = bilingual("capabilities")

    def accreditations(self, on: datetime.date | None = None) -> list[str]:
        """Accreditations valid on `on` (today by default)."""
        on = on or datetime.date.today()
        found = []
        for label, number, expires in (("CMA", self.cma_certificate, self.cma_expires_on), ("CNAS", self.cnas_certificate, self.cnas_expires_on)):
            if number and (expires is None or expires >= on):
                found.append(label)
        return found


class BookingQuerySet(RestrictedQuerySet["Booking"]):
    """view: the parties (booker and owner staff), officers whose vouchers paid for it, admins;
    decide: the owner's staff and admins; cancel: either party's staff and admins."""

    actions = (VIEW, DECIDE, CANCEL)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        owner = Q(instrument__owner_id__in=scope.org_ids)
        if action == DECIDE:
            return owner
        q = owner | Q(organisation_id__in=scope.org_ids)
        if action == VIEW and scope.officer_region_ids:
            paid = Redemption.objects.filter(booking=OuterRef("pk")).filter(
                programme_managed_q(scope.officer_region_ids, "voucher__programme__")
            )
            q |= Q(Exists(paid))
        return q

    def holding_slot(self) -> BookingQuerySet:
        return self.filter(status__in=Booking.HOLDING)


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("No-show")

    # Statuses that hold the slot: the database refuses two of these overlapping on one instrument.
    HOLDING = ("requested", "approved", "completed")

    instrument = models.ForeignKey(Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="bookings")
    organisation = models.ForeignKey(Organisation, verbose_name=_("booked for"), on_delete=models.PROTECT, related_name="bookings")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    series = models.UUIDField(_("series"), null=True, blank=True, help_text=_("Occurrences of one recurring request"))
    purpose = models.TextField(_("purpose"), blank=True)
    samples = models.PositiveIntegerField(_("samples"), default=0)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was rejected or cancelled"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [
            models.Index(fields=["instrument", "starts_at"], name="booking_instrument_start"),
            models.Index(fields=["organisation", "starts_at"], name="booking_org_start"),
        ]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start")]

    AUDITED_FIELDS = ("status", "reason", "decided_by_id", "purpose", "samples")

    WORKFLOW = Workflow(
        field="status",
        conflict=_("This booking is %(status)s; it cannot be changed that way."),
        transitions=(
            Transition("approve", ("requested",), "approved", action=DECIDE, stamp=("decided_at",), actor_field="decided_by",
                       denied=_("Only the instrument owner's staff may decide on this booking.")),
            Transition("reject", ("requested",), "rejected", action=DECIDE, stamp=("decided_at",), actor_field="decided_by",
                       required={"reason": _("Say why the booking is rejected.")},
                       denied=_("Only the instrument owner's staff may decide on this booking.")),
            Transition("cancel", ("requested", "approved"), "cancelled", action=CANCEL, stamp=("decided_at",), accepts=("reason",),
                       denied=_("Only the booker or the owner may cancel this booking.")),
            Transition("no_show", ("approved",), "no_show", action=DECIDE, stamp=("decided_at",),
                       denied=_("Only the instrument owner's staff may decide on this booking.")),
            # What was used (hours, samples) is recorded by the effect, with the fee at the instrument's rates.
            Transition("complete", ("approved",), "completed", action=DECIDE, stamp=("decided_at",),
                       params=("hours", "samples", "now"), guard=lambda actor, booking, values: _usage_guard(booking, values),
                       effect=lambda actor, booking, values: _record_usage(actor, booking, values),
                       denied=_("Only the instrument owner's staff may decide on this booking.")),
        ),
    )

    def __str__(self) -> str:
        return f"{self.instrument} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> Decimal:
        return Decimal((self.ends_at - self.starts_at).total_seconds()) / Decimal(3600)


def _usage_guard(booking: Booking, values: dict[str, Any]) -> None:
    from corridor.equipment import services

    services.check_usage(booking, values)


def _record_usage(actor: Actor, booking: Booking, values: dict[str, Any]) -> UsageRecord:
    from corridor.equipment import services

    return services.record_usage(actor, booking, values)


class UsageRecord(models.Model):
    """What was used, recorded by the owner at completion; the fee is what vouchers may pay part of."""

    booking = models.OneToOneField(Booking, verbose_name=_("booking"), on_delete=models.CASCADE, related_name="usage")
    hours = models.DecimalField(_("hours used"), max_digits=8, decimal_places=2, validators=[MinValueValidator(ZERO)])
    samples = models.PositiveIntegerField(_("samples tested"), default=0)
    fee = models.DecimalField(_("fee (CNY)"), max_digits=14, decimal_places=2)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("usage record")
        verbose_name_plural = _("usage records")
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0) & Q(fee__gte=0), name="usage_not_negative"),
        ]


def programme_managed_q(region_ids: frozenset[int] | set[int], prefix: str = "") -> Q:
    """Programmes issued by one of these regions or a district inside one of them."""
    # A programme is issued by a city or a district (never a province): two levels are enough, but the
    # one containment rule (`regions.within_q`) is used so that every "inside" reads the same.
    return within_q(f"{prefix}issuer", region_ids)


class VoucherProgrammeQuerySet(RestrictedQuerySet["VoucherProgramme"]):
    """view: programmes are public facts; manage (grant, settle, edit): officers of the issuing region
    (or of the city above the issuing district) and admins."""

    actions = (VIEW, MANAGE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if action == VIEW or scope.is_admin:
            return ALL
        if not scope.officer_region_ids:
            return NOTHING
        return programme_managed_q(scope.officer_region_ids)

    def managed_by(self, user: Actor) -> VoucherProgrammeQuerySet:
        """Former name of `restrict(user, "manage")`, kept while branches written against it land."""
        return self.restrict(user, MANAGE)


class VoucherProgramme(BilingualNameMixin, models.Model):
    """Innovation vouchers (创新券) issued by a city or district government."""

    issuer = models.ForeignKey(Region, verbose_name=_("issued by (region)"), on_delete=models.PROTECT, related_name="+")
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    budget = models.DecimalField(_("budget (CNY)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(ZERO)])
    # What is left to grant; only ever lowered by a conditional UPDATE, and CHECKed not negative.
    unallocated = models.DecimalField(_("not yet granted (CNY)"), max_digits=14, decimal_places=2)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    holder_regions = models.ManyToManyField(
        Region, verbose_name=_("eligible holders located in"), related_name="+",
        help_text=_("Organisations located in (or under) these regions may hold vouchers"),
    )
    provider_regions = models.ManyToManyField(
        Region, verbose_name=_("eligible provider regions"), related_name="+",
        help_text=_("Vouchers pay providers located in (or under) these regions"),
    )
    fee_share = models.DecimalField(
        _("share of the fee a voucher may cover"), max_digits=4, decimal_places=3,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("1"))],
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VoucherProgrammeQuerySet.as_manager()

    AUDITED_FIELDS = ("issuer_id", "name_zh", "name_en", "budget", "unallocated", "valid_from", "valid_until", "fee_share")

    class Meta:
        ordering = ["-valid_from", "id"]
        verbose_name = _("voucher programme")
        verbose_name_plural = _("voucher programmes")
        constraints = [
            models.CheckConstraint(condition=Q(unallocated__gte=0), name="programme_unallocated_not_negative"),
            models.CheckConstraint(condition=Q(unallocated__lte=models.F("budget")), name="programme_unallocated_within_budget"),
            models.CheckConstraint(condition=Q(fee_share__gt=0) & Q(fee_share__lte=1), name="programme_fee_share_0_1"),
            models.CheckConstraint(condition=Q(valid_from__lte=models.F("valid_until")), name="programme_valid_dates"),
        ]


class VoucherQuerySet(RestrictedQuerySet["Voucher"]):
    """view: the holder's staff, the officers who manage the programme, admins; redeem: the holder's staff, admins."""

    actions = (VIEW, REDEEM)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        q = Q(holder_id__in=scope.org_ids)
        if action == VIEW and scope.officer_region_ids:
            q |= programme_managed_q(scope.officer_region_ids, "programme__")
        return q


class Voucher(models.Model):
    programme = models.ForeignKey(VoucherProgramme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="vouchers")
    holder = models.ForeignKey(Organisation, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="vouchers")
    amount = models.DecimalField(_("amount granted (CNY)"), max_digits=14, decimal_places=2)
    # Only ever lowered by a conditional UPDATE, and CHECKed not negative.
    balance = models.DecimalField(_("balance (CNY)"), max_digits=14, decimal_places=2)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    objects = VoucherQuerySet.as_manager()

    AUDITED_FIELDS = ("programme_id", "holder_id", "amount", "balance")

    class Meta:
        ordering = ["-granted_at", "id"]
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="voucher_amount_positive"),
            models.CheckConstraint(condition=Q(balance__gte=0), name="voucher_balance_not_negative"),
            models.CheckConstraint(condition=Q(balance__lte=models.F("amount")), name="voucher_balance_within_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.holder}"


class Redemption(models.Model):
    """A voucher paying part of a completed booking's fee, with the contract and receipt as in practice."""

    voucher = models.ForeignKey(Voucher, verbose_name=_("voucher"), on_delete=models.PROTECT, related_name="redemptions")
    booking = models.ForeignKey(Booking, verbose_name=_("booking"), on_delete=models.PROTECT, related_name="redemptions")
    amount = models.DecimalField(_("amount (CNY)"), max_digits=14, decimal_places=2)
    contract_ref = models.CharField(_("contract reference"), max_length=64)
    receipt_ref = models.CharField(_("receipt (invoice) reference"), max_length=64)
    # Denormalised at redemption so that settlement between cities is a GROUP BY.
    holder_city = models.ForeignKey(Region, null=True, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    provider_city = models.ForeignKey(Region, null=True, on_delete=models.PROTECT, related_name="+")
    redeemed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    redeemed_at = models.DateTimeField(auto_now_add=True)

    AUDITED_FIELDS = ("voucher_id", "booking_id", "amount", "contract_ref", "receipt_ref")

    class Meta:
        ordering = ["redeemed_at", "id"]
        verbose_name = _("redemption")
        verbose_name_plural = _("redemptions")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="redemption_amount_positive"),
            models.CheckConstraint(condition=~Q(contract_ref="") & ~Q(receipt_ref=""), name="redemption_has_references"),
            models.UniqueConstraint(fields=["voucher", "booking"], name="redemption_once_per_voucher_booking"),
        ]
