"""The OpenAPI document is valid, shows the bearer scheme, and every operation answers a status it documents."""

import datetime

import pytest
from django.test import Client
from openapi_spec_validator import validate

from corridor.accounts.services import create_api_token
from corridor.alliances import services as alliances
from corridor.channel.testing import channel_ids
from corridor.equipment.testing import equipment_ids
from corridor.events.testing import events_ids
from corridor.jobs.models import Job
from corridor.matching import services as matching
from corridor.policies.testing import policy_ids
from corridor.regions.models import Corridor, CorridorVersion, Park
from corridor.rnd.testing import rnd_ids
from corridor.standards.testing import STANDARDS_MISSING_IDS, standards_ids

UNSAFE = ("post", "put", "patch", "delete")


@pytest.fixture
def spec(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_openapi_document_is_valid(spec):
    validate(spec)
    assert spec["components"]["securitySchemes"]["CorridorAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "cor_…",
        "description": spec["components"]["securitySchemes"]["CorridorAuth"]["description"],
    }
    public = spec["paths"]["/api/organisations"]["get"]["security"]
    assert {"CorridorAuth": []} in public and {} in public
    signed_in = spec["paths"]["/api/accounts/me"]["get"]["security"]
    assert {"CorridorAuth": []} in signed_in and {} not in signed_in


def test_docs_page_is_served(db):
    assert Client().get("/api/docs").status_code == 200


def _ids(world, *, missing: bool) -> dict[str, str]:
    """Path parameters: of objects that exist, or of none (every such operation must then say 404 or deny)."""
    if missing:
        return dict.fromkeys(
            ("org_id", "code", "application_id", "commitment_id", "membership_id", "declaration_id", "token_id",
             "listing_id", "interest_id", "instrument_id", "booking_id", "programme_id", "voucher_id",
             "job_id", "policy_id", "request_id", "office_id", "step", "event_id", "registration_id",
             "project_id", "overlap_id", "team_id", "member_id"),
            "999999",
        ) | STANDARDS_MISSING_IDS
    application = alliances.apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    token, _plain = create_api_token(world.users["admin"], "smoke")
    from corridor.matching.testing import make_listings

    listings = make_listings(world)
    interest = matching.express_interest(world.users["member"], listings.need_zh)
    return {
        "org_id": str(world.owner_org.pk),
        "code": "330400",
        "application_id": str(application.pk),
        "commitment_id": str(world.declaration.commitments.get().pk),
        "membership_id": str(world.alliance.memberships.first().pk),
        "declaration_id": str(world.declaration.pk),
        "token_id": str(token.pk),
        "listing_id": str(listings.need_zh.pk),
        "interest_id": str(interest.pk),
        **equipment_ids(world),
        **channel_ids(world),
        **events_ids(world),
        "job_id": str(Job.objects.create(kind="import-organisations", created_by=world.users["owner"]).pk),
        **policy_ids(world),
        **standards_ids(world),
        **rnd_ids(world),
        **_project_ids(world),
    }


def _project_ids(world) -> dict[str, str]:
    from corridor.projects.services import create_project

    project = create_project(world.users["officer"], {"name_zh": "开放接口项目", "investor": world.owner_org.pk,
                                                      "region": "330400"})
    return {"project_id": str(project.pk), "step": "contact"}


def _slug(path: str, *, missing: bool) -> str:
    if missing:
        return "no-such-thing"
    if path.startswith("/api/regions/corridors"):
        return "g60"
    if path.startswith("/api/regions/parks"):
        return "songjiang-park"
    return "g60-robot"


@pytest.mark.parametrize("missing", [False, True], ids=["existing", "missing"])
@pytest.mark.parametrize("role", ["visitor", "owner", "secretariat", "admin"])
def test_every_operation_answers_a_documented_status(world, spec, role, missing):
    corridor = Corridor.objects.create(slug="g60", name_zh="G60科创走廊")
    CorridorVersion.objects.create(corridor=corridor, version="1.0", started_on=datetime.date(2016, 5, 1))
    Park.objects.create(
        slug="songjiang-park", name_zh="松江园区", kind="industrial_park", region=world.regions["310117"]
    )
    client = world.client_for(role)
    ids = _ids(world, missing=missing)
    checked = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            url = path.format(slug=_slug(path, missing=missing), **ids)
            kwargs = {"data": {}, "content_type": "application/json"} if method in UNSAFE else {}
            response = getattr(client, method)(url, **kwargs)
            assert str(response.status_code) in operation["responses"], (
                f"{method.upper()} {url} as {role}: {response.status_code} not in {sorted(operation['responses'])}"
            )
            checked += 1
    assert checked >= 28


def test_malformed_json_and_bad_tokens_answer_documented_statuses(world, spec):
    url = f"/api/organisations/{world.owner_org.pk}"
    response = world.client_for("owner").patch(url, "{not json", content_type="application/json")
    assert response.status_code == 400 and "400" in spec["paths"]["/api/organisations/{org_id}"]["patch"]["responses"]
    response = Client().get("/api/regions", headers={"authorization": "Bearer cor_wrong"})
    assert response.status_code == 401 and "401" in spec["paths"]["/api/regions"]["get"]["responses"]


def test_no_two_schemas_share_a_component_name(spec):
    # Enum choices of different models (several are called Kind or Role) are spelt out in place.
    kinds = spec["components"]["schemas"].get("Kind", {}).get("enum", [])
    assert "science_city" not in kinds
    park_kind = spec["paths"]["/api/regions/parks"]["get"]["parameters"][0]
    assert "science_city" in str(park_kind)
