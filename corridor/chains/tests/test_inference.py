"""Tag inference: spans (what an organisation makes, uses, or sells to whom), roles, word tiers."""

import pytest

from corridor.chains import inference as inf
from corridor.chains import tagging


@pytest.fixture(scope="module")
def matcher() -> inf.Matcher:
    return tagging.shipped_matcher()


def _found(matcher: inf.Matcher, **text: str) -> dict[tuple[str, str, str], float]:
    return {(t.chain, t.segment, t.role): t.confidence for t in matcher.infer(inf.OrgText(**text))}


def _chains(matcher: inf.Matcher, role: str = inf.PRODUCES, **text: str) -> set[str]:
    return {chain for chain, _, r in _found(matcher, **text) if r == role}


def test_spans_label_customer_use_and_production_parts():
    parts = inf.spans("公司生产精密减速器，产品主要应用于汽车焊装、家电、3C电子；采购伺服电机、控制器，用于汽车的减速机。")
    by_role = {(p.text, p.role) for p in parts}
    assert any("精密减速器" in text and role == "produces" for text, role in by_role)
    # "主要应用于" opens a list: the following items are customers too.
    assert {("汽车焊装", "customer"), ("家电", "customer"), ("3c电子", "customer")} <= by_role
    assert {("伺服电机", "uses"), ("控制器", "uses")} <= by_role
    # "的" closes a customer span: what follows is the organisation's product again.
    assert ("减速机", "produces") in by_role


def test_a_marker_inside_a_product_name_does_not_carry_over_a_product_list():
    parts = inf.spans("授权使用费、注射液、胶囊剂")
    assert ("注射液", "produces") in {(p.text, p.role) for p in parts}


def test_chinese_description_names_products_not_customers(matcher):
    found = _found(matcher, name_zh="苏州恒拓精工有限公司",
                   description_zh="恒拓精工成立于2010年，专注于精密减速器和伺服电机的研发、生产与销售，产品主要应用于汽车焊装。")
    assert ("industrial-robots", "reducers", "produces") in found
    assert ("industrial-robots", "servo", "produces") in found
    assert not any(seg == "automotive" for _, seg, _ in found)  # "应用于汽车焊装" names a customer
    assert _chains(matcher, name_zh="苏州恒拓精工有限公司", description_zh="产品主要应用于汽车焊装。") == set()


def test_english_description_and_plurals(matcher):
    found = _found(matcher, name_en="Hengtuo Precision Co., Ltd.",
                   description_en="It develops, makes and sells harmonic drives and servo motors, mainly for automotive welding.")
    assert {(s, r) for c, s, r in found if c == "industrial-robots"} == {("reducers", "produces"), ("servo", "produces")}


def test_what_an_organisation_buys_is_a_use(matcher):
    found = _found(matcher, name_zh="海尔洗衣机互联工厂", description_zh="工厂采购工业机器人和AGV，生产智能洗衣机。",
                   description_en="The factory uses industrial robots and AGVs to make washing machines.")
    assert ("industrial-robots", "industrial-robot-bodies", "uses") in found
    assert ("industrial-robots", "mobile-robots", "uses") in found
    assert not any(r == inf.PRODUCES for c, _, r in found if c == "industrial-robots")
    # Washing machines are where robots are used: the factory is the chain's customer.
    assert ("industrial-robots", "home-appliances", "uses") in found


def test_customers_of_a_chain_are_not_in_it(matcher):
    # An appliance maker and a car maker sit on the robot chain's application segments: role uses.
    appliances = _found(matcher, name_zh="广东美的制冷设备有限公司", description_zh="空调、冰箱、洗衣机、厨电、小家电")
    assert ("industrial-robots", "home-appliances", "uses") in appliances
    assert "industrial-robots" not in _chains(matcher, name_zh="广东美的制冷设备有限公司",
                                             description_zh="空调、冰箱、洗衣机、厨电、小家电")
    cars = dict(name_zh="长城汽车股份有限公司", description_zh="汽车整车、乘用车、汽车零部件、售后服务")
    assert "industrial-robots" not in _chains(matcher, **cars)
    assert "new-energy-vehicles" in _chains(matcher, **cars)  # a car maker is in the vehicle chain itself
    # New materials used in aircraft make an aircraft maker a customer of new materials, not a producer.
    assert "new-materials" not in _chains(matcher, name_zh="某飞机制造有限公司", description_zh="航空航天、飞机结构件")


def test_producing_versus_using_the_same_words(matcher):
    maker = _chains(matcher, name_zh="某某科技有限公司", description_zh="研发、生产伺服电机和谐波减速器")
    user = _chains(matcher, role=inf.USES, name_zh="某某科技有限公司", description_zh="采购伺服电机和谐波减速器用于产线改造")
    assert "industrial-robots" in maker
    assert "industrial-robots" in user
    assert "industrial-robots" not in _chains(matcher, name_zh="某某科技有限公司",
                                              description_zh="采购伺服电机和谐波减速器用于产线改造")


def test_unrelated_companies_get_no_chain(matcher):
    bank = dict(name_zh="上海某某农村商业银行股份有限公司",
                description_zh="存款、贷款、银行卡业务、结算与清算手续费、代理业务手续费、融资租赁、医疗保险代理")
    airport = dict(name_zh="某某国际机场股份有限公司",
                   description_zh="航空服务、地勤服务、机场专用设备、航空器维修、广告业务、汽车和机电设备维修、贵宾服务")
    retailer = dict(name_zh="某某百货股份有限公司",
                    description_zh="百货、超市、家电销售、化妆品、黄金珠宝、服装、医药零售柜台出租、物业出租")
    appliance = dict(name_zh="某某电器股份有限公司", description_zh="空调、冰箱、洗衣机、智能家居，生产线采用工业机器人")
    for org in (bank, airport, retailer):
        assert _chains(matcher, **org) == set(), org["name_zh"]
    assert "industrial-robots" not in _chains(matcher, **appliance)


def test_keyword_ambiguity_is_resolved_by_exclusions(matcher):
    assert "biomedicine" not in _chains(matcher, name_zh="某某生物质能源有限公司", description_zh="生物质发电、生物质燃料")
    assert "integrated-circuits" not in _chains(matcher, name_zh="某某滤芯有限公司", description_zh="滤芯、净水器")
    assert "new-energy-vehicles" not in _chains(matcher, name_zh="某某汽车运输股份有限公司", description_zh="汽车客运、汽车租赁")
    assert "biomedicine" in _chains(matcher, name_zh="某某生物制药股份有限公司", description_zh="注射液、原料药")


def test_generic_words_alone_are_weak_and_counter_words_weigh_against(matcher):
    # "新材料" in a name is a fashion, not a product: alone it is not enough, and coke says otherwise.
    assert "new-materials" not in _chains(matcher, name_zh="某某新材料股份有限公司", description_zh="焦炭、甲醇、沫煤")
    assert "new-materials" in _chains(matcher, name_zh="某某新材料股份有限公司", description_zh="钕铁硼永磁材料、磁性材料")


def test_ascii_keywords_match_whole_words_only(matcher):
    assert ("industrial-robots", "mobile-robots", "produces") not in _found(matcher, description_zh="研发AGVX平台。")
    assert ("industrial-robots", "mobile-robots", "produces") in _found(matcher, description_zh="研发AGV小车。")
    assert ("industrial-robots", "mobile-robots", "produces") in _found(matcher, description_zh="研发ＡＧＶ小车。")


def test_confidence_grows_with_evidence_and_threshold_applies(matcher):
    one = _found(matcher, description_zh="伺服电机")[("industrial-robots", "servo", "produces")]
    more = _found(matcher, name_zh="某某伺服科技有限公司", description_zh="伺服电机、伺服驱动器、伺服系统")
    assert inf.MIN_CONFIDENCE <= one < more[("industrial-robots", "servo", "produces")] <= 1.0
    assert matcher.infer(inf.OrgText(description_zh="伺服电机"), min_confidence=0.99) == []
    assert _found(matcher, name_zh="嘉兴外联科技有限公司", description_en="A trading company.") == {}


def test_customers_named_with_wei_tigong_and_english_for(matcher):
    parts = {(p.text, p.role) for p in inf.spans("为整车厂提供焊装生产线")}
    assert ("整车厂", "customer") in parts and any("焊装生产线" in t and r == "produces" for t, r in parts)
    assert "new-energy-vehicles" not in _chains(matcher, name_zh="某某装备有限公司",
                                                description_zh="为整车厂提供焊装生产线和机器人工作站")
    batteries = _found(matcher, name_en="Some Energy Co., Ltd.",
                       description_en="Makes power batteries for electric vehicles and buses.")
    assert ("new-energy-vehicles", "power-batteries", "produces") in batteries  # "batteries" is "battery"
    assert ("new-energy-vehicles", "vehicles", "produces") not in batteries  # vehicles are its customers
