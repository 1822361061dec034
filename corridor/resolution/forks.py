"""Work shared out to forked processes, for the command line on a machine with several cores.

A forked process inherits the parent's memory, so a million parsed records reach it without being
pickled; only what it returns is. Never used inside the web server or a job thread (forking a process
that holds database connections and threads is asking for trouble): callers opt in with `workers`."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

_JOBS: Sequence[Callable[[], Any]] = ()  # what the forked processes run, inherited, never pickled


def _run(index: int) -> Any:
    return _JOBS[index]()


def in_forks(here: Callable[[], T], elsewhere: Sequence[Callable[[], T]]) -> list[T]:
    """`here()` in this process while each of `elsewhere` runs in a forked one; the results in that order."""
    global _JOBS
    if not elsewhere or "fork" not in multiprocessing.get_all_start_methods():
        return [here(), *(job() for job in elsewhere)]  # nothing to share out, or a system without fork
    _JOBS = elsewhere
    try:
        with ProcessPoolExecutor(len(elsewhere), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(_run, index) for index in range(len(elsewhere))]
            first = here()
            return [first, *(future.result() for future in futures)]
    finally:
        _JOBS = ()
