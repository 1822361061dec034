"""Chain pages, API, CLI and export: what each role sees, and that nothing unlisted leaks."""

import io
import json
import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from corridor.chains import inference
from corridor.chains.models import ChainVersion, SegmentTag
from corridor.core.testing import expect_matrix

SECRET = "嘉兴隐名材料有限公司"
ROBOTS = "/chains/industrial-robots/"


def test_every_role_sees_the_chain_page_with_its_charts_data(robots_world):
    expect_matrix(robots_world, "get", ROBOTS, dict.fromkeys(
        ("visitor", "owner", "member", "outsider", "secretariat", "officer", "admin"), 200))
    page = robots_world.client_for("visitor").get(ROBOTS).content.decode()
    assert 'id="chain-graph"' in page and 'id="chain-map"' in page and 'id="chain-data"' in page
    assert "maps-echarts-4.9.0" in page  # the vendored map JSON, no CDN


def test_counts_include_unlisted_organisations_only_for_those_who_may_see_them(robots_world):
    for role, shown in (("visitor", "0"), ("outsider", "0"), ("secretariat", "0"), ("officer", "1"), ("admin", "1")):
        page = robots_world.client_for(role).get(ROBOTS + "?segment=servo").content.decode()
        assert re.search(rf'data-testid="cell-330400-servo">(<strong>)?{shown}<', page), role
        assert SECRET not in page
    visitor = robots_world.client_for("visitor")
    assert SECRET not in visitor.get(ROBOTS + "segments/servo/").content.decode()
    assert SECRET in robots_world.client_for("officer").get(ROBOTS + "segments/servo/").content.decode()


def test_city_page_lists_strong_links_and_gaps_with_where_to_find_them(robots_world):
    page = robots_world.client_for("visitor").get(ROBOTS + "cities/340200/").content.decode()
    assert 'data-testid="strong-link"' in page and "工业机器人本体" in page
    gaps = page.split('data-testid="gaps"')[1]
    assert "精密减速器" in gaps and "杭州市" in gaps and "杭州传动0科技有限公司" in gaps
    assert SECRET not in page
    assert SECRET in robots_world.client_for("officer").get(ROBOTS + "cities/340200/").content.decode()
    assert robots_world.client_for("visitor").get(ROBOTS + "cities/110000/").status_code == 404


def test_api_gaps_by_hand_and_without_confidential_suppliers(robots_world):
    url = "/api/chains/industrial-robots/gaps?region=340200"
    gaps = robots_world.client_for("visitor").get(url).json()
    # Robot arms are strong in Wuhu; their inputs: reducers 0.35, servo 0.22, controllers 0.12, sensors 0.05.
    assert [(g["segment"], g["score"]) for g in gaps] == [
        ("reducers", 0.35), ("servo", 0.22), ("controllers", 0.12), ("sensors-vision", 0.05)]
    assert [s["region"] for s in gaps[0]["suppliers"]] == ["330100"] and gaps[0]["suppliers"][0]["strong"]
    assert gaps[1]["suppliers"] == []  # the servo maker is unlisted
    assert SECRET not in json.dumps(gaps, ensure_ascii=False)
    officer = robots_world.client_for("officer").get(url).json()
    assert officer[1]["suppliers"][0]["region"] == "330400"
    assert officer[1]["suppliers"][0]["leaders"][0]["name"] == SECRET
    assert robots_world.client_for("visitor").get("/api/chains/industrial-robots/gaps").status_code == 422
    assert robots_world.client_for("visitor").get("/api/chains/nope/gaps?region=340200").status_code == 404


def test_api_matrix_lq_and_sourcing(robots_world):
    visitor = robots_world.client_for("visitor")
    rows = {(r["region"], r["segment"]): r for r in visitor.get("/api/chains/industrial-robots/matrix").json()}
    wuhu = rows[("340200", "industrial-robot-bodies")]
    assert (wuhu["orgs"], wuhu["heads"], wuhu["level"]) == (3, 1, "strong")
    # A visitor sees 4 organisations in Wuhu (3 arm makers + Efort) and 8 in the corridor (Hangzhou 3,
    # Jiaxing 1: the unlisted one is not counted); all 3 arm makers are in Wuhu.
    assert wuhu["lq"] == pytest.approx((3 / 4) / (3 / 8))
    assert rows[("330400", "servo")]["orgs"] == 0
    lq = visitor.get("/api/chains/industrial-robots/lq").json()
    assert {"region": "330100", "segment": "reducers", "lq": rows[("330100", "reducers")]["lq"], "level": "strong"} in lq
    admin_rows = robots_world.client_for("admin").get("/api/chains/industrial-robots/matrix").json()
    assert next(r for r in admin_rows if (r["region"], r["segment"]) == ("330400", "servo"))["orgs"] == 1
    districts = visitor.get("/api/chains/industrial-robots/matrix?city=340200").json()
    assert {r["region"] for r in districts} == {"340202"}
    assert next(r for r in districts if r["segment"] == "industrial-robot-bodies")["orgs"] == 3
    jiaxing_url = "/api/chains/industrial-robots/matrix?city=330400"
    for role, servo in (("visitor", 0), ("officer", 1), ("admin", 1)):
        rows = robots_world.client_for(role).get(jiaxing_url).json()
        assert next(r for r in rows if (r["region"], r["segment"]) == ("330402", "servo"))["orgs"] == servo, role
    sourcing = {r["region"]: r for r in visitor.get("/api/chains/industrial-robots/sourcing").json()}
    # Robot arms' stated inputs weigh 0.35 + 0.22 + 0.12 + 0.05 = 0.74; only reducers (0.35) are in the corridor.
    assert sourcing["340200"]["local"] == 0.0 and sourcing["340200"]["corridor"] == round(0.35 / 0.74, 3)
    chain = visitor.get("/api/chains/industrial-robots").json()
    assert len(chain["segments"]) == 20 and {"source": "reducers", "target": "industrial-robot-bodies",
                                              "share": 0.35} in chain["edges"]


def test_xlsx_export_counts_what_the_user_may_see(robots_world):
    def book(role):
        response = robots_world.client_for(role).get(ROBOTS + "export.xlsx")
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
        return load_workbook(io.BytesIO(response.content))

    def servo_in_jiaxing(workbook):
        sheet = workbook.worksheets[0]
        header = [c.value for c in sheet[1]]
        column = next(i for i, h in enumerate(header) if h and h.startswith("伺服电机与驱动器"))
        row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "嘉兴市")
        return row[column]

    visitor, admin = book("visitor"), book("admin")
    assert servo_in_jiaxing(visitor) == 0 and servo_in_jiaxing(admin) == 1
    text = "".join(str(c) for ws in visitor.worksheets for row in ws.iter_rows(values_only=True) for c in row)
    assert SECRET not in text and "杭州传动0科技有限公司" in text


def test_cli_prints_tables_and_json(robots_world):
    out = io.StringIO()
    call_command("chains", "gaps", region="340200", chain="industrial-robots", format="json", stdout=out)
    gaps = json.loads(out.getvalue())
    assert gaps[0]["segment"] == "reducers" and SECRET not in out.getvalue()
    out = io.StringIO()
    call_command("chains", "gaps", region="340200", chain="industrial-robots", stdout=out)
    assert "杭州市(2)" in out.getvalue()
    out = io.StringIO()
    call_command("chains", "matrix", chain="industrial-robots", stdout=out)
    assert "3*" in out.getvalue() and "芜湖市" in out.getvalue()
    out = io.StringIO()
    call_command("chains", "matrix", chain="industrial-robots", format="json", as_user="officer", stdout=out)
    servo = next(r for r in json.loads(out.getvalue()) if (r["region"], r["segment"]) == ("330400", "servo"))
    assert servo["orgs"] == 1


def test_editing_is_for_the_chains_secretariat_and_admins(robots_world):
    allowed = {"visitor": 403, "owner": 403, "member": 403, "outsider": 403, "secretariat": 200, "officer": 403,
               "admin": 200}
    expect_matrix(robots_world, "get", ROBOTS + "edit/", allowed)
    expect_matrix(robots_world, "get", ROBOTS + "review/", allowed)
    client = robots_world.client_for("secretariat")
    edges = "reducers -> industrial-robot-bodies 0.4\nservo -> industrial-robot-bodies"
    response = client.post(ROBOTS + "edit/", {"reducers-name_zh": "精密减速机", "reducers-name_en": "Reducers",
                                              "edges": edges, "note": "fewer edges"})
    assert response.status_code == 302
    version = ChainVersion.objects.filter(chain__slug="industrial-robots").first()
    assert (version.number, version.origin, version.note) == (2, "edit", "fewer edges")
    assert len(version.data["edges"]) == 2
    bad = client.post(ROBOTS + "edit/", {"edges": "reducers => nowhere"})
    assert bad.status_code == 422 and 'data-testid="edit-errors"' in bad.content.decode()
    assert ChainVersion.objects.filter(chain__slug="industrial-robots").count() == 2


def test_secretariat_confirms_an_inferred_tag_from_the_review_page(robots_world):
    tag = SegmentTag.objects.filter(segment__key="reducers").first()
    url = f"{ROBOTS}review/{tag.pk}/"
    assert robots_world.client_for("member").post(url, {"decision": "confirm"}).status_code == 403
    page = robots_world.client_for("secretariat").get(ROBOTS + "review/").content.decode()
    assert "杭州传动0科技有限公司" in page and SECRET not in page  # not an alliance member: not the secretariat's
    response = robots_world.client_for("secretariat").post(url, {"decision": "confirm"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'data-testid="tag-status"' in response.content.decode()
    tag.refresh_from_db()
    assert tag.status == "confirmed"


def test_secretariat_filters_the_review_and_decides_the_filtered_set_at_once(robots_world):
    from corridor.audit.models import ChangeRecord

    client = robots_world.client_for("secretariat")
    page = client.get(ROBOTS + "review/?segment=reducers").content.decode()
    assert "杭州传动0科技有限公司" in page and "芜湖臂力0机器人有限公司" not in page
    assert "精密减速器的研发与生产" in page  # the description the reviewer judges from
    assert 'data-testid="bulk-review"' in page
    assert 'data-testid="bulk-review"' not in client.get(ROBOTS + "review/").content.decode()  # never unfiltered
    odd = client.get(ROBOTS + "review/?confidence=huge").content.decode()
    assert "huge" in odd and "芜湖臂力0机器人有限公司" in odd  # a bad band is named and left out
    reducers = SegmentTag.objects.filter(segment__key="reducers", source="inferred", status="proposed")
    reducer_ids = set(reducers.values_list("pk", flat=True))
    others = set(SegmentTag.objects.filter(source="inferred", status="proposed").exclude(pk__in=reducer_ids)
                 .values_list("pk", flat=True))
    assert len(reducer_ids) >= 2 and others
    url = ROBOTS + "review/?segment=reducers"
    assert robots_world.client_for("member").post(url, {"decision": "confirm"}).status_code == 403
    assert client.post(url, {"decision": "maybe"}).status_code == 302
    assert set(reducers.values_list("pk", flat=True)) == reducer_ids  # an unknown decision changes nothing
    response = client.post(url, {"decision": "confirm"})
    assert response.status_code == 302 and response["Location"].endswith("?segment=reducers")
    assert set(SegmentTag.objects.filter(pk__in=reducer_ids).values_list("status", flat=True)) == {"confirmed"}
    assert SegmentTag.objects.filter(pk__in=others, status="proposed").count() == len(others)  # outside the filter
    history = ChangeRecord.objects.filter(object_id__in=[str(pk) for pk in reducer_ids], action="update")
    assert history.count() == len(reducer_ids) and {r.after.get("status") for r in history} == {"confirmed"}


def test_bulk_review_leaves_what_the_secretariat_may_not_review(robots_world):
    from corridor.chains import services

    secret = SegmentTag.objects.filter(organisation=robots_world.unlisted_org, source="inferred", status="proposed")
    assert secret.exists()
    everything = SegmentTag.objects.all()
    decided = services.review_tags(robots_world.users["secretariat"], everything, "reject")
    assert decided > 0 and secret.filter(status="proposed").count() == secret.count()
    waiting = secret.count()
    assert services.review_tags(robots_world.users["admin"], secret, "reject") == waiting
    assert not SegmentTag.objects.filter(organisation=robots_world.unlisted_org, source="inferred",
                                         status="proposed").exists()


def test_an_organisation_declares_its_segments_on_its_chain_page(robots_world):
    world = robots_world
    url = f"/chains/organisations/{world.owner_org.pk}/"
    servo = world.chains["industrial-robots"].segments.get(key="servo")
    expect_matrix(world, "get", f"/chains/organisations/{world.unlisted_org.pk}/", {
        "visitor": 404, "owner": 404, "member": 404, "outsider": 404, "secretariat": 404, "officer": 200, "admin": 200})
    assert 'data-testid="declare-form"' not in world.client_for("visitor").get(url).content.decode()
    assert world.client_for("outsider").post(url, {"segment": servo.pk, "role": "produces"}).status_code == 403
    assert world.client_for("owner").post(url, {"segment": servo.pk, "role": "sideways"}).status_code == 422
    assert world.client_for("owner").post(url, {"segment": servo.pk, "role": "produces"}).status_code == 302
    tag = SegmentTag.objects.get(organisation=world.owner_org, segment=servo)
    assert (tag.source, tag.status) == ("declared", "confirmed")
    page = world.client_for("visitor").get(url).content.decode()
    assert 'data-testid="org-tag"' in page and "伺服电机与驱动器" in page
    assert world.client_for("owner").post(url, {"withdraw": tag.pk}).status_code == 302
    assert not SegmentTag.objects.filter(pk=tag.pk).exists()


def test_lq_base_follows_a_listing_change_despite_the_cached_totals(robots_world):
    def wuhu_lq():
        rows = robots_world.client_for("visitor").get("/api/chains/industrial-robots/matrix").json()
        return next(r for r in rows if (r["region"], r["segment"]) == ("340200", "industrial-robot-bodies"))["lq"]

    assert wuhu_lq() == pytest.approx((3 / 4) / (3 / 8))
    from corridor.orgs.services import update_organisation

    update_organisation(robots_world.users["admin"], robots_world.member_org, {"listed": False})
    assert wuhu_lq() == pytest.approx((3 / 3) / (3 / 7), abs=1e-3)


def test_api_lists_an_organisations_tags_as_it_may_be_seen(robots_world):
    world = robots_world
    url = f"/api/chains/organisations/{world.unlisted_org.pk}/tags"
    assert world.client_for("visitor").get(url).status_code == 404
    tags = world.client_for("officer").get(url).json()
    # "嘉兴隐名材料 / Quiet Materials, 生产伺服电机和伺服驱动器": the generic word 材料 alone tags nothing.
    [tag] = tags
    confidence = tag.pop("confidence")
    assert tag == {"chain": "industrial-robots", "segment": "servo", "segment_name": "伺服电机与驱动器",
                   "role": "produces", "source": "inferred", "status": "proposed"}
    assert inference.MIN_CONFIDENCE <= confidence <= 1


@pytest.mark.parametrize("url, name", [
    ("/api/chains/industrial-robots/matrix?city=jiaxing", "city"),
    ("/api/chains/industrial-robots/lq?city=3304", "city"),
    ("/api/chains/industrial-robots/gaps?region=wuhu", "region"),
])
def test_a_bad_region_code_on_the_api_is_a_422_naming_the_parameter(robots_world, url, name):
    response = robots_world.client_for("visitor").get(url)
    assert response.status_code == 422 and name in response.content.decode()


def test_a_well_formed_code_of_no_region_is_still_a_404(robots_world):
    visitor = robots_world.client_for("visitor")
    assert visitor.get("/api/chains/industrial-robots/matrix?city=999999").status_code == 404
    assert visitor.get("/api/chains/industrial-robots/gaps?region=%20340200%20").status_code == 200  # spaces trimmed


def test_segment_organisations_page_a_bad_city_is_a_message_and_pages_follow_the_one_rule(robots_world):
    visitor = robots_world.client_for("visitor")
    page = visitor.get(ROBOTS + "segments/servo/", {"city": "jiaxing", "lang": "en"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "city" in text and "jiaxing" in text  # the message names the parameter and the value
    fragment = visitor.get(ROBOTS + "segments/servo/", headers={"HX-Request": "true"})
    assert "HX-Request" in fragment["Vary"] and "<html" not in fragment.content.decode()
