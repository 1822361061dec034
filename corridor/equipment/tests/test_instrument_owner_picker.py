"""An admin adding an instrument picks its owner by name with the shared organisation picker (no number or
credit code to know); an organisation's staff still choose among their own."""

from __future__ import annotations

import pytest

from corridor.equipment.models import Instrument
from corridor.equipment.tests.test_instrument_editing import NEW

pytestmark = pytest.mark.django_db


def test_the_admin_picks_the_owner_by_name(world):
    client = world.client_for("admin")
    page = client.get("/equipment/new/").content.decode()
    assert 'name="owner" id="id_owner" list="org-picker-owner"' in page and '<select name="owner"' not in page
    options = client.get("/organisations/autocomplete/", {"owner": world.owner_org.name_zh[:4]}).content.decode()
    assert f'value="{world.owner_org.pk}"' in options
    response = client.post("/equipment/new/", {**NEW, "owner": str(world.owner_org.pk)})
    assert response.status_code == 302, response.content.decode()[:1000]
    assert Instrument.objects.get(name_zh=NEW["name_zh"]).owner == world.owner_org


def test_staff_choose_among_their_own(world):
    page = world.client_for("owner").get("/equipment/new/").content.decode()
    assert '<select name="owner"' in page and "org-picker-owner" not in page
