"""The R&D figures added for issue 17: directions, teams proposed (beside formed) and team outputs, per city
and alliance, on a hand-counted world (`build_dash_world()`: Hangzhou owner_org and Wuhu member_org in the
robot alliance, Jiaxing outsider_org in none). Hidden rows (secretariat-only directions or projects, teams
one is not part of) never enter the figure of someone who may not see them.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from corridor.core import indicators as ind
from corridor.core.indicators import TOTAL, Slice
from corridor.dashboards.testing import CITY_CODES, DashWorld, build_dash_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def dw() -> DashWorld:
    return build_dash_world()


def values(dw: DashWorld, key: str, role: str, **dims) -> dict[str, float]:
    """The indicator's non-zero values by city code (and "total") as `role` sees them."""
    viewer = None if role == "visitor" else dw.world.users[role]
    found = ind.get(key)
    assert found is not None, key
    got = found.values(Slice(viewer=viewer, cities=tuple(dw.city(c) for c in CITY_CODES), **dims))
    assert got is not None, key
    out = {code: got[dw.city(code)] for code in CITY_CODES if got[dw.city(code)]}
    out["total"] = got[TOTAL]
    return out


def directions_world(dw: DashWorld) -> None:
    """Wuhu: a public direction with a secretariat-only project in the owner's segment; Hangzhou: a
    secretariat-only direction; Jiaxing: an alliance-only direction of an organisation in no alliance."""
    from corridor.rnd import services
    from corridor.rnd.testing import ZH_TOOTH_PROFILE, register

    w = dw.world
    wuhu = services.create_direction(w.users["member"], w.member_org, {"title_zh": "精密减速器", "visibility": "public"})
    services.create_direction(w.users["owner"], w.owner_org, {"title_en": "Robot vision", "visibility": "secretariat"})
    services.create_direction(w.users["outsider"], w.outsider_org, {"title_zh": "传感器", "visibility": "alliance"})
    register(w, "member", ZH_TOOTH_PROFILE, visibility="secretariat", direction=wuhu, segments=[dw.owner_segment])


def test_directions_by_city_alliance_and_viewer(dw):
    directions_world(dw)
    w = dw.world
    assert values(dw, "rnd.directions", "visitor") == {"340200": 1, "total": 1}
    assert values(dw, "rnd.directions", "outsider") == {"330400": 1, "340200": 1, "total": 2}
    # A member of the alliance sees its fellows' alliance directions, never a secretariat-only one.
    assert values(dw, "rnd.directions", "member") == {"340200": 1, "total": 1}
    assert values(dw, "rnd.directions", "owner") == {"330100": 1, "340200": 1, "total": 2}
    assert values(dw, "rnd.directions", "secretariat") == {"330100": 1, "340200": 1, "total": 2}
    assert values(dw, "rnd.directions", "admin") == {"330100": 1, "330400": 1, "340200": 1, "total": 3}
    assert values(dw, "rnd.directions", "admin", alliance_id=w.alliance.pk) == {"330100": 1, "340200": 1, "total": 2}
    assert values(dw, "rnd.directions", "admin", alliance_id=w.other_alliance.pk) == {"total": 0}
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert values(dw, "rnd.directions", "admin", end=yesterday) == {"total": 0}


def test_a_direction_counts_in_a_segment_only_through_a_project_the_viewer_sees(dw):
    directions_world(dw)
    # Wuhu's direction is public, but its only project in the segment is secretariat-only.
    assert values(dw, "rnd.directions", "visitor", segment_id=dw.owner_segment.pk) == {"total": 0}
    assert values(dw, "rnd.directions", "visitor", chain_id=dw.chain.pk) == {"total": 0}
    assert values(dw, "rnd.directions", "secretariat", segment_id=dw.owner_segment.pk) == {"340200": 1, "total": 1}
    assert values(dw, "rnd.directions", "member", chain_id=dw.chain.pk) == {"340200": 1, "total": 1}


def teams_world(dw: DashWorld):
    """A team formed from the life-test overlap (led by Hangzhou) with a dated patent and an undated paper;
    a team proposed with Wuhu as lead, still waiting; a team of the other alliance led by Jiaxing."""
    from corridor.dashboards.tests.test_area_indicators import rnd_world
    from corridor.rnd import teams
    from corridor.rnd.models import JointTeam

    w = dw.world
    formed = JointTeam.objects.get(pk=rnd_world(dw).pk)
    patent_on = timezone.localdate() - datetime.timedelta(days=30)
    teams.add_output(w.users["secretariat"], formed, "patent", "RV reducer life test method", "CN1", on=patent_on)
    teams.add_output(w.users["owner"], formed, "paper", "Accelerated life testing of RV reducers")
    JointTeam.objects.create(title_zh="谐波减速器联合攻关", alliance=w.alliance, lead=w.member_org)
    JointTeam.objects.create(title_zh="传感器联合攻关", alliance=w.other_alliance, lead=w.outsider_org)
    return patent_on


def test_teams_proposed_beside_formed(dw):
    teams_world(dw)
    w = dw.world
    assert values(dw, "rnd.teams_proposed", "visitor") == {"total": 0}
    assert values(dw, "rnd.teams_proposed", "outsider") == {"330400": 1, "total": 1}  # it leads the other one
    # The robot secretariat sees its alliance's two teams, not the other alliance's.
    assert values(dw, "rnd.teams_proposed", "secretariat") == {"330100": 1, "340200": 1, "total": 2}
    assert values(dw, "rnd.teams", "secretariat") == {"330100": 1, "total": 1}
    # Hangzhou leads the formed team and is not invited to the waiting one.
    assert values(dw, "rnd.teams_proposed", "owner") == {"330100": 1, "total": 1}
    assert values(dw, "rnd.teams_proposed", "admin") == {"330100": 1, "330400": 1, "340200": 1, "total": 3}
    assert values(dw, "rnd.teams_proposed", "admin", alliance_id=w.alliance.pk) == {"330100": 1, "340200": 1,
                                                                                    "total": 2}
    assert values(dw, "rnd.teams_proposed", "admin", alliance_id=w.other_alliance.pk) == {"330400": 1, "total": 1}
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert values(dw, "rnd.teams_proposed", "admin", end=yesterday) == {"total": 0}


def test_outputs_of_teams_by_city_alliance_and_date(dw):
    patent_on = teams_world(dw)
    w = dw.world
    assert values(dw, "rnd.outputs", "visitor") == {"total": 0}
    assert values(dw, "rnd.outputs", "outsider") == {"total": 0}
    assert values(dw, "rnd.outputs", "secretariat") == {"330100": 2, "total": 2}
    assert values(dw, "rnd.outputs", "member") == {"330100": 2, "total": 2}  # an accepted party sees the team
    assert values(dw, "rnd.outputs", "admin", alliance_id=w.alliance.pk) == {"330100": 2, "total": 2}
    assert values(dw, "rnd.outputs", "admin", alliance_id=w.other_alliance.pk) == {"total": 0}
    # Before the team formed (today) only the dated patent counts; the undated paper counts from the formation.
    assert values(dw, "rnd.outputs", "admin", end=patent_on) == {"330100": 1, "total": 1}
    assert values(dw, "rnd.outputs", "admin", end=patent_on - datetime.timedelta(days=1)) == {"total": 0}


def test_city_and_alliance_reports_export_the_new_figures_to_excel(dw):
    """The dashboards read the registry, and their Excel export lists every row of the board: the new figures
    are in a city's monthly report and in an alliance's annual report, as the reader may see them."""
    import io

    from django.utils import translation
    from openpyxl import load_workbook

    from corridor.dashboards import reports

    teams_world(dw)
    w = dw.world
    expected = {"Joint R&D teams proposed": 1, "Joint R&D team outputs": 2, "R&D directions": 0}
    for kind, target, total in (("city", w.regions["330100"], 1), ("alliance", w.alliance, 2)):
        with translation.override("en"):
            book = load_workbook(io.BytesIO(reports.render_xlsx(reports.context(w.users["secretariat"], kind, target))))
        figures = {row[0]: row[1] for row in book.worksheets[0].iter_rows(min_row=4, values_only=True)}
        assert {name: figures.get(name) for name in expected} == {**expected, "Joint R&D teams proposed": total}, kind
