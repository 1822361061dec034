""""Policies for us" for one organisation, end to end, with 200 application items in force in the database.

    .venv/bin/python bench/policies_for_us.py                     # SQLite under /tmp/policies-bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_policies_bench .venv/bin/python bench/policies_for_us.py

Loads N synthetic organisations (with eligibility profiles) and 200 synthetic items (the engine's
`synthetic.item`, realistic rules), then times, for random organisations:
- service: what the page asks of the services — `services.for_us` (the items in force, the profile from the
  registry and the reader's reminders, one round trip on PostgreSQL) then `answers_for` (the three answers);
- page: GET /policies/for/<id>/ through Django's whole stack (in-process, no network), as an admin and as a
  member of the organisation (a user of its own, as in real use);
- baseline in the same run: the pure engine on a profile and items already in memory (`policies_for`),
  i.e. the floor the database and the page add to; and a near-empty page of the site (the comparison of a
  benefit kind no item has), the cost of any signed-in page (session, navigation, base template).
Target (TARGETS.md, F11): p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, default=2000)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()

    os.environ.setdefault("CORRIDOR_DATA_DIR", "/tmp/policies-bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "corridor.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("CORRIDOR_DEMO", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    Path(os.environ["CORRIDOR_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from corridor.accounts import services as accounts
    from corridor.policies import services
    from corridor.policies.eligibility import load_org, policies_for, synthetic
    from corridor.policies.models import ApplicationItem, Policy
    from corridor.policies.profiles import profile_data

    call_command("migrate", verbosity=0)
    on = datetime.date.today()
    rng = random.Random(7)
    org_ids = _load(args.orgs, args.items, rng, on, synthetic)
    items = list(services.items_in_force(on))
    print(f"{len(org_ids):,} organisations, {Policy.objects.count()} policies, {ApplicationItem.objects.count()} items "
          f"({len(items)} in force)")
    user = accounts.create_user(f"bench{time.time_ns()}", "bench-pass-1234", is_admin=True)

    chosen = [rng.choice(org_ids) for _ in range(args.requests)]
    engine_items = [services.engine_item(i) for i in items]
    preloaded = {pk: load_org(row) for pk, row in profile_data(chosen).items()}

    def timed(work) -> list[float]:  # type: ignore[no-untyped-def]
        out = []
        for org_id in chosen:
            start = time.perf_counter()
            work(org_id)
            out.append((time.perf_counter() - start) * 1000)
        return out

    from corridor.orgs.models import Organisation

    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=chosen)}
    baseline = timed(lambda pk: policies_for(preloaded[pk], engine_items, on))
    def service_work(pk: int) -> None:
        read = services.for_us(user, orgs[pk], on)
        services.answers_for(user, orgs[pk], on, items=read.items, profile=read.profile)

    service = timed(service_work)
    client = Client()
    client.force_login(user)
    client.get(f"/policies/for/{chosen[0]}/")  # warm the templates
    page = timed(lambda pk: client.get(f"/policies/for/{pk}/"))
    members: dict[int, Client] = {}
    for pk in dict.fromkeys(chosen):  # one member user per organisation, signed in before the timing
        member = accounts.create_user(f"bench{time.time_ns()}m{pk}", "bench-pass-1234")
        accounts.grant_role(member, "member", organisation=orgs[pk])
        members[pk] = Client()
        members[pk].force_login(member)
    as_member = timed(lambda pk: members[pk].get(f"/policies/for/{pk}/"))
    floor = timed(lambda pk: client.get("/policies/compare/?benefit=land"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for pk in chosen[:3]:
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/policies/for/{pk}/")
        counts.append(len(queries.captured_queries))
    member_counts = []
    for pk in chosen[:3]:
        with CaptureQueriesContext(connection) as queries:
            members[pk].get(f"/policies/for/{pk}/")
        member_counts.append(len(queries.captured_queries))
    print(f"SQL statements per page (3 organisations): as admin {counts}, as member {member_counts}")
    for name, values in (("baseline: engine only, data in memory", baseline), ("service for_us + answers_for", service),
                         ("page /policies/for/<id>/ (admin)", page), ("page /policies/for/<id>/ (member)", as_member),
                         ("floor: a near-empty page of the site", floor)):
        print(f"{name:40s} p50 {percentile(values, 0.5):7.1f} ms   p95 {percentile(values, 0.95):7.1f} ms")
    worst = max(percentile(page, 0.95), percentile(as_member, 0.95))
    print(f"target: p95 ≤ 100 ms for the page → {'met' if worst <= 100 else 'NOT met'}")


def _load(n_orgs: int, n_items: int, rng: random.Random, on: datetime.date, synthetic) -> list[int]:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from corridor.orgs.models import Organisation
    from corridor.policies.models import ApplicationItem, EligibilityProfile, Policy
    from corridor.policies.testing import synthetic_regions

    have = list(Organisation.objects.filter(source_seed="policies-bench").values_list("pk", flat=True))
    if len(have) >= n_orgs and ApplicationItem.objects.filter(policy__source_seed="policies-bench").count() >= n_items:
        return have
    with transaction.atomic():
        regions = synthetic_regions()
        rows = [synthetic.organisation(rng, i) for i in range(n_orgs)]
        made = Organisation.objects.bulk_create([Organisation(
            name_zh=f"（合成）基准机构{i}", kind=row.get("kind") or "enterprise", region=regions.get(row.get("region") or ""),
            size_band=row.get("size_band") or "", is_head_enterprise=bool(row.get("is_head_enterprise")),
            founded_year=row.get("founded_year"), is_synthetic=True, source_seed="policies-bench") for i, row in enumerate(rows)])
        EligibilityProfile.objects.bulk_create([EligibilityProfile(
            organisation=org, rnd_share=row.get("rnd_share"), employees=row.get("employees"),
            revenue_band=row.get("revenue_band") or "", has_rnd_project=row.get("has_rnd_project"))
            for org, row in zip(made, rows, strict=True)])
        home = regions["340200"]
        for number in range(n_items):
            data = synthetic.item(rng, number, on)
            status = "draft" if data["status"] == "draft" else "effective"
            policy = Policy.objects.create(
                title_zh=data["title_zh"], title_en=data["title_en"], issuer_zh="（合成）基准", home_region=home, status=status,
                effective_from=data.get("effective_from"), expires_on=data.get("expires_on"), is_synthetic=True,
                source_seed="policies-bench")
            window = data.get("window") or {}
            ApplicationItem.objects.create(policy=policy, title_zh=data["title_zh"], rule=data["rule"],
                                           window_opens=window.get("opens"), window_closes=window.get("closes"))
    return [o.pk for o in made]


if __name__ == "__main__":
    main()
