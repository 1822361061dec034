from corridor.regions import gb2260


def divisions():
    return {d.code: d for d in gb2260.load({"31", "33", "34", "32", "11", "12", "13"})}


def test_codes_come_from_the_package_table_with_levels_and_parents():
    d = divisions()
    assert d["330400"].name_zh == "嘉兴市" and d["330400"].level == "city" and d["330400"].parent_code == "330000"
    assert d["330402"].level == "district" and d["330402"].parent_code == "330400"


def test_municipality_districts_hang_under_the_municipality():
    d = divisions()
    assert d["310117"].name_zh == "松江区" and d["310117"].parent_code == "310000"
    assert d["120110"].name_zh == "东丽区" and d["120110"].parent_code == "120000"
    assert not any(x.name_zh == "市辖区" for x in d.values())


def test_english_names():
    d = divisions()
    assert d["310117"].name_en == "Songjiang District"
    assert d["340200"].name_en == "Wuhu"
    assert d["330000"].name_en == "Zhejiang"


def test_all_seven_provinces_are_there():
    d = divisions()
    assert {"310000", "320000", "330000", "340000", "110000", "120000", "130000"} <= set(d)
