"""A job cut off by a server restart does not stay running forever: without a sign of life it is marked failed."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.utils import timezone

from corridor.jobs import services
from corridor.jobs.models import Job


@services.register("test-slow", "slow")
def _slow(job, progress):
    time.sleep(float(job.params["seconds"]))
    return {"slept": True}


def cut_off(world, status=Job.Status.RUNNING, minutes=20) -> Job:
    """A job whose process died `minutes` ago: its row says running, nothing beats any more."""
    job = services.create("test-slow", {"seconds": 0}, world.users["secretariat"])
    long_ago = timezone.now() - datetime.timedelta(minutes=minutes)
    Job.objects.filter(pk=job.pk).update(status=status, created_at=long_ago,
                                         started_at=long_ago if status == Job.Status.RUNNING else None,
                                         heartbeat_at=long_ago if status == Job.Status.RUNNING else None)
    job.refresh_from_db()
    return job


def test_a_running_job_without_a_heartbeat_is_failed_when_looked_at(world):
    job = cut_off(world)
    services.live_progress(job)
    assert job.status == Job.Status.FAILED and job.finished_at
    assert "restarted" in job.error or "重启" in job.error


def test_the_api_shows_the_cut_off_job_as_failed(world):
    job = cut_off(world)
    response = world.client_for("secretariat").get(f"/api/jobs/{job.pk}")
    assert response.status_code == 200
    assert response.json()["status"] == "failed" and response.json()["error"]


def test_a_job_with_a_recent_heartbeat_keeps_running(world):
    job = cut_off(world)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=20))
    job.refresh_from_db()
    assert not services.fail_if_stale(job)
    assert job.status == Job.Status.RUNNING


def test_a_heartbeat_in_the_cache_counts_too(world):
    job = cut_off(world)
    cache.set(services._heartbeat_key(job.pk), timezone.now(), 60)
    try:
        assert not services.fail_if_stale(job)
    finally:
        cache.delete(services._heartbeat_key(job.pk))


def test_starting_a_job_sweeps_the_stale_ones_queued_and_running(world, monkeypatch):
    running, queued, fresh = cut_off(world), cut_off(world, Job.Status.QUEUED), cut_off(world, minutes=1)
    assert services.fail_stale_jobs() == 2
    statuses = dict(Job.objects.filter(pk__in=[running.pk, queued.pk, fresh.pk]).values_list("pk", "status"))
    assert statuses == {running.pk: "failed", queued.pk: "failed", fresh.pk: "running"}


def test_the_threshold_comes_from_the_environment(world, monkeypatch):
    job = cut_off(world, minutes=2)
    assert not services.fail_if_stale(job)
    monkeypatch.setenv("CORRIDOR_JOB_STALE_SECONDS", "60")
    assert services.fail_if_stale(job)


@pytest.mark.django_db(transaction=True)
def test_a_running_job_beats(world, monkeypatch):
    monkeypatch.setattr(services, "HEARTBEAT_EVERY", 0.05)
    job = services.start("test-slow", {"seconds": 0.6}, world.users["secretariat"])
    deadline = time.monotonic() + 10
    beat = None
    while time.monotonic() < deadline and beat is None:
        row = Job.objects.get(pk=job.pk)
        if row.heartbeat_at and row.started_at and row.heartbeat_at > row.started_at:
            beat = row.heartbeat_at
        time.sleep(0.05)
    job = services.wait(job)
    assert beat is not None
    assert job.status == Job.Status.SUCCEEDED
