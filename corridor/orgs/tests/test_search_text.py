from corridor.orgs import search_text


def haystack():
    return search_text.build(["浙江国自机器人技术股份有限公司", "Zhejiang Guozi Robot Technology Co., Ltd.", "国自机器人"])


def matches(query: str) -> bool:
    hay = haystack()
    return all(term in hay for term in search_text.query_terms(query))


def test_chinese_partial_word():
    assert matches("机器人")


def test_pinyin_of_the_chinese_name():
    assert matches("Guozi")
    assert matches("guozijiqiren")


def test_pinyin_initials():
    assert matches("gzjqr")


def test_english_words_in_any_case_and_order():
    assert matches("robot GUOZI")


def test_traditional_and_full_width_are_folded():
    assert matches("機器人")
    assert matches("Ｇｕｏｚｉ")


def test_all_terms_must_match():
    assert not matches("机器人 海康")
