"""The demo's projects: the Dongli case as a history, enclave R&D sites producing in Wuhu, a synthetic
pipeline in every G60 city; loaded once."""

from corridor.projects import demo as projects_demo
from corridor.projects.models import Project, Site


def test_demo_projects(demo_corridor, db):
    dongli = Project.objects.get(source_seed=projects_demo.SEED_ZGC_DONGLI)
    assert dongli.stage == "signed" and dongli.signed_on.isoformat() == "2016-11-15"
    assert [c.on.isoformat() for c in dongli.stage_changes.all()][:3] == ["2016-11-02", "2016-11-02", "2016-11-15"]
    assert "研究院" in dongli.description_zh and dongli.alliance is not None
    wuhu = Project.objects.get(name_zh="精密减速器上海研发、芜湖生产项目")
    assert wuhu.stage == "production" and wuhu.published
    rnd = wuhu.sites.get(activity="rnd")
    assert rnd.park is not None and rnd.park.run_for.code == "340200" and rnd.landed_at is not None
    assert Site.objects.get(project=wuhu, activity="manufacturing").organisation.city.code == "340200"
    cities = set(Project.objects.filter(is_synthetic=True).values_list("city__code", flat=True))
    assert {"310117", "330400", "340200", "340100"} <= cities
    assert Project.objects.filter(stage="dropped").exists() or Project.objects.filter(stage="lead").exists()
    before = Project.objects.count()
    assert before >= 40
    projects_demo.load_demo()
    assert Project.objects.count() == before
