"""/api/standards: the same rules as the pages, statuses 401/403/404/409/422, and `actions`."""

from __future__ import annotations

import pytest
from django.test import Client

from corridor.core.testing import build_world
from corridor.standards.models import Comment, Standard, Status
from corridor.standards.testing import CLAUSES_V1, CLAUSES_V2, build_std_world, close_window, propose_one, to_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def sw():  # type: ignore[no-untyped-def]
    return build_std_world(build_world())


def client(sw, key: str) -> Client:  # type: ignore[no-untyped-def]
    c = Client()
    if key != "visitor":
        c.force_login(sw.users[key])
    return c


def post(c: Client, url: str, body: dict | None = None):  # type: ignore[no-untyped-def,type-arg]
    return c.post(url, body or {}, content_type="application/json")


def test_propose_vote_draft_comment_publish_through_the_api(sw):  # type: ignore[no-untyped-def]
    w = sw.world
    owner, secretariat = client(sw, "owner"), client(sw, "secretariat")
    assert post(client(sw, "visitor"), "/api/standards", {"alliance": w.alliance.slug, "organisation": w.owner_org.pk}).status_code == 401
    bad = post(owner, "/api/standards", {"alliance": w.alliance.slug, "organisation": w.owner_org.pk, "title_zh": ""})
    assert bad.status_code == 422 and "title_zh" in bad.json()["errors"]
    assert post(owner, "/api/standards", {"alliance": w.alliance.slug, "organisation": w.owner_org.pk, "titel": "x"}).status_code == 422
    made = post(owner, "/api/standards", {"alliance": w.alliance.slug, "organisation": w.owner_org.pk, "title_zh": "关节模组",
                                          "scope_zh": "范围", "rationale_zh": "理由"})
    assert made.status_code == 201, made.content
    sid = made.json()["id"]
    assert made.json()["status"] == "proposed" and made.json()["action_holders"]
    assert client(sw, "outsider").get(f"/api/standards/{sid}").status_code == 404
    assert post(owner, f"/api/standards/{sid}/transitions/submit").status_code == 403
    detail = post(secretariat, f"/api/standards/{sid}/transitions/submit").json()
    assert detail["status"] == "voting" and "manage" in client(sw, "secretariat").get(f"/api/standards/{sid}").json()["actions"]
    assert post(secretariat, f"/api/standards/{sid}/transitions/nonsense").status_code == 404
    assert post(client(sw, "expert1"), f"/api/standards/{sid}/votes", {"value": "maybe"}).status_code == 422
    assert post(client(sw, "expert1"), f"/api/standards/{sid}/votes", {"value": "no"}).status_code == 422  # reasons needed
    for key in ("member", "expert1", "expert2"):
        assert post(client(sw, key), f"/api/standards/{sid}/votes", {"value": "yes"}).status_code == 200
    assert client(sw, "expert1").get("/api/standards/needs").json() == []
    ballot = post(secretariat, f"/api/standards/{sid}/ballot/close").json()
    assert ballot["outcome"] == "passed" and ballot["counts"]["yes"] == 3
    assert post(secretariat, f"/api/standards/{sid}/ballot/close").status_code == 422
    assert post(owner, f"/api/standards/{sid}/drafts", {"text": CLAUSES_V1}).status_code == 201
    assert post(owner, f"/api/standards/{sid}/drafts", {"text": CLAUSES_V2}).status_code == 422  # no change summary
    v2 = post(owner, f"/api/standards/{sid}/drafts", {"text": CLAUSES_V2, "change_summary_zh": "收紧精度"})
    assert v2.status_code == 201 and v2.json()["number"] == 2 and v2.json()["clauses"][0]["number"] == "0"
    rows = client(sw, "member").get(f"/api/standards/{sid}/diff?a=1&b=2").json()
    assert {r["number"]: r["change"] for r in rows}["4.2"] == "changed"
    assert client(sw, "outsider").get(f"/api/standards/{sid}/diff?a=1&b=2").status_code == 404
    assert client(sw, "visitor").get(f"/api/standards/{sid}/drafts").json() == []
    short = post(secretariat, f"/api/standards/{sid}/comment-window", {"closes_on": "2000-01-01"})
    assert short.status_code == 422 and "closes_on" in short.json()["errors"]
    assert post(secretariat, f"/api/standards/{sid}/comment-window", {}).json()["status"] == "comment"
    assert [d["number"] for d in client(sw, "visitor").get(f"/api/standards/{sid}/drafts").json()] == [2]
    comment = post(client(sw, "expert2"), f"/api/standards/{sid}/comments", {"clause": "4.2", "text": "Please keep ±0.02 mm."})
    assert comment.status_code == 201 and comment.json()["language"] == "en"
    assert post(client(sw, "outsider"), f"/api/standards/{sid}/comments", {"clause": "4.2", "text": "x"}).status_code == 403
    cid = comment.json()["id"]
    assert post(owner, f"/api/standards/comments/{cid}/disposition", {"disposition": "accepted"}).status_code == 409
    close_window(Standard.objects.get(pk=sid))
    assert post(client(sw, "expert2"), f"/api/standards/{sid}/comments", {"clause": "4.2", "text": "late"}).status_code == 409
    assert post(client(sw, "outsider"), f"/api/standards/comments/{cid}/disposition", {"disposition": "accepted"}).status_code == 404
    assert post(client(sw, "expert2"), f"/api/standards/comments/{cid}/disposition", {"disposition": "accepted"}).status_code == 403
    assert post(owner, f"/api/standards/comments/{cid}/disposition", {"disposition": "accepted"}).json()["disposition"] == "accepted"
    assert [c["id"] for c in client(sw, "expert2").get(f"/api/standards/{sid}/comments").json()] == [cid]
    assert [c["id"] for c in client(sw, "expert1").get(f"/api/standards/{sid}/comments").json()] == [cid]  # committee
    assert post(secretariat, f"/api/standards/{sid}/transitions/start_review").json()["status"] == "review"
    assert post(owner, f"/api/standards/{sid}/votes", {"value": "yes"}).status_code == 403  # drafter
    for key in ("member", "expert1", "expert2"):
        post(client(sw, key), f"/api/standards/{sid}/votes", {"value": "yes"})
    post(secretariat, f"/api/standards/{sid}/ballot/close")
    published = post(secretariat, f"/api/standards/{sid}/publish", {}).json()
    assert published["status"] == "published" and published["publication_number"].startswith("T/G60JQR 001—")
    listed = client(sw, "visitor").get("/api/standards?status=published").json()
    assert [s["id"] for s in listed["items"]] == [sid]
    assert client(sw, "visitor").get("/api/standards?status=bogus").status_code == 422


def test_proposals_stay_hidden_in_the_api(sw):  # type: ignore[no-untyped-def]
    standard = propose_one(sw)
    for key, seen in (("visitor", False), ("outsider", False), ("officer", False), ("owner", True), ("member", True),
                      ("secretariat", True), ("admin", True)):
        ids = [s["id"] for s in client(sw, key).get("/api/standards").json()["items"]]
        assert (standard.pk in ids) is seen, key
        assert client(sw, key).get(f"/api/standards/{standard.pk}").status_code == (200 if seen else 404), key


def test_brands_are_public_and_recognised_by_the_secretariat(sw):  # type: ignore[no-untyped-def]
    w = sw.world
    body = {"alliance": w.alliance.slug, "holder": w.member_org.pk, "name_zh": "埃夫特", "certificate": "G60-PP-2024-001",
            "valid_from": "2024-01-01", "valid_until": "2026-12-31", "category": "product"}
    assert post(client(sw, "member"), "/api/standards/brands", body).status_code == 403
    assert post(client(sw, "secretariat"), "/api/standards/brands", {**body, "holder": w.outsider_org.pk}).status_code == 422
    assert post(client(sw, "secretariat"), "/api/standards/brands", {**body, "valid_until": "2023-01-01"}).status_code == 422
    made = post(client(sw, "secretariat"), "/api/standards/brands", body)
    assert made.status_code == 201
    assert post(client(sw, "secretariat"), "/api/standards/brands", body).status_code == 409
    items = client(sw, "visitor").get(f"/api/standards/brands?holder={w.member_org.pk}").json()["items"]
    assert [b["name_zh"] for b in items] == ["埃夫特"]


def test_comment_rows_stay_with_author_and_insiders(sw):  # type: ignore[no-untyped-def]
    standard = to_state(sw, "comment")
    post(client(sw, "expert2"), f"/api/standards/{standard.pk}/comments", {"clause": "1", "text": "意见甲"})
    standard.__class__.objects.filter(pk=standard.pk).update(public_comment=True)
    post(client(sw, "outsider"), f"/api/standards/{standard.pk}/comments", {"clause": "1", "text": "意见乙"})
    assert Comment.objects.count() == 2
    assert [c["text"] for c in client(sw, "outsider").get(f"/api/standards/{standard.pk}/comments").json()] == ["意见乙"]
    assert len(client(sw, "owner").get(f"/api/standards/{standard.pk}/comments").json()) == 2
    assert len(client(sw, "member").get(f"/api/standards/{standard.pk}/comments").json()) == 2  # committee
    assert client(sw, "visitor").get(f"/api/standards/{standard.pk}/comments").status_code == 401
    assert Standard.objects.get(pk=standard.pk).status == Status.COMMENT


def test_patent_disclosures_through_the_api(sw):  # type: ignore[no-untyped-def]
    standard = to_state(sw, "drafting")
    url = f"/api/standards/{standard.pk}/patents"
    body = {"organisation": sw.world.owner_org.pk, "patent_number": "ZL201910000001.X", "title": "关节模组力矩检测方法",
            "clause": "4.3", "licensing": "frand"}
    assert post(client(sw, "member"), url, body).status_code == 403  # not the member's organisation
    assert post(client(sw, "owner"), url, {**body, "licensing": "maybe"}).status_code == 422
    assert post(client(sw, "owner"), url, body).status_code == 201
    assert post(client(sw, "owner"), url, body).status_code == 409
    assert [p["patent_number"] for p in client(sw, "visitor").get(url).json()] == ["ZL201910000001.X"]
    proposal = propose_one(sw)
    assert client(sw, "outsider").get(f"/api/standards/{proposal.pk}/patents").status_code == 404
