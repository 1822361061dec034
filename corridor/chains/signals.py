"""Organisation hooks: keep the segment counts and inferred tags in step with profile changes.

Handled here so the organisations app needs no knowledge of chains. Bulk writes (bulk_create,
queryset.update) send no signals: loaders that use them call `infer_tags` / `rebuild_counts`.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from corridor.chains import reports, services
from corridor.orgs.models import Organisation

TEXT_FIELDS = ("name_zh", "name_en", "description_zh", "description_en")


@receiver(pre_save, sender=Organisation, dispatch_uid="chains_org_before")
def remember_before(sender: Any, instance: Organisation, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        instance._chains_before = None  # type: ignore[attr-defined]
        return
    instance._chains_before = (  # type: ignore[attr-defined]
        Organisation.objects.filter(pk=instance.pk)
        .values("region_id", "city_id", "listed", "is_head_enterprise", *TEXT_FIELDS).first()
    )


@receiver(post_save, sender=Organisation, dispatch_uid="chains_org_after")
def follow_changes(sender: Any, instance: Organisation, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    reports.forget_totals()
    before = getattr(instance, "_chains_before", None)
    if before is not None:
        old = (before["region_id"], before["city_id"], before["listed"], before["is_head_enterprise"])
        new = services.place_of(instance)
        if old != new:
            services.move_counts(instance.pk, old, new)
    if created or before is None or any(before[f] != getattr(instance, f) for f in TEXT_FIELDS):
        services.reinfer_organisation(instance)


@receiver(pre_delete, sender=Organisation, dispatch_uid="chains_org_delete")
def forget_counts(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    reports.forget_totals()
    before = (
        Organisation.objects.filter(pk=instance.pk).values("region_id", "city_id", "listed", "is_head_enterprise").first()
    )
    if before is not None:
        old = (before["region_id"], before["city_id"], before["listed"], before["is_head_enterprise"])
        services.move_counts(instance.pk, old, (None, None, before["listed"], before["is_head_enterprise"]))
