"""Running jobs: a service function in a background thread (web) or in the caller's thread (command line).

A job kind is registered with the function that does the work:

    @register("import-organisations", _("Import of organisations"), template="imports/_job_result.html")
    def run_import(job: Job, progress: Progress) -> dict: ...

The function reports `progress(stage, done, total)` and returns the result (a JSON-able dict); raising
`JobFailed(message, result)` ends the job as failed with that result kept (e.g. the rows that were bad).
Progress goes to the cache rather than the job row: the work's own transaction may hold the database
(SQLite has one writer) and its rows are invisible until it commits. With CACHE_URL on Redis, every web
worker sees the same progress.
"""

from __future__ import annotations

import datetime
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.translation import gettext_noop

from corridor.core.access import Actor, user_of
from corridor.core.texts import Text
from corridor.jobs.models import Job

Progress = Callable[[str, int, int], None]
Work = Callable[[Job, Progress], dict[str, Any]]
PROGRESS_EVERY = 0.3  # seconds between progress writes
HEARTBEAT_EVERY = 10.0  # seconds between a running job's signs of life


def stale_after() -> datetime.timedelta:
    """A job silent for longer than this was cut off (CORRIDOR_JOB_STALE_SECONDS, default 5 minutes)."""
    from corridor.env import env_int

    return datetime.timedelta(seconds=env_int("CORRIDOR_JOB_STALE_SECONDS", 300, minimum=30))


class JobFailed(Exception):
    """`message` is best a `Text` (a message id and parameters): each reader then sees it in their language."""

    def __init__(self, message: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.result = result or {}


def _kept(message: Any) -> tuple[str, dict[str, Any]]:
    """(message id, parameters) to store: a Text as such; other text as it is (said in one language only)."""
    if isinstance(message, Text):
        return message.msgid, message.params
    return str(message), {}


def output_name(job: Job, language: str | None) -> str:
    """The storage name of the job's output file in `language` when the job kept one per language (its result's
    `output_by_language`, e.g. an import's error report), else its one output; "" when there is none."""
    by_language = (job.result or {}).get("output_by_language") or {}
    return str(by_language.get(language or "") or job.output.name or "")


@dataclass(frozen=True)
class JobKind:
    kind: str
    label: str
    work: Work
    template: str = ""  # renders the result on the job page


KINDS: dict[str, JobKind] = {}


def register(kind: str, label: Any, template: str = "") -> Callable[[Work], Work]:
    def wrap(work: Work) -> Work:
        KINDS[kind] = JobKind(kind, label, work, template)
        return work

    return wrap


def _progress_key(job_id: int) -> str:
    return f"corridor:job:{job_id}:progress"


def _heartbeat_key(job_id: int) -> str:
    return f"corridor:job:{job_id}:heartbeat"


class _Heartbeat:
    """A thread that shows the job is alive while its work runs: in the cache, and on the job row when it can.

    The row is written through the thread's own connection. On SQLite the work's transaction may hold the only
    write lock for minutes: that beat is skipped, and the cache (one process on SQLite) still carries it.
    """

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"job-{job_id}-heartbeat", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _beat(self) -> None:
        from django.db import DatabaseError

        try:
            while not self.stopped.wait(HEARTBEAT_EVERY):
                now = timezone.now()
                cache.set(_heartbeat_key(self.job_id), now, 3600)
                try:
                    Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(heartbeat_at=now)
                except DatabaseError:
                    pass  # locked by the work itself (SQLite): the cache has the beat
        finally:
            connection.close()


def last_sign_of_life(job: Job) -> datetime.datetime:
    signs = [t for t in (job.created_at, job.started_at, job.heartbeat_at, cache.get(_heartbeat_key(job.pk))) if t]
    return max(signs)


def fail_if_stale(job: Job, now: datetime.datetime | None = None, after: datetime.timedelta | None = None) -> bool:
    """Mark a queued or running job that has shown no sign of life for `after` (default `stale_after()`)
    as failed; True if it was."""
    if job.finished:
        return False
    now = now or timezone.now()
    if now - last_sign_of_life(job) <= (stale_after() if after is None else after):
        return False
    message = Text(gettext_noop("The job stopped without finishing: no sign of life since %(at)s (the server was "
                                "probably restarted). Nothing it was doing was kept; start it again."),
                   at=timezone.localtime(last_sign_of_life(job)).strftime("%Y-%m-%d %H:%M"))
    updated = Job.objects.filter(pk=job.pk, status=job.status).update(
        status=Job.Status.FAILED, error=message.msgid, error_params=message.params, finished_at=now)
    job.refresh_from_db()
    return bool(updated)


def fail_stale_jobs(now: datetime.datetime | None = None) -> int:
    """Every job cut off by a restart, marked failed; how many. Run when a job is started or looked at."""
    now = now or timezone.now()
    candidates = Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
                                    created_at__lt=now - stale_after())
    return sum(fail_if_stale(job, now) for job in candidates)


def fail_orphans_at_start(now: datetime.datetime | None = None) -> int:
    """At start-up: jobs left queued or running by a process that is gone, marked failed at once instead of
    showing "running" until they go stale. Jobs run in threads of the serving process, so on SQLite (one
    serving process) every unfinished job is an orphan; on PostgreSQL other processes may be serving, so only
    jobs whose heartbeat (written to the row every HEARTBEAT_EVERY seconds) has stopped are."""
    now = now or timezone.now()
    after = datetime.timedelta(0) if connection.vendor == "sqlite" else datetime.timedelta(seconds=3 * HEARTBEAT_EVERY)
    candidates = Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
    return sum(fail_if_stale(job, now, after=after) for job in candidates)


def live_progress(job: Job) -> None:
    """Overlay the progress a running job has reported (cache) on the row read from the database."""
    fail_if_stale(job)
    if job.status == Job.Status.RUNNING:
        live = cache.get(_progress_key(job.pk))
        if live and len(live) == 4:
            job.message, job.message_params, job.done, job.total = live
        elif live and len(live) == 3:  # written as plain text (before message ids)
            job.message, job.done, job.total = live


def create(kind: str, params: dict[str, Any], user: Actor = None) -> Job:
    if kind not in KINDS:
        raise KeyError(f"unknown job kind {kind!r}")
    return Job.objects.create(kind=kind, params=params, created_by=user_of(user))


def run(job: Job, progress: Progress | None = None) -> Job:
    """Run the job in this thread; its row says how it ended. `progress` also receives the reports (CLI bar)."""
    spec = KINDS[job.kind]
    began = timezone.now()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=began, heartbeat_at=began)
    job.status = Job.Status.RUNNING
    last = [0.0]

    def report(stage: str, done: int, total: int) -> None:
        if progress is not None:
            progress(stage, done, total)
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY or done >= total:
            last[0] = now
            msgid, params = _kept(stage)
            cache.set(_progress_key(job.pk), (msgid[:300], params, done, total), 3600)

    fields: dict[str, Any]
    try:
        with _Heartbeat(job.pk):
            result = spec.work(job, report)
    except JobFailed as failed:
        error, error_params = _kept(failed.message)
        fields = {"status": Job.Status.FAILED, "error": error, "error_params": error_params, "result": failed.result}
    except Exception as exc:
        # Not a failure the job foresaw: said in the reader's language; the details stay in the result.
        message = Text(gettext_noop("The job failed unexpectedly (%(error)s). Nothing was kept; try again or tell "
                                    "the operator."), error=f"{type(exc).__name__}: {exc}"[:300])
        fields = {"status": Job.Status.FAILED, "error": message.msgid, "error_params": message.params,
                  "result": {"traceback": traceback.format_exc()[-4000:]}}
    else:
        fields = {"status": Job.Status.SUCCEEDED, "result": result or {}}
    live = cache.get(_progress_key(job.pk))
    if live and len(live) == 4:
        fields.update(message=live[0], message_params=live[1], done=live[2], total=live[3])
    fields["finished_at"] = timezone.now()
    kept = Job.objects.filter(pk=job.pk).update(**fields)
    cache.delete_many([_progress_key(job.pk), _heartbeat_key(job.pk)])
    # The row can be gone by now (purged, or a test's database flushed under a thread that outlived the test):
    # the job has nothing left to report then, and reading it back would raise in a thread no one joins.
    if kept:
        job.refresh_from_db()
    return job


_threads: dict[int, threading.Thread] = {}


def start(kind: str, params: dict[str, Any], user: Actor = None) -> Job:
    """Create the job and run it in a background thread of this (web) process; returns at once."""
    from django.utils import translation

    fail_stale_jobs()
    job = create(kind, params, user)
    # The thread speaks the language of the person who started the job (its progress, errors and report
    # file); without this it would speak the site's default whatever the page's language.
    language = translation.get_language()

    def target() -> None:
        close_old_connections()
        try:
            with translation.override(language):
                run(job)
        finally:
            connection.close()

    thread = threading.Thread(target=target, name=f"job-{job.pk}", daemon=True)
    _threads[job.pk] = thread
    # After the request's transaction commits, so that the thread sees the job row.
    from django.db import transaction

    transaction.on_commit(thread.start)
    return job


def wait_all(timeout: float = 3600) -> None:
    """Wait for every job this process started (a command must not exit while its follow-ups run)."""
    for job_id in list(_threads):
        job = Job.objects.filter(pk=job_id).first()
        if job is not None:
            wait(job, timeout)


def wait(job: Job, timeout: float = 60) -> Job:
    """Wait for a job started here to finish (tests, and the command line)."""
    thread = _threads.get(job.pk)
    if thread is not None:
        deadline = time.monotonic() + timeout
        while not thread.is_alive() and not thread.ident and time.monotonic() < deadline:
            time.sleep(0.01)  # not started yet (waiting for the commit)
        thread.join(max(0.0, deadline - time.monotonic()))
        _threads.pop(job.pk, None)
    job.refresh_from_db()
    return job
