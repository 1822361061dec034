"""Key brands of an alliance's members: recognised and revoked by the secretariat."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from corridor.alliances.models import Alliance, AllianceMembership
from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import access
from corridor.core.access import Actor
from corridor.core.errors import Conflict
from corridor.orgs.models import Organisation
from corridor.standards.models import MANAGE, Brand
from corridor.standards.services import _text


@transaction.atomic
def recognise_brand(actor: Actor, alliance: Alliance, holder: Organisation | None, data: dict[str, Any]) -> Brand:
    """The secretariat records a key brand of a member: name, category, certificate, validity."""
    if not access.is_secretariat_of(actor, alliance.pk):
        raise PermissionDenied(_("Only the alliance's secretariat may do this."))
    errors: dict[str, str] = {}
    if holder is None or not AllianceMembership.objects.filter(alliance=alliance, organisation=holder).exists():
        errors["holder"] = _("The holder must be a member of the alliance.")
    if not (_text(data, "name_zh") or _text(data, "name_en")):
        errors["name_zh"] = _("Give the brand's name.")
    if not _text(data, "certificate"):
        errors["certificate"] = _("Give the certificate number.")
    category = _text(data, "category") or Brand.Category.PRODUCT
    if category not in Brand.Category.values:
        errors["category"] = _("Choose a category.")
    valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
    if not isinstance(valid_from, datetime.date):
        errors["valid_from"] = _("Give a date (YYYY-MM-DD).")
    if not isinstance(valid_until, datetime.date):
        errors["valid_until"] = _("Give a date (YYYY-MM-DD).")
    elif isinstance(valid_from, datetime.date) and valid_until < valid_from:
        errors["valid_until"] = _("The validity ends after it starts.")
    if errors:
        raise ValidationError(errors)
    assert holder is not None and isinstance(valid_from, datetime.date) and isinstance(valid_until, datetime.date)
    try:
        with transaction.atomic():
            brand = Brand.objects.create(alliance=alliance, holder=holder, category=category, valid_from=valid_from,
                                         valid_until=valid_until, is_synthetic=bool(data.get("is_synthetic")),
                                         **{n: _text(data, n) for n in ("name_zh", "name_en", "products_zh", "products_en",
                                                                        "certificate")})
    except IntegrityError:
        raise Conflict({"certificate": _("This certificate number is recorded already.")}) from None
    audit.record(actor, brand, ChangeRecord.Action.CREATE, after=audit.snapshot(brand))
    return brand


@transaction.atomic
def revoke_brand(actor: Actor, brand: Brand) -> Brand:
    access.require(actor, MANAGE, brand, _("Only the alliance's secretariat may do this."))
    before = audit.snapshot(brand)
    Brand.objects.filter(pk=brand.pk).update(revoked=True)
    brand.refresh_from_db()
    audit.record(actor, brand, ChangeRecord.Action.UPDATE, before=before, after=audit.snapshot(brand))
    return brand
