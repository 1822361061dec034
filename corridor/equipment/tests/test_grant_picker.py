"""Granting a voucher picks the holder with the shared organisation picker (by name, as typed): the form
renders it, a chosen organisation is granted, and one the officer may not see is refused like an unknown one —
and never offered by the picker to anyone who may not see it."""

from __future__ import annotations

import pytest

from corridor.core.testing import ROLES
from corridor.equipment.models import Voucher
from corridor.equipment.testing import build_equip_world
from corridor.orgs.models import Organisation


@pytest.fixture
def officer(world):
    from django.test import Client

    ew = build_equip_world(world)
    client = Client()
    client.force_login(ew.wuhu_officer)
    return ew, client


def test_the_grant_form_uses_the_shared_picker(world, officer):
    ew, client = officer
    page = client.get(f"/equipment/vouchers/{ew.programme.pk}/").content.decode()
    assert 'name="holder" list="org-picker-holder"' in page and 'data-testid="org-picker"' in page
    assert 'hx-get="/organisations/autocomplete/"' in page and "data-org-picker" not in page
    options = client.get("/organisations/autocomplete/", {"holder": world.member_org.name_zh[:4]}).content.decode()
    assert f'value="{world.member_org.pk}"' in options


def test_a_picked_organisation_is_granted_and_named_when_asked_again(world, officer):
    ew, client = officer
    url = f"/equipment/vouchers/{ew.programme.pk}/"
    response = client.post(url, {"holder": str(world.member_org.pk), "amount": "100"})
    assert response.status_code == 302
    assert Voucher.objects.get().holder == world.member_org
    # A second grant is asked about first: the form keeps the pick and names it.
    again = client.post(url, {"holder": str(world.member_org.pk), "amount": "50"}, HTTP_ACCEPT_LANGUAGE="en")
    body = again.content.decode()
    assert again.status_code == 422 and f'value="{world.member_org.pk}"' in body
    assert 'data-testid="holder-chosen"' in body and world.member_org.name_en in body


def test_a_hidden_organisation_is_refused_as_unknown(world, officer):
    ew, client = officer
    hidden = world.unlisted_org
    assert not Organisation.objects.restrict(ew.wuhu_officer).filter(pk=hidden.pk).exists()
    for typed in (str(hidden.pk), hidden.name_zh):
        response = client.post(f"/equipment/vouchers/{ew.programme.pk}/", {"holder": typed, "amount": "100"},
                               HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 422
        assert 'data-testid="error-holder"' in response.content.decode()
        # The same answer as for an organisation that does not exist (only what was typed is repeated).
        assert "No organisation with this name, credit code or number" in response.content.decode()
    assert not Voucher.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_picker_offers_an_unlisted_organisation_only_to_who_may_see_it(world, role):
    hidden = world.unlisted_org
    user = world.users.get(role)
    allowed = Organisation.objects.restrict(user).filter(pk=hidden.pk).exists()
    client = world.client_for(role)
    for typed in (hidden.name_zh, hidden.name_zh[2:4], hidden.name_en or hidden.name_zh):
        options = client.get("/organisations/autocomplete/", {"holder": typed}).content.decode()
        api = [item["id"] for item in client.get("/api/organisations/autocomplete", {"q": typed}).json()]
        assert (f'value="{hidden.pk}"' in options) == allowed, (role, typed)
        assert (hidden.pk in api) == allowed, (role, typed)
