"""The rules compiled to SQL over the registry (`registry_sql`, the officer's "who it reaches") give the same
answers and reasons as the per-organisation evaluator on profiles read from the same rows: on hand-built
organisations (every field type, each of the three answers) and on random organisations and rules."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest

from corridor.alliances.models import Alliance, AllianceMembership
from corridor.chains.models import Chain, Segment, SegmentTag
from corridor.equipment.testing import make_instrument
from corridor.orgs.models import Industry, Organisation
from corridor.policies.eligibility import Item, evaluate, parse_item, synthetic
from corridor.policies.models import Certificate, EligibilityProfile
from corridor.policies.profiles import profiles
from corridor.policies.registry_sql import item_answers
from corridor.policies.testing import synthetic_regions
from corridor.policies.tests.helpers import ON, cond
from corridor.regions.models import Region

pytestmark = pytest.mark.django_db


def _vocabulary(industries: list[str], segments: list[str], alliances: list[str]) -> dict[str, Any]:
    """Registry rows named as the rules name them: industry slugs, `chain.segment`, alliance slugs."""
    found: dict[str, Any] = {"industries": {}, "segments": {}, "alliances": {}}
    for slug in industries:
        found["industries"][slug] = Industry.objects.get_or_create(slug=slug, defaults={"name_zh": slug, "name_en": slug})[0]
    for name in segments:
        chain_slug, key = name.split(".")
        chain = Chain.objects.get_or_create(slug=chain_slug, defaults={"name_zh": chain_slug, "name_en": chain_slug})[0]
        found["segments"][name] = Segment.objects.create(chain=chain, key=key, name_zh=key, name_en=key, stage="upstream")
    for slug in alliances:
        found["alliances"][slug] = Alliance.objects.create(slug=slug, name_zh=slug, name_en=slug)
    return found


def _organisation(regions: dict[str, Region], vocabulary: dict[str, Any], name: str, data: dict[str, Any]) -> Organisation:
    """An organisation with the registry rows that say `data` (the engine's raw profile fields)."""
    region = regions[data["region"]] if data.get("region") else None
    org = Organisation.objects.create(
        name_zh=name, kind=data.get("kind") or "", region=region, size_band=data.get("size_band") or "",
        is_head_enterprise=bool(data.get("is_head_enterprise")), founded_year=data.get("founded_year"))
    profile_fields = ("founded_on", "rnd_share", "revenue_band", "employees", "has_rnd_project")
    if any(data.get(f) is not None for f in profile_fields) or data.get("certificates_declared"):
        EligibilityProfile.objects.create(
            organisation=org, founded_on=data.get("founded_on"),
            rnd_share=None if data.get("rnd_share") is None else Decimal(str(data["rnd_share"])),
            revenue_band=data.get("revenue_band") or "", employees=data.get("employees"),
            has_rnd_project=data.get("has_rnd_project"), certificates_declared=bool(data.get("certificates_declared")))
    org.industries.set([vocabulary["industries"][s] for s in data.get("industries") or ()])
    for name_, role, status in data.get("tags") or ():
        SegmentTag.objects.create(organisation=org, segment=vocabulary["segments"][name_], role=role,
                                  source=SegmentTag.Source.DECLARED, status=status)
    for slug in data.get("alliances") or ():
        AllianceMembership.objects.create(alliance=vocabulary["alliances"][slug], organisation=org)
    for cert in data.get("certificates") or ():
        Certificate.objects.create(organisation=org, kind=cert["kind"], valid_from=cert.get("valid_from"),
                                   valid_until=cert.get("valid_until"))
    if data.get("has_instrument"):
        make_instrument(org, region or regions["340202"])
    return org


def _agree(items: list[Item], orgs: list[Organisation], on: dt.date) -> Counter[str]:
    """Check every item's SQL answers against the per-organisation evaluator; count the answers seen."""
    ids = [o.pk for o in orgs]
    expected_profiles = profiles(ids)
    seen: Counter[str] = Counter()
    for item in items:
        order, answers = item_answers(item, Organisation.objects.filter(pk__in=ids), on)
        assert sorted(order) == sorted(ids)
        for row, pk in enumerate(order):
            got, expected = answers.answer(row), evaluate(item, expected_profiles[pk], on)
            assert (got.status, got.because, got.missing) == (expected.status, expected.because, expected.missing), \
                (item.id, pk, got, expected)
            seen[f"{item.id}:{got.status}"] += 1
            seen[got.status] += 1
    return seen


def test_hand_built_organisations_get_the_per_organisation_answers():
    regions = synthetic_regions()
    vocabulary = _vocabulary(["ind-a", "ind-b"], ["chain-x.seg1", "chain-x.seg2"], ["all-a", "all-b"])
    produces, uses = SegmentTag.Role.PRODUCES, SegmentTag.Role.USES
    confirmed, rejected = SegmentTag.Status.CONFIRMED, SegmentTag.Status.REJECTED
    orgs = [
        # Everything known, most conditions met.
        _organisation(regions, vocabulary, "甲", {
            "kind": "enterprise", "region": "340202", "size_band": "small", "founded_on": dt.date(2015, 5, 1),
            "industries": ["ind-a"], "tags": [("chain-x.seg1", produces, confirmed)], "alliances": ["all-a"],
            "certificates": [{"kind": "hnte", "valid_from": dt.date(2024, 1, 1), "valid_until": dt.date(2027, 12, 31)}],
            "rnd_share": 4.5, "revenue_band": "10m_50m", "employees": 120, "has_rnd_project": True, "has_instrument": True}),
        # Known, mostly not met: another city, an institute, certificates declared none.
        _organisation(regions, vocabulary, "乙", {
            "kind": "institute", "region": "330106", "size_band": "large", "is_head_enterprise": True, "founded_year": 2020,
            "industries": ["ind-b"], "tags": [("chain-x.seg2", produces, rejected)], "certificates_declared": True,
            "rnd_share": 1.0, "revenue_band": "1b_plus", "employees": 900, "has_rnd_project": False}),
        # Unknown almost everywhere: only the city known (a district policy cannot tell), no profile at all.
        _organisation(regions, vocabulary, "丙", {"kind": "", "region": "340200",
                                                  "tags": [("chain-x.seg1", uses, confirmed)]}),
        # No region; only the year founded; an expired certificate; two alliances; a profile with blanks.
        _organisation(regions, vocabulary, "丁", {
            "kind": "enterprise", "founded_year": 2023, "alliances": ["all-a", "all-b"], "revenue_band": "",
            "industries": ["ind-a", "ind-b"], "tags": [("chain-x.seg1", produces, confirmed), ("chain-x.seg2", produces, confirmed)],
            "certificates": [{"kind": "srdi", "valid_from": dt.date(2018, 1, 1), "valid_until": dt.date(2020, 12, 31)}],
            "employees": 15}),
    ]
    conditions = [
        cond("kind", "eq", "enterprise"), cond("kind", "in", ["institute", "university"]), cond("kind", "ne", "enterprise"),
        cond("kind", "not_in", ["government"]), cond("kind", "exists", True),
        cond("region", "within_region", ["340202"]), cond("region", "within_region", ["340200", "330100"]),
        cond("region", "within_region", ["330000"]), cond("region", "exists", False),
        cond("size_band", "lte", "medium"), cond("size_band", "gte", "large"), cond("size_band", "between", ["small", "medium"]),
        cond("size_band", "in", ["micro", "small"]), cond("is_head_enterprise", "eq", True), cond("is_head_enterprise", "ne", True),
        cond("age", "gte", 5), cond("age", "lte", 3), cond("age", "between", [2, 8]), cond("age", "exists", True),
        cond("industries", "has_any", ["ind-a", "ind-zzz"]), cond("industries", "has_all", ["ind-a", "ind-b"]),
        cond("industries", "has_none", ["ind-b"]), cond("industries", "exists", True), cond("industries", "has_any", ["ind-zzz"]),
        cond("industries", "has_none", ["ind-zzz"]),
        cond("chain_segments", "has_any", ["chain-x.seg1"]), cond("chain_segments", "has_all", ["chain-x.seg1", "chain-x.seg2"]),
        cond("chain_segments", "has_none", ["chain-x.seg2"]), cond("chain_segments", "exists", True),
        cond("alliances", "has_any", ["all-a"]), cond("alliances", "has_none", ["all-a"]),
        cond("alliances", "has_all", ["all-a", "all-b"]), cond("alliances", "exists", True),
        cond("certificates", "has_any", ["hnte", "srdi"]), cond("certificates", "valid_on", ["hnte", "srdi"]),
        cond("certificates", "valid_on", {"kinds": ["srdi"], "on": "2019-06-01"}), cond("certificates", "exists", True),
        cond("rnd_share", "gte", 3), cond("rnd_share", "lt", 2), cond("rnd_share", "between", [1, 5]),
        cond("rnd_share", "eq", 4.5), cond("rnd_share", "ne", 1), cond("rnd_share", "exists", True),
        cond("revenue_band", "gte", "50m_200m"), cond("revenue_band", "lte", "10m_50m"),
        cond("revenue_band", "between", ["under_10m", "50m_200m"]), cond("employees", "gte", 100), cond("employees", "lte", 500),
        cond("has_rnd_project", "eq", True), cond("has_instrument", "eq", True), cond("has_instrument", "exists", True),
    ]
    items = [parse_item({"id": f"c{i}", "rule": c}) for i, c in enumerate(conditions)]
    # Groups: the reasons are the deciding conditions (failing, undecided or met ones).
    items += [parse_item({"id": f"g{i}", "rule": rule}) for i, rule in enumerate([
        {"all": [cond("kind", "eq", "enterprise"), cond("rnd_share", "gte", 3, clause="第三条")]},
        {"any": [cond("certificates", "valid_on", ["hnte"]), cond("rnd_share", "gte", 3)]},
        {"all": [cond("region", "within_region", ["340202"]),
                 {"any": [cond("employees", "lte", 500), cond("revenue_band", "lte", "50m_200m")]}]},
        None,
    ])]
    seen = _agree(items, orgs, ON)
    assert seen["eligible"] and seen["not_eligible"] and seen["unknown"]
    # The R&D subsidy shape (enterprise, R&D share ≥ 3 %): each organisation gets its own answer.
    assert (seen["g0:eligible"], seen["g0:not_eligible"], seen["g0:unknown"]) == (1, 1, 2)


@pytest.mark.parametrize("seed", range(2))
def test_random_organisations_and_rules_agree(seed):
    rng = random.Random(300 + seed)
    on = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
    regions = synthetic_regions()
    vocabulary = _vocabulary(synthetic.INDUSTRIES, synthetic.SEGMENTS, synthetic.ALLIANCES)
    orgs = []
    for i in range(60):
        data = synthetic.organisation(rng, i)
        if data.get("founded_on"):
            data["founded_on"] = dt.date.fromisoformat(data["founded_on"])
        data["tags"] = [(name, SegmentTag.Role.PRODUCES, SegmentTag.Status.CONFIRMED) for name in data.get("chain_segments") or ()]
        data["certificates_declared"] = "certificates" in data
        for cert in data.get("certificates") or ():
            cert["valid_from"], cert["valid_until"] = (dt.date.fromisoformat(cert[k]) for k in ("valid_from", "valid_until"))
        orgs.append(_organisation(regions, vocabulary, f"（合成）机构{i:03d}", data))
    items = [parse_item(synthetic.item(rng, i, on, realistic=i % 2 == 0)) for i in range(40)]
    seen = _agree(items, orgs, on)
    assert seen["eligible"] and seen["not_eligible"] and seen["unknown"]
