"""Organisation search: each kind of query finds its organisation, the index follows changes, typos get a
suggestion, counts stop at the cap, and an unlisted organisation never reaches a visitor."""

import pytest

from corridor.imports.merging import merge_organisations
from corridor.orgs.models import Organisation
from corridor.orgs.services import create_organisation, update_organisation
from corridor.search import paging
from corridor.search.orgs import autocomplete_organisations, search_organisations
from corridor.search.text import document_tokens, parse, stem


def found(q, user=None):
    return [o.pk for o in search_organisations(Organisation.objects.visible_to(user), q).queryset]


@pytest.fixture
def ruiling(world):
    return create_organisation(None, {
        "name_zh": "浙江瑞岭機器人科技有限公司", "name_en": "Zhejiang Ruiling Robotics Co., Ltd.", "short_name": "瑞岭",
        "aliases": ["Ruiling"], "region": "330108",
        "description_zh": "生产巡检机器人和减速器", "description_en": "Inspection robots and precision reducers.",
    })


@pytest.mark.parametrize("q", [
    "浙江瑞岭机器人科技有限公司",  # exact, simplified for a traditional name
    "瑞岭",  # short name
    "ruiling",  # English / pinyin
    "RUILING robotics",  # case
    "ruilingjiqiren",  # joined pinyin
    "ruiling jiqiren",  # pinyin words
    "rljqr",  # initials
    "減速器",  # description, traditional
    "precision reducer",  # description, English, plural folded
    "Robotic",
])
def test_each_kind_of_query_finds_the_organisation(ruiling, q):
    assert ruiling.pk in found(q)


def test_segment_and_industry_names_find_their_organisations(world):
    # world's owner and member organisations are in the "robots" industry; the query is its name.
    industry = world.owner_org.industries.get()
    assert world.owner_org.pk in found(industry.name_zh)
    assert world.member_org.pk in found(industry.name_en)


def test_exact_name_ranks_before_prefix_before_other_fields(ruiling):
    described = create_organisation(None, {"name_zh": "杭州某某科技有限公司", "description_zh": "与瑞岭合作"})
    prefixed = create_organisation(None, {"name_zh": "瑞岭精密有限公司"})
    exact = create_organisation(None, {"name_zh": "瑞岭"})
    order = [pk for pk in found("瑞岭") if pk in {ruiling.pk, described.pk, prefixed.pk, exact.pk}]
    assert set(order[:2]) == {exact.pk, ruiling.pk}  # a name, and a short name, equal to the query
    assert order[2:] == [prefixed.pk, described.pk]


def test_one_wrong_chinese_character_is_suggested(ruiling):
    result = search_organisations(Organisation.objects.visible_to(None), "瑞领机器人")
    assert result.corrected and result.suggestion == "瑞岭机器人"
    assert ruiling.pk in [o.pk for o in result.queryset]


@pytest.mark.parametrize(("typo", "fixed"), [("Ruilign", "ruiling"), ("Robtics", "robotic"), ("ruilingjiqren", None)])
def test_one_or_two_wrong_letters_are_suggested(ruiling, typo, fixed):
    result = search_organisations(Organisation.objects.visible_to(None), typo)
    assert result.corrected
    if fixed:
        assert result.suggestion == fixed
    assert ruiling.pk in [o.pk for o in result.queryset]


def test_exact_matches_get_no_suggestion(ruiling):
    result = search_organisations(Organisation.objects.visible_to(None), "瑞岭")
    assert not result.corrected and result.suggestion is None


def test_nonsense_gets_nothing_and_no_suggestion(ruiling):
    result = search_organisations(Organisation.objects.visible_to(None), "xqzwv 骉骉骉")
    assert result.suggestion is None and not result.queryset.exists()


def test_index_follows_edits_and_deletes(world, ruiling):
    update_organisation(world.users["admin"], ruiling, {"description_zh": "专注洗衣机电机", "name_en": "Acme Motors"})
    assert ruiling.pk in found("洗衣机")
    assert ruiling.pk not in found("减速器")
    assert ruiling.pk in found("acme motor")
    ruiling.delete()
    assert ruiling.pk not in found("洗衣机")


def test_index_follows_merges(world, ruiling):
    other = create_organisation(None, {"name_zh": "瑞岭旧名称有限公司", "description_zh": "老厂区生产伺服电机"})
    merge_organisations(world.users["admin"], ruiling, other)
    assert found("瑞岭旧名称") == [ruiling.pk]  # the removed name became an alias of the kept one
    assert other.pk not in found("伺服电机")


def test_index_follows_imports(world, tmp_path):
    from corridor.imports.services import import_organisations

    path = tmp_path / "orgs.csv"
    path.write_text("企业名称,英文名称,简介\n杭州导入测试减速机有限公司,Hangzhou Gearbox Imports,专做谐波减速机\n",
                    encoding="utf-8")
    import_organisations(None, path)
    org = Organisation.objects.get(name_zh="杭州导入测试减速机有限公司")
    assert found("谐波减速机") == [org.pk]
    assert org.pk in found("gearboxes")
    import_organisations(None, path.parent / path.name)  # the same file again updates nothing
    path.write_text("企业名称,英文名称,简介\n杭州导入测试减速机有限公司,Hangzhou Gearbox Imports,改做伺服电机\n",
                    encoding="utf-8")
    import_organisations(None, path)
    assert found("伺服电机") == [org.pk] and found("谐波减速机") == []


def test_unlisted_never_reaches_a_visitor(world, client):
    quiet = world.unlisted_org
    for q in ("嘉兴隐名材料有限公司", "隐名", "quiet materials", "jiaxing quiet", "隐明材料"):
        assert quiet.pk not in found(q)
        assert quiet.pk not in [o.pk for o in autocomplete_organisations(Organisation.objects.visible_to(None), q)]
        page = client.get("/organisations/", {"q": q}, HTTP_HX_REQUEST="true").content.decode()  # results only
        assert "隐名" not in page
        api = client.get("/api/organisations", {"q": q}).json()
        assert all(item["id"] != quiet.pk for item in api["items"])
        assert not (api["suggestion"] or "").startswith("隐名")
        assert "隐名" not in client.get("/api/organisations/autocomplete", {"q": q}).content.decode()
        assert "隐名" not in client.get("/organisations/autocomplete/", {"q": q}).content.decode()
    assert quiet.pk in found("隐名", world.users["admin"])


def test_page_and_api_say_did_you_mean(ruiling, client):
    page = client.get("/organisations/", {"q": "瑞领机器人"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Showing results for “瑞岭机器人”" in page.content.decode()
    body = client.get("/api/organisations", {"q": "瑞领机器人"}).json()
    assert body["suggestion"] == "瑞岭机器人" and ruiling.pk in [i["id"] for i in body["items"]]


def test_counts_stop_at_the_cap_and_pages_go_on(world, ruiling, client, monkeypatch):
    monkeypatch.setattr(paging, "CAP", 2)
    monkeypatch.setattr(paging.CappedPaginator, "cap", 2)
    # Filtered (an unfiltered list shows its kept total: test_list_totals).
    body = client.get("/api/organisations", {"limit": 1, "synthetic": "false"}).json()
    assert body["count_capped"] is True and body["count"] == 2
    page = client.get("/organisations/", {"per_page": 10, "page": 1, "synthetic": "false"},
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "More than 2 organisations" in page


def test_autocomplete_lists_names_as_typed(ruiling, client):
    options = client.get("/organisations/autocomplete/", {"org": "瑞岭"}).content.decode()
    assert f'value="{ruiling.pk}"' in options
    items = client.get("/api/organisations/autocomplete", {"q": "ruil"}).json()
    assert items[0]["id"] == ruiling.pk


def test_plain_rules():
    assert stem("robots") == stem("robot") == "robot"
    assert stem("industries") == "industry" and stem("glass") == "glass"
    assert [t.exact_keys for t in parse("機器人")] == [["机器", "器人"]]
    tokens = document_tokens(["国自机器人"], ["Robots"]).split()
    assert {"国自", "机器", "robot", "guozijiqiren", "jiqiren", "gzjqr"} <= set(tokens)


@pytest.mark.parametrize("url", ["/organisations/", "/api/organisations"])
def test_a_search_matches_and_ranks_once_per_request(ruiling, client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"q": "瑞岭", "per_page": 10, "limit": 10})
    assert response.status_code == 200 and str(ruiling.pk) in response.content.decode()
    matching = [q["sql"] for q in ctx.captured_queries if "orgs_organisation_fts" in q["sql"]
                or "array_to_tsvector" in q["sql"]]
    assert len(matching) == 1  # the ranked keys; count, "anything matched" and the page come from them


def test_pages_of_a_search_follow_the_ranking(ruiling, client):
    other = create_organisation(None, {"name_zh": "杭州瑞岭新材料有限公司", "region": "330108"})
    first = client.get("/api/organisations", {"q": "瑞岭", "limit": 1, "offset": 0}).json()
    second = client.get("/api/organisations", {"q": "瑞岭", "limit": 1, "offset": 1}).json()
    assert first["count"] == second["count"] >= 2
    assert {first["items"][0]["id"], second["items"][0]["id"]} <= {ruiling.pk, other.pk}
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_segment_names_and_keywords_find_tagged_organisations(world):
    from corridor.chains.models import SegmentTag
    from corridor.chains.services import declare_tag
    from corridor.chains.testing import load_chains, segment

    load_chains()
    # Nothing in its names or description says "reducer": only its tag does.
    maker = create_organisation(None, {"name_zh": "杭州某某传动有限公司", "region": "330108"})
    servo = create_organisation(None, {"name_zh": "嘉兴某某电气有限公司", "region": "330108"})
    declare_tag(world.users["admin"], maker, segment("industrial-robots", "reducers"))
    declare_tag(world.users["admin"], servo, segment("industrial-robots", "servo"))
    for q in ("精密减速器", "减速器", "減速器", "减速机", "Precision reducers", "reducer", "gearboxes", "谐波传动"):
        assert maker.pk in found(q), q
        assert servo.pk not in found(q), q
    for q in ("伺服电机", "servo motors", "伺服"):
        assert servo.pk in found(q) and maker.pk not in found(q), q
    # A segment above them names both; a word inside another word names nothing.
    assert {maker.pk, servo.pk} <= set(found("核心零部件")) and {maker.pk, servo.pk} <= set(found("core components"))
    assert maker.pk not in found("educe")
    # Ranked after organisations whose names, then descriptions, hold the query; a tag in the segment named
    # before a tag in one under it (核心零部件 names the parent only).
    named = create_organisation(None, {"name_zh": "苏州某某减速器有限公司", "region": "330108"})
    described = create_organisation(None, {"name_zh": "无锡某某机械有限公司", "region": "330108",
                                           "description_zh": "专做减速器和核心零部件"})
    order = found("减速器")
    assert order.index(named.pk) < order.index(described.pk) < order.index(maker.pk)
    parent = create_organisation(None, {"name_zh": "合肥某某科技有限公司", "region": "330108"})
    declare_tag(world.users["admin"], parent, segment("industrial-robots", "core-components"))
    order = found("核心零部件")
    assert order.index(described.pk) < order.index(parent.pk) < min(order.index(maker.pk), order.index(servo.pk))
    # A rejected tag no longer finds it; the next search sees it (nothing to re-index).
    SegmentTag.objects.filter(organisation=maker).update(status=SegmentTag.Status.REJECTED)
    assert maker.pk not in found("减速器")


def test_the_token_look_up_runs_once_when_segments_match_too(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from corridor.chains.services import declare_tag
    from corridor.chains.testing import load_chains, segment

    load_chains()
    maker = create_organisation(None, {"name_zh": "杭州某某传动有限公司", "region": "330108"})
    named = create_organisation(None, {"name_zh": "苏州某某减速器有限公司", "region": "330108"})
    declare_tag(world.users["admin"], maker, segment("industrial-robots", "reducers"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/organisations/", {"q": "减速器"})
    page = response.content.decode()
    assert str(maker.pk) in page and str(named.pk) in page
    # It ranks (name before tag) without a second look-up inside the ranking.
    look_ups = sum(q["sql"].count("orgs_organisation_fts MATCH") + q["sql"].count(" @@ ") for q in ctx.captured_queries)
    assert look_ups == 1
