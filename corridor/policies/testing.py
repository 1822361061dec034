"""Fixtures other apps' tests use (path parameters of existing policy objects, for the OpenAPI walk), and the
regions of the synthetic eligibility data that the policy tests and benches load into the registry."""

from __future__ import annotations

from corridor.core.testing import World
from corridor.policies import services
from corridor.policies.eligibility import synthetic
from corridor.regions.models import Region


def policy_ids(world: World) -> dict[str, str]:
    """A published Wuhu policy with one item, for the OpenAPI test's walk over every operation."""
    policy = services.create_policy(None, {"title_zh": "芜湖市研发费用补助办法", "issuer_zh": "芜湖市科学技术局", "level": "city",
                                           "home_region": world.regions["340200"], "regions": [world.regions["340200"]]})
    services.save_item(None, policy, {"title_zh": "研发费用补助", "benefit": "subsidy", "rate": "10"})
    services.publish(None, policy)
    return {"policy_id": str(policy.pk)}


def synthetic_regions() -> dict[str, Region]:
    """The cities and districts the synthetic organisations live in (codes as names), made if missing."""
    regions: dict[str, Region] = {}
    for city, districts in synthetic.CITIES.items():
        level = "province" if city.endswith("0000") else "city"
        regions[city], _ = Region.objects.get_or_create(code=city, defaults={"name_zh": city, "name_en": city, "level": level})
        for code in districts:
            regions[code], _ = Region.objects.get_or_create(code=code, defaults={
                "name_zh": code, "name_en": code, "level": "district", "parent": regions[city]})
    return regions
