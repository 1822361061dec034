from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from corridor.core import access
from corridor.core.access import ALL, Actor, RestrictedQuerySet
from corridor.core.texts import render


class JobQuerySet(RestrictedQuerySet["Job"]):
    """view: the user who started the job, and admins."""

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        if scope.is_admin:
            return ALL
        return Q(created_by_id=scope.user_id) if scope.user_id is not None else access.NOTHING


class Job(models.Model):
    """A long task (an import, a re-index, a batch match) run in the background, with its progress and result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(_("total"), default=0)
    # Kept as a message id and its parameters, so that each reader sees it in their own language.
    message = models.CharField(_("message"), max_length=300, blank=True)
    message_params = models.JSONField(_("message parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    error_params = models.JSONField(_("error parameters"), default=dict, blank=True)
    output = models.FileField(_("output file"), upload_to="jobs/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # Written every few seconds while the job runs: a running job without a recent one was cut off (restart).
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["created_by", "-created_at"], name="job_owner_recent")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def message_text(self) -> str:
        """The progress stage in the current language (rows from before message ids: as they were written)."""
        return render(self.message, self.message_params)

    @property
    def error_text(self) -> str:
        return render(self.error, self.error_params)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return min(100, int(100 * self.done / self.total)) if self.total else (100 if self.finished else 0)

    def visible_to(self, user: Actor) -> bool:
        """May `user` see this job (the `view` rule of `Job.objects.restrict`, asked of one job)."""
        return access.may(user, access.VIEW, self)
