import pytest

from corridor.accounts import services as accounts
from corridor.chains.testing import firm, load_chains, make_corridor
from corridor.core.testing import PASSWORD


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def loop_world(world):
    """The B1 loop: Wuhu makes robot arms (strong) but no precision reducers; Hangzhou makes reducers.
    `wuhu_officer` manages Wuhu's projects; the test world's `officer` is Jiaxing's."""
    world.chains = load_chains()
    make_corridor(world)
    for i in range(3):
        firm(f"芜湖臂力{i}机器人有限公司", "340202", "生产六轴工业机器人本体。", is_head_enterprise=i == 0)
    world.reducer_makers = [firm(f"杭州传动{i}科技有限公司", "330108", "专注于精密减速器的研发与生产。") for i in range(2)]
    officer = accounts.create_user("wuhu_officer", PASSWORD, email="wuhu@example.com")
    accounts.grant_role(officer, "city_officer", region=world.regions["340200"])
    world.users["wuhu_officer"] = officer
    return world
