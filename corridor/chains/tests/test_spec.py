"""The shipped templates are valid and realistic; a bad template is refused naming the place."""

import pytest

from corridor.chains import spec

SIX = {"industrial-robots", "integrated-circuits", "biomedicine", "new-energy-vehicles", "new-materials",
       "artificial-intelligence"}


def test_the_six_chains_ship_with_all_three_stages_and_bilingual_keywords():
    chains = {c.slug: c for c in spec.shipped()}
    assert set(chains) == SIX
    for chain in chains.values():
        assert {s.stage for s in chain.segments} == set(spec.STAGES), chain.slug
        assert len(chain.segments) >= 10 and len(chain.edges) >= 10
        for s in chain.segments:
            assert s.name_zh and s.name_en
            if not any(c.parent == s.key for c in chain.segments):
                assert s.keywords_zh and s.keywords_en, f"{chain.slug}/{s.key} has no keywords"
    robots = chains["industrial-robots"]
    assert robots.segment("reducers").parent == "core-components"
    reducer_edge = next(e for e in robots.edges if (e.source, e.target) == ("reducers", "industrial-robot-bodies"))
    assert reducer_edge.share == 0.35


def test_a_template_round_trips_through_yaml():
    chain = spec.shipped()[0]
    assert spec.parse(__import__("yaml").safe_load(spec.dump(chain))).as_data() == chain.as_data()


def _base(**changes):
    data = {
        "slug": "t", "name_zh": "测试", "name_en": "Test",
        "segments": [{"key": "a", "stage": "upstream", "name_zh": "甲", "name_en": "A"},
                     {"key": "b", "stage": "downstream", "name_zh": "乙", "name_en": "B"}],
        "edges": [{"from": "a", "to": "b", "share": 0.5}],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(("changes", "message"), [
    ({"edges": [{"from": "a", "to": "c"}]}, r"edge 1 \(a → c\): both ends"),
    ({"edges": [{"from": "a", "to": "b", "share": 1.5}]}, "share must be more than 0"),
    ({"edges": [{"from": "a", "to": "b", "share": "lots"}]}, "share must be a number"),
    ({"edges": [{"from": "a", "to": "a"}]}, "cannot supply itself"),
    ({"segments": [{"key": "a", "stage": "sideways", "name_zh": "甲", "name_en": "A"}], "edges": []},
     "segment a: stage must be one of"),
    ({"segments": [{"key": "a", "stage": "upstream", "name_zh": "甲", "name_en": "A", "parent": "z"}], "edges": []},
     "unknown parent"),
    ({"segments": [{"key": "a", "stage": "upstream", "name_en": "A"}], "edges": []}, "segment a: name_zh is missing"),
])
def test_bad_templates_are_refused_naming_the_place(changes, message):
    with pytest.raises(spec.SpecError, match=message):
        spec.parse(_base(**changes))


def test_input_shares_cannot_exceed_the_whole():
    data = _base(segments=[
        {"key": "a", "stage": "upstream", "name_zh": "甲", "name_en": "A"},
        {"key": "c", "stage": "upstream", "name_zh": "丙", "name_en": "C"},
        {"key": "b", "stage": "downstream", "name_zh": "乙", "name_en": "B"},
    ], edges=[{"from": "a", "to": "b", "share": 0.7}, {"from": "c", "to": "b", "share": 0.4}])
    with pytest.raises(spec.SpecError, match=r"segment b: the shares of its inputs add up to 1\.10"):
        spec.parse(data)


def test_tagging_fields_round_trip_and_a_bad_role_is_refused():
    chains = {c.slug: c for c in spec.shipped()}
    robots = chains["industrial-robots"]
    assert robots.segment("home-appliances").role == "uses" and robots.segment("reducers").role == "produces"
    assert chains["biomedicine"].exclude_zh and chains["biomedicine"].against_zh
    for chain in chains.values():
        assert spec.parse(__import__("yaml").safe_load(spec.dump(chain))).as_data() == chain.as_data()
    data = _base()
    data["segments"][1]["role"] = "buys"
    with pytest.raises(spec.SpecError, match="segment b: role must be one of produces, uses"):
        spec.parse(data)
