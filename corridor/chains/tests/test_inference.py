"""Tag inference on Chinese, English and mixed examples."""

from corridor.chains import inference as inf
from corridor.chains import spec

ROBOTS = [
    inf.SegmentWords("robots", s.key, s.keywords_zh, s.keywords_en)
    for s in spec.load_file(spec.DATA_DIR / "industrial-robots.yaml").segments
]


def _found(org: inf.OrgText) -> dict[tuple[str, str], float]:
    return {(t.segment, t.role): t.confidence for t in inf.infer(ROBOTS, org)}


def test_chinese_description_names_products_not_customers():
    found = _found(inf.OrgText(
        name_zh="苏州恒拓精工有限公司",
        description_zh="恒拓精工成立于2010年，专注于精密减速器和伺服电机的研发、生产与销售，产品主要应用于汽车焊装，拥有专利30项。",
    ))
    assert ("reducers", "produces") in found and ("servo", "produces") in found
    assert ("automotive", "produces") not in found  # "应用于汽车焊装" names a customer
    assert found[("reducers", "produces")] == 0.5


def test_english_description_alone_and_plurals():
    found = _found(inf.OrgText(
        name_en="Hengtuo Precision Co., Ltd.",
        description_en="It develops, makes and sells harmonic drives and servo motors, mainly for automotive welding.",
    ))
    assert set(found) == {("reducers", "produces"), ("servo", "produces")}


def test_both_languages_agree_and_the_name_counts_most():
    org = inf.OrgText(
        name_zh="杭州睿视机器视觉有限公司", name_en="Hangzhou Ruishi Machine Vision Co., Ltd.",
        description_zh="提供机器视觉系统。", description_en="Supplies machine vision systems.",
    )
    conf = _found(org)[("sensors-vision", "produces")]
    assert conf == round(1 - 0.3 * 0.5 * 0.5, 3)
    only_zh = _found(inf.OrgText(description_zh="提供机器视觉系统。"))[("sensors-vision", "produces")]
    both = _found(inf.OrgText(description_zh="提供机器视觉系统。", description_en="Supplies machine vision systems."))
    assert only_zh < both[("sensors-vision", "produces")] < conf


def test_what_an_organisation_buys_is_a_use():
    found = _found(inf.OrgText(
        name_zh="海尔洗衣机互联工厂",
        description_zh="工厂采购工业机器人和AGV，生产智能洗衣机。",
        description_en="The factory uses industrial robots and AGVs to make washing machines.",
    ))
    assert ("industrial-robot-bodies", "uses") in found
    assert ("mobile-robots", "uses") in found
    assert ("industrial-robot-bodies", "produces") not in found
    assert ("home-appliances", "produces") in found


def test_ascii_keywords_match_whole_words_only():
    assert ("mobile-robots", "produces") not in _found(inf.OrgText(description_zh="研发AGVX平台。"))
    assert ("mobile-robots", "produces") in _found(inf.OrgText(description_zh="研发AGV小车。"))
    # Full-width letters fold to ASCII.
    assert ("mobile-robots", "produces") in _found(inf.OrgText(description_zh="研发ＡＧＶ小车。"))


def test_nothing_below_the_threshold_and_nothing_for_unrelated_text():
    assert _found(inf.OrgText(name_zh="嘉兴外联科技有限公司", description_en="A trading company.")) == {}
    assert inf.infer(ROBOTS, inf.OrgText(description_zh="提供机器视觉系统。"), min_confidence=0.6) == []


NAMED = [
    inf.SegmentWords("robots", s.key, (), (), s.name_zh, s.name_en)
    for s in spec.load_file(spec.DATA_DIR / "industrial-robots.yaml").segments
]


def test_the_segment_name_is_weaker_evidence_that_needs_both_languages_alone():
    zh_only = inf.OrgText(description_zh="公司生产伺服电机，也生产驱动器。")
    assert inf.infer(NAMED, zh_only) == []  # one language of name similarity: 0.35, below the threshold
    both = inf.OrgText(description_zh="公司生产伺服电机。", description_en="The company makes servo motors.")
    [found] = inf.infer(NAMED, both)
    assert (found.segment, found.confidence, found.evidence) == ("servo", round(1 - 0.65 * 0.65, 3),
                                                                  ("Servo motors and drives", "伺服电机与驱动器"))
    # A vague one-word part of a name ("drives") does not count on its own.
    assert inf.infer(NAMED, inf.OrgText(description_en="Growth drives us; we make drives.",
                                        description_zh="驱动器")) == []
