import pytest
from django.core.cache import cache

from corridor.core.testing import expect_matrix
from corridor.jobs import services
from corridor.jobs.models import Job

SEEN: list[tuple[str, int, int]] = []


@services.register("test-count", "counting")
def _count(job, progress):
    total = int(job.params["n"])
    for i in range(1, total + 1):
        progress("counting", i, total)
    return {"counted": total}


@services.register("test-fail", "failing")
def _fail(job, progress):
    progress("half", 1, 2)
    raise services.JobFailed("nope", {"bad": [1, 2]})


@services.register("test-crash", "crashing")
def _crash(job, progress):
    raise RuntimeError("boom")


@pytest.mark.django_db(transaction=True)
def test_a_background_job_runs_and_records_its_result(world):
    job = services.start("test-count", {"n": 5}, world.users["secretariat"])
    job = services.wait(job)
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"counted": 5}
    assert (job.done, job.total) == (5, 5) and job.percent == 100
    assert job.started_at and job.finished_at and job.created_by == world.users["secretariat"]


def test_run_in_the_callers_thread_passes_progress_on(world):
    seen = []
    job = services.run(services.create("test-count", {"n": 3}), progress=lambda s, d, t: seen.append((d, t)))
    assert job.status == Job.Status.SUCCEEDED and seen[-1] == (3, 3)


def test_failures_keep_their_result_and_crashes_their_error(world):
    failed = services.run(services.create("test-fail", {}))
    assert failed.status == Job.Status.FAILED and failed.error == "nope" and failed.result == {"bad": [1, 2]}
    crashed = services.run(services.create("test-crash", {}))
    assert crashed.status == Job.Status.FAILED and "boom" in crashed.error_text


def test_running_progress_comes_from_the_cache(world):
    job = services.create("test-count", {"n": 3})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    cache.set(services._progress_key(job.pk), ("stage two", 40, 80), 60)
    job.refresh_from_db()
    services.live_progress(job)
    assert (job.message, job.done, job.total, job.percent) == ("stage two", 40, 80, 50)


def test_only_the_owner_and_admins_see_a_job(world):
    job = services.run(services.create("test-count", {"n": 1}, world.users["secretariat"]))
    expected = {"visitor": 404, "owner": 404, "member": 404, "outsider": 404, "secretariat": 200, "officer": 404,
                "admin": 200}
    expect_matrix(world, "get", f"/jobs/{job.pk}/", expected)
    expect_matrix(world, "get", f"/jobs/{job.pk}/status/", expected)


def test_the_status_partial_polls_until_the_job_ends(world):
    job = services.create("test-count", {"n": 1}, world.users["admin"])
    client = world.client_for("admin")
    running = client.get(f"/jobs/{job.pk}/status/").content.decode()
    assert 'hx-trigger="every 1s"' in running
    services.run(job)
    done = client.get(f"/jobs/{job.pk}/status/").content.decode()
    assert "hx-trigger" not in done and 'data-status="succeeded"' in done
