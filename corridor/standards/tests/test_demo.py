"""The demo: the robot alliance's standards in several states and its brands; a second run adds nothing."""

from __future__ import annotations

import pytest

from corridor.alliances.models import AllianceMembership
from corridor.core.testing import build_world
from corridor.orgs.services import create_organisation
from corridor.standards import demo, duties
from corridor.standards.models import Brand, Standard, Status

pytestmark = pytest.mark.django_db


def test_demo_loads_standards_in_several_states_once():
    world = build_world()
    for i in range(3):
        org = create_organisation(None, {"name_zh": f"芜湖演示机器人{i}有限公司", "region": "340202", "industries": ["robots"]})
        AllianceMembership.objects.create(alliance=world.alliance, organisation=org)
    first = demo.load_demo()
    states = set(Standard.objects.values_list("status", flat=True))
    assert {Status.PUBLISHED, Status.DRAFTING, Status.COMMENT, Status.VOTING, Status.PROPOSED} <= states
    assert Standard.objects.filter(is_synthetic=True).count() == Standard.objects.count() == 5
    published = Standard.objects.get(status=Status.PUBLISHED)
    assert published.publication_number.startswith("T/G60JQR 001—")
    assert Brand.objects.filter(is_synthetic=True).count() == 3
    assert demo.load_demo() == first
    # The demo member (here the owner organisation's user, a seat holder) has a vote to cast.
    assert any(n.standard.status == Status.VOTING for n in duties.needs(world.users["owner"]))
