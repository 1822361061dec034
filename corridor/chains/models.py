"""Industry chains: versioned templates (segments, supply edges), organisations tagged to segments,
and the per-(city, segment) counts the maps read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corridor.core import access
from corridor.core.access import ALL, VIEW, Actor, RestrictedQuerySet
from corridor.core.bilingual import BilingualNameMixin, bilingual
from corridor.core.workflow import Transition, Workflow
from corridor.orgs.models import Industry, Organisation
from corridor.regions.models import Region


class Chain(BilingualNameMixin, models.Model):
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=200)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    industry = models.ForeignKey(
        Industry, verbose_name=_("industry"), null=True, blank=True, on_delete=models.SET_NULL, related_name="chains"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # Chain-wide words for tagging (see chains/inference.py): phrases that contain a chain word but mean
    # something else, and words of other trades that count against the chain.
    exclude_zh = models.JSONField(_("excluded phrases (Chinese)"), default=list, blank=True)
    exclude_en = models.JSONField(_("excluded phrases (English)"), default=list, blank=True)
    against_zh = models.JSONField(_("words of other trades (Chinese)"), default=list, blank=True)
    against_en = models.JSONField(_("words of other trades (English)"), default=list, blank=True)
    # The version of the shipped file last loaded; a newer file is loaded unless the chain was edited since.
    file_version = models.PositiveIntegerField(_("template file version"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("industry chain")
        verbose_name_plural = _("industry chains")

    description = bilingual("description")


class ChainVersion(models.Model):
    """A snapshot of a chain's template (the YAML data) each time it changes."""

    class Origin(models.TextChoices):
        FILE = "file", _("Template file")
        EDIT = "edit", _("Edited")

    chain = models.ForeignKey(Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    origin = models.CharField(_("origin"), max_length=8, choices=Origin.choices)
    data = models.JSONField(_("template"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["chain", "-number"]
        verbose_name = _("chain version")
        verbose_name_plural = _("chain versions")
        constraints = [models.UniqueConstraint(fields=["chain", "number"], name="chain_version_unique")]

    def __str__(self) -> str:
        return f"{self.chain.slug} v{self.number}"


class Segment(BilingualNameMixin, models.Model):
    class Stage(models.TextChoices):
        UPSTREAM = "upstream", _("Upstream")
        MIDSTREAM = "midstream", _("Midstream")
        DOWNSTREAM = "downstream", _("Downstream")

    chain = models.ForeignKey(Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="segments")
    key = models.SlugField(_("key"), max_length=80)
    name_zh = models.CharField(_("Chinese name"), max_length=128)
    name_en = models.CharField(_("English name"), max_length=200)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    keywords_zh = models.JSONField(_("keywords (Chinese)"), default=list, blank=True)
    keywords_en = models.JSONField(_("keywords (English)"), default=list, blank=True)
    hints_zh = models.JSONField(_("generic words (Chinese)"), default=list, blank=True)
    hints_en = models.JSONField(_("generic words (English)"), default=list, blank=True)
    # "uses": organisations found on this segment are customers of the chain (robots in car plants).
    role = models.CharField(
        _("role of its organisations"), max_length=10, default="produces",
        choices=[("produces", _("Produces")), ("uses", _("Uses"))],
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    # A segment dropped from the template keeps its tags for the record but leaves the maps.
    active = models.BooleanField(_("in the current template"), default=True)

    class Meta:
        ordering = ["chain", "position", "id"]
        verbose_name = _("chain segment")
        verbose_name_plural = _("chain segments")
        constraints = [models.UniqueConstraint(fields=["chain", "key"], name="segment_key_unique")]


class SupplyEdge(models.Model):
    """`source` supplies `target`; `share` is the typical share of the target's input cost, when known."""

    chain = models.ForeignKey(Chain, verbose_name=_("chain"), on_delete=models.CASCADE, related_name="edges")
    source = models.ForeignKey(Segment, verbose_name=_("supplier segment"), on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Segment, verbose_name=_("customer segment"), on_delete=models.CASCADE, related_name="+")
    share = models.DecimalField(_("share of input cost"), max_digits=4, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["chain", "id"]
        verbose_name = _("supply edge")
        verbose_name_plural = _("supply edges")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="edge_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="edge_not_a_loop"),
            models.CheckConstraint(condition=Q(share__isnull=True) | Q(share__gt=0, share__lte=1), name="edge_share_range"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id}"


REVIEW = "review"
DECLARE = "declare"  # say the organisation is on a segment: whoever may edit the organisation


class SegmentTagQuerySet(RestrictedQuerySet["SegmentTag"]):
    """view: tags of organisations the user may see; review (confirm or reject an inferred tag): the
    secretariat of an alliance of the chain's industry, for organisations it may see, and admins."""

    actions = (VIEW, REVIEW, DECLARE)

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        if action == DECLARE:
            return Q(organisation__in=Organisation.objects.restrict(user, "change"))
        visible = Q(organisation__in=Organisation.objects.restrict(user))
        if action == VIEW:
            return visible
        from corridor.alliances.models import Alliance

        industries = Alliance.objects.filter(pk__in=scope.secretariat_alliance_ids, industry__isnull=False).values("industry_id")
        return visible & Q(segment__chain__industry_id__in=industries)


class SegmentTag(models.Model):
    class Role(models.TextChoices):
        PRODUCES = "produces", _("Produces")
        USES = "uses", _("Uses")

    class Source(models.TextChoices):
        DECLARED = "declared", _("Declared")
        INFERRED = "inferred", _("Inferred")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="segment_tags"
    )
    segment = models.ForeignKey(Segment, verbose_name=_("segment"), on_delete=models.CASCADE, related_name="tags")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.PRODUCES)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    confidence = models.FloatField(_("confidence"), default=1.0)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SegmentTagQuerySet.as_manager()

    AUDITED_FIELDS = ("organisation_id", "segment_id", "role", "source", "status", "decided_by_id")

    # A decision may be revised (an inferred tag confirmed, then rejected); declaring makes any tag the
    # organisation's own. Creating a tag and withdrawing a declared one are not state changes.
    WORKFLOW = Workflow(
        field="status",
        conflict=_("This tag is %(state)s; it cannot be changed that way."),
        transitions=(
            Transition("confirm", ("proposed", "confirmed", "rejected"), "confirmed", action=REVIEW,
                       stamp=("updated_at",), actor_field="decided_by",
                       denied=_("Only the chain's alliance secretariat or an administrator may review its tags.")),
            Transition("reject", ("proposed", "confirmed", "rejected"), "rejected", action=REVIEW,
                       stamp=("updated_at",), actor_field="decided_by",
                       denied=_("Only the chain's alliance secretariat or an administrator may review its tags.")),
            Transition("declare", ("proposed", "confirmed", "rejected"), "confirmed", action=DECLARE,
                       accepts=("source", "confidence"), stamp=("updated_at",), actor_field="decided_by",
                       denied=_("You may not edit this organisation.")),
        ),
    )

    class Meta:
        ordering = ["segment", "organisation"]
        verbose_name = _("segment tag")
        verbose_name_plural = _("segment tags")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "segment", "role"], name="tag_once_per_role"),
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="tag_confidence_range"),
        ]
        indexes = [
            models.Index(fields=["segment", "role", "status"], name="tag_segment_role"),
            models.Index(fields=["status", "source"], name="tag_review"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.role} {self.segment_id}"

    @property
    def counted(self) -> bool:
        return self.role == self.Role.PRODUCES and self.status != self.Status.REJECTED


class SegmentCount(models.Model):
    """Producers per (segment, region), split by whether the organisation is publicly listed; the
    region is the organisation's district (or city), with its city alongside for the corridor map.

    Kept in step by the chain services (tags) and the organisation hooks (region, listing, head flag),
    so the maps read a few thousand rows instead of grouping millions of tags; `rebuild_counts`
    recomputes it from the tags after bulk loads.
    """

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    city = models.ForeignKey(Region, null=True, on_delete=models.CASCADE, related_name="+")
    listed = models.BooleanField()
    orgs = models.IntegerField(default=0)
    heads = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("segment count")
        verbose_name_plural = _("segment counts")
        constraints = [models.UniqueConstraint(fields=["segment", "region", "listed"], name="segment_count_unique")]
        indexes = [models.Index(fields=["city", "segment"], name="segment_count_city")]
