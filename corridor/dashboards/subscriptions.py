"""Report subscriptions: a signed-in reader asks for the monthly city report (or an alliance's annual report)
to be generated for them every month and sent to them (a notification with the file's page, by e-mail too if
they want e-mail). Each report is computed as its subscriber sees the figures, in the language they chose.

`send_all()` is run monthly by cron (`corridor dashboards send-reports`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from corridor.core import access
from corridor.core.access import Actor
from corridor.dashboards import reports
from corridor.dashboards.models import ReportSubscription


def _check(kind: str, ident: str, fmt: str) -> None:
    from corridor.alliances.models import Alliance
    from corridor.dashboards.services import city_of

    if kind not in (reports.CITY, reports.ALLIANCE):
        raise ValidationError({"kind": _("Choose a city or an alliance report.")})
    if fmt not in reports.FORMATS:
        raise ValidationError({"format": _("Choose PDF or Excel.")})
    if (kind == reports.CITY and city_of(ident) is None) or (
            kind == reports.ALLIANCE and not Alliance.objects.filter(slug=ident).exists()):
        raise ValidationError({"target": _("No such city or alliance: %(ident)s") % {"ident": ident}})


def subscribe(user: Actor, kind: str, ident: str, fmt: str) -> ReportSubscription:
    """Subscribe `user` (signed in) to a report, in the language they are using now; again: its format."""
    if not access.is_signed_in(user):
        raise PermissionDenied(_("Sign in to subscribe to a report."))
    _check(kind, ident, fmt)
    found, _created = ReportSubscription.objects.update_or_create(
        user=user, kind=kind, target=ident,
        defaults={"format": fmt, "language": translation.get_language() or "zh-hans"},
    )
    return found


def unsubscribe(user: Actor, kind: str, ident: str) -> int:
    """Remove the user's own subscription (an admin's rule sees everyone's: narrowed to theirs here)."""
    own = access.roles(user).user_id
    if own is None:
        return 0
    return ReportSubscription.objects.restrict(user).filter(user_id=own, kind=kind, target=ident).delete()[0]


def subscription_of(user: Actor, kind: str, ident: str) -> ReportSubscription | None:
    own = access.roles(user).user_id
    if own is None:
        return None
    return ReportSubscription.objects.restrict(user).filter(user_id=own, kind=kind, target=ident).first()


def send_all() -> list[Any]:
    """Start one report job per subscription of an active user, as that user and in their language; each
    job tells its subscriber when the file is ready. Returns the jobs."""
    from corridor.jobs import services as jobs

    started = []
    for sub in ReportSubscription.objects.filter(user__is_active=True).select_related("user").order_by("pk"):
        with translation.override(sub.language):
            started.append(jobs.start(reports.REPORT_JOB, {"kind": sub.kind, "target": sub.target,
                                                            "format": sub.format, "notify": True}, sub.user))
    return started
