"""Telling people: `notify` writes in-app notifications within the caller's transaction; e-mail
goes out after the commit, in a background job (`corridor/jobs`), never while a transaction is open,
so a slow or failing mail server neither holds the database nor undoes the change it reports.

Each user chooses: in the app only, e-mail too (one per notification), or a daily digest
(`corridor notifications digest`, run once a day by cron).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from corridor.core.access import Actor, user_of
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.notifications.models import Notification, Preference

SEND_EMAIL = "notifications-email"
DIGEST_EVERY = datetime.timedelta(days=1)


def notify(recipients: Iterable[Any], message: str, params: dict[str, Any] | None = None, *, link: str = "",
           actor: Actor = None) -> list[Notification]:
    """Tell `recipients` (users; the one acting is skipped): `message` is a msgid marked with
    `gettext_noop`, translated for each reader. E-mail follows after commit for those who want it."""
    acting = getattr(actor, "pk", None)
    params = {key: str(value) for key, value in (params or {}).items()}
    made = Notification.objects.bulk_create([
        Notification(user=user, message=str(message)[:300], params=params, link=link[:300])
        for user in {u.pk: u for u in recipients if u.pk != acting}.values()
    ])
    ids = [n.pk for n in made]  # SQLite ≥ 3.35 and PostgreSQL return the new keys
    if ids:
        transaction.on_commit(lambda: jobs.start(SEND_EMAIL, {"ids": ids}))
    return made


def users_acting_for(org_ids: Iterable[int] = (), alliance_ids: Iterable[int | None] = ()) -> list[Any]:
    """Active users of these organisations and secretariats of these alliances: who is told about a case."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from corridor.accounts.models import RoleGrant

    grants = Q(role=RoleGrant.Role.MEMBER, organisation_id__in=list(org_ids))
    alliances = [a for a in alliance_ids if a]
    if alliances:
        grants |= Q(role=RoleGrant.Role.SECRETARIAT, alliance_id__in=alliances)
    user_ids = RoleGrant.objects.filter(grants).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))


def preference(user: Actor) -> Preference:
    owner = user_of(user)
    if owner is None:  # only a signed-in user has a choice to keep
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    found = Preference.objects.filter(user=owner).first()
    return found or Preference(user=owner)


def set_preference(actor: Actor, delivery: str, language: str) -> Preference:
    from django.core.exceptions import ValidationError

    errors = {}
    if delivery not in Preference.Delivery.values:
        errors["delivery"] = _("Choose how you want to be told.")
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose a language.")
    if errors:
        raise ValidationError(errors)
    chosen, _created = Preference.objects.update_or_create(user=actor, defaults={"delivery": delivery, "language": language})
    return chosen


def unread_count(user: Actor) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.restrict(user).unread().count()


def mark_read(actor: Actor, ids: Iterable[int] | None = None) -> int:
    """Mark the actor's notifications read (all, or those in `ids`); others' are never touched."""
    qs = Notification.objects.restrict(actor).unread()
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def _absolute(link: str) -> str:
    base = getattr(settings, "CORRIDOR_BASE_URL", "")
    return f"{base}{link}" if link else ""


def send_emails(ids: list[int]) -> dict[str, int]:
    """E-mail each notification whose recipient wants one e-mail per notification, in their language.

    Called by the job after the commit. Each is marked sent only once the server took it; a failure
    leaves the rest unsent and raises (the job ends failed, the notifications stay in the app).
    """
    wanted = (Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("user")
              .exclude(user__email=""))
    chosen = {p.user_id: p for p in Preference.objects.filter(user_id__in=wanted.values("user_id"))}
    sent = 0
    for note in wanted:
        choice = chosen.get(note.user_id) or Preference(user_id=note.user_id)
        if choice.delivery != Preference.Delivery.EMAIL:
            continue
        with translation.override(choice.language):
            send_mail(_("Corridor: %(text)s") % {"text": note.rendered[:80]}, f"{note.rendered}\n{_absolute(note.link)}",
                      settings.DEFAULT_FROM_EMAIL, [note.user.email], fail_silently=False)
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        sent += 1
    return {"sent": sent}


def send_digests(now: datetime.datetime | None = None) -> int:
    """One e-mail per user who chose the daily digest, listing what they have not read nor been sent."""
    now = now or timezone.now()
    sent = 0
    for choice in Preference.objects.filter(delivery=Preference.Delivery.DIGEST).select_related("user").exclude(user__email=""):
        pending = list(Notification.objects.filter(user=choice.user, read_at__isnull=True, emailed_at__isnull=True,
                                                   created_at__lte=now).order_by("created_at", "id")[:200])
        if not pending:
            continue
        with translation.override(choice.language):
            body = "\n".join(f"- {n.rendered} {_absolute(n.link)}".rstrip() for n in pending)
            send_mail(_("Corridor: %(n)s new notifications") % {"n": len(pending)}, body, settings.DEFAULT_FROM_EMAIL,
                      [choice.user.email], fail_silently=False)
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
        sent += 1
    return sent


@jobs.register(SEND_EMAIL, gettext_lazy("E-mail of notifications"))
def _send_email_job(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    ids = [int(i) for i in job.params.get("ids", [])]
    progress("e-mail", 0, len(ids))
    result = send_emails(ids)
    progress("e-mail", len(ids), len(ids))
    return result
