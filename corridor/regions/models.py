from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corridor.core.bilingual import BilingualNameMixin


class Region(BilingualNameMixin, models.Model):
    """An administrative division with its GB/T 2260 code (province, prefecture city or district)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        DISTRICT = "district", _("District / county")

    code = models.CharField(_("code"), max_length=6, unique=True, help_text=_("GB/T 2260 administrative code"))
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def prefecture(self) -> Region | None:
        """The prefecture-level city this region is in (a district of Shanghai counts as its own city)."""
        if self.level == self.Level.CITY:
            return self
        if self.level == self.Level.DISTRICT:
            if self.parent is not None and self.parent.level == self.Level.CITY:
                return self.parent
            return self
        return None

    def province(self) -> Region | None:
        node: Region | None = self
        while node is not None and node.level != self.Level.PROVINCE:
            node = node.parent
        return node


class Corridor(BilingualNameMixin, models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    head_enterprises = models.PositiveIntegerField(_("head enterprises"), null=True, blank=True)
    alliance_count = models.PositiveIntegerField(_("industrial alliances (stated)"), null=True, blank=True)
    demonstration_park_count = models.PositiveIntegerField(_("demonstration parks (stated)"), null=True, blank=True)
    source_seed = models.CharField(_("source"), max_length=64, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("corridor")
        verbose_name_plural = _("corridors")

    def current_version(self) -> CorridorVersion | None:
        return self.versions.order_by("-started_on").first()


class CorridorVersion(models.Model):
    corridor = models.ForeignKey(Corridor, verbose_name=_("corridor"), on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(_("version"), max_length=16)
    label_zh = models.CharField(_("label (Chinese)"), max_length=200, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    started_on = models.DateField(_("started on"))
    length_km = models.PositiveIntegerField(_("length (km)"), null=True, blank=True)
    area_km2 = models.PositiveIntegerField(_("area (km²)"), null=True, blank=True)
    population_millions = models.DecimalField(
        _("population (millions)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    regions = models.ManyToManyField(Region, verbose_name=_("member regions"), related_name="corridor_versions")
    source_seed = models.CharField(_("source"), max_length=64, blank=True)

    class Meta:
        ordering = ["corridor", "started_on"]
        constraints = [models.UniqueConstraint(fields=["corridor", "version"], name="corridor_version_unique")]
        verbose_name = _("corridor version")
        verbose_name_plural = _("corridor versions")

    def __str__(self) -> str:
        return f"{self.corridor} {self.version}"

    @property
    def label(self) -> str:
        from corridor.core.bilingual import pick

        return pick(self.label_zh, self.label_en)


class Park(BilingualNameMixin, models.Model):
    """A park or zone. An enclave centre sits in one city and is run for another (`run_for`)."""

    class Kind(models.TextChoices):
        SCIENCE_CITY = "science_city", _("Science and technology city")
        INNOVATION_AREA = "innovation_area", _("Professional innovation area")
        DEMONSTRATION_PARK = "demonstration_park", _("Industrial cooperation demonstration park")
        ENCLAVE_CENTRE = "enclave_centre", _("Enclave innovation centre")
        HIGH_TECH_ZONE = "high_tech_zone", _("High-tech zone")
        FUNCTION_ZONE = "function_zone", _("Function zone")
        INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
        INNOVATION_BASE = "innovation_base", _("Innovation base")

    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    region = models.ForeignKey(Region, verbose_name=_("located in"), on_delete=models.PROTECT, related_name="parks")
    run_for = models.ForeignKey(
        Region,
        verbose_name=_("run for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enclaves",
        help_text=_("For an enclave centre: the city that owns and runs it"),
    )
    corridor = models.ForeignKey(
        Corridor, verbose_name=_("corridor"), null=True, blank=True, on_delete=models.SET_NULL, related_name="parks"
    )
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    source_seed = models.CharField(_("source"), max_length=64, blank=True)
    is_synthetic = models.BooleanField(_("synthetic"), default=False)

    class Meta:
        ordering = ["region__code", "slug"]
        verbose_name = _("park or zone")
        verbose_name_plural = _("parks and zones")


def within_q(field: str, regions: Region | int | str | Iterable[int], *, ancestors: Iterable[str] = ()) -> Q:
    """Rows whose `field` (a foreign key to Region; "" for Region rows themselves) is one of `regions`
    or lies inside one of them (a district in its city and province): a Region, an id, a code, or ids.

    The one definition of "inside region X" for filters and rules alike.

    `ancestors`: the paths to the regions above `field` that the model keeps denormalised (an
    organisation's `city` and `province`, an instrument's `city` and `city__parent`). Then "inside" is
    one comparison per column on the region's id (indexed, no join up the tree); the denormalised
    columns must be kept in step with `field`, which the models' services do.
    """
    if ancestors:
        # The same containment read off the model's own columns: `field` itself, then each level above.
        if isinstance(regions, Region | int):
            region_id: object = regions.pk if isinstance(regions, Region) else regions
            suffix = ""
        elif isinstance(regions, str):
            region_id = models.Subquery(Region.objects.filter(code=regions.strip()).values("pk")[:1])
            suffix = ""
        else:
            region_id, suffix = list(regions), "__in"
        found = Q()
        for path in (field, *ancestors):
            found |= Q(**{f"{path}_id{suffix}": region_id})
        return found
    prefix = f"{field}__" if field else ""
    lookup: str
    value: object
    if isinstance(regions, Region):
        lookup, value = "pk", regions.pk
    elif isinstance(regions, int):
        lookup, value = "pk", regions
    elif isinstance(regions, str):
        lookup, value = "code", regions.strip()
    else:
        lookup, value = "pk__in", list(regions)
    return (Q(**{f"{prefix}{lookup}": value}) | Q(**{f"{prefix}parent__{lookup}": value})
            | Q(**{f"{prefix}parent__parent__{lookup}": value}))
