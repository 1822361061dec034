"""B1 end to end: a Wuhu gap in precision reducers → a lead for a Hangzhou reducer maker → signing →
production → Wuhu's reducer count rises by one and the gap closes; counted once."""

import datetime

import pytest
from django.test import Client

from corridor.chains import reports as chain_reports
from corridor.chains.models import Chain, Segment
from corridor.projects import services
from corridor.projects.models import Project, Site

pytestmark = pytest.mark.django_db

ROBOTS = "industrial-robots"


def _reducer_segment():
    return Segment.objects.get(chain__slug=ROBOTS, key="reducers")


def _wuhu_reducers(world):
    chain = Chain.objects.get(slug=ROBOTS)
    cmap = chain_reports.chain_map(None, chain)
    seg = _reducer_segment()
    gaps = [g.segment for g in chain_reports.gaps_for(None, chain, world.regions["340200"], cmap)]
    return cmap.matrix.cell("340200", seg.key).orgs, seg.key in gaps


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_gap_to_landing_through_the_pages(loop_world):
    w = loop_world
    officer = w.users["wuhu_officer"]
    seg = _reducer_segment()
    before, gap = _wuhu_reducers(w)
    assert before == 0 and gap, "the test world must start with a Wuhu gap in reducers"
    c = _client(officer)
    # The gap page offers "start a lead" for the Hangzhou reducer maker.
    page = c.get(f"/chains/{ROBOTS}/cities/340200/")
    assert page.status_code == 200
    html = page.content.decode()
    maker = w.reducer_makers[0]
    assert f"investor={maker.pk}" in html and 'data-testid="start-lead"' in html
    # Visitors and Jiaxing's officer see no such link.
    assert 'data-testid="start-lead"' not in Client().get(f"/chains/{ROBOTS}/cities/340200/").content.decode()
    form = c.get(f"/projects/new/?region=340200&chain={ROBOTS}&segment_key={seg.key}&investor={maker.pk}&source=chain_gap")
    assert form.status_code == 200 and maker.name_zh in form.content.decode()
    response = c.post("/projects/new/", {
        "name_zh": "杭州传动芜湖减速器项目", "investor": maker.pk, "region": "340202", "activity": "manufacturing",
        "kind": "new", "source": "chain_gap", "segments": [seg.pk], "investment": "300000000",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get()
    assert project.city == w.regions["340200"] and project.stage == "lead" and project.account_manager == officer
    for step in ("contact", "visit", "negotiate"):
        assert c.post(f"/projects/{project.pk}/steps/{step}/").status_code == 302
    # Signing without the agreement's parties is refused, naming the field; nothing changes.
    refused = c.post(f"/projects/{project.pk}/steps/sign/", {"signed_on": "2026-01-05"})
    assert refused.status_code == 422 and "agreement_parties" in refused.content.decode()
    project.refresh_from_db()
    assert project.stage == "negotiation"
    assert c.post(f"/projects/{project.pk}/steps/sign/", {
        "signed_on": "2026-01-05", "agreement_parties": "芜湖市政府、杭州传动", "agreement_amount": "300000000"}).status_code == 302
    assert c.post(f"/projects/{project.pk}/steps/start/").status_code == 302
    assert _wuhu_reducers(w)[0] == 0
    assert c.post(f"/projects/{project.pk}/steps/produce/").status_code == 302
    after, gap_after = _wuhu_reducers(w)
    assert after == 1 and not gap_after
    site = Site.objects.get(project=project)
    assert site.organisation is not None and site.organisation.city == w.regions["340200"]
    detail = c.get(f"/projects/{project.pk}/").content.decode()
    assert 'data-stage="production"' in detail and site.organisation.name_zh in detail
    assert f'href="/chains/{ROBOTS}/cities/340200/" data-testid="gap-link"' in detail
    # Timeline: recorded + 7 moves, dated.
    assert project.stage_changes.count() == 7
    # Counted once: operating and a new site of another activity add nothing to the reducer count.
    assert c.post(f"/projects/{project.pk}/steps/operate/").status_code == 302
    services.add_site(officer, Project.objects.get(pk=project.pk), {"region": "340202", "activity": "rnd"})
    assert _wuhu_reducers(w)[0] == 1


def test_cross_city_project_counts_once_per_city_and_activity(loop_world):
    """R&D in Songjiang (the enclave centre for Wuhu), production in Wuhu: Wuhu's reducers +1, Songjiang's 0."""
    w = loop_world
    officer = w.users["wuhu_officer"]
    seg = _reducer_segment()
    project = services.create_project(officer, {
        "name_zh": "跨城减速器项目", "investor": w.reducer_makers[1].pk, "region": "340202", "segments": [seg.pk]})
    services.add_site(officer, project, {"region": "310117", "activity": "rnd"})
    for step in ("contact", "negotiate"):
        project = services.advance(officer, project, step)
    project = services.advance(officer, project, "sign", signed_on=datetime.date(2026, 1, 2), investment="1000000",
                               agreement_parties="芜湖、杭州")
    project = services.advance(officer, project, "start")
    project = services.advance(officer, project, "produce")
    chain = Chain.objects.get(slug=ROBOTS)
    cmap = chain_reports.chain_map(None, chain)
    assert cmap.matrix.cell("340200", seg.key).orgs == 1
    assert cmap.matrix.cell("310117", seg.key).orgs == 0
    assert project.sites.filter(landed_at__isnull=False).count() == 2


def test_expansion_at_home_adds_only_what_it_lacks(loop_world):
    """An investor already in the city and on the segment: landing counts nothing twice."""
    w = loop_world
    officer = w.users["admin"]
    seg = _reducer_segment()
    maker = w.reducer_makers[0]
    chain = Chain.objects.get(slug=ROBOTS)
    before = chain_reports.chain_map(None, chain).matrix.cell("330100", seg.key).orgs
    project = services.create_project(officer, {
        "name_zh": "扩产项目", "investor": maker.pk, "region": "330108", "kind": "expansion", "segments": [seg.pk]})
    for step in ("contact", "negotiate"):
        project = services.advance(officer, project, step)
    project = services.advance(officer, project, "sign", signed_on=datetime.date(2026, 1, 2), investment="1000000",
                               agreement_parties="杭州")
    project = services.advance(officer, project, "start")
    project = services.advance(officer, project, "produce")
    assert project.sites.get().organisation == maker
    assert chain_reports.chain_map(None, chain).matrix.cell("330100", seg.key).orgs == before
