"""Failure kinds of issue 13 found in its third round, on invented names built like real ones."""

from __future__ import annotations

import pytest

from corridor.resolution.resolver import Record, resolve


def labels(*names: str) -> list[str]:
    return resolve([Record(f"r{i}", name) for i, name in enumerate(names)]).labels


def together(*names: str) -> bool:
    return len(set(labels(*names))) == 1


@pytest.mark.parametrize(("short", "full"), [
    ("泰钧轴承", "宁国泰钧轴承有限公司"),  # a county town in front, not in the short name
    ("惠博奇", "华油惠博奇科技股份有限公司"),  # a group's name in front
    ("天宇在线", "全时天宇在线网络信息股份有限公司"),
])
def test_short_name_leaving_out_the_first_words(short: str, full: str) -> None:
    assert together(short, full)


def test_short_name_of_industry_words_alone_is_nobody() -> None:
    assert not together("模塑科技", "江南模塑科技股份有限公司")


def test_short_name_drawn_from_the_rest_of_two_companies_joins_neither() -> None:
    found = labels("泰钧轴承", "宁国泰钧轴承有限公司", "慈溪泰钧轴承有限公司")
    assert found[0] not in (found[1], found[2])
    assert found[1] != found[2]


@pytest.mark.parametrize(("chinese", "english"), [
    ("宏骏高科控股股份有限公司", "Hongjun High-Tech Holding Co.,Ltd."),  # high tech says nothing more
    ("浙江亿禾智能厨电股份有限公司", "Zhejiang Yihe Smart Kitchen Appliance Co., Ltd."),
    ("江西福瑞液压股份有限公司", "Jiangxi Furui Hydraulic Co., Ltd."),
    ("安徽华冶香料股份有限公司", "Anhui Huaye Aromas Co., Limited"),
    ("福建元泰活性炭股份有限公司", "Fujian Yuantai Active Carbon Co.,Ltd."),
])
def test_industry_words_the_lexicon_lacked(chinese: str, english: str) -> None:
    assert together(chinese, english)


def test_two_trades_under_one_two_character_trade_name_stay_apart() -> None:
    assert not together("宏骏泵业有限公司", "Hongjun Hydraulic Co., Ltd.")


def test_university_abbreviation_with_its_place() -> None:
    assert together("上海交大", "上海交通大学", "Shanghai Jiao Tong University")
    assert together("宁理工", "宁波理工大学")  # the kind word is part of the abbreviation


def test_car_maker_and_parts_maker_of_one_trade_name() -> None:
    found = labels("湖州骏安新能源汽车有限公司", "湖州骏安汽车零部件有限公司", "Huzhou Junan New Energy Vehicle Co., Ltd.",
                   "Junan EV", "骏安汽车销售服务（杭州）有限公司")
    assert found[0] == found[2] != found[1]
    assert found[3] != found[4]


def test_short_name_saying_group_with_a_unique_trade_name() -> None:
    assert together("因腾集团", "广东因腾品牌营销集团股份有限公司")


def test_short_name_leaving_out_the_first_words_of_a_name_without_legal_form() -> None:
    assert together("美利川", "中冶美利川产业投资")


def test_institute_of_an_academy_with_and_without_the_academy() -> None:
    assert together("中国科学院杭州有机化学研究所", "杭州有机化学研究所", "杭州有机所",
                    "Hangzhou Institute of Organic Chemistry, CAS")
    assert together("中科院合肥物质院", "中国科学院合肥物质科学研究院",
                    "Hefei Institutes of Physical Science, Chinese Academy of Sciences")


def test_academy_institutes_and_the_academy_stay_apart() -> None:
    found = labels("杭州有机所", "中国科学院杭州硅酸盐研究所", "中国科学院", "中国科学院杭州有机化学研究所")
    assert found[0] == found[3]
    assert len({found[0], found[1], found[2]}) == 3


def test_an_institution_at_its_address_and_its_english_name_without_one() -> None:
    records = [Record("a", "中国科学院", "北京市西城区三里河路52号"), Record("b", "Chinese Academy of Sciences")]
    assert len(set(resolve(records).labels)) == 1


@pytest.mark.parametrize(("short", "full"), [
    ("宁电", "宁波电子科技大学"),  # the place's first character, then the rest's (科技 goes with 大学)
    ("中国科大", "中国科学技术大学"),  # 科大: words of the full name cut short, not another trade
])
def test_university_abbreviations_with_the_place_initial_or_kind_cut_short(short: str, full: str) -> None:
    assert together(short, full)


def test_place_initial_abbreviation_is_not_another_university_of_the_city() -> None:
    assert not together("宁电", "宁波师范大学")


def test_abbreviation_that_leaves_out_no_word_wins() -> None:
    found = labels("宁大", "宁波大学", "宁波工程技术大学")
    assert found[0] == found[1] != found[2]


def test_english_name_goes_to_the_whole_trade_name_not_one_cut_short() -> None:
    found = labels("杭州弘祥药业有限公司", "Hangzhou Hongxiang Pharmaceutical Co., Ltd.", "杭州弘祥泰药业有限公司")
    assert found[0] == found[1] != found[2]


def test_english_name_spelling_the_start_of_a_long_trade_name() -> None:
    assert together("金发拉丰妇婴童用品股份有限公司", "JINFA LAFENG MATERNITY & BABY ARTICLES CO.,LTD.")


def test_a_place_followed_by_words_that_say_nothing_is_the_trade_name_in_english_too() -> None:
    assert together("青海国际实业", "QINGHAI INTERNATIONAL INDUSTRY CO.,LTD")
    assert not together("青海国际实业", "GANSU INTERNATIONAL INDUSTRY CO.,LTD")
