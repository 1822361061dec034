"""Matching quality on the labelled bilingual set in bench/data (needs, offers, gold).

Prints recall@1/5/10 and MRR, split by same- and cross-language gold pairs, for the engine and, in
the same run, for two baselines: plain embedding cosine (same embedder, no rules) and BM25 over
jieba tokens. Weights are tuned (with --tune) on the `tune` half of the needs only; the `test` half is
what the figures are judged on.

    .venv/bin/python bench/match_quality.py [--split test|tune|all] [--tune]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corridor.matching.engine import Item, Matcher, Weights, embedders
from corridor.matching.engine.lexical import BM25
from corridor.matching.engine.text import tokens

DATA = Path(__file__).parent / "data"
KS = (1, 5, 10)


def read(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = max(len(ranks), 1)
    out = {f"R@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in KS}
    out["MRR"] = sum(1 / r for r in ranks if r is not None) / n
    out["n"] = len(ranks)
    return out


def first_gold_rank(ranked: list[str], gold: set[str]) -> int | None:
    for position, item_id in enumerate(ranked, start=1):
        if item_id in gold:
            return position
    return None


def evaluate(rankers: dict[str, dict[str, list[str]]], gold: list[dict]) -> dict[str, dict[str, dict[str, float]]]:
    table: dict[str, dict[str, dict[str, float]]] = {}
    for name, ranked in rankers.items():
        ranks = {g["need"]: first_gold_rank(ranked[g["need"]], set(g["offers"])) for g in gold}
        table[name] = {
            "all": metrics([ranks[g["need"]] for g in gold]),
            "same": metrics([ranks[g["need"]] for g in gold if not g["cross"]]),
            "cross": metrics([ranks[g["need"]] for g in gold if g["cross"]]),
        }
    return table


def engine_rankings(matcher: Matcher, needs: list[Item], vectors: np.ndarray, k: int = 10) -> dict[str, list[str]]:
    return {n.id: [m.id for m in matcher.rank(n, k=k, vector=v)] for n, v in zip(needs, vectors, strict=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("test", "tune", "all"), default="test")
    parser.add_argument("--tune", action="store_true", help="grid-search weights on the tune split first")
    parser.add_argument("--embedder", default=embedders.DEFAULT, choices=sorted(embedders.FACTORIES))
    args = parser.parse_args()

    raw_needs, raw_offers, gold_all = read("needs"), read("offers"), read("gold")
    offers = [Item(o["id"], o["text"], o["category"], "offer") for o in raw_offers]
    needs_all = [Item(n["id"], n["text"], n["category"], "need") for n in raw_needs]
    split_of = {g["need"]: g["split"] for g in gold_all}

    embedder = embedders.get(args.embedder)
    started = time.perf_counter()
    matcher = Matcher(embedder)
    matcher.upsert(offers)
    need_vectors = embedder.encode([n.text for n in needs_all])
    embed_seconds = time.perf_counter() - started
    vector_of = dict(zip([n.id for n in needs_all], need_vectors, strict=True))

    weights = matcher.weights
    if args.tune:
        tune_needs = [n for n in needs_all if split_of[n.id] == "tune"]
        tune_gold = [g for g in gold_all if g["split"] == "tune"]
        best = None
        grid = itertools.product((0.0, 0.1, 0.2), (0.15, 0.3, 0.5), (0.0, 0.1, 0.2, 0.4), (0.0, 0.1, 0.2, 0.3))
        for lexical, specific, concept, figures in grid:
            matcher.weights = Weights(lexical=lexical, specific=specific, concept=concept, figures=figures)
            ranked = engine_rankings(matcher, tune_needs, np.stack([vector_of[n.id] for n in tune_needs]))
            score = evaluate({"engine": ranked}, tune_gold)["engine"]["all"]
            key = (score["R@5"], score["MRR"])
            if best is None or key > best[0]:
                best = (key, matcher.weights)
        assert best is not None
        weights = best[1]
        print(f"tuned on {len(tune_needs)} needs: lexical={weights.lexical} specific={weights.specific} "
              f"concept={weights.concept} figures={weights.figures} "
              f"(R@5 {best[0][0]:.3f}, MRR {best[0][1]:.3f})")
    matcher.weights = weights

    gold = gold_all if args.split == "all" else [g for g in gold_all if g["split"] == args.split]
    needs = [n for n in needs_all if any(g["need"] == n.id for g in gold)]
    vectors = np.stack([vector_of[n.id] for n in needs])

    offer_ids = [o.id for o in offers]
    offer_vectors = np.stack([matcher.vector(i) for i in offer_ids])
    bm25 = BM25()
    for o in offers:
        bm25.add(tokens(o.text))

    rankers = {
        "engine": engine_rankings(matcher, needs, vectors),
        "cosine": {n.id: [offer_ids[i] for i in np.argsort(-(offer_vectors @ v))[:10]] for n, v in zip(needs, vectors, strict=True)},
        "bm25": {n.id: [offer_ids[row] for row, _ in bm25.top(tokens(n.text), 10)] for n in needs},
    }
    table = evaluate(rankers, gold)
    cross = sum(g["cross"] for g in gold)
    print(f"set: {len(needs)} needs ({args.split} split; {cross} cross-language, {len(gold) - cross} same-language), "
          f"{len(offers)} offers; embedder {embedder.name}; weights {weights}")
    print(f"embedding {len(offers) + len(needs_all)} texts took {embed_seconds:.2f} s on {os.cpu_count()} cores")
    print(f"{'ranker':<8} {'pairs':<6} {'n':>3} " + " ".join(f"{m:>6}" for m in ("R@1", "R@5", "R@10", "MRR")))
    for name, parts in table.items():
        for part in ("all", "same", "cross"):
            row = parts[part]
            print(f"{name:<8} {part:<6} {int(row['n']):>3} " + " ".join(f"{row[m]:>6.3f}" for m in ("R@1", "R@5", "R@10", "MRR")))
    misses = [(g["need"], rankers["engine"][g["need"]][:3]) for g in gold if g["offers"][0] not in rankers["engine"][g["need"]][:1]]
    for need, top in misses:
        print(f"  engine top-1 miss: {need} → {top}")


if __name__ == "__main__":
    main()
