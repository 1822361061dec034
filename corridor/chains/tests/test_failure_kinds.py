"""Failure kinds found on real listed companies (issue 13), each as a case: made-up organisations, the rule
they test, and a control that the rule does not swallow the chain's real members."""

import pytest

from corridor.chains import inference as inf
from corridor.chains import tagging


@pytest.fixture(scope="module")
def matcher() -> inf.Matcher:
    return tagging.shipped_matcher()


def _produced(matcher: inf.Matcher, name: str, products: str) -> set[str]:
    return {t.chain for t in matcher.infer(inf.OrgText(name, "", products)) if t.role == inf.PRODUCES}


# -- a service done on the chain's goods: the chain is the customer ----------------------------------


def test_goods_before_a_service_word_are_what_is_carried_packed_or_leased():
    by_role = {(p.text, p.role) for p in inf.spans("轿车运输服务、疫苗冷链物流、药品包装印刷、电动汽车租赁、电池、包装")}
    assert {("轿车", "customer"), ("疫苗冷链", "customer"), ("药品", "customer"), ("电动汽车", "customer")} <= by_role
    assert ("电池", "produces") in by_role and ("包装", "produces") in by_role  # nothing before the service word


def test_only_the_goods_right_before_a_service_word_are_the_customers(matcher):
    # In prose the products named earlier in the sentence stay products.
    by_role = {(p.text.strip(), p.role) for p in inf.spans("公司生产动力电池及电池运输服务")}
    assert ("电池", "customer") in by_role and ("公司生产动力电池及 运输服务", "produces") in by_role
    found = _produced(matcher, "Lanshan Energy Co., Ltd.",
                      "It makes lithium-ion batteries and battery packs and offers battery transport services.")
    assert "new-energy-vehicles" in found


def test_a_carrier_of_cars_is_not_a_car_maker(matcher):
    assert "new-energy-vehicles" not in _produced(
        matcher, "星河物流股份有限公司", "轿车运输业务、客车运输业务、汽车零部件仓储服务、国际货运代理")
    # Control: the same vehicles as products.
    assert "new-energy-vehicles" in _produced(matcher, "星河汽车股份有限公司", "轿车、电动汽车、客车")


def test_a_printer_of_drug_boxes_is_not_in_biomedicine(matcher):
    assert "biomedicine" not in _produced(matcher, "云帆印务股份有限公司", "烟标、药品包装盒、注射液包装印刷、商标印刷")
    assert "biomedicine" in _produced(matcher, "云帆制药股份有限公司", "注射液、片剂、胶囊剂")


def test_a_chain_word_that_contains_a_service_word_stays_the_chains(matcher):
    # Pharmaceutical logistics is the distribution segment, chip packaging an IC segment: the template wins.
    found = {(t.chain, t.segment) for t in matcher.infer(inf.OrgText("衡川医药股份有限公司", "", "医药物流配送服务、医药物流中心"))}
    assert ("biomedicine", "distribution") in found
    assert "integrated-circuits" in _produced(matcher, "Hengchuan Semiconductor",
                                              "advanced packaging, chip packaging and testing services")


# -- an industry named in a segment report is not a product ------------------------------------------


def test_an_item_naming_an_industry_is_a_line_of_business():
    flags = {p.text: p.line_of_business for p in inf.spans("药业、医疗健康业、汽车制造业分部、原料药分部、注射液")}
    assert flags["药业"] and flags["医疗健康业"] and flags["汽车制造业分部"]
    # A division named by its product is a product line.
    assert not flags["原料药分部"] and not flags["注射液"]


def test_a_mining_group_with_a_pharma_line_of_business_is_not_a_drug_maker(matcher):
    assert "biomedicine" not in _produced(matcher, "青峰矿业股份有限公司", "铜矿、矿产贸易、药业、房屋出租、工程承包")
    # Control: the same group naming drugs it makes.
    assert "biomedicine" in _produced(matcher, "青峰矿业股份有限公司", "化学原料药、片剂、注射液、铜矿")


# -- real estate leading the products: another trade --------------------------------------------------


def test_real_estate_first_is_evidence_against_every_chain(matcher):
    assert "new-energy-vehicles" not in _produced(
        matcher, "远川控股股份有限公司", "房地产业、电线电缆、房地产销售、动力电池组、电解液")
    assert "new-energy-vehicles" in _produced(matcher, "远川电源股份有限公司", "动力电池组、电池管理系统、电线电缆")


# -- product words of a segment: electrolyte solvents ----------------------------------------------


def test_electrolyte_solvents_are_battery_materials(matcher):
    found = {(t.chain, t.segment) for t in matcher.infer(inf.OrgText(
        "海岱化工股份有限公司", "", "碳酸甲乙酯、碳酸二乙酯、碳酸乙烯酯、丙二醇、燃料油"))}
    assert ("new-energy-vehicles", "battery-materials") in found


# -- a word two chains claim is read from the organisation's other words -------------------------


def test_a_shared_word_goes_to_the_chain_the_other_products_name(matcher):
    # "前驱体" next to cathode material: a battery-material maker, not a new-materials precursor maker.
    chains = _produced(matcher, "宁川新能源股份有限公司", "三元正极材料、前驱体")
    assert "new-energy-vehicles" in chains and "new-materials" not in chains
    # Alone with rare-earth words, the same word is a new-materials precursor.
    assert "new-materials" in _produced(matcher, "宁川新材料股份有限公司", "前驱体、稀土材料、高纯金属")


def test_a_keyword_of_both_chains_names_both(matcher):
    # Electronic chemicals are a segment of both templates: no chain takes them from the other.
    chains = _produced(matcher, "江澄电子材料股份有限公司", "湿电子化学品、光刻胶配套试剂、电子特气")
    assert {"integrated-circuits", "new-materials"} <= chains


def test_finance_first_is_evidence_against_every_chain(matcher):
    assert "new-energy-vehicles" not in _produced(matcher, "嘉岭控股股份有限公司", "金融服务、融资担保、客车销售、电池材料、铜精矿")
    assert "new-energy-vehicles" in _produced(matcher, "嘉岭控股股份有限公司", "客车销售、电池材料、铜精矿")
