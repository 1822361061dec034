"""Loading the demo corridor: the seed facts, a synthetic population around them, and demo accounts.

Idempotent: rows are matched on natural keys (slugs, region codes, credit codes, the names of real
organisations) and created only when missing. Existing rows are left as they are, so that what people
change while trying the demo survives a restart of `corridor demo`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import reset_queries, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from corridor.accounts import services as accounts
from corridor.accounts.models import RoleGrant
from corridor.alliances.models import (
    Alliance,
    AllianceMembership,
    AllianceOffice,
    Commitment,
    CommitmentAction,
    Declaration,
)
from corridor.demo import facts, synthetic, workers
from corridor.demo.facts_orgs import MEMBERSHIPS, ORGANISATIONS, OrganisationFact
from corridor.matching import demo as matching_demo
from corridor.orgs import counts as kept_counts
from corridor.orgs.models import Industry, Organisation
from corridor.orgs.services import create_organisation
from corridor.regions.models import Corridor, CorridorVersion, Park, Region
from corridor.regions.services import hierarchy, load_regions

Progress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total) while loading."""

DEMO_PASSWORD = "corridor-demo"
DEFAULT_SIZE = 2000
DEFAULT_SEED = synthetic.DEFAULT_SEED
MEMBER_ORG = "浙江国自机器人技术股份有限公司"
T = TypeVar("T")


def _noop(stage: str, done: int, total: int) -> None:
    return None


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def region_index() -> dict[str, tuple[int, int | None, int | None]]:
    """code → (region id, city id, province id), the denormalised ids an organisation row carries."""
    out: dict[str, tuple[int, int | None, int | None]] = {}
    for region in Region.objects.select_related("parent__parent"):
        city, province = hierarchy(region)
        out[region.code] = (region.pk, city.pk if city else None, province.pk if province else None)
    return out


def ensure_industries() -> dict[str, int]:
    """The industries of the facts (slug → id), created when missing."""
    existing = dict(Industry.objects.values_list("slug", "pk"))
    for fact in facts.INDUSTRIES:
        if fact.slug not in existing:
            existing[fact.slug] = Industry.objects.create(slug=fact.slug, name_zh=fact.name_zh, name_en=fact.name_en).pk
    return existing


def _load_corridors(regions: dict[str, tuple[int, int | None, int | None]]) -> None:
    for fact in facts.CORRIDORS:
        corridor, _created = Corridor.objects.get_or_create(slug=fact.slug, defaults={
            "name_zh": fact.name_zh, "name_en": fact.name_en, "description_zh": fact.description_zh,
            "description_en": fact.description_en, "head_enterprises": fact.head_enterprises,
            "alliance_count": fact.alliance_count, "demonstration_park_count": fact.demonstration_park_count,
            "source_seed": fact.source_seed,
        })
        for v in fact.versions:
            version, created = CorridorVersion.objects.get_or_create(corridor=corridor, version=v.version, defaults={
                "label_zh": v.label_zh, "label_en": v.label_en, "started_on": v.started_on, "length_km": v.length_km,
                "area_km2": v.area_km2, "population_millions": v.population_millions, "source_seed": v.source_seed,
            })
            if created:
                version.regions.set([regions[code][0] for code in v.region_codes])


def _load_parks(regions: dict[str, tuple[int, int | None, int | None]], seed: int) -> None:
    corridors = dict(Corridor.objects.values_list("slug", "pk"))
    existing = set(Park.objects.values_list("slug", flat=True))
    new = []
    for fact in facts.PARKS:
        if fact.slug in existing:
            continue
        new.append(Park(
            slug=fact.slug, name_zh=fact.name_zh, name_en=fact.name_en, kind=fact.kind,
            region_id=regions[fact.region_code][0],
            run_for_id=regions[fact.run_for_code][0] if fact.run_for_code else None,
            corridor_id=corridors.get(fact.corridor_slug or ""), area_km2=fact.area_km2,
            description_zh=fact.description_zh, description_en=fact.description_en, source_seed=fact.source_seed,
        ))
    for park in synthetic.demonstration_parks(seed):
        if park["slug"] in existing:
            continue
        new.append(Park(
            slug=park["slug"], name_zh=park["name_zh"], name_en=park["name_en"], kind=park["kind"],
            region_id=regions[park["region"]][0], corridor_id=corridors.get("g60"),
            description_zh=park["description_zh"], description_en=park["description_en"], is_synthetic=True,
        ))
    Park.objects.bulk_create(new)


def _organisation_data(fact: OrganisationFact) -> dict[str, Any]:
    return {
        "name_zh": fact.name_zh, "name_en": fact.name_en, "short_name": fact.short_name,
        "aliases": list(fact.aliases), "kind": fact.kind, "region": fact.region_code,
        "industries": list(fact.industries), "description_zh": fact.description_zh,
        "description_en": fact.description_en, "is_head_enterprise": fact.is_head_enterprise,
    }


def _load_organisations() -> dict[str, Organisation]:
    """The organisations the seeds name (key → row); matched by Chinese name, else English name."""
    zh = [f.name_zh for f in ORGANISATIONS if f.name_zh]
    en = [f.name_en for f in ORGANISATIONS if not f.name_zh]
    found = {
        org.name_zh or org.name_en: org
        for org in Organisation.objects.filter(is_synthetic=False).filter(
            Q(name_zh__in=zh) | Q(name_zh="", name_en__in=en)
        ).order_by("pk")
    }
    for fact in ORGANISATIONS:
        if fact.key not in found:
            found[fact.key] = create_organisation(None, _organisation_data(fact), source_seed=fact.source_seed)
    return found


def _load_alliances(
    regions: dict[str, tuple[int, int | None, int | None]], orgs: dict[str, Organisation]
) -> dict[str, Alliance]:
    industries = dict(Industry.objects.values_list("slug", "pk"))
    corridors = dict(Corridor.objects.values_list("slug", "pk"))
    alliances: dict[str, Alliance] = {}
    for fact in facts.ALLIANCES:
        alliances[fact.slug], _created = Alliance.objects.get_or_create(slug=fact.slug, defaults={
            "name_zh": fact.name_zh, "name_en": fact.name_en, "industry_id": industries.get(fact.industry_slug or ""),
            "corridor_id": corridors.get(fact.corridor_slug or ""), "founded_on": fact.founded_on,
            "founded_in_id": regions[fact.founded_in_code][0] if fact.founded_in_code else None,
            "first_batch_count": fact.first_batch_count, "description_zh": fact.description_zh,
            "description_en": fact.description_en, "source_seed": fact.source_seed,
        })
    for m in MEMBERSHIPS:
        AllianceMembership.objects.get_or_create(
            alliance=alliances[m.alliance_slug], organisation=orgs[m.organisation],
            defaults={"role": m.role, "batch": m.batch, "joined_on": m.joined_on},
        )
    for d in facts.DECLARATIONS:
        declaration, _created = Declaration.objects.get_or_create(
            alliance=alliances[d.alliance_slug], title_zh=d.title_zh, defaults={
                "title_en": d.title_en, "issued_on": d.issued_on,
                "issued_in_id": regions[d.issued_in_code][0] if d.issued_in_code else None,
                "summary_zh": d.summary_zh, "summary_en": d.summary_en, "source_seed": d.source_seed,
            },
        )
        for c in d.commitments:
            Commitment.objects.get_or_create(
                declaration=declaration, position=c.position, defaults={"title_zh": c.title_zh, "title_en": c.title_en}
            )
    for o in facts.OFFICES:
        AllianceOffice.objects.get_or_create(
            alliance=alliances[o.alliance_slug], region_id=regions[o.region_code][0], defaults={
                "purpose_zh": o.purpose_zh, "purpose_en": o.purpose_en, "opened_on": o.opened_on,
                "source_seed": o.source_seed,
            },
        )
    return alliances


# Below this many rows a worker pool costs more to start than it saves.
PARALLEL_FROM = 20000


@transaction.atomic
def load_synthetic(
    n: int, *, seed: int = DEFAULT_SEED, progress: Progress | None = None, batch_size: int = 2000
) -> int:
    """Add the first n organisations of the synthetic population that are not there yet (matched by
    credit code), with their industries, memberships of the alliances present and declaration actions.

    Bulk inserts without per-row history: this is generated data, flagged `is_synthetic`. Pinyin for the
    search haystack is most of the cost, so for large n it is computed by worker processes a few
    batches ahead of the inserts (memory stays bounded by that window).
    Returns how many organisations were created.
    """
    report = progress or _noop
    stage = _("Synthetic organisations")
    context = _InsertContext()
    created = done = 0
    report(stage, 0, n)
    processes = min(4, os.cpu_count() or 1) if n >= PARALLEL_FROM else 0
    # Spawned, not forked: a forked child would share the parent's open database connection.
    pool = multiprocessing.get_context("spawn").Pool(processes, initializer=workers.start) if processes > 1 else None
    try:
        window: deque[tuple[list[dict[str, Any]], list[dict[str, Any]], Any]] = deque()
        for batch in _chunks(synthetic.generate(n, seed), batch_size):
            existing = set(
                Organisation.objects.filter(uscc__in=[r["uscc"] for r in batch]).values_list("uscc", flat=True)
            )
            rows = [r for r in batch if r["uscc"] not in existing]
            names = [(r["name_zh"], r["name_en"], r["short_name"], r["description_zh"], r["description_en"])
                     for r in rows]
            haystacks = pool.apply_async(workers.haystacks, (names,)) if pool else workers.haystacks(names)
            window.append((batch, rows, haystacks))
            while window and (pool is None or len(window) > processes + 1):
                created, done = _insert_next(window, context, created, done, report, stage, n)
        while window:
            created, done = _insert_next(window, context, created, done, report, stage, n)
    finally:
        if pool is not None:
            pool.terminate()
    return created


class _InsertContext:
    """Lookups the inserts need, read once per load."""

    def __init__(self) -> None:
        self.regions = region_index()
        self.industries = ensure_industries()
        self.alliances = dict(Alliance.objects.values_list("slug", "pk"))
        self.commitments = {
            (slug, title, position): pk
            for slug, title, position, pk in Commitment.objects.values_list(
                "declaration__alliance__slug", "declaration__title_zh", "position", "pk"
            )
        }


def _insert_next(
    window: deque[tuple[list[dict[str, Any]], list[dict[str, Any]], Any]], context: _InsertContext,
    created: int, done: int, report: Progress, stage: str, n: int,
) -> tuple[int, int]:
    batch, rows, haystacks = window.popleft()
    if not isinstance(haystacks, list):
        haystacks = haystacks.get()
    _insert(rows, haystacks, context)
    reset_queries()  # with DEBUG on, Django would otherwise keep every INSERT in memory
    report(stage, done + len(batch), n)
    return created + len(rows), done + len(batch)


def _insert(rows: list[dict[str, Any]], haystacks: list[tuple[str, str]], context: _InsertContext) -> None:
    orgs = []
    for r, (haystack, tokens) in zip(rows, haystacks, strict=True):
        region_id, city_id, province_id = context.regions[r["region"]]
        orgs.append(Organisation(
            name_zh=r["name_zh"], name_en=r["name_en"], short_name=r["short_name"], kind=r["kind"],
            uscc=r["uscc"], address=r["address"], region_id=region_id, city_id=city_id, province_id=province_id,
            size_band=r["size_band"], is_head_enterprise=r["is_head_enterprise"],
            description_zh=r["description_zh"], description_en=r["description_en"], website=r["website"],
            founded_year=r["founded_year"], listed=r["listed"], contact_name=r["contact_name"],
            contact_email=r["contact_email"], contact_phone=r["contact_phone"], is_synthetic=True,
            search_text=haystack, search_tokens=tokens,
        ))
    Organisation.objects.bulk_create(orgs, batch_size=500)
    kept_counts.forget()  # a bulk writer: no change event, so the list's kept totals are forgotten here
    ids = dict(Organisation.objects.filter(uscc__in=[r["uscc"] for r in rows]).values_list("uscc", "pk"))
    Through = Organisation.industries.through
    links, memberships, actions = [], [], []
    for r in rows:
        org_id = ids[r["uscc"]]
        links += [Through(organisation_id=org_id, industry_id=context.industries[s]) for s in r["industries"]]
        for m in r["memberships"]:
            if m["alliance"] in context.alliances:
                memberships.append(AllianceMembership(
                    alliance_id=context.alliances[m["alliance"]], organisation_id=org_id, role=m["role"],
                    batch=m["batch"], joined_on=m["joined_on"], is_synthetic=True,
                ))
        for a in r["actions"]:
            commitment_id = context.commitments.get((a["alliance"], a["declaration"], a["position"]))
            if commitment_id is not None:
                actions.append(CommitmentAction(
                    commitment_id=commitment_id, taken_on=a["taken_on"], description=a["description"],
                    organisation_id=org_id, is_synthetic=True,
                ))
    Through.objects.bulk_create(links, batch_size=1000)
    AllianceMembership.objects.bulk_create(memberships, batch_size=1000)
    CommitmentAction.objects.bulk_create(actions, batch_size=1000)


def _user(username: str, hashed: list[str], *, admin: bool = False) -> tuple[Any, bool]:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    if not hashed:
        # One hash for all demo users: they share the password, and each hash costs ~0.3 s.
        hashed.append(make_password(DEMO_PASSWORD))
    user = User.objects.create(
        username=username, email=f"{username}@demo.example", is_staff=admin, is_superuser=admin, password=hashed[0]
    )
    return user, True


def _load_users(orgs: dict[str, Organisation], alliances: dict[str, Alliance]) -> None:
    hashed: list[str] = []
    _user("admin", hashed, admin=True)
    user, _created = _user("secretariat", hashed)
    if not user.grants.exists():
        accounts.grant_role(user, RoleGrant.Role.SECRETARIAT, alliance=alliances["g60-robot"])
    user, _created = _user("member", hashed)
    if not user.grants.exists():
        accounts.grant_role(user, RoleGrant.Role.MEMBER, organisation=orgs[MEMBER_ORG])
    user, _created = _user("officer", hashed)
    if not user.grants.exists():
        accounts.grant_role(user, RoleGrant.Role.CITY_OFFICER, region=Region.objects.get(code=facts.JIAXING))
    granted = RoleGrant.objects.filter(organisation__isnull=False).values("organisation_id")
    synthetic_firms = Organisation.objects.filter(is_synthetic=True, kind="enterprise", listed=True).exclude(
        pk__in=granted
    ).order_by("uscc")
    user, _created = _user("member2", hashed)
    if not user.grants.exists():
        # A Wuhu company outside the new-materials alliance, so that the demo can show it applying.
        in_wuhu = synthetic_firms.filter(city__code=facts.WUHU).exclude(
            memberships__alliance__slug="g60-new-materials"
        )
        org = in_wuhu.filter(industries__slug="new-materials").first() or in_wuhu.first()
        if org is not None:
            accounts.grant_role(user, RoleGrant.Role.MEMBER, organisation=org)
    user, _created = _user("outsider", hashed)
    if not user.grants.exists():
        loners = synthetic_firms.filter(memberships__isnull=True)
        org = loners.filter(city__code=facts.JIAXING).first() or loners.first()
        if org is not None:
            accounts.grant_role(user, RoleGrant.Role.MEMBER, organisation=org)


DEMO_USERNAMES: tuple[str, ...] = ("admin", "secretariat", "member", "member2", "officer", "outsider")
DEMO_USERNAMES += ("lab", "officer_wuhu")  # shared equipment: corridor/equipment/demo.py


def demo_hints() -> dict[str, str]:
    """username → what to try as that user, for the banner; apps add theirs."""
    from corridor.equipment.demo import DEMO_HINTS as equipment_hints

    return {name: str(hint) for name, hint in equipment_hints.items()}


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, role, acting for) of the demo users, for the start-up banner."""
    User = get_user_model()
    out = []
    for user in User.objects.filter(username__in=DEMO_USERNAMES).prefetch_related(
        "grants__organisation", "grants__alliance", "grants__region"
    ):
        if user.is_superuser:
            out.append((user.username, _("Admin"), _("everything")))
        for grant in user.grants.all():
            target = grant.organisation or grant.alliance or grant.region
            out.append((user.username, str(grant.get_role_display()), str(target)))
    order = {name: i for i, name in enumerate(DEMO_USERNAMES)}
    return sorted(out, key=lambda row: order[row[0]])


def counts() -> dict[str, int]:
    User = get_user_model()
    return {
        "regions": Region.objects.count(),
        "industries": Industry.objects.count(),
        "corridors": Corridor.objects.count(),
        "corridor_versions": CorridorVersion.objects.count(),
        "parks": Park.objects.count(),
        "organisations": Organisation.objects.count(),
        "synthetic_organisations": Organisation.objects.filter(is_synthetic=True).count(),
        "alliances": Alliance.objects.count(),
        "memberships": AllianceMembership.objects.count(),
        "declarations": Declaration.objects.count(),
        "commitments": Commitment.objects.count(),
        "actions": CommitmentAction.objects.count(),
        "offices": AllianceOffice.objects.count(),
        "users": User.objects.count(),
    }


@transaction.atomic
def load_demo(
    progress: Progress | None = None, *, size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED
) -> dict[str, int]:
    """Load the demo corridor; running it again adds nothing. Returns the row counts afterwards."""
    report = progress or _noop
    steps = [
        _("Regions"), _("Industries and corridors"), _("Parks and zones"), _("Organisations named in the seeds"),
        _("Alliances and declarations"),
    ]
    report(steps[0], 0, 1)
    load_regions()
    regions = region_index()
    report(steps[0], 1, 1)
    report(steps[1], 0, 1)
    ensure_industries()
    _load_corridors(regions)
    report(steps[1], 1, 1)
    report(steps[2], 0, 1)
    _load_parks(regions, seed)
    report(steps[2], 1, 1)
    report(steps[3], 0, 1)
    orgs = _load_organisations()
    report(steps[3], 1, 1)
    report(steps[4], 0, 1)
    alliances = _load_alliances(regions, orgs)
    report(steps[4], 1, 1)
    load_synthetic(size, seed=seed, progress=progress)
    report(_("Demo accounts"), 0, 1)
    _load_users(orgs, alliances)
    report(_("Demo accounts"), 1, 1)
    matching_demo.load_demo(progress)
    from corridor.matching.market import load_market

    load_market(progress)
    from corridor.equipment.demo import load_demo as load_equipment_demo

    load_equipment_demo(progress)
    from corridor.chains.demo import load_demo as load_chains

    load_chains(progress)
    from corridor.policies.demo import load_demo as load_policies

    load_policies(progress)
    from corridor.channel.demo import load_demo as load_channel

    load_channel(progress)
    from corridor.events.demo import load_demo as load_events

    load_events(progress)
    from corridor.standards.demo import load_demo as load_standards

    load_standards(progress)
    from corridor.rnd.demo import load_demo as load_rnd

    load_rnd(progress)
    from corridor.dashboards.demo import load_demo as load_dashboards

    load_dashboards(progress)
    from corridor.projects.demo import load_demo as load_projects

    load_projects(progress)
    return counts()
