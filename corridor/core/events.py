"""Change events: derived data (chain tags and counts, indexes, dashboards) follows the rows it is
derived from through one event per kind of change, fired by the services that write those rows.

    events.organisations_changed([org.pk])       # create, update, import, merge, undo-merge

    events.subscribe(events.ORGANISATIONS_CHANGED, follow)   # in an app's ready(): follow(ids)

A few ids are followed at once, inside the writer's transaction, so what is derived commits (or rolls
back) with the change itself; many (an import) are followed after the commit, in a background job
(`corridor/jobs`), never in the request nor in the writer's transaction. Bulk writers that bypass the
services (demo loader, benchmarks) are listed in `BULK_WRITERS` and recompute with
`corridor chains infer` / `recount` themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

ORGANISATIONS_CHANGED = "organisations_changed"
# Fired before the rows go (what is derived from them must still be found): deletion by an admin.
ORGANISATIONS_DELETED = "organisations_deleted"
# At most this many ids are followed in the writer's transaction; more go to a job after commit.
INLINE_LIMIT = 50
FOLLOW_UP_JOB = "core-follow-up"

# Code allowed to write rows without going through a service (and so without events): they
# recompute derived data themselves. One place, so a review can see every exception.
BULK_WRITERS = (
    "corridor/demo/",  # the demo and synthetic loaders, then `chains infer` / `recount`
    "corridor/imports/writers.py",  # COPY / prepared inserts of an import; the import fires the event
    "corridor/chains/demo.py",
    "bench/",
)

Follower = Callable[[list[int]], Any]
_followers: dict[str, list[Follower]] = {}


def subscribe(event: str, follower: Follower) -> None:
    """Call `follower(ids)` after each change of this kind (once per follower, however often subscribed)."""
    found = _followers.setdefault(event, [])
    if follower not in found:
        found.append(follower)


def followers(event: str) -> list[Follower]:
    return list(_followers.get(event, ()))


def emit(event: str, ids: Iterable[int]) -> None:
    wanted = sorted({int(i) for i in ids})
    if not wanted or not _followers.get(event):
        return
    if len(wanted) <= INLINE_LIMIT:
        follow(event, wanted)
    else:
        transaction.on_commit(lambda: _start_follow_up(event, wanted))


def follow(event: str, ids: list[int]) -> None:
    for follower in followers(event):
        follower(ids)


def _start_follow_up(event: str, ids: list[int]) -> None:
    from corridor.jobs import services as jobs

    jobs.start(FOLLOW_UP_JOB, {"event": event, "ids": ids})


def organisations_changed(ids: Iterable[int]) -> None:
    """Organisations were created, changed, merged, restored or imported (ids of those that exist or existed)."""
    emit(ORGANISATIONS_CHANGED, ids)


def organisations_deleted(ids: Iterable[int]) -> None:
    """These organisations are about to be deleted (in the same transaction); always followed at once."""
    wanted = sorted({int(i) for i in ids})
    if wanted:
        follow(ORGANISATIONS_DELETED, wanted)


def register_jobs() -> None:
    from django.utils.translation import gettext_lazy as _

    from corridor.jobs import services as jobs
    from corridor.jobs.models import Job

    @jobs.register(FOLLOW_UP_JOB, _("Follow-up of a change"))
    def _follow_up(job: Job, progress: jobs.Progress) -> dict[str, Any]:
        ids = [int(i) for i in job.params.get("ids", [])]
        progress(str(job.params.get("event", "")), 0, len(ids))
        with transaction.atomic():
            follow(str(job.params["event"]), ids)
        progress(str(job.params.get("event", "")), len(ids), len(ids))
        return {"followed": len(ids)}
