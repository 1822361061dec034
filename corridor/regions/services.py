from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from corridor.regions.models import Corridor, Region, within_q


def region_by_code(code: str, field: str = "region") -> Region:
    try:
        return Region.objects.select_related("parent__parent").get(code=str(code).strip())
    except Region.DoesNotExist:
        raise ValidationError({field: _("Unknown region code %(code)s") % {"code": code}}) from None


def hierarchy(region: Region | None) -> tuple[Region | None, Region | None]:
    """(prefecture city, province) for a region."""
    if region is None:
        return None, None
    return region.prefecture(), region.province()


# The provinces loaded by default: the Yangtze River Delta and Beijing–Tianjin–Hebei.
DEFAULT_PROVINCES = frozenset({"31", "32", "33", "34", "11", "12", "13"})


def load_regions(province_prefixes: frozenset[str] | None = DEFAULT_PROVINCES) -> int:
    """Create or update the GB/T 2260 divisions; idempotent. Returns how many there are."""
    from corridor.regions import gb2260

    divisions = gb2260.load(set(province_prefixes) if province_prefixes is not None else None)
    existing = {r.code: r for r in Region.objects.all()}
    for division in divisions:
        region = existing.get(division.code) or Region(code=division.code)
        region.name_zh = division.name_zh
        region.name_en = region.name_en or division.name_en
        region.level = division.level
        region.parent = existing.get(division.parent_code) if division.parent_code else None
        region.longitude, region.latitude = division.longitude, division.latitude
        region.save()
        existing[division.code] = region
    return len(divisions)


# Read-only selectors for the pages.


def featured_corridor(slug: str = "g60") -> Corridor | None:
    """The corridor the home page shows: `slug` when it exists, else the first one; None in an empty database."""
    return Corridor.objects.filter(slug=slug).first() or Corridor.objects.order_by("slug").first()


def region_subtree_q(region: Region, field: str = "region") -> Q:
    """Q for rows whose `field` is the region or lies within it (districts of a city, cities of a province)."""
    return within_q(field, region)
