"""Who must act next on a standard: the page's action holders, each user's "what needs me" list, and the daily
reminders (`corridor standards remind`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from corridor.core import access
from corridor.core.access import Actor
from corridor.notifications.services import notify, users_acting_for
from corridor.standards.models import COMMENT, DRAFT, MANAGE, VOTE, Ballot, CommitteeSeat, Standard, Status, seat_users
from corridor.standards.services import excluded_orgs, seat_of


@dataclass
class Need:
    standard: Standard
    what: str
    due: datetime.date | None = None


def action_holders(standard: Standard) -> list[tuple[str, str]]:
    """(who, what) must act now on this standard, as the page shows it."""
    s = Status
    secretariat = _("Secretariat")
    drafters = _("Drafting group")
    committee = _("Standards committee")
    holders: dict[str, list[tuple[str, str]]] = {
        s.PROPOSED: [(secretariat, _("put the proposal to the committee's vote"))],
        s.VOTING: [(committee, _("vote on the proposal")), (secretariat, _("close the vote"))],
        s.INITIATED: [(drafters, _("upload draft v1"))],
        s.DRAFTING: [(drafters, _("upload the next draft")), (secretariat, _("open the public comment"))],
        s.COMMENT: ([(drafters, _("dispose of the comments")), (secretariat, _("start the technical review"))]
                    if standard.comment_window_closed() else [(_("Members"), _("comment until the window closes"))]),
        s.REVIEW: [(committee, _("vote in the technical review ballot")), (secretariat, _("close the ballot"))],
        s.APPROVED: [(secretariat, _("number and publish the standard"))],
        s.PUBLISHED: [(secretariat, _("start the re-review when it is due"))],
        s.RE_REVIEW: [(secretariat, _("confirm, revise or withdraw"))],
    }
    return holders.get(str(standard.status), [])


def needs(user: Actor) -> list[Need]:
    """What needs this user now: the "what needs me" dashboard. Each item is something only they (their role) can do."""
    out: list[Need] = []
    if access.user_of(user) is None:
        return out
    today = timezone.localdate()
    managed = Standard.objects.restrict(user, MANAGE).select_related("alliance")
    for st in managed.filter(status=Status.PROPOSED):
        out.append(Need(st, _("Put the proposal to the committee's vote")))
    for st in managed.filter(status__in=(Status.VOTING, Status.REVIEW)):
        out.append(Need(st, _("Close the ballot when the committee has voted")))
    for st in managed.filter(status=Status.COMMENT, comment_closes_at__lte=timezone.now()):
        out.append(Need(st, _("Start the technical review once the comments are disposed of")))
    for st in managed.filter(status=Status.APPROVED):
        out.append(Need(st, _("Number and publish the standard")))
    for st in managed.filter(status=Status.PUBLISHED, next_review_on__lte=today + datetime.timedelta(days=90)):
        out.append(Need(st, _("Re-review is due"), st.next_review_on))
    seat_ballots = Ballot.objects.filter(closed_at__isnull=True, standard__in=Standard.objects.restrict(user, VOTE).values("pk"))
    uid = access.roles(user).user_id or 0
    for ballot in seat_ballots.select_related("standard__alliance"):
        seat = seat_of(user, ballot.standard)
        if seat is None or seat.organisation_id in excluded_orgs(ballot.standard, ballot) or \
                ballot.positions.filter(seat=seat).exists():
            continue
        out.append(Need(ballot.standard, str(ballot.get_kind_display()), ballot.closes_on))
    drafting = Standard.objects.restrict(user, DRAFT).select_related("alliance")
    for st in drafting.filter(status=Status.INITIATED):
        out.append(Need(st, _("Upload draft v1")))
    for st in drafting.filter(status=Status.COMMENT, comment_closes_at__lte=timezone.now(), comments__disposition="").distinct():
        out.append(Need(st, _("Dispose of the public comments")))
    for st in Standard.objects.restrict(user, COMMENT).select_related("alliance").exclude(comments__author_id=uid):
        out.append(Need(st, _("Open for your comments"), st.comment_last_day))
    return out


# ---- reminders --------------------------------------------------------------------------------------------------

def send_reminders(now: datetime.datetime | None = None) -> int:
    """Daily (`corridor standards remind`): committee members who have not voted on a ballot closing within 3 days,
    and the secretariat of standards whose re-review falls due within 30 days. Returns notifications written."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    made = 0
    with transaction.atomic():
        for ballot in Ballot.objects.filter(closed_at__isnull=True, closes_on__lte=today + datetime.timedelta(days=3)
                                            ).select_related("standard"):
            voted = ballot.positions.values("seat_id")
            seats = CommitteeSeat.objects.filter(committee__alliance_id=ballot.standard.alliance_id).exclude(pk__in=voted)
            users = seat_users(ballot.standard.alliance_id, seats.exclude(organisation_id__in=excluded_orgs(ballot.standard, ballot)))
            made += len(notify(users, gettext_noop("Reminder: your vote on “%(title)s” closes on %(day)s."),
                               {"title": ballot.standard.title_zh, "day": ballot.closes_on}, link=f"/standards/{ballot.standard_id}/"))
        for st in Standard.objects.filter(status=Status.PUBLISHED, next_review_on__lte=today + datetime.timedelta(days=30)):
            made += len(notify(users_acting_for((), [st.alliance_id]), gettext_noop("Re-review of %(number)s is due on %(day)s."),
                               {"number": st.publication_number, "day": st.next_review_on}, link=f"/standards/{st.pk}/"))
    return made
