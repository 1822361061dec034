"""Test helpers for chains: the shipped templates and a small corridor over the test world's cities."""

from __future__ import annotations

import datetime
from typing import Any

from corridor.chains import services
from corridor.chains.models import Chain, Segment
from corridor.orgs.services import create_organisation
from corridor.regions.models import Corridor, CorridorVersion

WORLD_CITIES = ("310117", "330100", "330400", "340200")


def load_chains() -> dict[str, Chain]:
    services.load_templates()
    return {c.slug: c for c in Chain.objects.all()}


def make_corridor(world: Any) -> Corridor:
    corridor = Corridor.objects.create(slug="g60", name_zh="长三角G60科创走廊", name_en="G60 corridor")
    version = CorridorVersion.objects.create(corridor=corridor, version="3.0", started_on=datetime.date(2018, 6, 1))
    version.regions.set([world.regions[c] for c in WORLD_CITIES])
    return corridor


def segment(chain: str, key: str) -> Segment:
    return Segment.objects.get(chain__slug=chain, key=key)


def firm(name_zh: str, region: str, description_zh: str, **extra: Any) -> Any:
    return create_organisation(None, {"name_zh": name_zh, "region": region, "description_zh": description_zh, **extra})
