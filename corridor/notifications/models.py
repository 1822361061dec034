"""One notification model for every app, and each user's choice of how to be told."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from corridor.core import access
from corridor.core.access import NOTHING, Actor, RestrictedQuerySet


class NotificationQuerySet(RestrictedQuerySet["Notification"]):
    """view (and mark as read): the recipient only, admins included: a notification is private mail."""

    def rule(self, user: Actor, action: str) -> Q:
        scope = access.roles(user)
        return Q(user_id=scope.user_id) if scope.user_id is not None else NOTHING

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # The message as written in the code (a msgid) and its values: translated when read, into the
    # language of whoever reads it (the page's, or the recipient's chosen language for e-mail).
    message = models.CharField(max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    # Text already in one language: notifications made before messages were stored untranslated.
    text = models.CharField(max_length=300, blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=("user", "read_at"), name="notification_unread")]

    def __str__(self) -> str:
        return self.rendered

    @property
    def rendered(self) -> str:
        """The text in the active language."""
        if not self.message:
            return self.text
        try:
            return gettext(self.message) % self.params if self.params else gettext(self.message)
        except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder: the source text
            return self.message % self.params if self.params else self.message


class Preference(models.Model):
    class Delivery(models.TextChoices):
        IN_APP = "in_app", _("In the app only")
        EMAIL = "email", _("In the app and by e-mail")
        DIGEST = "digest", _("In the app and a daily e-mail digest")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference")
    delivery = models.CharField(_("how to tell me"), max_length=8, choices=Delivery.choices, default=Delivery.EMAIL)
    language = models.CharField(_("language of e-mails"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

