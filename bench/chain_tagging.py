"""Chain tagging on real listed companies: per-chain precision/recall, negatives tagged, calibration,
throughput — the tagger of `corridor chains tag` against the previous one, in the same run.

usage: bench/chain_tagging.py [--items realnames-dev/chains/items.jsonl] [--split all|tune|held-out]
                              [--baseline-commit 62c9ed6] [--examples N] [--fit]

The items (name, products, industry, gold chains) are fed as `corridor chains tag` gets them: name_zh,
name_en, and the products joined with 、 as the description. A chain counts as tagged when one of its
segments comes out with role `produces` (as the set's own adapter counts it).

The set is split by a hash of the stock code: `tune` (the half the keywords and weights were tuned on)
and `held-out` (never looked at while tuning). `--fit` refits the confidence weights on `tune` and prints
them (paste into `inference.WEIGHTS`). The previous tagger is `corridor/chains/inference.py` and the
templates of `--baseline-commit`, read with `git show`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import time
import types
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The shared data sit beside the checkout (../shared), or beside the worktrees' folder.
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent / "shared")
sys.path.insert(0, str(ROOT))

from corridor.chains import inference, spec, tagging  # noqa: E402

DEFAULT_ITEMS = SHARED / "data" / "realnames-dev" / "chains" / "items.jsonl"
AGAINST = {"against", "elsewhere", "lead_against"}
TARGET_CHAINS = ("biomedicine", "integrated-circuits", "new-energy-vehicles", "new-materials")


def half(item_id: str) -> str:
    return "tune" if int(hashlib.sha1(item_id.encode()).hexdigest()[:8], 16) % 2 == 0 else "held-out"


def load_items(path: Path, split: str) -> list[dict[str, Any]]:
    items = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [it for it in items if split == "all" or half(it["id"]) == split]


def as_row(item: dict[str, Any]) -> dict[str, Any]:
    return {"id": item["id"], "name_zh": item.get("name_zh", ""), "name_en": item.get("name_en", ""),
            "description": "、".join(item.get("products") or [])}


# -- the previous tagger, from git ----------------------------------------------------------------


def baseline_tagger(commit: str) -> Any:
    def show(path: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True,
                              capture_output=True, text=True).stdout

    module = types.ModuleType("inference_before")
    sys.modules[module.__name__] = module
    exec(compile(show("corridor/chains/inference.py"), f"{commit}:inference.py", "exec"), module.__dict__)
    import yaml

    listing = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", f"{commit}:corridor/chains/data"],
                             check=True, capture_output=True, text=True).stdout.split()
    segments = []
    chains = []
    for name in sorted(n for n in listing if n.endswith(".yaml")):
        template = spec.parse(yaml.safe_load(show(f"corridor/chains/data/{name}")), name)
        parents = {s.parent for s in template.segments if s.parent}
        for s in template.segments:
            grouping = s.key in parents
            if hasattr(module, "ChainWords"):  # a tagger with roles, hints and chain words (since 8d60f2b)
                segments.append(module.SegmentWords(template.slug, s.key, s.keywords_zh, s.keywords_en, s.role,
                                                    s.hints_zh, s.hints_en))
            else:
                segments.append(module.SegmentWords(template.slug, s.key, s.keywords_zh, s.keywords_en,
                                                    "" if grouping else s.name_zh, "" if grouping else s.name_en))
        if hasattr(module, "ChainWords"):
            chains.append(module.ChainWords(template.slug, template.exclude_zh, template.exclude_en,
                                            template.against_zh, template.against_en))
    matcher = module.Matcher(segments, chains) if chains else module.Matcher(segments)

    def tag(row: dict[str, Any]) -> list[Any]:
        return matcher.infer(module.OrgText(row["name_zh"], row["name_en"], row["description"], ""))

    return tag


# -- scoring --------------------------------------------------------------------------------------


def chains_of(hits: list[Any]) -> dict[str, float]:
    """chain → the highest confidence of a produced segment."""
    out: dict[str, float] = {}
    for h in hits:
        if h.role == inference.PRODUCES:
            out[h.chain] = max(out.get(h.chain, 0.0), h.confidence)
    return out


def score(items: list[dict[str, Any]], predicted: dict[str, dict[str, float]]) -> dict[str, Any]:
    chains = sorted({c for it in items for c in it["gold_chains"]} | {c for p in predicted.values() for c in p})
    rows = {}
    for chain in chains:
        gold = sum(1 for it in items if chain in it["gold_chains"])
        tagged = [it for it in items if chain in predicted[it["id"]]]
        tp = sum(1 for it in tagged if chain in it["gold_chains"])
        rows[chain] = {"gold": gold, "tagged": len(tagged), "tp": tp,
                       "negatives": sum(1 for it in tagged if not it["gold_chains"]),
                       "recall": tp / gold if gold else None, "precision": tp / len(tagged) if tagged else None}
    negatives = [it for it in items if not it["gold_chains"]]
    return {"per_chain": rows, "negatives": len(negatives),
            "negatives_tagged": sum(1 for it in negatives if predicted[it["id"]])}


def fmt(x: float | None) -> str:
    return "  –  " if x is None else f"{x:.2f}"


def print_scores(title: str, new: dict[str, Any], old: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"{'chain':<26}{'gold':>5}  {'new P':>6}{'new R':>6}{'tagged':>7}{'neg':>5}   {'old P':>6}{'old R':>6}"
          f"{'tagged':>7}{'neg':>5}")
    for chain in sorted(set(new["per_chain"]) | set(old["per_chain"])):
        n = new["per_chain"].get(chain, {"gold": 0, "tagged": 0, "negatives": 0, "recall": None, "precision": None})
        o = old["per_chain"].get(chain, {"gold": 0, "tagged": 0, "negatives": 0, "recall": None, "precision": None})
        mark = "*" if chain in TARGET_CHAINS else " "
        print(f"{mark}{chain:<25}{n['gold']:>5}  {fmt(n['precision']):>6}{fmt(n['recall']):>6}{n['tagged']:>7}"
              f"{n['negatives']:>5}   {fmt(o['precision']):>6}{fmt(o['recall']):>6}{o['tagged']:>7}{o['negatives']:>5}")
    print(f"negatives tagged: new {new['negatives_tagged']}/{new['negatives']} "
          f"({new['negatives_tagged'] / max(new['negatives'], 1):.1%}), old {old['negatives_tagged']}/{old['negatives']} "
          f"({old['negatives_tagged'] / max(old['negatives'], 1):.1%})   (* = target chains: P, R ≥ 0.80; negatives ≤ 2 %)")


def reliability(items: list[dict[str, Any]], predicted: dict[str, dict[str, float]], title: str) -> None:
    """Confidence bins of the (company, chain) tags against how often the chain is gold."""
    edges = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for it in items:
        for chain, conf in predicted[it["id"]].items():
            for b in range(len(edges) - 1):
                if edges[b] <= conf < edges[b + 1]:
                    bins[b].append((conf, chain in it["gold_chains"]))
    print(f"\nreliability ({title}): confidence bin, tags, mean confidence, precision")
    for b in range(len(edges) - 1):
        rows = bins.get(b, [])
        if rows:
            mean = sum(c for c, _ in rows) / len(rows)
            right = sum(1 for _, ok in rows if ok) / len(rows)
            print(f"  [{edges[b]:.2f}, {min(edges[b + 1], 1.0):.2f})  {len(rows):>5}  {mean:.3f}  {right:.3f}")


# -- fitting the confidence weights ---------------------------------------------------------------


def fit(items: list[dict[str, Any]], matcher: inference.Matcher, l2: float = 0.02, steps: int = 3000) -> dict[str, float]:
    """Logistic regression of 'the chain is gold' on the evidence of each produced-segment candidate."""
    rows: list[tuple[dict[str, float], int]] = []
    for it in items:
        best: dict[str, tuple[float, dict[str, float]]] = {}
        for hit, feats in matcher.explain(tagging.org_text(as_row(it))):
            if hit.role != inference.PRODUCES:
                continue
            if hit.chain not in best or hit.confidence > best[hit.chain][0]:
                best[hit.chain] = (hit.confidence, feats)
        for chain, (_, feats) in best.items():
            rows.append((feats, int(chain in it["gold_chains"])))
    names = [k for k in inference.WEIGHTS if k != "bias"]
    w = dict(inference.WEIGHTS)
    rate = 0.5
    for _ in range(steps):
        grad = dict.fromkeys(w, 0.0)
        for feats, y in rows:
            p = inference.confidence(feats, w)
            grad["bias"] += p - y
            for k in names:
                grad[k] += (p - y) * feats.get(k, 0.0)
        for k in w:
            w[k] -= rate * (grad[k] / len(rows) + (l2 * w[k] if k != "bias" else 0.0))
            # Evidence only ever raises confidence, counter-words only lower it (weights stay explainable).
            if k in AGAINST:
                w[k] = min(w[k], 0.0)
            elif k != "bias":
                w[k] = max(w[k], 0.0)
    loss = -sum(math.log(max(1e-9, inference.confidence(f, w) if y else 1 - inference.confidence(f, w)))
                for f, y in rows) / len(rows)
    print(f"fitted on {len(rows)} (company, chain) candidates, log loss {loss:.3f}")
    return {k: round(v, 2) for k, v in w.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=Path, default=DEFAULT_ITEMS)
    ap.add_argument("--split", choices=["all", "tune", "held-out"], default=None,
                    help="one part only (default: the whole set, then each half)")
    ap.add_argument("--baseline-commit", default="62c9ed6")
    ap.add_argument("--examples", type=int, default=0, help="print N misses and N false tags per chain")
    ap.add_argument("--fit", action="store_true", help="refit the confidence weights on the tune half")
    args = ap.parse_args(argv)
    if not args.items.exists():
        print(f"{args.items}: no such file (give --items)", file=sys.stderr)
        return 2
    items = load_items(args.items, "all")
    matcher = tagging.shipped_matcher()
    if args.fit:
        print(json.dumps(fit([it for it in items if half(it["id"]) == "tune"], matcher)))
        return 0
    rows = [as_row(it) for it in items]
    old_tag = baseline_tagger(args.baseline_commit)
    for r in rows[:20]:  # warm up both (jieba's dictionary, regex caches) before timing
        matcher.infer(tagging.org_text(r))
        old_tag(r)
    passes = 3
    started = time.perf_counter()
    for _ in range(passes):
        new = {r["id"]: chains_of(matcher.infer(tagging.org_text(r))) for r in rows}
    new_seconds = (time.perf_counter() - started) / passes
    started = time.perf_counter()
    for _ in range(passes):
        old = {r["id"]: chains_of(old_tag(r)) for r in rows}
    old_seconds = (time.perf_counter() - started) / passes
    splits = [args.split] if args.split else ["all", "tune", "held-out"]
    for split in splits:
        part = [it for it in items if split == "all" or half(it["id"]) == split]
        print_scores(f"== {split}: {len(part)} companies ({sum(1 for it in part if it['gold_chains'])} with a gold chain)",
                     score(part, new), score(part, old))
    for split in splits:
        part = [it for it in items if split == "all" or half(it["id"]) == split]
        reliability(part, new, f"new tagger, {split}")
    reliability(items, old, "previous tagger, all")
    print(f"\nthroughput: new {len(rows) / new_seconds:,.0f} companies/s, previous {len(rows) / old_seconds:,.0f} "
          f"companies/s ({len(rows)} companies × {passes} passes, one process, after a warm-up)")
    if args.examples:
        part = [it for it in items if (args.split or "tune") == "all" or half(it["id"]) == (args.split or "tune")]
        for chain in sorted({c for it in part for c in it["gold_chains"]} | {"artificial-intelligence"}):
            misses = [it for it in part if chain in it["gold_chains"] and chain not in new[it["id"]]]
            wrong = [it for it in part if chain in new[it["id"]] and chain not in it["gold_chains"]]
            print(f"\n-- {chain}: {len(misses)} missed, {len(wrong)} wrongly tagged")
            for it in misses[: args.examples]:
                print(f"  miss  {it['industry']:<8} {it['name_zh']} | {'、'.join(it['products'][:10])}")
            for it in wrong[: args.examples]:
                hits = [h for h in matcher.infer(tagging.org_text(as_row(it))) if h.chain == chain]
                why = "; ".join(f"{h.segment}/{h.role} {h.confidence} {','.join(h.evidence)}" for h in hits)
                print(f"  wrong {it['industry']:<8} {it['name_zh']} [{why}] | {'、'.join(it['products'][:8])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
