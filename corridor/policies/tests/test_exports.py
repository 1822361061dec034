"""The library as .xlsx (what the reader may see, no live formulas) and an organisation's deadlines as .ics."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from corridor.core.testing import build_world
from corridor.policies import services
from corridor.policies.calendar import feed_key
from corridor.policies.tests.world import rnd_policy, wuhu_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _rows(response):
    book = load_workbook(io.BytesIO(response.content))
    return [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]


def test_library_export_holds_what_the_reader_may_see(world):
    officer = wuhu_officer(world)
    rnd_policy(world, officer, publish=True)
    draft, _draft_item = rnd_policy(world, officer)
    services.update_policy(officer, draft, {"title_zh": "=HYPERLINK(\"http://evil\")草稿政策"})
    member = world.client_for("member")
    response = member.get("/policies/export.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    rows = _rows(response)
    assert rows[0][0] == "Policy" and len(rows) == 2  # the draft is not the member's to see
    assert rows[1][0] == "Wuhu R&D expense subsidy" and rows[1][8] == "R&D expense subsidy"
    client = world.client_for("visitor")
    client.force_login(officer)
    rows = _rows(client.get("/policies/export.xlsx"))
    titles = [r[0] for r in rows[1:]]
    assert len(rows) == 3 and any(t.startswith("=HYPERLINK") for t in titles)
    book = load_workbook(io.BytesIO(client.get("/policies/export.xlsx").content))
    cells = [row[0] for row in book.worksheets[0].iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)  # text, never a formula
    assert len(_rows(client.get("/policies/export.xlsx?q=草稿"))) == 2  # the page's filters apply


def test_deadlines_feed_for_the_organisations_members_only(world):
    officer = wuhu_officer(world)
    _policy, item = rnd_policy(world, officer, publish=True)
    member = world.users["member"]
    url = f"/policies/for/{world.member_org.pk}/deadlines.ics"
    page = world.client_for("member").get(f"/policies/for/{world.member_org.pk}/").content.decode()
    assert 'data-testid="deadlines-ics"' in page
    key = feed_key(member.pk, world.member_org.pk)
    from django.test import Client

    anonymous = Client()
    response = anonymous.get(url, {"key": key}, HTTP_ACCEPT_LANGUAGE="en")  # a calendar app: no session
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert f"DTSTART;VALUE=DATE:{item.window_closes:%Y%m%d}" in text and "SUMMARY:R&D expense subsidy" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    # Not eligible: no event.
    services.save_profile(member, world.member_org, {"rnd_share": "1"})
    assert "BEGIN:VEVENT" not in anonymous.get(url, {"key": key}).content.decode()
    # Another organisation's key, a forged key, no key, or a key of someone who left: 404.
    assert anonymous.get(url, {"key": feed_key(member.pk, world.outsider_org.pk)}).status_code == 404
    assert anonymous.get(url, {"key": key[:-2] + "xx"}).status_code == 404
    assert anonymous.get(url).status_code == 404
    outsider_key = feed_key(world.users["outsider"].pk, world.member_org.pk)
    assert anonymous.get(url, {"key": outsider_key}).status_code == 404
    assert world.client_for("outsider").get(url).status_code == 404
    assert world.client_for("member").get(url).status_code == 200
