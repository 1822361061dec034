"""The "schedule meetings" job: the scheduler runs outside the request, its progress on the job page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy

from corridor.core.access import Actor
from corridor.jobs import services as jobs
from corridor.jobs.models import Job

SCHEDULE_MEETINGS = "events-schedule-meetings"


@jobs.register(SCHEDULE_MEETINGS, gettext_lazy("Scheduling of 1:1 meetings"), template="events/_job_result.html")
def run_schedule(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    from corridor.events.meetings import schedule
    from corridor.events.models import Event

    actor = get_user_model().objects.filter(pk=job.created_by_id).first() if job.created_by_id else None
    event = Event.objects.get(pk=job.params["event"])
    try:
        return schedule(actor, event, keep_all=bool(job.params.get("keep_all")),
                        time_limit=float(job.params.get("time_limit", 10.0)), progress=progress)
    except (ValidationError, PermissionDenied) as exc:
        raise jobs.JobFailed(" ".join(getattr(exc, "messages", [str(exc)]))) from None


def start_schedule(actor: Actor, event: Any, *, keep_all: bool) -> Job:
    from corridor.events.meetings import _require_brokerage, _require_organiser

    _require_organiser(actor, event)
    _require_brokerage(event)
    return jobs.start(SCHEDULE_MEETINGS, {"event": event.pk, "keep_all": keep_all}, actor)


SEND_CONFIRMATION = "events-confirmation-email"


@jobs.register(SEND_CONFIRMATION, gettext_lazy("Registration confirmation e-mail"))
def run_confirmation(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    """E-mail a confirmed participant their check-in QR code (PNG, inline and attached) and the event's .ics."""
    from corridor.events.documents import confirmation_email
    from corridor.events.models import Registration

    registration = Registration.objects.filter(pk=job.params["registration"], status=Registration.Status.APPROVED).select_related(
        "event", "user", "organisation", "type").first()
    if registration is None or registration.user is None or not registration.user.email:
        return {"sent": 0}
    confirmation_email(registration).send(fail_silently=False)
    return {"sent": 1}


def start_confirmation(registration_id: int) -> Job:
    return jobs.start(SEND_CONFIRMATION, {"registration": registration_id})
