"""Pages: who sees what (access matrix), and the main flow through the forms."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from corridor.core.testing import build_world, expect_matrix
from corridor.standards import brands, services
from corridor.standards.models import Comment, Standard, Status
from corridor.standards.testing import (
    CLAUSES_V1,
    CLAUSES_V2,
    build_std_world,
    close_window,
    propose_one,
    refresh,
    to_state,
)

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(("visitor", "owner", "member", "outsider", "secretariat", "officer", "admin"), 200)
INSIDERS = {**EVERYONE, "visitor": 404, "outsider": 404, "officer": 404}


@pytest.fixture
def sw():  # type: ignore[no-untyped-def]
    return build_std_world(build_world())


def test_a_proposal_is_seen_by_proposers_committee_and_secretariat_only(sw):  # type: ignore[no-untyped-def]
    standard = propose_one(sw)
    expect_matrix(sw.world, "get", f"/standards/{standard.pk}/", INSIDERS)
    expect_matrix(sw.world, "get", f"/history/standards/standard/{standard.pk}/",
                  {**INSIDERS, "visitor": 404})
    for role in ("visitor", "outsider", "officer"):
        body = sw.world.client_for(role).get("/standards/").content.decode()
        assert standard.title_zh not in body
        assert standard.title_zh not in sw.world.client_for(role).get("/search/?q=关节模组").content.decode()
    assert standard.title_zh in sw.world.client_for("member").get("/search/?q=关节模组").content.decode()


def test_drafts_are_for_the_drafting_group_and_committee(sw):  # type: ignore[no-untyped-def]
    standard = to_state(sw, "drafting")
    expect_matrix(sw.world, "get", f"/standards/{standard.pk}/", EVERYONE)
    expect_matrix(sw.world, "get", f"/standards/{standard.pk}/drafts/1/", INSIDERS)
    body = sw.world.client_for("visitor").get(f"/standards/{standard.pk}/").content.decode()
    assert "重复定位精度" not in body and "draft-link-1" not in body


def test_during_comment_the_comment_draft_is_public_the_earlier_not(sw):  # type: ignore[no-untyped-def]
    standard = to_state(sw, "comment")
    expect_matrix(sw.world, "get", f"/standards/{standard.pk}/drafts/2/", EVERYONE)
    expect_matrix(sw.world, "get", f"/standards/{standard.pk}/drafts/1/", INSIDERS)
    expect_matrix(sw.world, "get", f"/standards/{standard.pk}/diff/?a=1&b=2", INSIDERS)
    services.add_comment(sw.users["expert1"], standard, "4.2", "建议放宽到±0.02 mm")
    # Comments: their author and the insiders; the disposition table: the insiders.
    expect_matrix(sw.world, "get", f"/standards/{standard.pk}/dispositions.xlsx", INSIDERS)
    member_page = sw.world.client_for("outsider").get(f"/standards/{standard.pk}/comments/")
    assert member_page.status_code == 404
    assert "放宽" in sw.world.client_for("owner").get(f"/standards/{standard.pk}/comments/").content.decode()


def test_published_text_is_public(sw):  # type: ignore[no-untyped-def]
    standard = to_state(sw, "published")
    expect_matrix(sw.world, "get", f"/standards/{standard.pk}/drafts/2/", EVERYONE)
    body = sw.world.client_for("visitor").get(f"/standards/{standard.pk}/").content.decode()
    assert standard.publication_number in body
    assert 'data-testid="ballot-counts"' in body and 'data-testid="position"' not in body  # the result, not who voted how
    assert 'data-testid="position"' in sw.world.client_for("member").get(f"/standards/{standard.pk}/").content.decode()


def test_diff_page_shows_changes_clause_by_clause(sw):  # type: ignore[no-untyped-def]
    standard = to_state(sw, "comment")
    body = sw.world.client_for("owner").get(f"/standards/{standard.pk}/diff/?a=1&b=2").content.decode()
    assert 'data-clause="4.2" data-change="changed"' in body
    assert 'data-clause="4.3" data-change="added"' in body
    assert 'data-clause="5.1" data-change="removed"' in body
    assert "<del>02</del><ins>01</ins>" in body
    assert sw.world.client_for("owner").get(f"/standards/{standard.pk}/diff/?a=1&b=7").status_code == 404


def test_the_flow_through_the_pages(sw):  # type: ignore[no-untyped-def]
    w = sw.world
    owner, secretariat = w.client_for("owner"), w.client_for("secretariat")
    bad = owner.post("/standards/propose/", {"alliance": w.alliance.pk, "organisation": w.owner_org.pk, "title_zh": ""})
    assert bad.status_code == 422 and not Standard.objects.exists()
    assert 'data-testid="error-title_zh"' in bad.content.decode()
    response = owner.post("/standards/propose/", {
        "alliance": w.alliance.pk, "organisation": w.owner_org.pk, "title_zh": "服务机器人安全要求",
        "scope_zh": "服务机器人", "rationale_zh": "安全", "drafting_org": str(sw.orgs["expert1"].pk)})
    standard = Standard.objects.get()
    assert response.status_code == 302 and response.url == f"/standards/{standard.pk}/"
    assert standard.participants.count() == 2
    assert secretariat.post(f"/standards/{standard.pk}/do/submit/").status_code == 302
    assert refresh(standard).status == Status.VOTING
    assert w.client_for("outsider").post(f"/standards/{standard.pk}/vote/", {"value": "yes"}).status_code == 404
    for key in ("member", "expert2"):
        client = w.client_for("member") if key == "member" else _client(sw, key)
        assert client.post(f"/standards/{standard.pk}/vote/", {"value": "yes"}).status_code == 302
    secretariat.post(f"/standards/{standard.pk}/close-ballot/")
    assert refresh(standard).status == Status.INITIATED
    bad = owner.post(f"/standards/{standard.pk}/drafts/new/", {"text": "没有条款编号"})
    assert bad.status_code == 422 and 'data-testid="error-text"' in bad.content.decode()
    assert owner.post(f"/standards/{standard.pk}/drafts/new/", {"text": CLAUSES_V1}).status_code == 302
    assert owner.post(f"/standards/{standard.pk}/drafts/new/", {"text": CLAUSES_V2, "change_summary_zh": "收紧"}).status_code == 302
    response = secretariat.post(f"/standards/{standard.pk}/open-comment/", {"closes_on": "2001-01-01"}, follow=True)
    assert refresh(standard).status == Status.DRAFTING and "30" in response.content.decode()
    services.open_comment(w.users["secretariat"], refresh(standard))
    expert = _client(sw, "expert1")
    assert expert.post(f"/standards/{standard.pk}/comments/new/", {"clause": "4.2", "text": "建议放宽"}).status_code == 302
    comment = Comment.objects.get()
    close_window(standard)
    assert owner.post(f"/standards/{standard.pk}/comments/{comment.pk}/dispose/",
                      {"disposition": "not_accepted", "response": "已有试验数据"}).status_code == 302
    assert Comment.objects.get().disposition == "not_accepted"
    xlsx = owner.get(f"/standards/{standard.pk}/dispositions.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[3][:3] == (1, "4.2", "建议放宽")
    assert rows[3][4] == sw.orgs["expert1"].name_zh and rows[3][5] in ("Not accepted", "不采纳") and rows[3][6] == "已有试验数据"


def _client(sw, key):  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    client.force_login(sw.users[key])
    return client


def test_brands_are_listed_publicly_and_on_the_holders_page(sw):  # type: ignore[no-untyped-def]
    import datetime

    w = sw.world
    brands.recognise_brand(w.users["secretariat"], w.alliance, w.member_org, {
        "name_zh": "埃夫特", "certificate": "G60JQR-PP-2025-009", "category": "product",
        "valid_from": datetime.date(2025, 1, 1), "valid_until": datetime.date(2027, 12, 31)})
    expect_matrix(w, "get", "/standards/brands/", EVERYONE)
    assert "G60JQR-PP-2025-009" in w.client_for("visitor").get(f"/organisations/{w.member_org.pk}/").content.decode()
    assert "G60JQR-PP-2025-009" not in w.client_for("visitor").get(f"/organisations/{w.owner_org.pk}/").content.decode()
    bad = w.client_for("secretariat").post("/standards/brands/new/", {
        "alliance": w.alliance.pk, "holder": str(w.outsider_org.pk), "name_zh": "外联", "category": "product",
        "certificate": "X-1", "valid_from": "2025-01-01", "valid_until": "2024-01-01"})
    assert bad.status_code == 422
    body = bad.content.decode()
    assert 'data-testid="error-holder"' in body and 'data-testid="error-valid_until"' in body
    assert w.client_for("member").get("/standards/brands/new/").status_code == 404


def test_draft_documents_are_served_only_to_those_who_may_read_the_draft(sw):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    standard = to_state(sw, "initiated")
    upload = SimpleUploadedFile("v1.txt", CLAUSES_V1.encode("utf-8"), content_type="text/plain")
    response = sw.world.client_for("owner").post(f"/standards/{standard.pk}/drafts/new/", {"document": upload})
    assert response.status_code == 302
    draft = standard.drafts.get()
    assert "4.2" in [c.number for c in draft.clauses()] and draft.document
    expect_matrix(sw.world, "get", f"/standards/{standard.pk}/drafts/1/document/", INSIDERS)


def test_the_secretariat_sets_up_a_committee_and_its_seats_on_the_page():
    w = build_world()
    url = f"/standards/committee/{w.alliance.slug}/"
    expect_matrix(w, "get", url, {**dict.fromkeys(EVERYONE, 404), "secretariat": 200, "admin": 200})
    secretariat = w.client_for("secretariat")
    bad = secretariat.post(url, {"code": "g60 jqr!", "name_zh": "委员会", "pass_share": "0.4", "comment_days": "20",
                                 "review_years": "5"})
    assert bad.status_code == 422
    body = bad.content.decode()
    for field in ("pass_share", "comment_days"):
        assert f'data-testid="error-{field}"' in body
    assert secretariat.post(url, {"code": "g60 jqr!", "name_zh": "委员会", "pass_share": "0.75", "comment_days": "30",
                                  "review_years": "5"}).status_code == 422  # the code
    assert secretariat.post(url, {"code": "G60JQR", "name_zh": "委员会", "pass_share": "0.75", "comment_days": "30",
                                  "review_years": "5", "options": ["skip_comment"]}).status_code == 302
    expect_matrix(w, "get", url, EVERYONE)
    assert secretariat.post(f"{url}seats/", {"organisation": str(w.member_org.pk), "role": "chair"}).status_code == 302
    secretariat.post(f"{url}seats/", {"organisation": str(w.outsider_org.pk), "role": "member"})  # not a member: refused
    from corridor.standards.models import Committee

    committee = Committee.objects.get()
    assert committee.options == ["skip_comment"]
    assert list(committee.seats.values_list("organisation_id", "role")) == [(w.member_org.pk, "chair")]
    assert w.client_for("member").post(f"{url}seats/", {"organisation": str(w.owner_org.pk), "role": "member"}).status_code == 404
