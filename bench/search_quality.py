"""Search quality on the labelled queries (bench/data/search_queries.jsonl): recall@10 and MRR per kind,
for the new search (corridor.search) and for the search it replaces (all words as substrings of the names
haystack, in display order), in the same run, on the demo corridor loaded into a temporary SQLite database.

The hand-made queries that name an industry are scored a second time as kind `industry`, their gold completed
with every demo organisation tagged with that industry (the label's own definition; the hand list names only the
seeds' organisations). Two more kinds are labelled from the chain templates rather than by hand: every segment's Chinese and English
name (`segment_zh`, `segment_en`) is a query whose gold is the organisations the demo tags as producers in that
segment (not rejected), the figure a chain page counts. Such a gold is often larger than 10, so recall@10
divides by min(10, gold) throughout (unchanged for the hand-made queries, whose gold is at most 6), and
"recall all" is the share of the gold anywhere in the results (up to the 1,000 a list counts).

    .venv/bin/python bench/search_quality.py                    # temporary database, removed afterwards
    .venv/bin/python bench/search_quality.py --data-dir /tmp/q  # keep (and reuse) the loaded demo there
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
QUERIES = ROOT / "bench" / "data" / "search_queries.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", help="keep the demo database here (reused when present)")
    parser.add_argument("--show-misses", action="store_true", help="print the queries the new search misses")
    args = parser.parse_args()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="corridor-search-quality-")
    os.environ["CORRIDOR_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    try:
        run(args.show_misses)
    finally:
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


def run(show_misses: bool) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from rich.console import Console
    from rich.table import Table

    from corridor.orgs import search_text
    from corridor.orgs.models import Organisation
    from corridor.search.orgs import search_organisations
    from corridor.search.paging import CAP

    console = Console()
    call_command("migrate", verbosity=0)
    if not Organisation.objects.exists():
        console.print("loading the demo corridor (once per data dir)")
        call_command("load_demo", verbosity=0)
    visible = Organisation.objects.visible_to(None)

    def key(org: Organisation) -> str:
        return org.name_zh or org.name_en

    names = dict(visible.values_list("pk", "name_zh"))
    names.update({pk: en for pk, en in visible.filter(name_zh="").values_list("pk", "name_en")})

    def new(q: str) -> list[str]:
        return [names[pk] for pk in search_organisations(visible, q).ids[:CAP]]

    def old(q: str) -> list[str]:
        qs = visible
        for term in search_text.query_terms(q):
            qs = qs.filter(search_text__contains=term)
        return [key(o) for o in qs.only("name_zh", "name_en")[:CAP]]

    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    queries += industry_queries(visible, queries)
    queries += segment_queries(visible)
    Score = tuple[float, float, float]
    scores: dict[str, dict[str, list[Score]]] = {"new": defaultdict(list), "old": defaultdict(list)}
    misses = []
    for item in queries:
        expected = set(item["expected"])
        for name, search in (("new", new), ("old", old)):
            found = search(item["q"])
            recall = len(expected & set(found[:10])) / min(10, len(expected))
            recall_all = len(expected & set(found)) / len(expected)
            rr = next((1 / (i + 1) for i, k in enumerate(found[:10]) if k in expected), 0.0)
            scores[name][item["kind"]].append((recall, rr, recall_all))
            scores[name]["all"].append((recall, rr, recall_all))
            if name == "new" and recall < 1:
                misses.append((item["kind"], item["q"], found[:3]))
    table = Table(title=f"Search quality: {len(queries)} labelled queries, demo corridor ({visible.count()} visible)")
    for column in ("kind", "n", "recall@10 new", "recall@10 old", "MRR new", "MRR old", "recall all new",
                   "recall all old"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    kinds = [k for k in dict.fromkeys(q["kind"] for q in queries)] + ["all"]
    for kind in kinds:
        n = len(scores["new"][kind])
        mean = {name: [sum(s[i] for s in scores[name][kind]) / n for i in range(3)] for name in ("new", "old")}
        table.add_row(kind, str(n), f"{mean['new'][0]:.2f}", f"{mean['old'][0]:.2f}", f"{mean['new'][1]:.2f}",
                      f"{mean['old'][1]:.2f}", f"{mean['new'][2]:.2f}", f"{mean['old'][2]:.2f}",
                      style="bold" if kind == "all" else None)
    console.print(table)
    if show_misses:
        for kind, q, found in misses:
            console.print(f"[dim]{kind}[/] {q!r} → {found}")


def industry_queries(visible: Any, queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The hand-made queries that name an industry (集成电路, biomedicine…) scored again with the whole gold their
    label describes: every visible organisation tagged with that industry, synthetic ones included (the hand-made
    `expected` lists only the organisations the seeds name, so a synthetic 上海…集成电路科技有限公司 in the IC
    industry counted as a miss). Kind `industry`, beside the hand-made `segment` row, which is kept as it was."""
    out = []
    for item in queries:
        if item.get("industry"):
            tagged = visible.filter(industries__slug=item["industry"]).values_list("name_zh", "name_en")
            gold = set(item["expected"]) | {zh or en for zh, en in tagged}
            out.append({"q": item["q"], "kind": "industry", "expected": sorted(gold)})
    return out


def segment_queries(visible: Any) -> list[dict[str, Any]]:
    """Each active segment's names, gold = the visible organisations tagged as producing in it (not rejected)."""
    from corridor.chains.models import Segment, SegmentTag

    gold: dict[int, set[str]] = defaultdict(set)
    tags = SegmentTag.objects.filter(role=SegmentTag.Role.PRODUCES, organisation__in=visible).exclude(
        status=SegmentTag.Status.REJECTED)
    for segment_id, name_zh, name_en in tags.values_list("segment_id", "organisation__name_zh", "organisation__name_en"):
        gold[segment_id].add(name_zh or name_en)
    out = []
    for segment in Segment.objects.filter(active=True, pk__in=list(gold)).order_by("chain__slug", "position"):
        for kind, q in (("segment_zh", segment.name_zh), ("segment_en", segment.name_en)):
            out.append({"q": q, "kind": kind, "expected": sorted(gold[segment.pk])})
    return out


if __name__ == "__main__":
    main()
