"""The listing corpus of this process: the engine kept in step with the database.

The engine's state (embeddings, HNSW graph, tokens) lives under CORRIDOR_DATA_DIR/matching/<database>
and is reloaded at start. Before each use, listings changed since the last look are upserted; only
those whose text changed are embedded again (content hash). `reindex` rebuilds everything.

The state is written after the first full sync and then once SAVE_EVERY changes have gathered, not
after each one, and then by a background job (`corridor/jobs`), never in the request that brought the
200th change: writing a 1M-listing index takes seconds. Changes not yet written are not lost: at the
next start the full sync compares content hashes and embeds exactly those listings again.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.matching import segments
from corridor.matching.engine import Item, Matcher
from corridor.matching.models import Listing

Progress = Callable[[str, int, int], None]
SAVE_EVERY = 200
_lock = threading.Lock()
_state: dict[str, object] = {}


def directory() -> Path:
    name = Path(str(connection.settings_dict["NAME"])).name or "default"
    return Path(settings.DATA_DIR) / "matching" / name


def item_for(listing: Listing) -> Item:
    return Item(
        id=str(listing.pk),
        text=listing.engine_text,
        category=listing.category,
        side=listing.side,
        segments=tuple(str(s) for s in listing.segments or ()),
        regions=tuple(str(r) for r in listing.regions or ()),
    )


def _load() -> Matcher:
    path = directory()
    if Matcher.exists(path):
        try:
            return Matcher.load(path)
        except (OSError, ValueError, KeyError):
            pass  # a damaged or older index is rebuilt from the database below
    return Matcher()


def matcher() -> Matcher:
    """The engine with every listing changed since the last call upserted (and closed ones removed)."""
    with _lock:
        key = str(directory())
        if _state.get("key") != key:
            _state.update(key=key, matcher=_load(), synced=None, unsaved=0, chains=None)
        engine: Matcher = _state["matcher"]  # type: ignore[assignment]
        _follow_chains(engine)
        since: datetime.datetime | None = _state.get("synced")  # type: ignore[assignment]
        now = timezone.now()
        changed = Listing.objects.all() if since is None else Listing.objects.filter(updated_at__gte=since)
        if since is None:
            known = {str(pk) for pk in Listing.objects.values_list("pk", flat=True)}
            engine.remove([i for i in engine.ids() if i not in known])
        embedded = 0
        batch: list[Listing] = []
        # In slices: the first sync of a large corpus reads every listing, never all of them at once.
        fields = ("id", "side", "category", "title_zh", "title_en", "text", "segments", "regions", "status")
        rows = changed.only(*fields).order_by()
        # A server-side cursor only for the first sync: for the few listings changed since the last
        # look it would cost three round trips instead of one.
        for row in rows.iterator(chunk_size=5000) if since is None else list(rows):
            batch.append(row)
            if len(batch) == 20_000:
                embedded += _apply(engine, batch)
                batch = []
        embedded += _apply(engine, batch)
        unsaved = int(_state.get("unsaved") or 0) + embedded  # type: ignore[call-overload]
        if since is None and embedded:
            engine.save(directory())
            unsaved = 0
        elif unsaved >= SAVE_EVERY:
            _save_later()
            unsaved = 0
        _state["unsaved"] = unsaved
        _state["synced"] = now
        return engine


SAVE_JOB = "matching-save-index"


def _save_later() -> None:
    """Write the index in a job once the request's transaction is over (one at a time)."""
    if _state.get("saving"):
        return
    _state["saving"] = True
    transaction.on_commit(lambda: jobs.start(SAVE_JOB, {}))


@jobs.register(SAVE_JOB, gettext_lazy("Saving of the matching index"))
def _save_job(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    try:
        # Under the lock: a request that needs the engine meanwhile waits, the one that filled it did not.
        with _lock:
            engine = _state.get("matcher")
            if isinstance(engine, Matcher):
                engine.save(directory())
    finally:
        _state["saving"] = False
    return {"saved": True}


def _apply(engine: Matcher, rows: list[Listing]) -> int:
    """Closed listings out, open ones in (embedded only if their text changed); returns how many were embedded."""
    engine.remove([str(r.pk) for r in rows if r.status != Listing.Status.OPEN])
    return engine.upsert([item_for(r) for r in rows if r.status == Listing.Status.OPEN])


def _follow_chains(engine: Matcher) -> None:
    """Give the engine the supply adjacency of the current chain templates, again after any chain edit."""
    current = segments.signature()
    if _state.get("chains") != current:
        engine.set_supplies(segments.supplies())
        _state["chains"] = current


def forget(listing_ids: list[int]) -> None:
    """Drop deleted listings from the engine (closed ones drop out at the next sync)."""
    with _lock:
        engine = _state.get("matcher")
        if isinstance(engine, Matcher):
            engine.remove([str(i) for i in listing_ids])


def reindex(progress: Progress | None = None) -> int:
    """Embed every open listing again and rebuild the index from scratch."""
    with _lock:
        engine = Matcher()
        open_rows = Listing.objects.filter(status=Listing.Status.OPEN).order_by("pk")
        total = open_rows.count()
        batch: list[Item] = []
        done = 0
        for listing in open_rows.iterator(chunk_size=2000):
            batch.append(item_for(listing))
            if len(batch) == 8000:  # large enough for the embedder to use every core
                engine.upsert(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress("embed listings", done, total)
        engine.upsert(batch)
        if progress:
            progress("embed listings", total, total)
        for side, vectors in engine.indexes.items():
            vectors.rebuild(progress=_step(progress, f"build {side} index"))
        engine.save(directory())
        _state.update(key=str(directory()), matcher=engine, synced=timezone.now(), unsaved=0, chains=None)
        return total


def _step(progress: Progress | None, name: str) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(name, done, total)
