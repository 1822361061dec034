""""Who it reaches" for one application item over N organisations in the database (issue 20, gap 2).

    nice .venv/bin/python bench/policies_reach.py --orgs 100000          # SQLite under /tmp/policies-reach-bench

Loads N synthetic organisations with eligibility profiles (the engine's `synthetic.organisation`) and one
item with a realistic synthetic rule, then times, as an admin (every organisation in scope):
- service: `reach.reach` — the item's conditions compiled to one SQL query over the registry's tables
  (`registry_sql`), every organisation answered by the database, the reasons added by the column evaluator's
  `combine`; then the first page of eligible organisations and 200 unknown ones read back, as the page does;
- previous version, same run: profiles read once per source into one Python profile per organisation, then the
  column evaluator (`eligibility.columns.Table` / `evaluate_table`) over them;
- baseline in the same run: the first version's loop — every Organisation row loaded, `evaluate()` per
  organisation, a Python (organisation, answer) list per answer — on the same data; the counts are checked equal.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hb_x nice .venv/bin/python bench/policies_reach.py --orgs 100000

`--all-items N` (issue 20's figure, 100k × 200): N synthetic items (`synthetic.item`, realistic mixes, seeded)
answered for every organisation in the database through `reach.every_answer` (profiles read once from the
database, columns built once, every item evaluated over them); prints wall and CPU per step and peak RSS. Baseline,
same run: the naive per-organisation loop — each organisation's profile read on its own (`profiles([pk])`), then
`evaluate()` for each item — on a sample, extrapolated to every organisation (said so); answers checked equal.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--all-items", type=int, default=0, metavar="N", help="every organisation × N synthetic items")
    parser.add_argument("--baseline-sample", type=int, default=500, help="--all-items: organisations the naive loop runs on")
    args = parser.parse_args()
    os.environ.setdefault("CORRIDOR_DATA_DIR", "/tmp/policies-reach-bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    Path(os.environ["CORRIDOR_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command

    from corridor.accounts import services as accounts
    from corridor.orgs.models import Organisation
    from corridor.policies import reach, services
    from corridor.policies.eligibility import evaluate, synthetic
    from corridor.policies.profiles import profiles

    call_command("migrate", verbosity=0)
    on = datetime.date.today()
    rng = random.Random(11)
    item = _load(args.orgs, rng, on, synthetic)
    if args.all_items:
        # Its own seed: the same items whether or not this run loaded organisations first.
        all_items(args.all_items, args.baseline_sample, random.Random(20), on, synthetic)
        return
    admin = accounts.create_user(f"reach{time.time_ns()}", "bench-pass-1234", is_admin=True)
    print(f"{Organisation.objects.count():,} organisations; item rule with {len(services.engine_item(item).conditions)} conditions")

    def baseline() -> tuple[int, int, int]:
        engine = services.engine_item(item)
        orgs = {o.pk: o for o in reach.reach_scope(admin, item.policy).select_related("region").order_by("name_zh", "pk")}
        eligible, unknown, refused = [], [], 0
        for org_id, profile in profiles(orgs).items():
            answer = evaluate(engine, profile, on)
            if answer.status == "eligible":
                eligible.append((orgs[org_id], answer))
            elif answer.status == "unknown":
                unknown.append((orgs[org_id], answer))
            else:
                refused += 1
        return len(eligible), len(unknown), refused

    def previous() -> tuple[int, int, int]:
        import numpy as np

        from corridor.policies.eligibility import Table, evaluate_table

        scope = list(reach.reach_scope(admin, item.policy).order_by("name_zh", "pk").values_list("pk", flat=True))
        found = profiles(scope)
        table = Table([found[pk] for pk in scope if pk in found])
        status = next(evaluate_table([services.engine_item(item)], table, on)).status
        return tuple(int(np.count_nonzero(status == s)) for s in (2, 1, 0))  # type: ignore[return-value]

    def service() -> tuple[int, int, int]:
        found = reach.reach(admin, item, on)
        list(found.eligible[:20])  # the page's rows
        list(found.unknown[:200])
        return len(found.eligible), len(found.unknown), found.not_eligible

    results = {}
    for name, work in (("baseline: per-organisation loop", baseline), ("previous: profiles + columns", previous),
                       ("service reach (compiled SQL)", service)):
        times, counts = [], None
        for _ in range(args.runs):
            start, cpu = time.perf_counter(), time.process_time()
            counts = work()
            times.append((time.perf_counter() - start, time.process_time() - cpu))
        best = min(times)
        results[name] = counts
        print(f"{name:34s} best of {args.runs}: {best[0]:6.2f} s wall, {best[1]:6.2f} s CPU (this process: PostgreSQL's "
              f"own work shows in wall only); eligible/unknown/not = {counts}", flush=True)
    print(f"same counts: {len(set(results.values())) == 1}")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def all_items(n_items: int, sample_size: int, rng: random.Random, on: datetime.date, synthetic) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    from corridor.orgs.models import Organisation
    from corridor.policies.eligibility import evaluate, parse_item
    from corridor.policies.profiles import profiles
    from corridor.policies.reach import every_answer

    items = [parse_item(synthetic.item(rng, i, on)) for i in range(n_items)]
    scope = Organisation.objects.all()
    print(f"every organisation × {n_items} synthetic items, on {connection.vendor}; "
          f"{sum(len(i.conditions) for i in items) / n_items:.1f} conditions an item", flush=True)
    start, cpu = time.perf_counter(), time.process_time()
    found = every_answer(scope, items, on)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    pairs = len(found.ids) * n_items
    print(f"reach.every_answer: {len(found.ids):,} organisations × {n_items} items = {pairs:,} answers "
          "(wall s, CPU s of this process; the database's own work shows in wall only):")
    for name, label in (("read", "read profiles from the database"), ("columns", "build columns"),
                        ("evaluate", "evaluate every item")):
        step_wall, step_cpu = found.seconds[name]
        print(f"  {label:32s} {step_wall:7.2f} s wall {step_cpu:7.2f} s CPU")
    print(f"  {'total':32s} {wall:7.2f} s wall {cpu:7.2f} s CPU   target ≤ 10 s")
    counts = [0, 0, 0]
    for answers in found.answers:
        for status, n in enumerate(np.bincount(answers.status, minlength=3)):
            counts[status] += int(n)
    print(f"  answers: eligible {counts[2]:,}, unknown {counts[1]:,}, not eligible {counts[0]:,}; "
          f"items in force {sum(a.timing == 'in_force' for a in found.answers)}")
    print(f"  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB", flush=True)

    rows = rng.sample(range(len(found.ids)), min(sample_size, len(found.ids)))
    read = evaluated = 0.0
    differ = 0
    for row in rows:
        t0 = time.perf_counter()
        org_id = found.ids[row]
        profile = profiles([org_id])[org_id]
        t1 = time.perf_counter()
        naive = [evaluate(item, profile, on) for item in items]
        evaluated += time.perf_counter() - t1
        read += t1 - t0
        differ += sum(answer != answers.answer(row) for answer, answers in zip(naive, found.answers, strict=True))
    scale = len(found.ids) / len(rows)
    print(f"baseline, naive per-organisation loop (its profile read alone, then evaluate() per item), same run: "
          f"{len(rows):,} organisations in {read + evaluated:.2f} s (read {read:.2f}, evaluate {evaluated:.2f}) → "
          f"EXTRAPOLATED to {len(found.ids):,}: {(read + evaluated) * scale:.0f} s "
          f"(read {read * scale:.0f}, evaluate {evaluated * scale:.0f}); every_answer is "
          f"{(read + evaluated) * scale / wall:.0f}× faster; answers differ on {differ} of {len(rows) * n_items:,} sampled pairs")


def _load(n_orgs: int, rng: random.Random, on: datetime.date, synthetic):  # type: ignore[no-untyped-def]
    from django.db import transaction

    from corridor.orgs.models import Organisation
    from corridor.policies.models import ApplicationItem, EligibilityProfile, Policy
    from corridor.policies.testing import synthetic_regions

    found = ApplicationItem.objects.filter(policy__source_seed="policies-reach-bench").first()
    have = Organisation.objects.filter(source_seed="policies-reach-bench").count()
    with transaction.atomic():
        regions = synthetic_regions()
        for start in range(have, n_orgs, 5000):
            rows = [synthetic.organisation(rng, i) for i in range(start, min(n_orgs, start + 5000))]
            made = Organisation.objects.bulk_create([Organisation(
                name_zh=f"（合成）覆盖基准机构{start + i}", kind=row.get("kind") or "enterprise",
                region=regions.get(row.get("region") or ""), size_band=row.get("size_band") or "",
                is_head_enterprise=bool(row.get("is_head_enterprise")), founded_year=row.get("founded_year"),
                is_synthetic=True, source_seed="policies-reach-bench") for i, row in enumerate(rows)])
            EligibilityProfile.objects.bulk_create([EligibilityProfile(
                organisation=org, rnd_share=row.get("rnd_share"), employees=row.get("employees"),
                revenue_band=row.get("revenue_band") or "", has_rnd_project=row.get("has_rnd_project"))
                for org, row in zip(made, rows, strict=True)])
        if found is None:
            policy = Policy.objects.create(title_zh="（合成）覆盖基准政策", issuer_zh="（合成）基准", home_region=regions["340200"],
                                           status="effective", is_synthetic=True, source_seed="policies-reach-bench")
            rule = {"all": [
                {"field": "kind", "op": "eq", "value": "enterprise", "label_zh": "企业", "label_en": "An enterprise"},
                {"field": "rnd_share", "op": "gte", "value": 3, "label_zh": "研发占比不低于3%", "label_en": "R&D ≥ 3%"},
                {"any": [{"field": "employees", "op": "lte", "value": 500, "label_zh": "不超过500人", "label_en": "≤ 500 staff"},
                         {"field": "revenue_band", "op": "lte", "value": "50m_200m", "label_zh": "营收2亿以下",
                          "label_en": "Revenue under 200m"}]}]}
            found = ApplicationItem.objects.create(policy=policy, title_zh="（合成）覆盖基准事项", rule=rule)
    return ApplicationItem.objects.select_related("policy").get(pk=found.pk)


if __name__ == "__main__":
    main()
