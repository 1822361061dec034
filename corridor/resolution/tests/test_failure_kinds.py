"""Each failure kind of issue 13, one positive and one hard negative, on invented names built like real ones."""

from __future__ import annotations

import pytest

from corridor.resolution.abbrev import abbreviates
from corridor.resolution.resolver import MERGE_AT, Record, resolve


def together(*names: str, addresses: tuple[str, ...] = (), usccs: tuple[str, ...] = ()) -> bool:
    records = [Record(f"r{i}", name, addresses[i] if addresses else "", usccs[i] if usccs else "")
               for i, name in enumerate(names)]
    labels = resolve(records).labels
    return len(set(labels)) == 1


@pytest.mark.parametrize(("short", "full"), [
    ("福泽医科", "内蒙古福泽医疗科技股份有限公司"),  # a character from each word
    ("紫岚国微", "紫岚国芯微电子股份有限公司"),  # a coined trade name cut short
    ("中禾科技", "中禾生物科技股份有限公司"),  # an industry word in the middle left out
    ("步云高", "步云高商业连锁股份有限公司"),  # the words after the trade name left out
    ("三角防务", "西安三角防务股份有限公司"),  # 西安 is the city, not a district of another city
])
def test_stock_short_name_drawn_from_the_full_name(short: str, full: str) -> None:
    assert together(short, full)


@pytest.mark.parametrize(("short", "full"), [
    ("中禾科技", "中禾科工（无锡）股份有限公司"),  # 技 is not in the other name
    ("亚禾发展", "亚禾机械股份有限公司"),
])
def test_short_name_with_other_characters_is_another_company(short: str, full: str) -> None:
    assert not together(short, full)


def test_university_and_institute_abbreviations() -> None:
    assert abbreviates("北大", "北京大学", institution=True)
    assert abbreviates("交大", "上海交通大学", institution=True)
    assert abbreviates("华科", "华中科技大学", institution=True)
    assert not abbreviates("北大", "北京理工大学", institution=True)  # 理工 would be left out
    assert not abbreviates("华科", "华中农业大学", institution=True)
    assert not abbreviates("北京", "北京大学", institution=True)  # a place is not a name
    assert together("交大", "上海交通大学")


def test_a_university_is_not_its_namesake_university_of_technology() -> None:
    assert not together("大连大学", "大连理工大学")
    assert not together("Dalian University", "Dalian University of Technology")


def test_two_universities_sharing_only_their_city() -> None:
    assert not together("南京大学", "南京师范大学")
    assert not together("Nanjing University", "Nanjing Normal University")


def test_shared_two_character_trade_name_alone_never_merges() -> None:
    assert not together("华岳证券股份有限公司", "华岳股份", "江苏华岳村股份有限公司")
    assert not together("启辰信息技术（长春）股份有限公司", "启辰星海")
    assert not together("广州珠岭啤酒股份有限公司", "广州珠岭钢琴集团股份有限公司")


def test_two_character_trade_name_with_the_rest_agreeing_merges() -> None:
    assert together("融睿股份", "融睿（广州）股份有限公司")
    assert together("大岳电机", "中山大岳电机股份有限公司")


def test_unique_two_character_trade_name_short_form() -> None:
    # Only one organisation in the records has the trade name 良岫: its short form means it.
    assert together("良岫股份", "上海良岫电器股份有限公司")
    # Two organisations with that trade name: the short form stays apart from both.
    labels = resolve([Record("a", "良岫股份"), Record("b", "上海良岫电器股份有限公司"),
                      Record("c", "良岫证券股份有限公司")]).labels
    assert labels[0] not in (labels[1], labels[2])


def test_english_pinyin_trade_name_with_translated_industry_word() -> None:
    assert together("Hubei Heyuan Gas Co.,Ltd.", "湖北和远气体股份有限公司")  # Heyuan is a trade name here, not 河源
    assert together("Harbin Jiuzhou Group Co.,Ltd.", "哈尔滨九洲集团股份有限公司")  # Harbin is 哈尔滨
    assert together("ZANGGE MINING COMPANY LIMITED", "藏格矿业股份有限公司")  # 藏 read zang; mining = 矿业


def test_english_pinyin_trade_name_with_another_industry_stays_apart() -> None:
    assert not together("Hubei Heyuan Piano Co.,Ltd.", "湖北和远气体股份有限公司")
    assert not together("Guangzhou Zhujiang Brewery Co., Ltd.", "广州珠江钢琴集团股份有限公司")


def test_full_pinyin_name() -> None:
    assert together("Rongwei Zhineng Zhuangbei Youxian Gongsi", "苏州融威智能装备有限公司")


def test_identical_names_with_and_without_a_credit_code() -> None:
    assert together("杭州融威智能装备有限公司", "杭州融威智能装备有限公司", usccs=("91330100MA2XXXXX0X", ""))
    assert together("杭州融威智能装备有限公司", "杭州融威智能装备有限公司")


def test_same_registered_address_and_compatible_names() -> None:
    address = "江苏省无锡市新吴区长江路88号"
    assert together("Wuxi Lanxing Precision Co., Ltd.", "蓝星精密科技（无锡）股份有限公司", addresses=(address, address))
    assert together("钒钛股份", "攀岳集团钒钛资源股份有限公司", addresses=(address, address))
    # Two registered companies of one group at one address stay two.
    assert not together("无锡蓝星精密科技有限公司", "无锡恒达物流有限公司", addresses=(address, address))


def test_pinyin_names_one_letter_apart_go_to_review_not_merge() -> None:
    records = [Record("a", "Shandong Hongyu Precision Machinery Co., Ltd."), Record("b", "Shandong Tongyu Precision Machinery Co., Ltd.")]
    result = resolve(records)
    assert result.labels[0] != result.labels[1]
    assert [(i, j, ev.reason) for i, j, ev in result.review] == [(0, 1, "typo")]
    assert all(ev.score < MERGE_AT for _i, _j, ev in result.review)


def test_rejected_pairs_never_merge_and_confirmed_pairs_teach() -> None:
    records = [Record("a", "宏岭科技"), Record("b", "宏岭科技股份有限公司"), Record("c", "Brightpeak Co., Ltd.")]
    assert len(set(resolve(records).labels)) == 2
    rejected = resolve(records, rejected=[("宏岭科技", "宏岭科技股份有限公司")])
    assert rejected.labels[0] != rejected.labels[1]
    taught = resolve(records, confirmed=[("Brightpeak Co., Ltd.", "宏岭科技股份有限公司")])
    assert len(set(taught.labels)) == 1
    # The brand learned from one confirmed pair applies to another record spelled with it.
    more = [*records, Record("d", "Brightpeak")]
    assert len(set(resolve(more, confirmed=[("Brightpeak Co., Ltd.", "宏岭科技股份有限公司")]).labels)) == 1


def test_institution_abbreviation_leaves_out_generic_words_only() -> None:
    assert abbreviates("中科大", "中国科学技术大学", institution=True)
    assert abbreviates("合工大", "合肥工业大学", institution=True)
    assert not abbreviates("中科院", "中科院合肥物质院", institution=False)  # a short name never drops a place


def test_english_name_translating_the_trade_name() -> None:
    assert together("Wuhu Golden Bridge Machinery Co., Ltd.", "芜湖金桥机械有限公司")
    # Same city, same industry, another trade name: not a translation.
    assert not together("Wuhu Golden Bridge Machinery Co., Ltd.", "芜湖长城机械有限公司")


def test_a_short_name_fitting_two_organisations_equally_is_merged_with_neither() -> None:
    labels = resolve([Record("a", "丰岭化工"), Record("b", "湖州丰岭化工有限公司", uscc="913305003388087604"),
                      Record("c", "芜湖丰岭化工有限公司", uscc="91340200942599627T")]).labels
    assert labels[0] not in (labels[1], labels[2]) and labels[1] != labels[2]


def test_chinese_and_english_names_of_one_university() -> None:
    assert together("合肥工业大学", "Hefei University of Technology")
    assert together("杭州师范大学", "Hangzhou Normal University")
    assert together("中国科学院", "Chinese Academy of Sciences")
    assert not together("合肥大学", "Hefei University of Technology")  # the namesake, across languages
    assert not together("南京大学", "Nanjing Normal University")


def test_english_acronym_of_a_university() -> None:
    assert together("USTC", "University of Science and Technology of China")
    assert together("HFUT", "Hefei University of Technology")
    assert not together("HFUT", "Hefei University")


# Issue 13, second round: invented names built like the failure kinds of the dev set.

@pytest.mark.parametrize(("english", "chinese"), [
    ("Luxsun Precision Industry Co., Ltd.", "力训精密工业股份有限公司"),  # li xun
    ("Guangzhou Wanfoo Biotech Co., Ltd.", "广州万福生物技术股份有限公司"),  # wan fu
    ("Zhuhai Bojay Electronics Co., Ltd.", "珠海博杰电子股份有限公司"),  # four marks, all of them
    ("Long Young Electronic (Kunshan) Co., Ltd.", "隆扬电子（昆山）股份有限公司"),  # spaced
])
def test_english_brand_coined_from_the_sound_of_the_trade_name(english: str, chinese: str) -> None:
    assert together(english, chinese)


def test_a_coined_brand_goes_to_the_one_clear_candidate_only() -> None:
    # Two companies of one industry whose trade names sound alike: the sound cannot pick one.
    records = [Record("e", "Luxsun Precision Industry Co., Ltd."), Record("a", "力训精密工业股份有限公司"),
               Record("b", "立新精密工业股份有限公司")]
    labels = resolve(records).labels
    assert labels[0] not in (labels[1], labels[2])
    # Nothing shared besides the sound (no industry, no city): apart.
    assert not together("Luxsun Co., Ltd.", "力训精密工业股份有限公司")
    # A spelling that is the pinyin of another Chinese name here is left to the rules.
    assert not together("Edan Instruments, Inc.", "易天自动化设备（深圳）股份有限公司")


@pytest.mark.parametrize(("short", "full"), [
    ("宁波华祥", "宁波华祥电子股份有限公司"),  # the place and the trade name
    ("吉丰科技", "吉丰三农科技服务股份有限公司"),  # the trade name and a word that says only "a company"
])
def test_short_name_with_place_or_generic_word(short: str, full: str) -> None:
    assert together(short, full)


def test_short_name_with_place_needs_one_company_of_that_trade_name() -> None:
    assert not together("宁波华祥", "宁波华祥电子股份有限公司", "宁波华祥塑料股份有限公司")
    assert not together("宁波华祥", "温州华祥电子股份有限公司")  # another city


def test_industry_words_said_in_both_languages() -> None:
    assert together("Zhejiang Zhongmeng Packing Material Co., Ltd", "浙江众蒙包装材料股份有限公司")
    assert together("Beijing Jingyue Culture&Tourism Co., Ltd", "北京京悦文化旅游股份有限公司")
    assert not together("Zhejiang Zhongmeng Printing Co., Ltd", "浙江众蒙包装材料股份有限公司")
