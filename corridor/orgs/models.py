from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from corridor.core import access
from corridor.core.access import ALL, CHANGE, NOTHING, VIEW, VIEW_PRIVATE, Actor, RestrictedQuerySet
from corridor.core.bilingual import BilingualNameMixin, bilingual
from corridor.orgs.validators import validate_uscc
from corridor.regions.models import Region, within_q

# An organisation's region (a district or a city) and the levels above it it keeps denormalised:
# "inside region X" reads these columns (`regions.within_q(..., ancestors=...)`).
ORGANISATION_REGION_COLUMNS = ("city", "province")


class Industry(BilingualNameMixin, models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")


class OrganisationQuerySet(RestrictedQuerySet["Organisation"]):
    """view: listed organisations for everyone, unlisted ones for those who have a reason to see them;
    view_private (contacts, members-only fields, history, merge): that reason; change: its own users, admins."""

    actions = (VIEW, VIEW_PRIVATE, CHANGE)

    def rule(self, user: Actor, action: str) -> Q:
        if action == VIEW:
            return self._privileged_q(user) | Q(listed=True)
        if action == VIEW_PRIVATE:
            return self._privileged_q(user)
        scope = access.roles(user)
        return ALL if scope.is_admin else Q(pk__in=scope.org_ids)

    def editable_by(self, user: Actor) -> OrganisationQuerySet:
        """Former name of `restrict(user, "change")`, kept while branches written against it land."""
        return self.restrict(user, CHANGE)

    def privately_visible_to(self, user: Actor) -> OrganisationQuerySet:
        """Former name of `restrict(user, "view_private")`, kept while branches written against it land."""
        return self.restrict(user, VIEW_PRIVATE)

    def with_private_access(self, user: Actor) -> OrganisationQuerySet:
        """Annotate `private_visible`: may this user see contacts and other members-only fields."""
        return self.annotate(
            private_visible=models.ExpressionWrapper(self._privileged_q(user), output_field=models.BooleanField())
        )

    @staticmethod
    def _privileged_q(user: Actor) -> Q:
        from corridor.alliances.models import AllianceMembership

        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        q = NOTHING
        if scope.org_ids:
            q |= Q(pk__in=scope.org_ids)
        if scope.secretariat_alliance_ids:
            q |= Q(
                Exists(
                    AllianceMembership.objects.filter(
                        organisation=OuterRef("pk"), alliance_id__in=scope.secretariat_alliance_ids
                    )
                )
            )
        if scope.officer_region_ids:
            q |= within_q("region", scope.officer_region_ids, ancestors=ORGANISATION_REGION_COLUMNS)
        return q


class Organisation(BilingualNameMixin, models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        INSTITUTE = "institute", _("Research institute")
        UNIVERSITY = "university", _("University")
        GOVERNMENT = "government", _("Government body")
        ASSOCIATION = "association", _("Association")
        INVESTOR = "investor", _("Investor")

    class SizeBand(models.TextChoices):
        MICRO = "micro", _("Micro (under 10 staff)")
        SMALL = "small", _("Small (10–99)")
        MEDIUM = "medium", _("Medium (100–999)")
        LARGE = "large", _("Large (1,000 and more)")

    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ENTERPRISE)
    uscc = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, null=True, blank=True, validators=[validate_uscc]
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Denormalised from `region` so that city filters and city-officer scopes are one indexed lookup
    # (org_city_kind leads with it: an index of its own would only cost every insert).
    city = models.ForeignKey(
        Region, verbose_name=_("city"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )
    province = models.ForeignKey(
        Region, verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    size_band = models.CharField(_("size"), max_length=8, choices=SizeBand.choices, blank=True)
    is_head_enterprise = models.BooleanField(_("head enterprise"), default=False)
    industries = models.ManyToManyField(
        Industry, verbose_name=_("industries"), blank=True, related_name="organisations"
    )
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded (year)"), null=True, blank=True)
    listed = models.BooleanField(
        _("publicly listed"), default=True, help_text=_("Unlisted profiles are seen only by members, their secretariats and officers")
    )
    contact_name = models.CharField(_("contact person"), max_length=64, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    search_text = models.TextField(editable=False, default="")
    # Index tokens of names and descriptions (corridor.search.text.document_tokens), set wherever search_text
    # is; the database indexes them (migration 0004: GIN on PostgreSQL, FTS5 kept by triggers on SQLite).
    search_tokens = models.TextField(editable=False, default="")
    is_synthetic = models.BooleanField(_("synthetic"), default=False)
    source_seed = models.CharField(_("source"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["-is_head_enterprise", "name_zh", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["city", "kind"], name="org_city_kind"),
            # The display order, so a page of the list is read in order and stops after its rows.
            models.Index(fields=["-is_head_enterprise", "name_zh", "id"], name="org_display_order"),
            # A covering index for substring search: scanning it reads names only, not descriptions. The search
            # text is carried (INCLUDE), not a key: new rows append at the end of the index instead of landing
            # on random pages, which made bulk imports crawl once the index outgrew memory. SQLite has no
            # INCLUDE; migration 0003 gives it the keyed form.
            models.Index(fields=["listed", "id"], include=["search_text"], name="org_listed_search"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_zh="") | ~Q(name_en=""), name="org_has_a_name"
            ),
        ]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Deleting one (the admin) is a change others follow: they are told before the rows go."""
        from django.db import transaction

        from corridor.core import events

        with transaction.atomic():
            events.organisations_deleted([self.pk])
            return super().delete(*args, **kwargs)

    description = bilingual("description")

    # Fields shown only to those with private access (see OrganisationQuerySet.with_private_access).
    PRIVATE_FIELDS = ("contact_name", "contact_email", "contact_phone")
    # Fields recorded in the history on every change.
    AUDITED_FIELDS = (
        "name_zh", "name_en", "short_name", "aliases", "kind", "uscc", "address", "region_id", "size_band",
        "is_head_enterprise", "description_zh", "description_en", "website", "founded_year", "listed",
        "contact_name", "contact_email", "contact_phone",
    )


class KeptCount(models.Model):
    """A total the unfiltered organisation list shows without counting the table (`corridor.orgs.counts`).

    `value` is NULL when unknown (after a change): the next reader counts once and keeps it, unless
    `generation` moved meanwhile (a change committed while it counted), so a stale total is never kept."""

    name = models.CharField(max_length=32, primary_key=True)
    value = models.BigIntegerField(null=True)
    generation = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}={self.value}"
