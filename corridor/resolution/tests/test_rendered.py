"""Issue 13 failure kinds fixed in round three, on invented names built like real ones."""

from __future__ import annotations

from corridor.resolution.rendered import english_words
from corridor.resolution.resolver import Record, resolve


def labels(*names: str) -> list[str]:
    return resolve([Record(f"r{i}", name) for i, name in enumerate(names)]).labels


def test_english_words_drop_places_and_legal_forms() -> None:
    assert english_words("Xi'an Blue Whale Defense Co.,Ltd.") == "blue whale defense"
    assert english_words("NanJing Public Utilities Development Co., Ltd.") == "public utilities development"


def test_an_english_name_that_renders_the_whole_chinese_name_in_words() -> None:
    # 白鹭 is "white egret": neither its pinyin nor its sound, only its meaning, and the industry words agree.
    got = labels("杭州白鹭照明电器股份有限公司", "杭州远驰照明电器股份有限公司",
                 "Hangzhou White Egret Lighting Appliance Co., Ltd.")
    assert got[0] == got[2] != got[1]


def test_a_coined_english_brand_of_the_same_industry_is_not_a_rendering() -> None:
    # Only the industry words agree: the trade names share neither meaning nor first sound.
    got = labels("杭州白鹭照明电器股份有限公司", "Hangzhou Gisrow Lighting Appliance Co., Ltd.")
    assert got[0] != got[1]


def test_a_short_name_that_keeps_only_some_of_the_ordinary_words() -> None:
    # 博士眼镜连锁 and its short name 博士眼镜: both words after the trade name are ordinary words the
    # lexicon lacks; the short name keeps one of them, which is no other trade.
    got = labels("博士眼镜连锁", "博士眼镜", "博士眼镜连锁股份有限公司")
    assert len(set(got)) == 1
    got = labels("欢腾世纪联合", "欢腾世纪")
    assert got[0] == got[1]


def test_ordinary_words_that_differ_still_part_two_companies() -> None:
    got = labels("恒岳纸业股份有限公司", "恒岳玻璃股份有限公司")
    assert got[0] != got[1]


def test_a_short_name_whose_trade_name_is_a_place_word() -> None:
    # 金华 is a city, but 金华科技 says nothing after it: the place word is the trade name, drawn from the
    # full name of a company of another province.
    got = labels("广东金华电子科技股份有限公司", "金华科技")
    assert got[0] == got[1]
    from corridor.resolution.names import parse

    assert parse("金华电气")[0].key.startswith("#")  # an industry after the place: the place stays a place


def test_an_english_name_in_pinyin_is_not_a_rendering_of_another_trade_name() -> None:
    # Tongda is the pinyin of its own trade name (通达); that it starts like 狄安 (d/t) in the same city
    # and industry says nothing.
    got = labels("厦门狄安智能科技股份有限公司", "Xiamen Tongda Smart Tech Co., Ltd.")
    assert got[0] != got[1]


def test_a_short_name_that_starts_with_the_place_initial() -> None:
    # 哈 of 哈尔滨, then 三禾 drawn from the rest: the stock short name of a Harbin company.
    got = labels("哈尔滨三禾药业股份有限公司", "哈三禾")
    assert got[0] == got[1]
    got = labels("长春三禾药业股份有限公司", "哈三禾")
    assert got[0] != got[1]  # another city's initial
