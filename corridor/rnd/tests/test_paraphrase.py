"""One objective in other words, in one language: activity synonyms, related activities, synonym concepts and
number words (the round-5 rules), each in Chinese and English, and the pairs they make overlap end to end."""

from __future__ import annotations

import numpy as np
import pytest

from corridor.matching.engine import lexicon, numbers
from corridor.rnd.engine import FEATURES, OVERLAP, OverlapFinder, Project
from corridor.rnd.engine.finder import SUPPORT
from corridor.rnd.engine.numerals import digits
from corridor.rnd.engine.objective import activities, clash
from corridor.rnd.engine.project import LEXICONS, read
from corridor.rnd.tests.fixtures import PROJECTS

# Two same-language paraphrase pairs (few shared words, activity named by synonyms) and a hard negative each:
# the same machine, another objective.
PARAPHRASES = [
    {"id": "q1", "org": "K", "lang": "zh", "title": "空压机故障预测",
     "text": "基于运行电流与排气温度数据，建立空气压缩机故障预测模型，提前48小时发现轴承与阀片失效，准确率≥90%。"},
    {"id": "q2", "org": "L", "lang": "zh", "title": "螺杆压缩机预测性维护",
     "text": "通过监测螺杆式空压机振动和排气温度变化趋势，在停机故障发生前两天安排检修，判断正确率90%以上。"},
    {"id": "q3", "org": "M", "lang": "zh", "title": "空压机变频节能控制",
     "text": "开发空气压缩机永磁变频控制器，按用气量调节转速，使单位产气能耗降低15%。"},
    {"id": "q4", "org": "N", "lang": "en", "title": "Prognostics for wind turbine gearboxes",
     "text": "Estimate the remaining useful life of main gearbox bearings from vibration and oil debris data, warning "
             "30 days before failure with 85 % precision."},
    {"id": "q5", "org": "O", "lang": "en", "title": "Predictive maintenance of wind turbine gearboxes",
     "text": "Condition data from accelerometers and oil particle counters on the drive train are used to schedule "
             "gearbox repairs a month before breakdown; target precision eighty-five percent."},
    {"id": "q6", "org": "P", "lang": "en", "title": "Gearbox design for 6 MW wind turbines",
     "text": "Design a compact medium-speed gearbox for 6 MW turbines with a torque density of 200 Nm/kg and "
             "planetary gear profile optimisation."},
]


def key(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


@pytest.mark.parametrize("text", [
    "减速器故障预测", "风机预测性维护", "轴承剩余寿命预测", "提前72小时预测减速器失效",
    "fault prediction for pumps", "predictive maintenance of spindles", "prognostics of traction motors",
    "remaining useful life of bearings", "we forecast when the bearings will fail",
])
def test_failure_forecasting_is_one_activity_whatever_its_name(text: str) -> None:
    assert "prognostics" in activities(text)


def test_forecasting_something_else_is_not_prognostics() -> None:
    assert "prognostics" not in activities("预测电池容量与电价")
    assert "prognostics" not in activities("forecast the demand for hydrogen")


def test_methods_are_not_activities() -> None:
    # How (a neural network, an algorithm) is not what is done: alone, no activity is named ...
    for text in ("基于深度学习的智能算法", "a deep learning algorithm with neural networks and AI"):
        assert activities(text) == frozenset()
    # ... so a forecast by deep learning and one by vibration monitoring do not clash as "control" vs "inspection".
    assert not clash(activities("采用深度学习模型预测减速器故障"), activities("监测减速器振动实现预测性维护"))
    assert activities("伺服控制算法") == activities("servo control algorithm") == {"control"}


def test_a_clash_needs_activities_that_really_differ() -> None:
    assert not clash(activities("泵的振动监测"), activities("泵的故障预测"))  # related: monitoring, forecasting
    assert not clash(activities("condition monitoring of pumps"), activities("pump failure prediction"))
    assert clash(activities("减速器寿命试验台"), activities("减速器齿形设计"))  # testing against designing
    assert clash(activities("life test rig for reducers"), activities("tooth profile design of reducers"))
    assert not clash(activities("减速器寿命试验台"), activities("减速器"))  # one side names no activity


@pytest.mark.parametrize(("a", "b", "concept"), [
    ("极片表面瑕疵", "极片表面缺陷", "~defect"),
    ("surface flaws", "surface defects", "~defect"),
    ("故障预测", "预测性维护", "~predictive maintenance"),
    ("prognostics", "predictive maintenance", "~predictive maintenance"),
    ("remaining useful life", "剩余寿命", "~predictive maintenance"),
    ("管道泄漏", "管道漏气", "~leak"),
    ("叶片覆冰", "叶片结冰", "~icing"),
    ("driverless trucks", "self-driving trucks", "~autonomous"),
])
def test_synonyms_are_one_concept_in_one_language_and_across(a: str, b: str, concept: str) -> None:
    assert concept in lexicon.concepts(a, LEXICONS)
    assert concept in lexicon.concepts(b, LEXICONS)


@pytest.mark.parametrize("word", ["detection", "recognition", "forecast", "accuracy", "准确率", "预测", "预警"])
def test_generic_activity_and_metric_words_are_not_components(word: str) -> None:
    # They would make two objectives of nothing but "rapid detection" share every concept (a sepsis strip and a
    # swine-fever kit); activities are read by objective.activities instead.
    assert lexicon.concepts(word, LEXICONS) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("转办耗时从十分钟缩短至一分钟", "转办耗时从10分钟缩短至1分钟"),
    ("零下二十度时制热", "零下20度时制热"),
    ("一万五千小时寿命", "15000小时寿命"),
    ("三十万公里", "300000公里"),
    ("forecast six hours ahead", "forecast 6 hours ahead"),
    ("within twenty-four hours", "within 24 hours"),
    ("one hundred and twenty degrees", "120 degrees"),
])
def test_number_words_stating_a_quantity_become_digits(text: str, expected: str) -> None:
    assert digits(text) == expected


@pytest.mark.parametrize("text", [
    "一体化关节", "一种新型减速器", "第一年", "十分重要", "四个九", "百兆瓦级电站", "万向节", "二氧化碳", "三期临床",
    "three-phase motor", "one of the partners", "seventy stamped parts",
])
def test_number_words_that_state_no_quantity_stay_words(text: str) -> None:
    assert digits(text) == text


def test_figures_stated_in_words_agree_with_digits() -> None:
    worded = read(Project("w", "X", "热线工单分派", "派单时间由十分钟降到一分钟。", "zh"))
    plain = read(Project("d", "Y", "热线工单分派", "派单时间由10分钟降到1分钟。", "zh"))
    assert {(f.low, f.high) for f in worded.figures} == {(f.low, f.high) for f in plain.figures} == {(10, 10), (1, 1)}
    english = read(Project("e", "Z", "Sepsis warning", "Predict sepsis six hours ahead.", "en"))
    assert any(f.agrees(numbers.Figure(6, 6)) for f in english.figures)


@pytest.fixture(scope="module")
def finder() -> OverlapFinder:
    f = OverlapFinder()
    f.add([Project(**p) for p in PROJECTS + PARAPHRASES])
    return f


def test_same_language_paraphrases_overlap_above_their_hard_negatives(finder: OverlapFinder) -> None:
    pairs = finder.pairs(complementary=True)
    score = {key(p.a, p.b): p.score for p in pairs}
    found = {key(p.a, p.b) for p in pairs if p.relation == OVERLAP}
    assert {key("q1", "q2"), key("q4", "q5")} <= found
    for gold, negatives in ((key("q1", "q2"), (key("q1", "q3"), key("q2", "q3"))),
                            (key("q4", "q5"), (key("q4", "q6"), key("q5", "q6")))):
        assert all(score.get(n, 0.0) < score[gold] for n in negatives)
        assert not found & set(negatives)


def test_paraphrased_activities_are_shared_not_a_clash(finder: OverlapFinder) -> None:
    rows = {p.id: i for i, p in enumerate(finder.projects)}
    a = np.array([rows["q1"], rows["q4"], rows["p1"]])
    b = np.array([rows["q2"], rows["q5"], rows["p3"]])
    x = finder.features(a, b)
    same, clashing = x[:, FEATURES.index("activity_same")], x[:, FEATURES.index("activity_clash")]
    assert same.tolist() == [1.0, 1.0, 0.0]
    assert clashing.tolist() == [0.0, 0.0, 1.0]  # the life-test rig against the tooth-profile design still clashes
    assert finder.explain("q1", "q2").shared_activities == ["prognostics"]


# Two projects about different things that state the same figures and name the same model number.
COINCIDENCES = [
    {"id": "c1", "org": "Q", "lang": "zh", "title": "茶叶品质近红外快速分级",
     "text": "利用近红外光谱对绿茶进行品质分级，分级准确率≥92%，每批检测5分钟，型号NIR-200。"},
    {"id": "c2", "org": "R", "lang": "en", "title": "Crack detection on concrete bridges from drone images",
     "text": "Find cracks wider than 0.2 mm on bridge decks with accuracy ≥ 92 %, five minutes per span, NIR-200 camera."},
]


def test_figures_and_model_numbers_agreeing_by_coincidence_do_not_make_an_overlap() -> None:
    f = OverlapFinder()
    f.add([Project(**p) for p in PROJECTS + PARAPHRASES + COINCIDENCES])
    rows = {p.id: i for i, p in enumerate(f.projects)}
    a, b = np.array([rows["c1"]]), np.array([rows["c2"]])
    fitted = f.features(a, b)[0]
    assert fitted[FEATURES.index("figures")] >= 0.75 and fitted[FEATURES.index("specific")] > 0  # 92 %, 5 min, NIR-200
    assert float(f.vectors[rows["c1"]] @ f.vectors[rows["c2"]]) < SUPPORT[1]  # about different things
    scored, _ = f.score_pairs(a, b)
    assert scored[0] < f.model.score(fitted[None, :])[0]  # the coincidence counts less than in the fitted features
    assert scored[0] < f.model.threshold
    # Real overlaps are close enough that their agreeing figures count in full.
    for x, y in (("p1", "p2"), ("p4", "p5"), ("q1", "q2"), ("q4", "q5")):
        i, j = np.array([rows[x]]), np.array([rows[y]])
        assert np.allclose(f.score_pairs(i, j)[0], f.model.score(f.features(i, j)))
