"""The access kernel: one rule per model and action answers lists, buttons and API alike;
views and API handlers never read role grants themselves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from corridor.alliances.models import MembershipApplication
from corridor.core import access
from corridor.matching.models import Listing
from corridor.matching.testing import make_listings

CORRIDOR = Path(__file__).resolve().parents[2]


def _entry_points() -> list[Path]:
    """Every module that handles a request: views and API handlers of every app."""
    found = []
    for path in CORRIDOR.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if path.name in ("views.py", "api.py") or path.parent.name in ("views", "api"):
            found.append(path)
    return found


def test_views_and_api_never_read_role_grants_themselves() -> None:
    offenders = []
    entry_points = _entry_points()
    assert len(entry_points) >= 10, "the scan found too few view and API modules to mean anything"
    for path in entry_points:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            if isinstance(node, ast.alias):
                name = node.name
            if name in ("scope_of", "Scope"):
                offenders.append(f"{path.relative_to(CORRIDOR)}:{getattr(node, 'lineno', '?')}")
    assert not offenders, f"views and API call scope_of instead of core.access: {offenders}"


@pytest.mark.django_db
def test_restrict_refuses_an_action_the_model_does_not_have(world) -> None:
    with pytest.raises(ValueError, match="approve"):
        Listing.objects.restrict(world.users["owner"], "approve")


@pytest.mark.django_db
def test_permitted_actions_follow_the_same_rule_as_restrict(world) -> None:
    listings = make_listings(world)
    need = listings.need_zh  # posted by the owner's organisation, public
    secret = listings.secret_need  # posted by the member organisation, secretariat only
    assert access.permitted_actions(world.users["owner"], need) == {"view", "change"}
    assert access.permitted_actions(world.users["member"], need) == {"view"}
    assert access.permitted_actions(world.users["secretariat"], secret) == {"view", "change"}
    assert access.permitted_actions(world.users["owner"], secret) == frozenset()
    assert access.permitted_actions(None, need) == {"view"}
    for role in ("owner", "member", "outsider", "secretariat", "officer", "admin"):
        user = world.users[role]
        for listing in Listing.objects.with_actions(user):
            fresh = Listing.objects.get(pk=listing.pk)
            assert access.permitted_actions(user, listing) == access.permitted_actions(user, fresh), (role, listing)
            assert ("view" in access.permitted_actions(user, fresh)) == Listing.objects.restrict(user).filter(
                pk=listing.pk).exists()


@pytest.mark.django_db
def test_is_secretariat_of_is_one_function(world) -> None:
    from corridor.alliances import services as alliances
    from corridor.matching import services as matching

    assert matching.is_secretariat_of is access.is_secretariat_of
    for role in ("owner", "secretariat", "admin"):
        user = world.users[role]
        assert alliances.is_secretariat(user, world.alliance) == access.is_secretariat_of(user, world.alliance.pk)
    assert access.is_secretariat_of(world.users["secretariat"], world.alliance.pk)
    assert not access.is_secretariat_of(world.users["secretariat"], world.other_alliance.pk)


@pytest.mark.django_db
def test_application_buttons_come_from_the_rules(world) -> None:
    from corridor.alliances import services

    application = services.apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org, "hi")
    assert access.permitted_actions(world.users["outsider"], application) == {"view", "withdraw"}
    assert access.permitted_actions(world.users["secretariat"], application) == {"view", "decide"}
    assert access.permitted_actions(world.users["member"], application) == frozenset()
    assert not MembershipApplication.objects.restrict(world.users["member"]).exists()


@pytest.mark.django_db
def test_api_detail_says_what_the_caller_may_do(world) -> None:
    listings = make_listings(world)
    url = f"/api/matching/listings/{listings.need_zh.pk}"
    assert world.client_for("owner").get(url).json()["actions"] == ["change", "view"]
    assert world.client_for("member").get(url).json()["actions"] == ["view"]
    assert world.client_for("visitor").get(url).json()["actions"] == ["view"]


WRITES = {"save", "bulk_create", "bulk_update", "update", "delete", "create", "get_or_create", "update_or_create"}


def test_no_orm_writes_in_views_api_forms_schemas_or_filters() -> None:
    """Only services write (and migrations, tests, the demo and the bulk writers in core.events.BULK_WRITERS)."""
    from corridor.core.events import BULK_WRITERS

    offenders = []
    thin = [p for p in CORRIDOR.rglob("*.py") if p.name in ("views.py", "api.py", "forms.py", "schemas.py", "filters.py")
            and "tests" not in p.parts]
    assert len(thin) >= 20
    for path in thin:
        relative = f"corridor/{path.relative_to(CORRIDOR)}"
        assert not any(relative.startswith(w) for w in BULK_WRITERS), relative
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
                owner = node.func.value
                if isinstance(owner, ast.Name) and owner.id in ("router", "api", "messages", "context", "data", "cleaned", "values"):
                    continue  # a route decorator or a dict, not a row
                offenders.append(f"{relative}:{node.lineno} .{node.func.attr}()")
    assert not offenders, f"ORM writes outside services: {offenders}"
