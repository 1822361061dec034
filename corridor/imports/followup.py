"""After an import: what is derived from the organisations it wrote, computed after the load.

The import itself only writes the rows (all or nothing, in one transaction). The search text of the
organisations it created, and everything that follows the kernel's change event (chain tags, counts),
come afterwards:

- a small import (at most `events.INLINE_LIMIT` organisations) does it in its own transaction, so a page
  upload of a few rows is searchable and tagged when it commits;
- a large one starts the `import-follow-up` job when it commits: the organisations are visible at once,
  and searchable and tagged moments later, the job's page showing how far it has got.

`refresh_search(ids)` is the one post-load step for search: a search index kept beside the search text
is refreshed there.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext_lazy, gettext_noop

from corridor.core import events
from corridor.core.access import Actor
from corridor.core.texts import Text
from corridor.imports.prepare import worker_count
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.orgs import counts as kept_counts
from corridor.orgs import search_text
from corridor.orgs.models import Organisation
from corridor.search.text import document_tokens

FOLLOW_UP_JOB = "import-follow-up"
CHUNK = 5000  # organisations per transaction of the job: progress is reported, and a crash keeps what was done


def refresh_search(ids: Sequence[int]) -> None:
    """Compute the search text and index tokens of these organisations from their names and descriptions.

    Done after the load rather than row by row inside it: the token index (GIN on PostgreSQL, FTS5 on
    SQLite) costs several times the import's own database work when it is written row by row."""
    if ids:
        write_search(search_rows(read_names(ids)))


Names = tuple[int, list[str], list[str]]  # id, names (full, English, short, aliases), descriptions


def read_names(ids: Sequence[int]) -> list[Names]:
    return [
        (pk, [zh, en, short, *(aliases or [])], [desc_zh, desc_en])
        for pk, zh, en, short, aliases, desc_zh, desc_en in Organisation.objects.filter(pk__in=list(ids)).values_list(
            "pk", "name_zh", "name_en", "short_name", "aliases", "description_zh", "description_en",
        ).iterator(chunk_size=CHUNK)
    ]


def search_rows(rows: Sequence[Names]) -> list[tuple[int, str, str]]:
    """(id, search text, tokens) of each: pure, so a large follow-up runs it in worker processes."""
    return [(pk, search_text.build(names), document_tokens(names, texts)) for pk, names, texts in rows]


def write_search(rows: Sequence[tuple[int, str, str]]) -> None:
    table = Organisation._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS o SET search_text = v.t, search_tokens = v.k "
                "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(id, t, k) WHERE o.id = v.id",
                [[r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]])
        else:
            cursor.executemany(f"UPDATE {table} SET search_text = %s, search_tokens = %s WHERE id = %s",
                               [(t, k, p) for p, t, k in rows])


def _searched_chunks(chunks: list[list[int]], workers: int) -> Iterator[list[tuple[int, str, str]]]:
    """Each chunk's search rows, in order: the names read here, the texts made in `workers` forked processes
    (a couple of chunks ahead) while this process writes and tags the previous chunk."""
    if workers <= 0:
        for chunk in chunks:
            yield search_rows(read_names(chunk))
        return
    # fork, as the import's own workers (imports.prepare): they compute from plain tuples and touch no connection.
    gc.freeze()  # as there: the workers' collections then leave the pages they share with this process alone
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending: deque[Any] = deque()
            for chunk in chunks:
                pending.append(pool.apply_async(search_rows, (read_names(chunk),)))
                if len(pending) > 2:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
    finally:
        gc.unfreeze()


def expand(ranges: Sequence[Sequence[int]]) -> Iterator[int]:
    for first, last in ranges:
        yield from range(int(first), int(last) + 1)


def after_load(actor: Actor, created: list[tuple[int, int]], changed: set[int], entry_id: int | None) -> Job | None:
    """Called in the import's transaction once every row is written: follow now, or start the job on commit."""
    created_ids = list(expand(created))
    if len(created_ids) + len(changed) <= events.INLINE_LIMIT:
        refresh_search(created_ids)
        events.organisations_changed([*created_ids, *changed])
        return None
    # The list's kept totals are counted again once the rows are visible, not when the job ends (after the commit:
    # forgetting them locks their row, which must not stay locked for the rest of a long import).
    transaction.on_commit(kept_counts.forget)
    # The job row commits (or rolls back) with the import; its thread starts after the commit.
    return jobs.start(FOLLOW_UP_JOB, {
        "created": [list(r) for r in created], "changed": sorted(changed), "import": entry_id,
    }, actor)


@jobs.register(FOLLOW_UP_JOB, gettext_lazy("Making imported organisations searchable and tagging their chains"),
               template="imports/_follow_up_result.html")
def run_follow_up(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    created = list(expand(job.params.get("created") or []))
    changed = [int(i) for i in job.params.get("changed") or []]
    total = len(created) + len(changed)
    stage = Text(gettext_noop("Making imported organisations searchable and tagging their chains"))
    done = 0
    progress(stage, 0, total)
    chunks = [created[start:start + CHUNK] for start in range(0, len(created), CHUNK)]
    for chunk, rows in zip(chunks, _searched_chunks(chunks, worker_count(len(created))), strict=True):
        with transaction.atomic():
            write_search(rows)
            events.follow(events.ORGANISATIONS_CHANGED, chunk)
        done += len(chunk)
        progress(stage, done, total)
    # Updated organisations got their search text with the update; they only need the event.
    for start in range(0, len(changed), CHUNK):
        chunk = changed[start:start + CHUNK]
        with transaction.atomic():
            events.follow(events.ORGANISATIONS_CHANGED, chunk)
        done += len(chunk)
        progress(stage, done, total)
    return {"followed": total, "import": job.params.get("import")}
