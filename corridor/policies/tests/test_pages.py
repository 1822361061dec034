"""The comparison across cities and the 免申即享 list of beneficiaries, in both languages."""

from __future__ import annotations

import datetime
import io

import pytest

from corridor.core.testing import build_world
from corridor.policies import services
from corridor.policies.tests.world import TODAY, rnd_policy, wuhu_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _jiaxing_subsidy(world, *, publish: bool) -> None:
    """The Jiaxing officer's R&D subsidy: 15 %, capped at 1 million."""
    officer = world.users["officer"]  # a city officer of Jiaxing (330400)
    policy = services.create_policy(officer, {
        "title_zh": "嘉兴市研发投入奖励办法", "title_en": "Jiaxing R&D input award", "issuer_zh": "嘉兴市科学技术局",
        "issuer_en": "Jiaxing Science and Technology Bureau", "level": "city", "home_region": world.regions["330400"],
        "regions": [world.regions["330400"]], "effective_from": TODAY - datetime.timedelta(days=30)})
    services.save_item(officer, policy, {"title_zh": "研发投入补助", "title_en": "R&D input subsidy", "benefit": "subsidy",
                                         "rate": "15", "cap": "1000000", "target_zh": "规上工业企业", "target_en": "Industrial firms above scale"})
    if publish:
        services.publish(officer, policy)


def test_compare_puts_each_citys_items_of_a_kind_side_by_side(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        rnd_policy(world, wuhu_officer(world), publish=True)  # Wuhu: 10 %, capped at 2 million
        _jiaxing_subsidy(world, publish=False)  # a draft: not compared yet
    client = world.client_for("visitor")
    html = client.get("/policies/compare/?benefit=subsidy", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Wuhu" in html and "R&amp;D expense subsidy" in html and "10 %" in html
    assert "Jiaxing" not in html
    with django_capture_on_commit_callbacks(execute=False):
        from corridor.policies.models import Policy

        services.publish(world.users["officer"], Policy.objects.get(title_zh="嘉兴市研发投入奖励办法"))
    html = client.get("/policies/compare/?benefit=subsidy", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count('data-testid="compare-row"') == 2
    assert html.index("Jiaxing") < html.index("Wuhu")  # cities in code order: 330400 before 340200
    assert "15 %" in html and "Industrial firms above scale" in html
    html = client.get("/policies/compare/?benefit=subsidy", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "嘉兴市" in html and "芜湖市" in html and "研发投入补助" in html and "跨城市政策比较" in html
    # Another kind: nothing in force; an unknown kind is said, not an error.
    assert "No item of this kind is in force." in client.get("/policies/compare/?benefit=land", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert client.get("/policies/compare/?benefit=nonsense", HTTP_ACCEPT_LANGUAGE="en").status_code == 200


@pytest.mark.parametrize(("language", "heading", "sheet", "office"), [
    ("en", "Beneficiaries, granted without application", "Beneficiaries", "Wuhu Tax Service"),
    ("zh-hans", "受益名单（免申即享）", "受益名单", "芜湖市税务局"),
])
def test_a_no_application_items_reach_is_the_offices_list_of_beneficiaries(world, django_capture_on_commit_callbacks,
                                                                          language, heading, sheet, office):
    from openpyxl import load_workbook

    officer = wuhu_officer(world)
    with django_capture_on_commit_callbacks(execute=False):
        policy, item = rnd_policy(world, officer)
        services.save_item(officer, policy, {"no_application": True, "office_zh": "芜湖市税务局", "office_en": "Wuhu Tax Service"}, item)
        services.publish(officer, policy)
    services.save_profile(world.users["member"], world.member_org, {"rnd_share": "5"})
    client = world.client_for("visitor")
    client.force_login(officer)
    html = client.get(f"/policies/items/{item.pk}/reach/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert 'data-testid="beneficiaries"' in html and heading in html and office in html
    assert world.member_org.name_zh in html or world.member_org.name_en in html
    response = client.get(f"/policies/items/{item.pk}/reach.xlsx", HTTP_ACCEPT_LANGUAGE=language)
    assert "beneficiaries" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book[sheet].iter_rows(values_only=True))
    assert rows[1][0] in (world.member_org.name_zh, world.member_org.name_en) and rows[1][-1] == office and len(rows) == 2


def test_calendar_lays_the_application_windows_out_by_month(world, django_capture_on_commit_callbacks):
    from corridor.policies.calendar import months

    officer = wuhu_officer(world)
    with django_capture_on_commit_callbacks(execute=False):
        _policy, item = rnd_policy(world, officer, publish=True)  # window: 5 days ago → in 30 days; the member: unknown
        _other, refused = rnd_policy(world, officer, publish=True, rule={"field": "kind", "op": "eq", "value": "university",
                                                                          "label_zh": "高校", "label_en": "A university"})
    member = world.client_for("member")
    url = f"/policies/for/{world.member_org.pk}/calendar/"
    html = member.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    first = TODAY.replace(day=1)
    assert f'data-month="{first:%Y-%m}"' in html and html.count('data-testid="calendar-month"') == 6
    assert f'data-item="{item.pk}"' in html and f'data-item="{refused.pk}"' not in html  # not eligible: not shown
    assert "Application calendar of" in html and "Unknown" in html
    html = member.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert f"{TODAY.year}年{TODAY.month}月" in html and "的申报日历" in html and "待确认" in html
    assert 'data-testid="calendar-link"' in member.get(f"/policies/for/{world.member_org.pk}/").content.decode()
    # Another organisation's calendar is not found, as its answers are.
    assert world.client_for("outsider").get(url).status_code == 404
    # Month by month: the window shows in each month it is open on, and not after it closes.
    results = services.answers_for(world.users["member"], world.member_org)
    laid_out = months(results, TODAY, count=3)
    closes = item.window_closes
    assert closes is not None
    for month in laid_out:
        shown = item.pk in [r.item.pk for r in month.rows]
        assert shown == (month.first <= closes)
    assert [r.item.pk for r in months(results, closes + datetime.timedelta(days=1))[0].rows] == []
