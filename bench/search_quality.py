"""Search quality on the labelled queries (bench/data/search_queries.jsonl): recall@10 and MRR per kind,
for the new search (corridor.search) and for the search it replaces (all words as substrings of the names
haystack, in display order), in the same run, on the demo corridor loaded into a temporary SQLite database.

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

    console = Console()
    call_command("migrate", verbosity=0)
    if not Organisation.objects.exists():
        console.print("loading the demo corridor (once per data dir)")
        call_command("load_demo", verbosity=0)
    visible = Organisation.objects.visible_to(None)

    def key(org: Organisation) -> str:
        return org.name_zh or org.name_en

    def new(q: str) -> list[str]:
        return [key(o) for o in search_organisations(visible, q).queryset.only("name_zh", "name_en")[:10]]

    def old(q: str) -> list[str]:
        qs = visible
        for term in search_text.query_terms(q):
            qs = qs.filter(search_text__contains=term)
        return [key(o) for o in qs.only("name_zh", "name_en")[:10]]

    queries = [json.loads(line) for line in QUERIES.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores: dict[str, dict[str, list[tuple[float, float]]]] = {"new": defaultdict(list), "old": defaultdict(list)}
    misses = []
    for item in queries:
        expected = set(item["expected"])
        for name, search in (("new", new), ("old", old)):
            found = search(item["q"])
            recall = len(expected & set(found)) / len(expected)
            rr = next((1 / (i + 1) for i, k in enumerate(found) if k in expected), 0.0)
            scores[name][item["kind"]].append((recall, rr))
            scores[name]["all"].append((recall, rr))
            if name == "new" and recall < 1:
                misses.append((item["kind"], item["q"], found[:3]))
    table = Table(title=f"Search quality: {len(queries)} labelled queries, demo corridor ({visible.count()} visible)")
    for column in ("kind", "n", "recall@10 new", "recall@10 old", "MRR new", "MRR old"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    kinds = [k for k in dict.fromkeys(q["kind"] for q in queries)] + ["all"]
    for kind in kinds:
        n = len(scores["new"][kind])
        mean = {name: (sum(r for r, _ in scores[name][kind]) / n, sum(m for _, m in scores[name][kind]) / n)
                for name in ("new", "old")}
        table.add_row(kind, str(n), f"{mean['new'][0]:.2f}", f"{mean['old'][0]:.2f}", f"{mean['new'][1]:.2f}",
                      f"{mean['old'][1]:.2f}", style="bold" if kind == "all" else None)
    console.print(table)
    if show_misses:
        for kind, q, found in misses:
            console.print(f"[dim]{kind}[/] {q!r} → {found}")


if __name__ == "__main__":
    main()
