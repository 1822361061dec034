"""Demo history for the dashboards: monthly snapshots of every indicator for this month and the five
before (from the rows' own dates), so the trends have points. Idempotent: a second run keeps the past
months already taken, replaces this month's rows and adds none."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from corridor.dashboards import snapshots, tally

DEMO_MONTHS = 5


def load_demo(progress: Callable[[str, int, int], None] | None = None) -> int:
    # The demo loader writes organisations in bulk (no change events): count them once here.
    tally.rebuild()
    return snapshots.run(timezone.localdate().replace(day=1), DEMO_MONTHS, progress, keep_past=True)
