"""Use cases on organisations. The only code that writes Organisation rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from corridor.audit import services as audit
from corridor.audit.models import ChangeRecord
from corridor.core import events
from corridor.core.access import Actor
from corridor.core.errors import Conflict
from corridor.orgs import search_text, uscc
from corridor.orgs.address import region_code_from_address
from corridor.orgs.models import Industry, Organisation
from corridor.orgs.validators import validate_uscc
from corridor.regions.models import Region
from corridor.regions.services import hierarchy, region_by_code
from corridor.search.text import document_tokens

EDITABLE_FIELDS = (
    "name_zh", "name_en", "short_name", "aliases", "kind", "uscc", "address", "size_band", "is_head_enterprise",
    "description_zh", "description_en", "website", "founded_year", "listed", "contact_name", "contact_email",
    "contact_phone",
)


def search_haystack(org: Organisation) -> str:
    return search_text.build([org.name_zh, org.name_en, org.short_name, *(org.aliases or [])])


def search_tokens(org: Organisation) -> str:
    return document_tokens([org.name_zh, org.name_en, org.short_name, *(org.aliases or [])],
                           [org.description_zh, org.description_en])


def refresh_derived_fields(org: Organisation) -> None:
    """City, province and the search haystack and tokens follow from the region, the names and descriptions."""
    org.city, org.province = hierarchy(org.region)
    org.search_text = search_haystack(org)
    org.search_tokens = search_tokens(org)


def clean_uscc(raw: str | None) -> str | None:
    if raw is None or not str(raw).strip():
        return None
    try:
        validate_uscc(str(raw))
    except ValidationError as exc:
        raise ValidationError({"uscc": exc.messages}) from None
    return uscc.normalize(str(raw))


def region_from_address(address: str) -> Region | None:
    derived = region_code_from_address(address)
    if not derived:
        return None
    return Region.objects.filter(code=derived).select_related("parent__parent").first()


def _apply(org: Organisation, data: dict[str, Any]) -> list[int] | None:
    """Set fields from `data` on an unsaved copy; returns industry ids when `industries` is given."""
    unknown = set(data) - set(EDITABLE_FIELDS) - {"region", "industries"}
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be set.")})
    for name in EDITABLE_FIELDS:
        if name in data:
            value = data[name]
            if value is None and not getattr(Organisation._meta.get_field(name), "null", False):
                value = ""
            setattr(org, name, value)
    if "uscc" in data:
        org.uscc = clean_uscc(data["uscc"])
    if "aliases" in data:
        org.aliases = [a.strip() for a in (data["aliases"] or []) if a and a.strip()]
    if data.get("region"):
        org.region = region_by_code(data["region"])
    elif "region" in data or "address" in data:
        # No region given: take it from the address, as a secretariat would read it.
        org.region = region_from_address(org.address) or org.region
    refresh_derived_fields(org)
    try:
        org.full_clean(exclude=["search_text", "search_tokens", "region", "city", "province", "aliases", "uscc"], validate_unique=False)
    except ValidationError as exc:
        if "__all__" in exc.message_dict:
            raise ValidationError({"name_zh": _("An organisation needs a Chinese or an English name.")}) from None
        raise
    if "industries" not in data:
        return None
    slugs = sorted(set(data["industries"] or []))
    found = dict(Industry.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    missing = [s for s in slugs if s not in found]
    if missing:
        raise ValidationError({"industries": _("Unknown industry: %(slug)s") % {"slug": ", ".join(missing)}})
    return list(found.values())


def _save(org: Organisation) -> None:
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError:
        if org.uscc and Organisation.objects.filter(uscc=org.uscc).exclude(pk=org.pk).exists():
            raise Conflict({"uscc": _("Another organisation already has this credit code.")}) from None
        raise


@transaction.atomic
def create_organisation(actor: Actor, data: dict[str, Any], *, source_seed: str = "", is_synthetic: bool = False) -> Organisation:
    org = Organisation(source_seed=source_seed, is_synthetic=is_synthetic)
    data = {"region": None, **data}
    industry_ids = _apply(org, data)
    _save(org)
    if industry_ids is not None:
        org.industries.set(industry_ids)
    audit.record(actor, org, ChangeRecord.Action.CREATE)
    events.organisations_changed([org.pk])
    return org


def register_organisation(actor: Actor, data: dict[str, Any]) -> Organisation:
    """Create an organisation on a user's request (API): only platform admins may add profiles."""
    from corridor.accounts.scope import scope_of

    if not scope_of(actor).is_admin:
        raise PermissionDenied(_("Only platform administrators may add organisations."))
    return create_organisation(actor, data)


@transaction.atomic
def update_organisation(actor: Actor, org: Organisation, data: dict[str, Any]) -> Organisation:
    """Change an organisation the actor may edit; records before/after in its history."""
    if not Organisation.objects.restrict(actor, "change").filter(pk=org.pk).exists():
        raise PermissionDenied(_("You may not edit this organisation."))
    org = Organisation.objects.select_for_update().get(pk=org.pk)
    before = audit.snapshot(org)
    before_industries = sorted(org.industries.values_list("slug", flat=True))
    industry_ids = _apply(org, data)
    _save(org)
    after = audit.snapshot(org)
    if industry_ids is not None:
        org.industries.set(industry_ids)
        before["industries"] = before_industries
        after["industries"] = sorted(org.industries.values_list("slug", flat=True))
    audit.record(actor, org, ChangeRecord.Action.UPDATE, before=before, after=after)
    events.organisations_changed([org.pk])
    return org


def refresh_search_text(orgs: Iterable[Organisation]) -> int:
    """Recompute the search haystack and tokens (after a change in how they are built)."""
    batch = []
    for org in orgs:
        org.search_text = search_haystack(org)
        org.search_tokens = search_tokens(org)
        batch.append(org)
    Organisation.objects.bulk_update(batch, ["search_text", "search_tokens"], batch_size=1000)
    return len(batch)
