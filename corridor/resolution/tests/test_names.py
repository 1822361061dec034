from corridor.resolution.names import exact_key, parse


def one(name: str):
    parsed = parse(name)
    assert parsed, name
    return parsed[0]


def test_legal_forms_places_and_full_width_brackets_are_peeled_off():
    a = one("苏州融威智能装备制造有限公司")
    b = one("融威智能装备制造（苏州）股份有限公司")
    c = one("融威智能装备制造(苏州)有限公司")
    assert a.trade == b.trade == c.trade == "融威"
    assert a.place == b.place == c.place and a.place.city == "suzhou"
    assert a.concepts == b.concepts == {"intelligent", "equipment", "manufacturing"}
    assert a.kind == "company"


def test_traditional_and_full_width_fold_to_the_same_name():
    assert one("蘇州融威智能裝備製造有限公司").exact == one("苏州融威智能装备制造有限公司").exact
    assert one("Ｓｕｚｈｏｕ Ｒｏｎｇｗｅｉ").key == "rongwei"


def test_english_and_pinyin_give_the_pinyin_of_the_trade_name():
    zh = one("嘉兴鼎亿智能装备制造股份有限公司")
    en = one("Jiaxing Dingyi Intelligent Equipment Manufacturing Co., Ltd.")
    py = one("Jiaxing Ding Yi Zhi Neng Zhuang Bei You Xian Gong Si")
    assert zh.key == en.key == py.key == "dingyi"
    assert en.concepts == zh.concepts
    assert en.place == zh.place


def test_a_district_is_a_place_only_inside_its_city():
    # 汇川 is a district of Zunyi, but in 深圳市汇川技术 it is the trade name.
    parsed = one("深圳市汇川技术股份有限公司")
    assert parsed.trade == "汇川"
    assert parsed.place.city == "shenzhen"


def test_ordinary_words_after_a_coined_trade_name_are_not_part_of_it():
    assert one("湖州耀德塑胶科技有限公司").trade == "耀德"
    assert one("杭州海康威视数字技术股份有限公司").trade == "海康威视"  # 威视 is coined, not a word
    assert one("Hangzhou Tianyao Plastics Technology").key == "tianyao"


def test_a_pinyin_trade_name_is_not_read_as_an_industry():
    assert one("Xuancheng Tongxin Information Technology").key == "tongxin"


def test_a_bilingual_name_gives_both_parses():
    parsed = parse("京东方科技集团股份有限公司（BOE Technology Group Co., Ltd.）")
    assert {p.script for p in parsed} >= {"zh", "latin"}
    assert {p.key for p in parsed} >= {"jingdongfang", "boe"}


def test_exact_key_is_folded_without_punctuation():
    assert exact_key("Rongwei Co., Ltd.") == exact_key("RONGWEI CO LTD")
