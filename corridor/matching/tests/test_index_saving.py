"""The matching index is written by a background job, never by the request that brought the change."""

from __future__ import annotations

import threading

import pytest

from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.matching import index
from corridor.matching.engine import Matcher
from corridor.matching.testing import make_listings


@pytest.mark.django_db(transaction=True)
def test_the_index_is_saved_by_a_job_not_by_the_request(world, monkeypatch) -> None:
    monkeypatch.setattr(index, "_state", {})
    monkeypatch.setattr(index, "SAVE_EVERY", 2)
    index.matcher()  # the first sync, of an empty corpus
    saved_in: list[str] = []
    save = Matcher.save

    def recording_save(self: Matcher, path) -> None:
        saved_in.append(threading.current_thread().name)
        save(self, path)

    monkeypatch.setattr(Matcher, "save", recording_save)
    make_listings(world)  # four listings: two "every SAVE_EVERY changes"
    engine = index.matcher()
    for job in Job.objects.filter(kind=index.SAVE_JOB):
        assert jobs.wait(job).status == Job.Status.SUCCEEDED
    assert saved_in, "the index was never written"
    assert all(name.startswith("job-") for name in saved_in), saved_in
    assert Matcher.exists(index.directory()) and len(list(engine.ids())) == 4
