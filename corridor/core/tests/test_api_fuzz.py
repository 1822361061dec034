"""Schemathesis against our own OpenAPI document (kept under about a minute): generated requests, anonymous
and as an administrator with an API token, must never meet a 5xx nor an answer that breaks the schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from corridor.accounts.services import create_api_token
from corridor.equipment.testing import make_instrument
from corridor.matching.testing import make_listings

EXAMPLES = 4  # per operation: bounded, so the run stays under about a minute


@pytest.fixture
def wsgi_app(world):
    from django.core import signals
    from django.db import close_old_connections

    from corridor.wsgi import application

    # As Django's test client does: the test's transaction must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_api_answers_within_its_schema_and_never_5xx(world, wsgi_app):
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance

    # Some real rows, so that lists and details answer with content (instruments carry the local times).
    make_listings(world)
    make_instrument(world.owner_org, world.regions["330108"])
    token = create_api_token(world.users["admin"], "fuzz")[1]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    checks = [not_a_server_error, response_schema_conformance]
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):  # type: ignore[no-untyped-def]
            case.call_and_validate(checks=checks)  # anonymous
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=checks)

        try:
            run()
        except Exception as exc:
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:600]}")
    assert operations > 40
    assert not failures, f"{len(failures)} operations failed:\n" + "\n\n".join(failures)
