"""Organisations as the eligibility engine reads them: registry rows → `eligibility.load_org` profiles.

One query per source for any number of organisations (register fields, industries, chain segments,
alliances, certificates, eligibility profiles, instruments), so a page costs the same for one or a thousand.
Absent data is None (unknown), which the engine turns into "fill in …":
- industries and chain segments: an empty list means the register does not know them yet → unknown;
- alliances: the platform knows every membership → an empty list is known;
- certificates: known once the member declared them (or recorded any).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from corridor.alliances.models import AllianceMembership
from corridor.chains.models import SegmentTag
from corridor.orgs.models import Organisation
from corridor.policies.eligibility import load_org
from corridor.policies.models import Certificate, EligibilityProfile


def segment_name(chain_slug: str, key: str) -> str:
    """How a chain segment is named in rules: `industrial-robots.reducers`."""
    return f"{chain_slug}.{key}"


def profile_data(org_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The raw profile of each organisation (JSON-like, as `load_org` takes it)."""
    ids = list(dict.fromkeys(org_ids))
    if not ids:
        return {}
    data: dict[int, dict[str, Any]] = {}
    for org in Organisation.objects.filter(pk__in=ids).values(
            "pk", "kind", "region__code", "size_band", "is_head_enterprise", "founded_year"):
        data[org["pk"]] = {
            "id": str(org["pk"]), "kind": org["kind"] or None, "region": org["region__code"],
            "size_band": org["size_band"] or None, "is_head_enterprise": org["is_head_enterprise"],
            "founded_year": org["founded_year"], "alliances": [], "industries": None, "chain_segments": None,
            "has_instrument": False,
        }
    industries: dict[int, list[str]] = defaultdict(list)
    for org_id, slug in Organisation.industries.through.objects.filter(organisation_id__in=ids).values_list(
            "organisation_id", "industry__slug"):
        industries[org_id].append(slug)
    segments: dict[int, list[str]] = defaultdict(list)
    for org_id, chain, key in (SegmentTag.objects.filter(organisation_id__in=ids, role=SegmentTag.Role.PRODUCES)
                               .exclude(status=SegmentTag.Status.REJECTED)
                               .values_list("organisation_id", "segment__chain__slug", "segment__key")):
        segments[org_id].append(segment_name(chain, key))
    for org_id, slug in AllianceMembership.objects.filter(organisation_id__in=ids).values_list("organisation_id", "alliance__slug"):
        if org_id in data:
            data[org_id]["alliances"].append(slug)
    certificates: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for cert in Certificate.objects.filter(organisation_id__in=ids):
        certificates[cert.organisation_id].append({"kind": cert.kind, "valid_from": cert.valid_from, "valid_until": cert.valid_until})
    declared: set[int] = set()
    for profile in EligibilityProfile.objects.filter(organisation_id__in=ids):
        row = data.get(profile.organisation_id)
        if row is None:
            continue
        row["founded_on"] = profile.founded_on
        row["rnd_share"] = float(profile.rnd_share) if profile.rnd_share is not None else None
        row["revenue_band"] = profile.revenue_band or None
        row["employees"] = profile.employees
        row["has_rnd_project"] = profile.has_rnd_project
        if profile.certificates_declared:
            declared.add(profile.organisation_id)
    from corridor.equipment.models import Instrument

    for org_id in Instrument.objects.filter(owner_id__in=ids, active=True).values_list("owner_id", flat=True).distinct():
        data[org_id]["has_instrument"] = True
    for org_id, row in data.items():
        row["industries"] = industries.get(org_id) or None
        row["chain_segments"] = segments.get(org_id) or None
        if org_id in certificates or org_id in declared:
            row["certificates"] = certificates.get(org_id, [])
    return data


def profiles(org_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The engine's normalised profiles (`load_org`), by organisation id."""
    return {org_id: load_org(row, f"organisation {org_id}") for org_id, row in profile_data(org_ids).items()}
