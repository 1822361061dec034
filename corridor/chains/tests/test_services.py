"""Templates load idempotently and are versioned; tags follow descriptions and reviews; counts follow tags."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.chains import services, spec
from corridor.chains.models import Chain, ChainVersion, SegmentCount, SegmentTag
from corridor.chains.testing import firm, load_chains, segment
from corridor.orgs.services import update_organisation


def _counts():
    return {
        (c.segment.key, c.city.code, c.listed): (c.orgs, c.heads)
        for c in SegmentCount.objects.select_related("segment", "city") if c.orgs or c.heads
    }


def test_templates_load_once_and_a_newer_file_makes_a_new_version(db):
    assert set(services.load_templates().values()) == {"created"}
    assert set(services.load_templates().values()) == {"unchanged"}
    assert ChainVersion.objects.count() == 6
    robots = Chain.objects.get(slug="industrial-robots")
    assert robots.segments.get(key="reducers").parent.key == "core-components"
    assert robots.edges.get(source__key="reducers", target__key="industrial-robot-bodies").share == Decimal("0.350")

    template = spec.load_file(spec.DATA_DIR / "industrial-robots.yaml")
    data = template.as_data()
    data["version"] = template.version + 1
    data["segments"][1]["name_en"] = "Precision reducers (RV and harmonic)"
    assert services.load_templates([spec.parse(data)]) == {"industrial-robots": "updated"}
    robots.refresh_from_db()
    assert robots.version == 2 and robots.file_version == template.version + 1
    assert robots.segments.get(key="reducers").name_en == "Precision reducers (RV and harmonic)"


def test_an_edit_is_a_new_version_and_a_newer_file_keeps_it(world):
    chains = load_chains()
    robots = chains["industrial-robots"]
    services.edit_chain(world.users["secretariat"], robots, {
        "segments": {"reducers": {"name_zh": "精密减速机", "keywords_zh": "减速机，谐波减速器"}},
    }, note="renamed")
    robots.refresh_from_db()
    reducers = robots.segments.get(key="reducers")
    assert robots.version == 2 and reducers.name_zh == "精密减速机"
    assert reducers.keywords_zh == ["减速机", "谐波减速器"]
    latest = robots.versions.first()
    assert latest.origin == "edit" and latest.created_by == world.users["secretariat"]
    assert robots.versions.get(number=1).data["segments"][1]["name_zh"] == "精密减速器"  # the old version is kept

    data = spec.load_file(spec.DATA_DIR / "industrial-robots.yaml").as_data()
    data["version"] = 5
    assert services.load_templates([spec.parse(data)]) == {"industrial-robots": "kept edits"}
    assert robots.segments.get(key="reducers").name_zh == "精密减速机"


def test_edits_are_for_the_chains_secretariat_and_admins_and_bad_edges_change_nothing(world):
    chains = load_chains()
    robots, chips = chains["industrial-robots"], chains["integrated-circuits"]
    with pytest.raises(PermissionDenied):
        services.edit_chain(world.users["owner"], robots, {"segments": {"reducers": {"name_zh": "x"}}})
    with pytest.raises(PermissionDenied):  # the robot alliance's secretariat does not curate chips
        services.edit_chain(world.users["secretariat"], chips, {"segments": {"eda-ip": {"name_zh": "x"}}})
    with pytest.raises(ValidationError) as caught:
        services.edit_chain(world.users["admin"], robots, {"edges": [{"from": "reducers", "to": "nowhere"}]})
    assert "edges" in caught.value.message_dict and "nowhere" in caught.value.message_dict["edges"][0]
    robots.refresh_from_db()
    assert robots.version == 1 and robots.edges.count() == 26
    edges = [{"from": "reducers", "to": "industrial-robot-bodies", "share": 0.4}]
    services.edit_chain(world.users["admin"], robots, {"edges": edges})
    assert robots.edges.count() == 1


def test_a_new_organisation_is_tagged_from_its_text_and_retagged_when_it_changes(world):
    load_chains()
    org = firm("嘉兴恒拓精工有限公司", "330402", "专注于精密减速器的研发与生产，产品主要应用于汽车焊装。")
    tag = SegmentTag.objects.get(organisation=org)
    assert (tag.segment.key, tag.role, tag.source, tag.status) == ("reducers", "produces", "inferred", "proposed")
    assert tag.evidence == ["减速器"]  # the keyword; "应用于汽车焊装" names a customer and is no evidence
    assert _counts() == {("reducers", "330400", True): (1, 0)}

    update_organisation(world.users["admin"], org, {"description_zh": "生产伺服电机和伺服驱动器。"})
    assert list(SegmentTag.objects.filter(organisation=org).values_list("segment__key", flat=True)) == ["servo"]
    assert _counts() == {("servo", "330400", True): (1, 0)}


def test_confirmed_and_rejected_tags_survive_reinference_and_rejection_uncounts(world):
    load_chains()
    org = firm("嘉兴睿视科技有限公司", "330402", "提供机器视觉系统和AGV。")
    vision = SegmentTag.objects.get(organisation=org, segment__key="sensors-vision")
    agv = SegmentTag.objects.get(organisation=org, segment__key="mobile-robots")
    with pytest.raises(PermissionDenied):
        services.review_tag(world.users["member"], vision, "confirm")
    services.review_tag(world.users["secretariat"], vision, "confirm")
    services.review_tag(world.users["secretariat"], agv, "reject")
    assert _counts() == {("sensors-vision", "330400", True): (1, 0)}
    with pytest.raises(ValidationError):
        services.review_tag(world.users["secretariat"], agv, "maybe")

    update_organisation(world.users["admin"], org, {"description_zh": "提供协作机器人。"})
    statuses = dict(SegmentTag.objects.filter(organisation=org).values_list("segment__key", "status"))
    assert statuses == {"sensors-vision": "confirmed", "mobile-robots": "rejected", "collaborative-robots": "proposed"}


def test_counts_follow_the_organisation_across_cities_listing_and_head_flag(world):
    load_chains()
    org = firm("嘉兴恒拓精工有限公司", "330402", "生产精密减速器。")
    update_organisation(world.users["admin"], org, {"region": "340202", "listed": False, "is_head_enterprise": True})
    assert _counts() == {("reducers", "340200", False): (1, 1)}
    org.delete()
    assert _counts() == {}


def test_declared_tags_belong_to_the_organisation_and_rebuild_matches_the_running_counts(world):
    load_chains()
    reducers = segment("industrial-robots", "reducers")
    with pytest.raises(PermissionDenied):
        services.declare_tag(world.users["member"], world.owner_org, reducers)
    tag = services.declare_tag(world.users["owner"], world.owner_org, reducers)
    assert (tag.source, tag.status) == ("declared", "confirmed")
    with pytest.raises(ValidationError):
        services.review_tag(world.users["admin"], tag, "reject")
    services.declare_tag(world.users["owner"], world.owner_org, segment("industrial-robots", "servo"), "uses")
    firm("芜湖某某自动化有限公司", "340202", "提供机器人系统集成和智能产线。", is_head_enterprise=True)
    running = _counts()
    assert running == {("reducers", "330100", True): (1, 0), ("system-integration", "340200", True): (1, 1)}
    services.rebuild_counts()
    assert _counts() == running
    services.withdraw_tag(world.users["owner"], tag)
    assert ("reducers", "330100", True) not in _counts()


def test_the_platform_tags_with_the_file_taggers_words_roles_and_exclusions(world):
    """One implementation: the database's matcher gives what `corridor chains tag` gives."""
    from corridor.chains import inference, tagging

    load_chains()
    robots = Chain.objects.get(slug="industrial-robots")
    assert robots.segments.get(key="home-appliances").role == "uses"
    assert "生物质" in Chain.objects.get(slug="biomedicine").exclude_zh
    texts = [
        inference.OrgText("某某电器股份有限公司", "", "空调、冰箱、洗衣机，生产线采用工业机器人"),
        inference.OrgText("某某生物质能源有限公司", "", "生物质发电、生物质燃料"),
        inference.OrgText("某某生物制药股份有限公司", "", "注射液、原料药"),
    ]
    shipped = tagging.shipped_matcher()
    for text in texts:
        assert services.matcher().infer(text) == shipped.infer(text)
    appliance = firm("某某电器股份有限公司", "330402", "空调、冰箱、洗衣机，生产线采用工业机器人")
    roles = set(SegmentTag.objects.filter(organisation=appliance).values_list("segment__chain__slug", "role"))
    assert ("industrial-robots", "uses") in roles and ("industrial-robots", "produces") not in roles
    assert _counts() == {}  # a customer is not counted on the chain's map
