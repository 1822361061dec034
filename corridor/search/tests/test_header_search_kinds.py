"""The header search box over every registered kind: each object is found, by its own title, by everyone who
may see it (`restrict(user, VIEW)` and the kind's `searchable` rule) and by nobody else — through the
registry and through the page — on a world holding every kind (as the OpenAPI walk builds it)."""

from __future__ import annotations

import pytest

from corridor.core import registry
from corridor.core.access import VIEW, RestrictedQuerySet
from corridor.core.tests.test_api_openapi import _ids

ROLES = ("visitor", "owner", "member", "outsider", "secretariat", "officer", "admin")
# The kinds the header box must cover: organisations, listings, instruments, alliances and the newer areas'.
KINDS = ("orgs.organisation", "matching.listing", "equipment.instrument", "alliances.alliance", "events.event",
         "rnd.rdproject", "policies.policy", "standards.standard", "projects.project", "channel.enterpriserequest")


def _query(entry, obj) -> str:
    """The object's own title as typed into the box: the first of its searched fields that holds something."""
    for name in entry.search:
        value = obj
        for part in name.split("__"):  # a related object's field: investor__name_zh
            value = getattr(value, part, None) if value is not None else None
        value = str(value or "").strip()
        if value:
            return value[:60]
    return ""


def may_see(entry, user):
    """What `user` may find of this kind: the model's own `restrict(user, VIEW)`, narrowed by `searchable`."""
    rows = entry.model._default_manager.all()
    if isinstance(rows, RestrictedQuerySet):
        rows = rows.restrict(user, VIEW)
    return entry.searchable(rows) if entry.searchable is not None else rows


@pytest.fixture
def everything(world):
    from corridor.events.tests.helpers import make_event
    from corridor.policies import services as policies

    _ids(world, missing=False)
    # Besides what the walk makes: a policy still in draft and a members-only event.
    policies.create_policy(None, {"title_zh": "嘉兴市草稿阶段人才政策", "issuer_zh": "嘉兴市人社局", "level": "city",
                                  "home_region": world.regions["330400"], "regions": [world.regions["330400"]]})
    make_event(world, title_zh="联盟会员内部交流会", title_en="Members-only exchange", visibility="members")
    return world


def _cases(world):
    for entry in registry.entries():
        if not entry.search and entry.finder is None:
            continue
        for obj in entry.model._default_manager.all():
            q = _query(entry, obj)
            if q:
                yield entry, obj, q


def test_every_kind_is_there_and_some_of_each_private_kind_are_hidden(everything):
    kinds = {entry.label for entry, _obj, _q in _cases(everything)}
    assert set(KINDS) <= kinds, set(KINDS) - kinds
    hidden = set()
    for entry, obj, _q in _cases(everything):
        if not may_see(entry, None).filter(pk=obj.pk).exists():
            hidden.add(entry.label)
    # Kinds with something a visitor may not see in this world: the test below then checks it stays hidden.
    assert {"orgs.organisation", "matching.listing", "events.event", "rnd.rdproject", "rnd.jointteam",
            "policies.policy", "projects.project", "channel.enterpriserequest"} <= hidden, hidden


@pytest.mark.parametrize("role", ROLES)
def test_each_object_is_found_by_those_who_may_see_it_and_nobody_else(everything, role):
    user = None if role == "visitor" else everything.users[role]
    missed, leaked = [], []
    for entry, obj, q in _cases(everything):
        allowed = may_see(entry, user).filter(pk=obj.pk).exists()
        hits = {hit.obj.pk for found, group in registry.search(user, q) if found is entry for hit in group}
        if allowed and obj.pk not in hits:
            missed.append((entry.label, q))
        if not allowed and obj.pk in hits:
            leaked.append((entry.label, q))
    assert not leaked, leaked
    assert not missed, missed


def test_the_page_shows_what_the_registry_found_and_hides_the_rest(everything):
    client = everything.client_for("visitor")
    shown = hidden = 0
    for entry, obj, q in _cases(everything):
        url = entry.url(obj)
        if not url or entry.title(obj) in ("", None):
            continue
        page = client.get("/search/", {"q": q}).content.decode().split("</h1>", 1)[1]
        urls_found = {hit.url for found, group in registry.search(None, q) for hit in group}
        if may_see(entry, None).filter(pk=obj.pk).exists():
            assert f'href="{url}"' in page, (entry.label, q)
            shown += 1
        elif url not in urls_found:  # (a hidden object's link may be a visible one's too: a list page)
            assert f'href="{url}"' not in page, (entry.label, q)
            hidden += 1
    assert shown >= 5 and hidden >= 3, (shown, hidden)
