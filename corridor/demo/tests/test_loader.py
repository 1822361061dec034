"""load_demo: the seed facts arrive, synthetic rows are flagged, and a second run adds nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from corridor.accounts.models import RoleGrant
from corridor.alliances.models import Alliance, AllianceMembership, AllianceOffice, CommitmentAction, Declaration
from corridor.demo import facts, services
from corridor.orgs.filters import OrganisationFilter
from corridor.orgs.models import Organisation
from corridor.orgs.services import search_haystack
from corridor.regions.models import Corridor, CorridorVersion, Park

SMALL = 200  # the shared demo corridor's size (conftest.DEMO_SIZE)
GUOZI = "浙江国自机器人技术股份有限公司"


@pytest.fixture
def loaded(demo_corridor, db):
    return demo_corridor


class TestOneLoad:
    """Checks of one demo load (size SMALL), loaded once for all of them."""

    def test_the_corridor_and_its_versions(self, loaded):
        g60 = Corridor.objects.get(slug="g60")
        assert (g60.head_enterprises, g60.alliance_count, g60.demonstration_park_count) == (1280, 13, 11)
        versions = {v.version: v for v in g60.versions.all()}
        assert [c.code for c in versions["1.0"].regions.all()] == ["310117"]
        assert versions["1.0"].length_km == 40 and versions["2.0"].length_km == 180
        assert sorted(c.code for c in versions["2.0"].regions.all()) == ["310117", "330100", "330400"]
        v3 = versions["3.0"]
        assert sorted(c.code for c in v3.regions.all()) == sorted(facts.G60_CITIES)
        assert "320500" in {c.code for c in v3.regions.all()}  # 苏州, Jiangsu
        assert v3.area_km2 == 76200 and v3.population_millions == Decimal("57.92")
        assert g60.current_version() == v3


    def test_the_robot_alliance_and_the_wuhu_declaration(self, loaded):
        robot = Alliance.objects.get(slug="g60-robot")
        assert robot.founded_on == datetime.date(2018, 12, 21)
        assert robot.founded_in.code == "340200"
        assert robot.first_batch_count == 138
        assert robot.corridor.slug == "g60" and robot.industry.slug == "robots"
        wuhu = Declaration.objects.get(alliance=robot)
        assert wuhu.issued_on == datetime.date(2018, 12, 21) and wuhu.issued_in.code == "340200"
        assert [c.title_zh for c in wuhu.commitments.all()] == [
            "推动产业融合发展", "推动产业协同创新", "打造产业重点自主品牌", "推动产业与相关资源高效对接", "形成整体发展优势",
        ]
        assert all(c.title_en for c in wuhu.commitments.all())
        members = robot.memberships.filter(is_synthetic=False).values_list("organisation__name_zh", flat=True)
        assert GUOZI in members
        new_materials = Alliance.objects.get(slug="g60-new-materials")
        assert new_materials.founded_in.code == "330700" and new_materials.founded_on is None


    def test_parks_enclaves_dongli_and_zhongguancun(self, loaded):
        enclaves = Park.objects.filter(kind=Park.Kind.ENCLAVE_CENTRE)
        assert {(p.region.code, p.run_for.code) for p in enclaves} == {("310117", "340200"), ("310117", "330700")}
        assert all(p.region_id != p.run_for_id for p in enclaves)
        assert Park.objects.filter(kind=Park.Kind.SCIENCE_CITY, region__code="310117").count() == 3
        assert Park.objects.filter(kind=Park.Kind.INNOVATION_AREA, region__code="310117").count() == 6
        assert Park.objects.get(slug="dongjing-ai-base").name_zh == "洞泾人工智能产业基地"
        lake = Park.objects.get(slug="dongli-lake")
        assert (lake.region.code, lake.kind, lake.area_km2) == ("120110", "function_zone", Decimal("68.72"))
        assert Park.objects.get(slug="tianjin-huaming-high-tech-zone").kind == Park.Kind.HIGH_TECH_ZONE
        assert Organisation.objects.get(name_zh="天津市东丽区人民政府").region.code == "120110"
        zgc = Alliance.objects.get(slug="zgc-special-robot")
        chair = zgc.memberships.get(role=AllianceMembership.Role.CHAIR)
        assert chair.organisation.name_zh == "北京海兰信数据科技股份有限公司"
        assert zgc.memberships.get(role=AllianceMembership.Role.VICE_CHAIR).organisation.name_zh == "北京辰安科技股份有限公司"
        assert zgc.memberships.filter(role=AllianceMembership.Role.DIRECTOR).count() == 4
        agreement = Declaration.objects.get(alliance=zgc)
        assert agreement.issued_on == datetime.date(2016, 11, 15) and agreement.commitments.count() == 4
        assert AllianceOffice.objects.get(alliance=zgc).region.code == "120110"


    def test_real_records_cite_a_seed_and_synthetic_ones_are_flagged(self, loaded):
        for model in (Corridor, CorridorVersion, Alliance, Declaration, AllianceOffice):
            assert not model.objects.filter(source_seed="").exists(), model
        assert not Park.objects.filter(is_synthetic=False, source_seed="").exists()
        real = Organisation.objects.filter(is_synthetic=False)
        assert real.count() == len(services.ORGANISATIONS)
        assert set(real.values_list("source_seed", flat=True)) <= set(facts.SEEDS)
        assert not real.exclude(uscc=None).exists()  # no invented credit codes for real companies
        synthetic = Organisation.objects.filter(is_synthetic=True)
        assert synthetic.count() == SMALL and not synthetic.filter(uscc=None).exists()
        assert not AllianceMembership.objects.filter(organisation__is_synthetic=True, is_synthetic=False).exists()
        assert not CommitmentAction.objects.filter(is_synthetic=False).exists()
        demo_parks = Park.objects.filter(kind=Park.Kind.DEMONSTRATION_PARK)
        assert demo_parks.count() == 11 and not demo_parks.filter(is_synthetic=False).exists()
        assert synthetic.filter(city__isnull=False, province__isnull=False).count() == SMALL
        assert all(o.search_text == search_haystack(o) for o in synthetic)


    def test_loading_twice_changes_no_table(self, loaded):
        before = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
        again = services.load_demo(size=SMALL)
        after = {model._meta.label: model._default_manager.count() for model in apps.get_models()}
        assert after == before
        assert again == loaded


    def test_search_finds_guozi_in_chinese_and_pinyin(self, loaded):
        everyone = Organisation.objects.all()
        assert GUOZI in OrganisationFilter.model_validate({"q": "机器人"}).apply(everyone).values_list("name_zh", flat=True)
        assert list(OrganisationFilter.model_validate({"q": "Guozi"}).apply(everyone).values_list("name_zh", flat=True)) == [GUOZI]


def test_default_size_fills_the_robot_first_batch_and_sets_up_users(db):
    counts = services.load_demo()
    assert counts["synthetic_organisations"] == services.DEFAULT_SIZE
    robot = Alliance.objects.get(slug="g60-robot")
    assert robot.memberships.filter(batch=1).count() >= 138
    grants = {g.user.username: g for g in RoleGrant.objects.select_related("user", "organisation", "region")}
    assert grants["member"].organisation.name_zh == GUOZI
    assert grants["secretariat"].alliance == robot
    assert grants["officer"].region.code == "330400"
    member2 = grants["member2"].organisation
    assert member2.is_synthetic and member2.city.code == "340200"
    assert not member2.memberships.filter(alliance__slug="g60-new-materials").exists()
    assert not grants["outsider"].organisation.memberships.exists()
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert all(u.check_password(services.DEMO_PASSWORD) for u in User.objects.filter(username__in=services.DEMO_USERNAMES))


def test_commands(db, tmp_path):
    out = StringIO()
    call_command("load_demo", size=50, stdout=out, stderr=StringIO())
    assert "synthetic_organisations" in out.getvalue()
    out = StringIO()
    call_command("demo", size=50, no_serve=True, stdout=out, stderr=StringIO())
    assert "http://" in out.getvalue() and services.DEMO_PASSWORD in out.getvalue()
    assert "secretariat" in out.getvalue()
    target = tmp_path / "pop.csv"
    call_command("generate", size=20, output=str(target), stdout=StringIO(), stderr=StringIO())
    assert len(target.read_text(encoding="utf-8-sig").splitlines()) == 21
    call_command("generate", size=80, into_db=True, stdout=StringIO(), stderr=StringIO())
    assert Organisation.objects.filter(is_synthetic=True).count() == 80
