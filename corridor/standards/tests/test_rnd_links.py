"""Issue 22: a standard's related R&D projects are real links to R&D projects (visible ones only; the text
stays for projects outside Corridor), and an R&D project's page lists the standards it feeds — each side
naming only what its reader may see."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from corridor.rnd.models import Visibility
from corridor.rnd.testing import EN_LIFE_TEST, ZH_TOOTH_PROFILE, register
from corridor.standards import rnd_links
from corridor.standards.testing import build_std_world, propose_one, refresh, to_state

pytestmark = pytest.mark.django_db

PUBLIC_TITLE = str(EN_LIFE_TEST["title"])
HIDDEN_TITLE = str(ZH_TOOTH_PROFILE["title"])


@pytest.fixture
def linked(world):
    """A public R&D project of the owner, a secretariat-only one of the member; a standard in drafting."""
    sw = build_std_world(world)
    public = register(world, "owner", EN_LIFE_TEST, visibility=Visibility.PUBLIC)
    hidden = register(world, "member", ZH_TOOTH_PROFILE, visibility=Visibility.SECRETARIAT)
    standard = to_state(sw, "drafting")
    return sw, standard, public, hidden


def _client(world, role):
    return world.client_for(role)


def test_a_proposal_links_only_projects_its_proposer_sees(world):
    sw = build_std_world(world)
    public = register(world, "owner", EN_LIFE_TEST, visibility=Visibility.PUBLIC)
    hidden = register(world, "member", ZH_TOOTH_PROFILE, visibility=Visibility.SECRETARIAT)
    with pytest.raises(ValidationError) as refused:
        propose_one(sw, rnd_projects=[public.pk, hidden.pk])
    assert "rnd_projects" in refused.value.message_dict
    standard = propose_one(sw, rnd_projects=[public.pk], related_projects="国家重点研发计划 2023YFB4704000")
    assert list(standard.rnd_projects.all()) == [public]
    assert standard.related_projects.startswith("国家重点研发计划")  # outside ones stay as text


def test_each_side_lists_only_what_its_reader_sees(world, linked):
    _sw, standard, public, hidden = linked
    secretariat = _client(world, "secretariat")
    response = secretariat.post(f"/standards/{standard.pk}/rnd-projects/", {"rnd_projects": [public.pk, hidden.pk]})
    assert response.status_code == 302
    assert set(standard.rnd_projects.values_list("pk", flat=True)) == {public.pk, hidden.pk}
    url = f"/standards/{standard.pk}/"
    for role, sees_hidden in (("visitor", False), ("outsider", False), ("owner", False), ("officer", False),
                              ("member", True), ("secretariat", True), ("admin", True)):
        page = _client(world, role).get(url)
        assert page.status_code == 200, role
        html = page.content.decode()
        assert PUBLIC_TITLE in html, role
        assert (HIDDEN_TITLE in html) is sees_hidden, role
        assert (f'href="/rnd/{hidden.pk}/"' in html) is sees_hidden, role
    # The R&D project's page lists the standard it feeds, to those who see both.
    for role in ("visitor", "outsider", "member"):
        page = _client(world, role).get(f"/rnd/{public.pk}/").content.decode()
        assert 'data-testid="fed-standard"' in page and f'href="/standards/{standard.pk}/"' in page, role
    assert _client(world, "member").get(f"/rnd/{hidden.pk}/").content.decode().count('data-testid="fed-standard"') == 1


def test_a_standard_still_in_proposal_is_not_named_on_the_project_page(world):
    sw = build_std_world(world)
    public = register(world, "owner", EN_LIFE_TEST, visibility=Visibility.PUBLIC)
    standard = propose_one(sw, rnd_projects=[public.pk])
    assert 'data-testid="fed-standard"' not in Client().get(f"/rnd/{public.pk}/").content.decode()
    assert standard.title_zh not in _client(world, "outsider").get(f"/rnd/{public.pk}/").content.decode()
    assert standard.title_zh in _client(world, "owner").get(f"/rnd/{public.pk}/").content.decode()  # proposer


def test_relinking_keeps_what_the_editor_cannot_see_and_only_insiders_link(world, linked):
    _sw, standard, public, hidden = linked
    rnd_links.link_rnd_projects(world.users["secretariat"], standard, [public.pk, hidden.pk])
    # The owner leads the drafting: it may relink, among what it sees; the hidden link stays.
    rnd_links.link_rnd_projects(world.users["owner"], refresh(standard), [])
    assert list(standard.rnd_projects.values_list("pk", flat=True)) == [hidden.pk]
    with pytest.raises(ValidationError):
        rnd_links.link_rnd_projects(world.users["owner"], refresh(standard), [hidden.pk])
    for role in ("outsider", "officer"):
        with pytest.raises(PermissionDenied):
            rnd_links.link_rnd_projects(world.users[role], refresh(standard), [public.pk])
    # Through the page: a refused link is a message and nothing changes; visitors are sent to sign in.
    before = set(standard.rnd_projects.values_list("pk", flat=True))
    assert _client(world, "visitor").post(f"/standards/{standard.pk}/rnd-projects/", {"rnd_projects": [public.pk]}).status_code == 302
    page = _client(world, "owner").post(f"/standards/{standard.pk}/rnd-projects/", {"rnd_projects": ["x"]}, follow=True)
    assert page.status_code == 200 and set(standard.rnd_projects.values_list("pk", flat=True)) == before
    # The form is offered to the secretariat and the drafting group only.
    assert 'data-testid="rnd-link-form"' in _client(world, "secretariat").get(f"/standards/{standard.pk}/").content.decode()
    assert 'data-testid="rnd-link-form"' not in _client(world, "outsider").get(f"/standards/{standard.pk}/").content.decode()


def test_the_api_links_and_lists_only_visible_projects(world, linked):
    _sw, standard, public, hidden = linked
    rnd_links.link_rnd_projects(world.users["secretariat"], standard, [public.pk, hidden.pk])
    outsider = _client(world, "outsider").get(f"/api/standards/{standard.pk}").json()
    assert [p["id"] for p in outsider["rnd_projects"]] == [public.pk] and HIDDEN_TITLE not in str(outsider)
    member = _client(world, "member").get(f"/api/standards/{standard.pk}").json()
    assert {p["id"] for p in member["rnd_projects"]} == {public.pk, hidden.pk}
