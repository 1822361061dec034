"""Fixtures other apps' tests use: path parameters of existing policy objects (the OpenAPI walk)."""

from __future__ import annotations

from corridor.core.testing import World
from corridor.policies import services


def policy_ids(world: World) -> dict[str, str]:
    """A published Wuhu policy with one item, for the OpenAPI test's walk over every operation."""
    policy = services.create_policy(None, {"title_zh": "芜湖市研发费用补助办法", "issuer_zh": "芜湖市科学技术局", "level": "city",
                                           "home_region": world.regions["340200"], "regions": [world.regions["340200"]]})
    services.save_item(None, policy, {"title_zh": "研发费用补助", "benefit": "subsidy", "rate": "10"})
    services.publish(None, policy)
    return {"policy_id": str(policy.pk)}
