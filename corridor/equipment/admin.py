"""Admin for equipment and vouchers. Money moves only through the services: balances are read-only here."""

from typing import Any

from django.contrib import admin

from corridor.audit.admin_mixins import AuditedAdmin
from corridor.equipment.models import Booking, Instrument, Redemption, UsageRecord, Voucher, VoucherProgramme
from corridor.equipment.services import refresh_derived_fields


@admin.register(Instrument)
class InstrumentAdmin(AuditedAdmin):
    list_display = ("name_zh", "name_en", "owner", "city", "category", "rate_per_hour", "approval_required", "active")
    list_filter = ("category", "approval_required", "bookable_by", "active")
    search_fields = ("search_text",)
    raw_id_fields = ("owner", "region", "park")
    readonly_fields = ("city", "created_at")
    list_select_related = ("owner", "city")

    def before_save(self, obj: Any) -> None:
        refresh_derived_fields(obj)


class UsageInline(admin.StackedInline):
    model = UsageRecord
    extra = 0
    readonly_fields = ("hours", "samples", "fee", "recorded_by", "recorded_at")
    can_delete = False


@admin.register(Booking)
class BookingAdmin(AuditedAdmin):
    """Times and parties are fixed once requested; the overlap guard still applies to any status change."""

    list_display = ("id", "instrument", "organisation", "starts_at", "ends_at", "status")
    list_filter = ("status",)
    raw_id_fields = ("instrument", "organisation", "requested_by", "decided_by")
    readonly_fields = ("instrument", "organisation", "starts_at", "ends_at", "series", "created_at")
    inlines = [UsageInline]
    list_select_related = ("instrument", "organisation")


@admin.register(VoucherProgramme)
class VoucherProgrammeAdmin(AuditedAdmin):
    list_display = ("name_zh", "issuer", "budget", "unallocated", "valid_from", "valid_until", "fee_share")
    raw_id_fields = ("issuer",)
    filter_horizontal = ("holder_regions", "provider_regions")

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        # Once vouchers are granted from it, the budget only changes through the services.
        return ("budget", "unallocated") if obj is not None else ()

    def get_exclude(self, request: Any, obj: Any = None) -> Any:
        return () if obj is not None else ("unallocated",)

    def before_save(self, obj: Any) -> None:
        if obj.pk is None:
            obj.unallocated = obj.budget


@admin.register(Voucher)
class VoucherAdmin(AuditedAdmin):
    list_display = ("id", "programme", "holder", "amount", "balance", "granted_at")
    raw_id_fields = ("programme", "holder", "granted_by")
    readonly_fields = ("programme", "holder", "amount", "balance", "granted_by", "granted_at")

    def has_add_permission(self, request: Any) -> bool:
        return False  # grants come from a programme's budget, through the services


@admin.register(Redemption)
class RedemptionAdmin(admin.ModelAdmin):
    list_display = ("id", "voucher", "booking", "amount", "contract_ref", "receipt_ref", "provider_city", "redeemed_at")
    readonly_fields = [f.name for f in Redemption._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False
