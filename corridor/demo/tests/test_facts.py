"""The seed facts are consistent with themselves, with the models' choices and with GB/T 2260."""

from __future__ import annotations

from typing import Any

from corridor.alliances.models import AllianceMembership
from corridor.demo import facts
from corridor.demo.facts_orgs import MEMBERSHIPS, ORGANISATIONS
from corridor.orgs.models import Organisation
from corridor.regions import gb2260
from corridor.regions.models import Park


def test_every_fact_names_a_seed_file():
    records: list[Any] = [
        *facts.INDUSTRIES, *facts.CORRIDORS, *facts.G60.versions, *facts.PARKS, *facts.DECLARATIONS,
        *facts.OFFICES, *facts.ALLIANCES, *ORGANISATIONS, *MEMBERSHIPS,
    ]
    assert records
    assert all(record.source_seed in facts.SEEDS for record in records)


def test_codes_and_choices_exist():
    codes = {d.code for d in gb2260.load({"11", "12", "31", "32", "33", "34"})}
    used = [*facts.G60_CITIES, *(p.region_code for p in facts.PARKS), *(p.run_for_code for p in facts.PARKS)]
    used += [o.region_code for o in ORGANISATIONS] + [a.founded_in_code for a in facts.ALLIANCES]
    assert {c for c in used if c} <= codes
    assert {p.kind for p in facts.PARKS} <= set(Park.Kind.values)
    assert {o.kind for o in ORGANISATIONS} <= set(Organisation.Kind.values)
    assert {m.role for m in MEMBERSHIPS} <= set(AllianceMembership.Role.values)
    industries = facts.industry_slugs()
    assert {s for o in ORGANISATIONS for s in o.industries} <= industries
    assert {a.industry_slug for a in facts.ALLIANCES if a.industry_slug} <= industries
    keys = {o.key for o in ORGANISATIONS}
    assert len(keys) == len(ORGANISATIONS)
    assert {m.organisation for m in MEMBERSHIPS} <= keys
    assert {m.alliance_slug for m in MEMBERSHIPS} <= {a.slug for a in facts.ALLIANCES}


def test_suzhou_is_the_one_in_jiangsu():
    assert facts.SUZHOU == "320500"
    assert len(facts.G60_CITIES) == 9 and len(set(facts.G60_CITIES)) == 9

