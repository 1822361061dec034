"""One match request end to end through the API, with N listings loaded: a need is posted, then
`GET /api/matching/listings/{id}/suggestions` is timed (the engine notices the new listing, embeds
it, retrieves from the persisted HNSW index, reranks with lexical/concept/figure evidence, drops what
the viewer may not see, explains, serialises). In-process through Django's full stack, no network.

    createdb -h 127.0.0.1 -U postgres bench_match
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_match \\
        flock /tmp/corridor-heavy.lock .venv/bin/python bench/match_api.py --size 1000000

The corpus is built efficiently: listing rows by bulk insert, drawn from the texts of bench/data;
their vectors are the real embeddings of those texts plus a little noise (so a million listings
crowd around topics like real ones do, without embedding a million texts), stored in the engine's
persisted index as `corridor match reindex` would leave it. Baselines in the same run: the same
request for a need already embedded (no embedding), one embedding alone, and ANN retrieval alone.
A sanity figure says whether the top suggestion carries the text of the need's gold offer.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / "data"


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def ms(values: list[float], p: float) -> float:
    return float(np.percentile(np.array(values) * 1000, p))


def read(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]


def insert(size: int, offerer: Any, base: list[tuple[str, str, str]]) -> None:
    from django.db import connection

    from corridor.matching.models import Interest, Listing, Notification

    with connection.cursor() as cursor:  # a million rows: no ORM cascade collection
        for model in (Notification, Interest, Listing):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
    started = time.perf_counter()
    step = 20_000
    for start in range(0, size, step):
        Listing.objects.bulk_create(
            [Listing(organisation=offerer, side=base[i % len(base)][2], category=base[i % len(base)][1],
                     text=base[i % len(base)][0]) for i in range(start, min(start + step, size))],
            batch_size=step,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum would soon do: plans need the new row counts
            cursor.execute(f"ANALYZE {Listing._meta.db_table}")
    inserted = time.perf_counter() - started
    print(f"inserted {size:,} listing rows in {inserted:.0f} s ({size / inserted:,.0f} rows/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000, help="listings in the corpus")
    parser.add_argument("--requests", type=int, default=160, help="needs posted and matched (one request each)")
    parser.add_argument("--noise", type=float, default=0.6, help="spread of corpus vectors around their text's embedding")
    args = parser.parse_args()

    os.environ.setdefault("CORRIDOR_DATA_DIR", str(ROOT / "bench" / "out" / "match_api"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from corridor.core.testing import build_world
    from corridor.matching import index, services
    from corridor.matching.engine import Item, Matcher, embedders
    from corridor.matching.models import Listing
    from corridor.orgs.models import Organisation

    call_command("migrate", verbosity=0)
    if not get_user_model().objects.filter(username="owner").exists():
        build_world()
    owner = get_user_model().objects.get(username="owner")
    offerer = Organisation.objects.get(name_zh="芜湖埃夫特智能装备股份有限公司")
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}")

    offers, needs, gold = read("offers"), read("needs"), {g["need"]: g["offers"][0] for g in read("gold")}
    base = [(o["text"], o["category"], "offer") for o in offers] + [(n["text"], n["category"], "need") for n in needs]
    embedder = embedders.get()
    base_vectors = embedder.encode([text for text, _, _ in base])

    corpus = Listing.objects.filter(organisation=offerer)
    have = corpus.count()
    if have != args.size or not Matcher.exists(index.directory()):
        if have != args.size:  # the same rows serve engines kept in different data directories
            insert(args.size, offerer, base)

        started, before = time.perf_counter(), rss_mb()
        rng = np.random.default_rng(0)
        engine = Matcher(embedder)
        position = {text: i for i, (text, _, _) in enumerate(base)}
        rows = list(corpus.order_by("pk").values_list("pk", "text"))
        for start in range(0, len(rows), 50_000):
            chunk = [pk for pk, _ in rows[start : start + 50_000]]
            picks = np.array([position[text] for _, text in rows[start : start + 50_000]])
            vectors = base_vectors[picks] + args.noise / np.sqrt(base_vectors.shape[1]) * rng.normal(
                size=(len(chunk), base_vectors.shape[1])).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            items = [Item(str(pk), base[p][0], base[p][1], base[p][2]) for pk, p in zip(chunk, picks, strict=True)]
            engine.upsert(items, vectors=vectors)
            print(f"  engine: {start + len(chunk):,} listings, {time.perf_counter() - started:.0f} s, RSS {rss_mb():,.0f} MiB",
                  flush=True)
        built = time.perf_counter() - started
        engine.save(index.directory())
        print(f"engine built in {built:.0f} s (HNSW {engine.uses_ann}), saved in {time.perf_counter() - started - built:.0f} s, "
              f"≈ {rss_mb() - before:,.0f} MiB")
        del engine
        # Measure the service start in a fresh process: this one's allocator still holds what the build freed.
        os.execv(sys.executable, [sys.executable, *sys.argv])
    else:
        print(f"reusing {have:,} listings and the persisted index under {index.directory()}")

    index._state.clear()
    started, before = time.perf_counter(), rss_mb()
    engine = index.matcher()
    grown = rss_mb() - before
    print(f"service start: index loaded and synced with the database in {time.perf_counter() - started:.0f} s, "
          f"{len(engine):,} listings, engine memory ≈ {grown:,.0f} MiB = {grown * 1024 * 1024 / len(engine):,.0f} bytes "
          f"per listing (process {rss_mb():,.0f} MiB)")

    client = Client()
    client.force_login(owner)
    fresh, again, hits = [], [], 0
    queries = needs[: args.requests]
    for need in queries:
        listing = services.create_listing(owner, {"side": "need", "category": need["category"], "title_zh": "",
                                                  "title_en": need["text"][:60], "text": need["text"]})
        url = f"/api/matching/listings/{listing.pk}/suggestions?k=10"
        started = time.perf_counter()
        response = client.get(url)
        fresh.append(time.perf_counter() - started)
        assert response.status_code == 200, response.content[:300]
        started = time.perf_counter()
        body = client.get(url).json()
        again.append(time.perf_counter() - started)
        gold_text = next(o["text"] for o in offers if o["id"] == gold[need["id"]])
        hits += bool(body) and body[0]["listing"]["text"] == gold_text
    embed_times, ann_times, rank_times = [], [], []
    margin = 4 * engine.candidates
    for need in queries:
        started = time.perf_counter()
        vector = embedder.encode([need["text"]])[0]
        embed_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        engine.indexes["offer"].search(vector, margin)
        ann_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        engine.rank(Item("bench-query", need["text"], need["category"], "need"), k=50, vector=vector)
        rank_times.append(time.perf_counter() - started)
    n = len(queries)
    print(f"{n} match requests over {len(engine):,} listings ({'HNSW' if engine.uses_ann else 'exact'} retrieval):")
    print(f"  new need (embed + retrieve + rerank + explain): p50 {ms(fresh, 50):.1f} ms, p95 {ms(fresh, 95):.1f} ms")
    print(f"  baseline, same need again (no embedding):       p50 {ms(again, 50):.1f} ms, p95 {ms(again, 95):.1f} ms")
    print(f"  baseline, embedding one need alone:             p50 {ms(embed_times, 50):.1f} ms, p95 {ms(embed_times, 95):.1f} ms")
    print(f"  baseline, ANN top-{margin} of the offers alone:      p50 {ms(ann_times, 50):.1f} ms, p95 {ms(ann_times, 95):.1f} ms")
    print(f"  the engine's rank() alone, vector given (k=50):  p50 {ms(rank_times, 50):.1f} ms, p95 {ms(rank_times, 95):.1f} ms")
    print(f"  top suggestion carries the gold offer's text: {hits}/{n}")
    Listing.objects.exclude(organisation=offerer).delete()  # the posted needs: the next run posts them again


if __name__ == "__main__":
    main()
