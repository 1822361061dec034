"""Role × door: an unlisted organisation's name never leaves the server for whoever may not see it —
not as an instrument's owner (catalogue, API, instrument page) nor as the poster of its public listing."""

from __future__ import annotations

import json

import pytest

from corridor.core.testing import ROLES
from corridor.equipment.testing import make_instrument
from corridor.matching import services as matching
from corridor.orgs.models import Organisation


@pytest.fixture
def hidden_things(world):
    org = world.unlisted_org
    instrument = make_instrument(org, world.regions["330402"], name_zh="隐名机构的光谱仪", name_en="Quiet spectrometer")
    listing = matching.create_listing(world.users["admin"], {
        "side": "offer", "category": "testing", "title_zh": "隐名机构的检测服务", "text": "光谱检测服务，对外开放",
        "visibility": "public",
    }, organisation=org)
    return instrument, listing


def test_unlisted_names_by_role_and_door(world, hidden_things):
    instrument, listing = hidden_things
    org = world.unlisted_org
    doors = [
        "/equipment/", f"/equipment/?q={instrument.name_zh}", f"/equipment/{instrument.pk}/",
        "/api/equipment/instruments", f"/api/equipment/instruments/{instrument.pk}",
        "/matching/", f"/matching/{listing.pk}/",
        "/api/matching/listings", f"/api/matching/listings/{listing.pk}",
    ]
    seen_by = {}
    for role in ROLES:
        user = world.users.get(role)
        may_see = user is not None and Organisation.objects.visible_to(user).filter(pk=org.pk).exists()
        seen_by[role] = may_see
        client = world.client_for(role)
        for door in doors:
            for lang in ("zh-hans", "en"):
                response = client.get(door, HTTP_ACCEPT_LANGUAGE=lang)
                assert response.status_code == 200, (role, door)
                body = response.content.decode()
                if response["Content-Type"].startswith("application/json"):
                    body = json.dumps(response.json(), ensure_ascii=False)  # names unescaped, or the check is void
                # The things themselves are public: they are shown, only their owner's name is not.
                assert instrument.name_zh in body or listing.title_zh in body or "隐名" in body, (role, door)
                named = org.name_zh in body or org.name_en in body
                assert named is False or may_see, (role, door, lang)
    # The rule is not vacuous: some roles do see the name, and they see it on the instrument page.
    assert seen_by["admin"] and not seen_by["visitor"] and not seen_by["member"]
    page = world.client_for("admin").get(f"/equipment/{instrument.pk}/").content.decode()
    assert org.name_zh in page
