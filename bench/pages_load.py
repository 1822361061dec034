"""Bulk load of the synthetic population for `bench/pages.py` at large sizes (1M).

The same rows as `corridor generate --into-db` (`corridor.demo.synthetic`, same seed), with what the platform
keeps for search filled as it fills it: the search text and tokens by the organisation service's functions
(`search_haystack`, `search_tokens`), the chain tags by the chains' own matcher (`infer_tags` does the same
for an import's follow-up), the industry links, alliance memberships and actions. The index itself is the
database's: the GIN index on PostgreSQL and the FTS5 table (its triggers) on SQLite follow the inserts. Then
the chain counts, the dashboards' tally and the kept list totals are rebuilt or forgotten, as a bulk writer
must (`core.events.BULK_WRITERS`).

Why not `generate --into-db`: it builds model instances and inserts them through the ORM in batches of 500; at
1M that plus the chain tagging through `infer_tags` takes well over an hour here. This writes rows straight into
the tables (COPY on PostgreSQL, executemany on SQLite, as `bench/chains.py` does) with explicit keys, and
computes texts and tags in worker processes.
"""

from __future__ import annotations

import datetime
import json
import multiprocessing
import pickle
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHUNK = 5000

ORG_COLUMNS = [
    "id", "name_zh", "name_en", "short_name", "aliases", "kind", "uscc", "address", "region_id", "city_id",
    "province_id", "size_band", "is_head_enterprise", "description_zh", "description_en", "website", "founded_year",
    "listed", "contact_name", "contact_email", "contact_phone", "search_text", "search_tokens", "is_synthetic",
    "source_seed", "created_at", "updated_at",
]
TAG_COLUMNS = ["organisation_id", "segment_id", "role", "source", "status", "confidence", "evidence", "updated_at"]


_tag_cache: dict[tuple[str, ...], list[tuple[str, str, str, float, str]]] = {}
_masks: list[Any] = []


def _mask(r: dict[str, Any]) -> tuple[str, ...]:
    """The row's texts with what varies by row alone (its trade name, place, years and counts) masked: rows with
    the same masked texts get the same chain tags (the matcher looks for industry words, not those)."""
    import re

    from corridor.demo import synthetic

    if not _masks:
        words = {getattr(p, a) for ps in synthetic.places().values() for p in ps
                 for a in ("district_zh", "district_en", "city_zh", "city_en", "name_prefix_zh", "name_prefix_en")}
        _masks.append(re.compile("|".join(sorted(map(re.escape, filter(None, words)), key=len, reverse=True))
                                 + r"|\d+"))
    zh, en = r["_zihao"]
    return tuple(_masks[0].sub("@", t.replace(zh, "~").replace(en, "~"))
                 for t in (r["name_zh"], r["name_en"], r["description_zh"], r["description_en"]))


def prepare(rows: list[dict[str, Any]]) -> list[tuple[str, str, list[tuple[str, str, str, float, str]]]]:
    """Worker: (search text, tokens, chain hits) per generated row, by the platform's own functions (the chain
    matcher's answer is reused for rows whose texts differ only in trade name, place and numbers)."""
    from corridor.chains import services as chains
    from corridor.demo import workers
    from corridor.orgs.models import Organisation
    from corridor.orgs.services import search_haystack, search_tokens

    if workers._setup_error is not None:
        raise RuntimeError(f"worker could not set up Django: {workers._setup_error!r}")
    match = chains.matcher()
    out = []
    for r in rows:
        org = Organisation(name_zh=r["name_zh"], name_en=r["name_en"], short_name=r["short_name"],
                           description_zh=r["description_zh"], description_en=r["description_en"])
        key = _mask(r)
        hits = _tag_cache.get(key)
        if hits is None:
            hits = _tag_cache[key] = [
                (h.chain, h.segment, h.role, h.confidence, json.dumps(list(h.evidence), ensure_ascii=False))
                for h in match.infer(chains.org_text(org))]
        out.append((search_haystack(org), search_tokens(org), hits))
    return out


def _copy(table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    from django.db import connection

    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _chunks(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _generate(n: int) -> Iterator[dict[str, Any]]:
    """`synthetic.generate(n)`, each row with its trade name (for `_mask`)."""
    from corridor.demo import synthetic

    generator = synthetic.Generator(synthetic.DEFAULT_SEED)
    for index in range(n):
        row = generator.row(index)
        row["_zihao"] = generator.trade_name(index)
        yield row


def load(size: int, console: Any, cache: Path | None = None) -> float:
    """Add synthetic organisations until there are `size`; returns the seconds it took. `cache`: a file keeping
    the prepared rows (texts, tokens, tags), written by the first load and read by the next (the other database)."""
    from django.db import connection, transaction
    from django.db.models import Max

    from corridor.alliances.models import AllianceMembership, CommitmentAction
    from corridor.chains.models import Segment, SegmentTag
    from corridor.chains.services import rebuild_counts
    from corridor.dashboards import tally
    from corridor.demo import workers
    from corridor.demo.services import _InsertContext, ensure_industries
    from corridor.orgs import counts
    from corridor.orgs.models import Organisation
    from corridor.regions.services import load_regions

    started = time.perf_counter()
    load_regions()
    ensure_industries()
    context = _InsertContext()
    segment_ids = {(c, k): pk for c, k, pk in Segment.objects.filter(active=True)
                   .values_list("chain__slug", "key", "pk")}
    have = Organisation.objects.count()
    known = set(Organisation.objects.filter(is_synthetic=True).values_list("uscc", flat=True))
    next_id = (Organisation.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    # Generated rows already present (the demo's, or a previous partial load) are skipped by credit code.
    wanted = size - have + len(known)
    now: Any = datetime.datetime.now(datetime.UTC)
    if connection.vendor == "sqlite":  # as Django stores it there (UTC, no offset)
        now = now.replace(tzinfo=None).isoformat(" ")
    Through = Organisation.industries.through
    pool = multiprocessing.get_context("spawn").Pool(2, initializer=workers.start)
    done = 0
    try:
        pending = (([r for r in chunk if r["uscc"] not in known]) for chunk in _chunks(_generate(wanted), CHUNK))
        for rows, prepared in _prepared(pending, pool, cache):
            orgs, links, tags, memberships, actions = [], [], [], [], []
            for r, (haystack, tokens, hits) in zip(rows, prepared, strict=True):
                org_id = next_id
                next_id += 1
                region_id, city_id, province_id = context.regions[r["region"]]
                orgs.append((
                    org_id, r["name_zh"], r["name_en"], r["short_name"], "[]", r["kind"], r["uscc"], r["address"],
                    region_id, city_id, province_id, r["size_band"], r["is_head_enterprise"], r["description_zh"],
                    r["description_en"], r["website"], r["founded_year"], r["listed"], r["contact_name"],
                    r["contact_email"], r["contact_phone"], haystack, tokens, True, "", now, now,
                ))
                links += [(org_id, context.industries[s]) for s in r["industries"]]
                found = {}
                for chain, segment, role, confidence, evidence in hits:
                    segment_id = segment_ids.get((chain, segment))
                    if segment_id is not None:
                        found[(segment_id, role)] = (confidence, evidence)
                tags += [(org_id, segment_id, role, SegmentTag.Source.INFERRED, SegmentTag.Status.PROPOSED,
                          confidence, evidence, now) for (segment_id, role), (confidence, evidence) in found.items()]
                for m in r["memberships"]:
                    if m["alliance"] in context.alliances:
                        memberships.append(AllianceMembership(
                            alliance_id=context.alliances[m["alliance"]], organisation_id=org_id, role=m["role"],
                            batch=m["batch"], joined_on=m["joined_on"], is_synthetic=True))
                for a in r["actions"]:
                    commitment_id = context.commitments.get((a["alliance"], a["declaration"], a["position"]))
                    if commitment_id is not None:
                        actions.append(CommitmentAction(
                            commitment_id=commitment_id, taken_on=a["taken_on"], description=a["description"],
                            organisation_id=org_id, is_synthetic=True))
            with transaction.atomic():
                _copy(Organisation._meta.db_table, ORG_COLUMNS, orgs)
                _copy(Through._meta.db_table, ["organisation_id", "industry_id"], links)
                _copy(SegmentTag._meta.db_table, TAG_COLUMNS, tags)
                AllianceMembership.objects.bulk_create(memberships, batch_size=2000)
                CommitmentAction.objects.bulk_create(actions, batch_size=2000)
            done += len(rows)
            if done % 100_000 < CHUNK:
                console.print(f"  {done:,} organisations, {time.perf_counter() - started:.0f} s")
    finally:
        pool.terminate()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the keys were given explicitly: the sequence follows them
            cursor.execute("SELECT setval(pg_get_serial_sequence('orgs_organisation', 'id'), "
                           "(SELECT max(id) FROM orgs_organisation))")
    console.print(f"  rows in {time.perf_counter() - started:.0f} s; chain counts, tally …")
    with transaction.atomic():
        rebuild_counts()
        tally.rebuild()
        counts.forget()
    return time.perf_counter() - started


def _prepared(pending: Iterator[list[dict[str, Any]]], pool: Any, cache: Path | None
              ) -> Iterator[tuple[list[dict[str, Any]], Any]]:
    """(rows, prepared) per chunk: read from `cache` when complete, else from the workers (written to it)."""
    done = cache.with_suffix(".done") if cache else None
    if cache is not None and done is not None and done.exists():
        with cache.open("rb") as file:
            while True:
                try:
                    yield pickle.load(file)
                except EOFError:
                    return
    file = cache.open("wb") if cache else None
    try:
        for item in _ahead(pending, pool):
            if file:
                pickle.dump(item, file, protocol=pickle.HIGHEST_PROTOCOL)
            yield item
    finally:
        if file:
            file.close()
    if done is not None:
        done.touch()


def _ahead(pending: Iterator[list[dict[str, Any]]], pool: Any) -> Iterator[tuple[list[dict[str, Any]], Any]]:
    """(rows, prepared) per chunk, the workers a few chunks ahead of the inserts (memory bounded by the window)."""
    window: list[tuple[list[dict[str, Any]], Any]] = []
    for rows in pending:
        window.append((rows, pool.apply_async(prepare, (rows,))))
        if len(window) > 4:
            rows0, result = window.pop(0)
            yield rows0, result.get()
    for rows0, result in window:
        yield rows0, result.get()
