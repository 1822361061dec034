"""R&D fixtures on top of `core.testing.build_world()`: two overlapping projects across languages
(a Wuhu member in Chinese, a Hangzhou member in English) and a hard negative."""

from __future__ import annotations

from typing import Any

from corridor.core.testing import World
from corridor.rnd import services, teams
from corridor.rnd.models import RDProject

ZH_LIFE_TEST = {
    "title": "RV减速器加速寿命试验台研制", "language": "zh",
    "text": "目标：研制RV减速器加速寿命试验台，在额定扭矩下连续运行10000小时考核寿命，回差测量精度0.1弧分。",
    "parameters": ["寿命 ≥ 10000 h", "回差测量精度 0.1 弧分"], "trl": 4, "keywords": ["RV减速器", "寿命试验"],
}
EN_LIFE_TEST = {
    "title": "Accelerated life test rig for RV reducers", "language": "en",
    "text": "The project aims to build an accelerated life test bench for RV reducers that runs at rated torque "
            "for 10,000 h and measures backlash to 0.1 arcmin.",
    "parameters": ["life ≥ 10,000 h", "backlash measured to 0.1 arcmin"], "trl": 5, "keywords": ["RV reducer"],
}
ZH_TOOTH_PROFILE = {
    "title": "RV减速器摆线轮齿形修形设计", "language": "zh",
    "text": "旨在通过摆线轮齿廓修形与优化设计，将RV减速器回差降低到1弧分以内并提高传动效率。", "trl": 3,
}


def register(world: World, role: str, data: dict[str, Any], **extra: Any) -> RDProject:
    org = {"owner": world.owner_org, "member": world.member_org, "outsider": world.outsider_org}[role]
    return services.create_project(world.users[role], org, {**data, **extra})


def rnd_ids(world: World) -> dict[str, str]:
    """Path parameters of existing R&D objects, for the OpenAPI test's walk over every operation."""
    from corridor.rnd.models import Overlap

    zh = register(world, "member", ZH_LIFE_TEST)
    register(world, "owner", EN_LIFE_TEST)
    overlap = Overlap.objects.get()
    team = teams.propose_team(world.users["secretariat"], [overlap], title_en="Joint life testing")
    member = team.members.get(organisation=world.owner_org)
    return {"project_id": str(zh.pk), "overlap_id": str(overlap.pk), "team_id": str(team.pk), "member_id": str(member.pk)}
