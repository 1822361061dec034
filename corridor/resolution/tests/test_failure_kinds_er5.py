"""Failure kinds of issue 13 found in its fifth round, each with the hard negative it must not merge, on
invented names built like real ones."""

from __future__ import annotations

from corridor.resolution.names import parse
from corridor.resolution.resolver import Record, resolve


def labels(*names: str) -> list[str]:
    return resolve([Record(f"r{i}", name) for i, name in enumerate(names)]).labels


def together(*names: str) -> bool:
    return len(set(labels(*names))) == 1


def coded(first: str, pinyin: str, second: str) -> list[str]:
    """Two registered companies (two credit codes) and a name in pinyin."""
    return resolve([Record("a", first, uscc=CODES[0]), Record("b", pinyin), Record("c", second, uscc=CODES[1])]).labels


CODES = ("913305003388087604", "91340200942599627T")


def test_full_pinyin_goes_to_the_chinese_name_it_spells() -> None:
    # Two companies of one trade name and one city; the pinyin spells the words of one of them.
    found = coded("嘉兴澜拓新材料科技有限公司", "Jiaxing Lantuo Gaofenzi Cailiao Youxian Gongsi", "嘉兴澜拓高分子材料有限公司")
    assert found[1] == found[2] != found[0]


def test_full_pinyin_with_its_legal_form_tells_homophones_apart() -> None:
    found = coded("金华锐诚新材料有限公司", "JINHUA RUICHENG XINCAILIAO GUFEN YOUXIAN GONGSI", "金华瑞诚新材料股份有限公司")
    assert found[1] == found[2] != found[0]


def test_full_pinyin_with_an_english_legal_form() -> None:
    assert together("嘉兴澜拓高分子材料有限公司", "Jiaxing Lantuo Gaofenzi Cailiao Co., Ltd.")


def test_pinyin_and_english_spellings_of_one_name_in_latin() -> None:
    assert together("JINHUA RUICHENG XINCAILIAO GUFEN YOUXIAN GONGSI", "Jinhua Ruicheng New Material Co., Ltd.")
    # the same trade name in another industry stays apart
    assert not together("JINHUA RUICHENG XINCAILIAO GUFEN YOUXIAN GONGSI", "Jinhua Ruicheng Food Co., Ltd.")


def test_english_name_with_its_city_at_the_end() -> None:
    assert together("Norvia Suzhou", "Norvia Medical Devices (Suzhou) Co., Ltd.")
    assert [p.place.city for p in parse("Norvia Suzhou") if p.place] == ["suzhou"]
    assert not together("Norvia Suzhou", "Norvia Hangzhou")


def test_foreign_parent_is_not_its_chinese_subsidiary() -> None:
    found = labels("Norvia Medical AG", "Norvia Suzhou", "Norvia Medical Devices (Suzhou) Co., Ltd.")
    assert found[1] == found[2] != found[0]
    assert not together("Nordwik Automation GmbH", "Nordwik Automation (Shanghai) Co., Ltd.")


def test_short_name_and_the_only_english_name_of_its_trade_name() -> None:
    assert together("澜拓科技", "Guangdong Lantuo New Energy Vehicle Technology Co., Ltd.")
    assert together("澜拓发展", "Henan Lantuo Investment & Development Co., Ltd.")


def test_short_name_of_a_trade_name_two_companies_share_joins_neither() -> None:
    found = labels("澜拓科技", "Guangdong Lantuo New Energy Vehicle Technology Co., Ltd.", "澜拓证券股份有限公司")
    assert found[0] not in (found[1], found[2])


def test_short_name_word_missing_from_the_english_name() -> None:
    # 科技 is said in the English name as "Technology"; 证券 is not said in "... Mining Co., Ltd."
    assert not together("澜拓证券", "Guangdong Lantuo Mining Co., Ltd.")


def test_science_and_industry_is_its_own_word() -> None:
    assert together("广东澜化科工", "Guangdong Lanhua Science & Industry Co., Ltd.")
    assert not together("中澜科工", "中澜科技")  # a two-character trade name and two other words


def test_industry_words_the_lexicon_lacked_in_this_round() -> None:
    assert together("怀集澜云汽配", "Huaiji Lanyun Auto-parts Co., Ltd.")
    assert together("澜云乳品股份有限公司", "Lanyun Dairy Products Co., Ltd.")
    assert not together("澜云乳品股份有限公司", "Lanyun Auto-parts Co., Ltd.")


def test_english_name_saying_only_company_in_the_chinese_names_city() -> None:
    assert together("北京澜邦高科数字技术股份有限公司", "Beijing Lanbang Technology Corp.")
    assert not together("澜邦数字技术股份有限公司", "Lanbang Technology Corp.")  # no city: two characters alone
    assert not together("北京澜邦数字技术股份有限公司", "Shanghai Lanbang Technology Corp.")
    found = labels("广州澜江啤酒股份有限公司", "Guangzhou Lanjiang Technology Co., Ltd.", "广州澜江钢琴股份有限公司")
    assert found[1] not in (found[0], found[2])  # two companies of that trade name in the city: neither


def test_design_institute_with_a_legal_form_is_a_company() -> None:
    assert together("杭州澜林设计院股份有限公司", "Hangzhou Lanlin Design Institute Co., Ltd.")
    assert not together("杭州澜林设计院股份有限公司", "Hangzhou Lanlin Research Institute")


def test_translated_trade_name_of_an_english_name_without_a_city() -> None:
    found = labels("绍兴蓝鲸传感技术有限公司", "绍兴红鹰传感技术有限公司", "BlueWhale Sensors")
    assert found[2] == found[0] != found[1]
    assert not together("绍兴蓝鲸传感技术有限公司", "GreenStone Sensors")


def test_digits_of_an_english_name_are_the_chinese_numerals_of_its_trade_name() -> None:
    assert together("三九互娱网络科技集团股份有限公司", "39 Interactive Entertainment Network Technology Group Co., Ltd.")
    assert not together("三九互娱网络科技集团股份有限公司", "39 Logistics Co., Ltd.")
    assert not together("三六互娱网络科技集团股份有限公司", "39 Interactive Entertainment Network Technology Group Co., Ltd.")


def test_abbreviated_english_words_of_partner_lists() -> None:
    assert together("宁波澜瑞科技发展有限公司", "Ningbo Lanrui S&T Dev. Co., Ltd.")
    assert together("澜瑞控股股份有限公司", "Lanrui Hldgs. Ltd.")
    assert together("杭州澜瑞制药有限公司", "Hangzhou Lanrui Pharm. Mfg. Co., Ltd.")
    assert not together("杭州澜瑞食品有限公司", "Hangzhou Lanrui Pharm. Mfg. Co., Ltd.")
