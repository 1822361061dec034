"""Policy fixtures on top of `core.testing.build_world()`: a Wuhu officer and a Wuhu R&D subsidy."""

from __future__ import annotations

import datetime
from typing import Any

from corridor.accounts import services as accounts
from corridor.core.testing import World
from corridor.policies import services
from corridor.policies.models import ApplicationItem, Policy

TODAY = datetime.date.today()

RND_RULE: dict[str, Any] = {"all": [
    {"field": "kind", "op": "eq", "value": "enterprise", "label_zh": "申报主体为企业", "label_en": "The applicant is an enterprise",
     "clause": "第二条"},
    {"field": "rnd_share", "op": "gte", "value": 3, "label_zh": "研发费用占营业收入比例不低于3%",
     "label_en": "R&D spending at least 3% of revenue", "clause": "第三条（二）"},
]}


def wuhu_officer(world: World) -> Any:
    user = accounts.create_user("officer_wuhu", "corridor-test-pass-1", email="wuhu@example.com")
    accounts.grant_role(user, "city_officer", region=world.regions["340200"])
    return user


def rnd_policy(world: World, officer: Any, *, publish: bool = False, rule: dict[str, Any] | None = None) -> tuple[Policy, ApplicationItem]:
    policy = services.create_policy(officer, {
        "title_zh": "芜湖市研发费用补助办法", "title_en": "Wuhu R&D expense subsidy", "issuer_zh": "芜湖市科学技术局",
        "issuer_en": "Wuhu Science and Technology Bureau", "document_number": "芜科〔2026〕12号", "level": "city",
        "home_region": world.regions["340200"], "regions": [world.regions["340200"]],
        "effective_from": TODAY - datetime.timedelta(days=10), "expires_on": TODAY + datetime.timedelta(days=365),
    })
    item = services.save_item(officer, policy, {
        "title_zh": "研发费用补助", "title_en": "R&D expense subsidy", "benefit": "subsidy", "rate": "10", "cap": "2000000",
        "rule": RND_RULE if rule is None else rule,
        "window_opens": TODAY - datetime.timedelta(days=5), "window_closes": TODAY + datetime.timedelta(days=30),
    })
    if publish:
        services.publish(officer, policy)
    return policy, item
