import pytest

from corridor.chains.testing import firm, load_chains, make_corridor
from corridor.orgs.services import update_organisation


@pytest.fixture
def robots_world(world):
    """Four cities. Wuhu makes robot arms (strong) but no parts; Hangzhou makes reducers (strong);
    the only servo maker is the unlisted Jiaxing company, which visitors must never learn of."""
    chains = load_chains()
    make_corridor(world)
    for i in range(3):
        firm(f"芜湖臂力{i}机器人有限公司", "340202", "生产六轴工业机器人本体。", is_head_enterprise=i == 0)
    for i in range(2):
        firm(f"杭州传动{i}科技有限公司", "330108", "专注于精密减速器的研发与生产。")
    update_organisation(world.users["admin"], world.unlisted_org, {"description_zh": "生产伺服电机和伺服驱动器。"})
    world.chains = chains
    return world


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Cached per-city totals must not carry over between tests that reuse row ids.
    from django.core.cache import cache

    cache.clear()
