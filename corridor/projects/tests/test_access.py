"""Who sees and moves what, and confidentiality through every door: pages, API, search, export, board,
figures. A project before signing is its managers' and investor's only; a published summary shows no figure."""

import datetime
import io
import json

import pytest
from django.test import Client

from corridor.core.testing import expect_matrix
from corridor.projects import services
from corridor.projects.models import Project

pytestmark = pytest.mark.django_db

SECRET_AMOUNT = "987654321"  # 9.88 亿元 / ¥987,654,321 / 987654321.00
SECRET_SHAPES = ("987654321", "987,654,321", "9.88 亿元", "98,765.43 万元")
PUBLIC_AMOUNT = "123456789"
PUBLIC_SHAPES = ("123456789", "123,456,789", "1.23 亿元")


def _to_signed(actor, project):
    for step in ("contact", "negotiate"):
        project = services.advance(actor, project, step)
    return services.advance(actor, project, "sign", signed_on=datetime.date(2026, 1, 5), agreement_parties="甲方、乙方")


@pytest.fixture
def projects(loop_world):
    w = loop_world
    wuhu = w.users["wuhu_officer"]
    # Confidential: a Wuhu lead by Guozi (the `owner` user's organisation).
    w.secret = services.create_project(wuhu, {
        "name_zh": "国自芜湖保密项目", "investor": w.owner_org.pk, "region": "340202", "investment": SECRET_AMOUNT})
    # Published: a signed Jiaxing project (the `officer` user's city), its figures still confidential.
    w.public = services.create_project(w.users["officer"], {
        "name_zh": "嘉兴公开项目", "investor": w.unlisted_org.pk, "region": "330402", "investment": PUBLIC_AMOUNT})
    w.public = services.publish(w.users["officer"], _to_signed(w.users["officer"], w.public))
    # A secretariat helping a member: the alliance is named on it.
    w.helped = services.create_project(w.users["secretariat"], {
        "name_zh": "联盟协助项目", "investor": w.member_org.pk, "region": "330100"})
    return w


def test_detail_matrix(projects):
    w = projects
    expect_matrix(w, "get", f"/projects/{w.secret.pk}/", {
        "visitor": 404, "owner": 200, "member": 404, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200})
    expect_matrix(w, "get", f"/projects/{w.public.pk}/", dict.fromkeys(
        ("visitor", "owner", "member", "outsider", "secretariat", "officer", "admin"), 200))
    expect_matrix(w, "get", f"/projects/{w.helped.pk}/", {
        "visitor": 404, "owner": 404, "member": 200, "outsider": 404, "secretariat": 200, "officer": 404, "admin": 200})
    expect_matrix(w, "get", f"/api/projects/{w.secret.pk}", {
        "visitor": 404, "owner": 200, "member": 404, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200})


def test_edit_and_steps_matrix(projects):
    w = projects
    expect_matrix(w, "get", f"/projects/{w.public.pk}/edit/", {
        "visitor": 302, "owner": 404, "member": 404, "outsider": 404, "secretariat": 404, "officer": 200, "admin": 200})
    # The investor and other officers may see a published project but never move it.
    expect_matrix(w, "post", f"/projects/{w.public.pk}/steps/drop/", {
        "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 403, "officer": 422, "admin": 422})
    assert Project.objects.get(pk=w.public.pk).stage == "signed"
    wuhu = Client()
    wuhu.force_login(w.users["wuhu_officer"])
    assert wuhu.get(f"/projects/{w.secret.pk}/edit/").status_code == 200
    assert wuhu.get(f"/projects/{w.public.pk}/edit/").status_code == 404
    expect_matrix(w, "get", "/projects/new/", {
        "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 200, "officer": 200, "admin": 200})


def _page(w, role, url):
    return w.client_for(role).get(url).content.decode()


@pytest.mark.parametrize("role", ["visitor", "member", "outsider", "secretariat"])
def test_no_figure_leaks_to_those_who_may_not_see_it(projects, role):
    w = projects
    pages = [_page(w, role, u) for u in ("/projects/", f"/projects/{w.public.pk}/", "/projects/board/",
                                          "/projects/board/?city=330400", f"/search/?q={w.secret.name_zh}")]
    api = [_page(w, role, u) for u in ("/api/projects", f"/api/projects/{w.public.pk}", "/api/projects/figures")]
    for text in pages + api:
        for shape in SECRET_SHAPES + PUBLIC_SHAPES:
            assert shape not in text, (role, shape)
        assert f"/projects/{w.secret.pk}/" not in text
        if text is not pages[4]:  # the search page repeats what was typed
            assert w.secret.name_zh not in text
    listed = json.loads(api[0])
    assert [p["name_zh"] for p in listed["items"] if p["id"] == w.public.pk]
    assert all(p["investment"] is None for p in listed["items"] if p["id"] != w.helped.pk)
    figures = json.loads(api[2])
    assert figures["signed_amount"] in ("0", "0.00", 0) or float(figures["signed_amount"]) == 0
    # The published summary says the band, not the figure.
    assert "100–500" in pages[1] or "1亿" in pages[1] or "亿元" not in pages[1]
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(w.client_for(role).get("/projects/export.xlsx").content))
    cells = [str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None]
    assert w.secret.name_zh not in cells and w.public.name_zh in cells
    assert not any(shape in cell for cell in cells for shape in ("987654321", "123456789"))


def test_those_who_manage_see_the_figures(projects):
    w = projects
    officer = _page(w, "officer", f"/projects/{w.public.pk}/")
    assert any(shape in officer for shape in PUBLIC_SHAPES)
    owner = _page(w, "owner", f"/projects/{w.secret.pk}/")  # the investor's own project
    assert any(shape in owner for shape in SECRET_SHAPES)
    api = json.loads(_page(w, "officer", f"/api/projects/{w.public.pk}"))
    assert float(api["investment"]) == float(PUBLIC_AMOUNT) and "change" in api["actions"]
    figures = json.loads(_page(w, "officer", "/api/projects/figures?city=330400"))
    assert float(figures["signed_amount"]) == float(PUBLIC_AMOUNT) and figures["signed"] == 1
    admin = json.loads(_page(w, "admin", "/api/projects/figures"))
    assert admin["projects"] == 3
    found = _page(w, "admin", f"/search/?q={w.secret.name_zh}")
    assert f"/projects/{w.secret.pk}/" in found


def test_history_only_for_those_who_see_the_figures(projects):
    w = projects
    # Published: seen by all, its history (with the figures) only by those who manage it.
    expect_matrix(w, "get", f"/history/projects/project/{w.public.pk}/", {
        "visitor": 403, "owner": 403, "member": 403, "outsider": 403, "secretariat": 403, "officer": 200, "admin": 200})
    expect_matrix(w, "get", f"/history/projects/project/{w.secret.pk}/", {
        "visitor": 404, "owner": 200, "member": 404, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200})


def test_figures_per_period(projects):
    w = projects
    c = w.client_for("admin")
    everything = json.loads(c.get("/api/projects/figures").content)
    signed_2026 = json.loads(c.get("/api/projects/figures?since=2026-01-01&until=2026-01-31").content)
    assert everything["projects"] == 3 and signed_2026["signed"] == 1
    assert json.loads(c.get("/api/projects/figures?since=2030-01-01").content)["projects"] == 0
    assert c.get("/api/projects/figures?since=yesterday").status_code == 422
    page = c.get("/projects/board/?since=2026-01-01&until=2026-01-31")
    assert page.status_code == 200 and 'data-testid="fig-signed">1<' in page.content.decode()
