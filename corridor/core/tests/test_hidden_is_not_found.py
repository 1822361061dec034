"""403 vs 404: for what the viewer may not know exists (an unlisted organisation and what is its),
every door answers exactly as for an id that does not exist."""

from __future__ import annotations

import json

from corridor.core.testing import expect_matrix
from corridor.equipment.testing import build_equip_world, make_instrument

MISSING = 10**9


def test_history_of_an_unlisted_organisation_is_404_for_who_may_not_know_it(world):
    hidden = world.unlisted_org.pk
    expect_matrix(world, "get", f"/history/orgs/organisation/{hidden}/", {
        "visitor": 404, "owner": 404, "member": 404, "outsider": 404, "secretariat": 404, "officer": 200, "admin": 200,
    })
    expect_matrix(world, "get", f"/history/orgs/organisation/{MISSING}/", {
        "visitor": 404, "owner": 404, "member": 404, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 404,
    })


def _post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_api_doors_naming_an_unlisted_organisation_answer_like_a_missing_one(world):
    ew = build_equip_world(world)
    instrument = make_instrument(world.owner_org, world.regions["330108"], name_zh="另一台", model_number="X-2")
    member = world.client_for("member")
    officer = ew.wuhu_officer
    from django.test import Client

    wuhu = Client()
    wuhu.force_login(officer)
    doors = [
        (member, f"/api/equipment/instruments/{instrument.pk}/bookings",
         lambda org: {"organisation_id": org, "starts_at": "2030-01-07T09:00:00+08:00", "ends_at": "2030-01-07T10:00:00+08:00"}),
        (member, "/api/matching/listings",
         lambda org: {"side": "need", "category": "product", "text": "需要检测", "organisation_id": org}),
        (wuhu, f"/api/equipment/programmes/{ew.programme.pk}/vouchers", lambda org: {"holder_id": org, "amount": "10"}),
    ]
    for client, url, body in doors:
        hidden = _post_json(client, url, body(world.unlisted_org.pk))
        missing = _post_json(client, url, body(MISSING))
        assert missing.status_code == 404, (url, missing.status_code, missing.content)
        assert hidden.status_code == missing.status_code, (url, hidden.status_code, hidden.content)
        assert hidden.json() == missing.json()
