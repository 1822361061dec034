"""The history page: who may read it, and what it shows."""

from __future__ import annotations

import re

from django.test import Client

from corridor.alliances.models import AllianceMembership
from corridor.alliances.services import apply_for_membership, record_action
from corridor.core.testing import expect_matrix
from corridor.orgs.services import update_organisation


def test_organisation_history_matrix(world):
    expect_matrix(
        world,
        "get",
        f"/history/orgs/organisation/{world.owner_org.pk}/",
        {
            "visitor": 403,
            "owner": 200,
            "member": 403,
            "outsider": 403,
            "secretariat": 200,
            "officer": 403,
            "admin": 200,
        },
    )
    expect_matrix(
        world,
        "get",
        f"/history/orgs/organisation/{world.outsider_org.pk}/",
        {
            "visitor": 403,
            "owner": 403,
            "member": 403,
            "outsider": 200,
            "secretariat": 403,
            "officer": 200,
            "admin": 200,
        },
    )


def test_membership_application_and_declaration_history_matrix(world):
    membership = AllianceMembership.objects.get(organisation=world.owner_org)
    expect_matrix(
        world,
        "get",
        f"/history/alliances/alliancemembership/{membership.pk}/",
        {
            "visitor": 403,
            "owner": 200,
            "member": 403,
            "outsider": 403,
            "secretariat": 200,
            "officer": 403,
            "admin": 200,
        },
    )
    application = apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    expect_matrix(
        world,
        "get",
        f"/history/alliances/membershipapplication/{application.pk}/",
        # An application is private to its parties: to anyone else it does not exist (404, not 403).
        {
            "visitor": 404,
            "owner": 404,
            "member": 404,
            "outsider": 200,
            "secretariat": 200,
            "officer": 404,
            "admin": 200,
        },
    )
    expect_matrix(
        world,
        "get",
        f"/history/alliances/declaration/{world.declaration.pk}/",
        {
            "visitor": 403,
            "owner": 403,
            "member": 403,
            "outsider": 403,
            "secretariat": 200,
            "officer": 403,
            "admin": 200,
        },
    )


def test_unknown_objects_and_models_are_404(world):
    admin = world.client_for("admin")
    assert admin.get("/history/orgs/organisation/999999/").status_code == 404
    assert admin.get("/history/orgs/organisation/abc/").status_code == 404
    assert admin.get("/history/auth/user/1/").status_code == 404
    assert admin.get("/history/orgs/industry/1/").status_code == 404


def test_history_shows_who_what_before_and_after(world):
    update_organisation(
        world.users["owner"], world.owner_org, {"short_name": "国自", "industries": ["robots", "new-materials"]}
    )
    url = f"/history/orgs/organisation/{world.owner_org.pk}/"
    en = world.client_for("owner").get(url, HTTP_ACCEPT_LANGUAGE="en")
    zh = world.client_for("owner").get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert re.search(r'<html lang="en"', en.content.decode()) and re.search(
        r'<html lang="zh-hans"', zh.content.decode()
    )
    page = en.content.decode()
    rows = page.count('data-testid="history-row"')
    assert rows == 2  # created, then updated
    assert 'data-field="short_name"' in page and "国自" in page and ">owner<" in page
    assert "new-materials, robots" in page


def test_declaration_history_lists_recorded_actions(world):
    import datetime

    commitment = world.declaration.commitments.get()
    record_action(world.users["secretariat"], commitment, taken_on=datetime.date(2019, 1, 2), description="成立工作组")
    page = (
        world.client_for("secretariat").get(f"/history/alliances/declaration/{world.declaration.pk}/").content.decode()
    )
    assert "成立工作组" in page
    assert Client().get(f"/history/alliances/declaration/{world.declaration.pk}/").status_code == 403
