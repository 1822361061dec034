"""`corridor dedupe INPUT.csv --output OUT.jsonl`: entity resolution on files, without Django or a database.

`corridor.cli` hands this command over before Django starts, so it needs no settings, no secret key and
no database: it runs wherever the package is installed.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections import Counter

from corridor.resolution.files import InputError, read_confirmed, read_records, write_labels, write_pairs
from corridor.resolution.resolver import MERGE_AT, REVIEW_FROM, resolve

DESCRIPTION = (
    "Cluster organisation records that name the same organisation (Chinese, English and pinyin spellings, "
    "short names, bracketed cities, typos; an identical valid credit code is decisive). INPUT: UTF-8 CSV "
    "with a header containing id and name, optionally address and uscc (and name_zh, name_en, short_name, "
    "aliases). OUTPUT: one JSON object per input row, {\"id\": ..., \"cluster\": ...}."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="corridor dedupe", description=DESCRIPTION)
    parser.add_argument("input", metavar="INPUT.csv")
    parser.add_argument("--output", "-o", required=True, metavar="OUT.jsonl")
    parser.add_argument(
        "--confirmed", metavar="PAIRS.csv",
        help="pairs of names known to be one organisation (two columns), e.g. from confirmed merges",
    )
    parser.add_argument(
        "--rejected", metavar="PAIRS.csv",
        help="pairs of names known to be two organisations (two columns), e.g. from rejected review pairs",
    )
    parser.add_argument("--merge-at", type=float, default=MERGE_AT, metavar="SCORE",
                        help=f"evidence that merges two records (default {MERGE_AT})")
    parser.add_argument("--review-from", type=float, default=REVIEW_FROM, metavar="SCORE",
                        help=f"evidence from here up to --merge-at is listed for review, not merged (default {REVIEW_FROM})")
    parser.add_argument("--pairs", metavar="PAIRS.jsonl",
                        help="also write the merged and review pairs with their evidence "
                             "({\"a\", \"b\", \"score\", \"reason\", \"decision\": \"merged\"|\"review\"})")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    parser.add_argument("--workers", type=int, default=min(4, len(os.sched_getaffinity(0))), metavar="N",
                        help="processes comparing candidate pairs (default: the machine's cores, at most 4)")
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    started = time.perf_counter()
    # A million parsed names are long-lived and hold no cycles: the collector's passes over them were a
    # sixth of the time, and its writes to every object made the forked workers copy pages they share.
    gc.disable()
    try:
        records = read_records(args.input)
        confirmed = read_confirmed(args.confirmed) if args.confirmed else []
        rejected = read_confirmed(args.rejected) if args.rejected else []
    except (OSError, InputError, UnicodeDecodeError) as exc:
        print(f"corridor dedupe: {exc}", file=sys.stderr)
        return 2
    if args.quiet:
        result = resolve(records, confirmed, rejected=rejected, merge_at=args.merge_at, review_from=args.review_from,
                         workers=args.workers)
    else:
        from corridor.demo.progress import rich_progress

        with rich_progress() as progress:
            result = resolve(records, confirmed, progress, rejected, args.merge_at, args.review_from,
                             workers=args.workers)
    write_labels(args.output, [r.id for r in records], result.labels)
    if args.pairs:
        write_pairs(args.pairs, [r.id for r in records], result)
    sizes = Counter(result.labels)
    print(
        f"{len(records)} rows → {len(sizes)} organisations ({sum(1 for s in sizes.values() if s > 1)} with "
        f"duplicates), {len(result.review)} pairs to review, {len(result.aliases)} brand aliases learned, "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
