"""Two secretaries publish two standards with the same number at the same moment: the database lets one win."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from corridor.core.errors import Conflict
from corridor.core.testing import build_world
from corridor.standards import services
from corridor.standards.models import Standard, Status
from corridor.standards.testing import build_std_world, to_state


@pytest.mark.django_db(transaction=True)
def test_the_same_number_twice_at_once_one_wins():
    sw = build_std_world(build_world())
    first, second = to_state(sw, "approved"), to_state(sw, "approved")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def publish(pk: int) -> None:
        try:
            standard = Standard.objects.get(pk=pk)
            barrier.wait()
            services.publish(sw.users["secretariat"], standard, number=7)
            outcomes.append("published")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(s.pk,)) for s in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "published"]
    assert Standard.objects.filter(number=7).count() == 1
    assert Standard.objects.filter(status=Status.APPROVED, publication_number="").count() == 1
