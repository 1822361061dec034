"""Pairwise forms of matching's lexical and figure evidence (used by the R&D overlap engine over many pairs)."""

from __future__ import annotations

import numpy as np

from corridor.matching.engine import numbers
from corridor.matching.engine.lexical import BM25
from corridor.matching.engine.text import tokens

DOCS = [
    "RV减速器加速寿命试验台，回差0.1弧分", "Accelerated life test rig for RV reducers", "碳化硅MOSFET栅极驱动芯片",
    "SiC gate driver for 1200 V MOSFETs", "RV reducer tooth profile design", "CAR-T细胞自动化生产", "", "锂电池回收",
]


def test_score_pairs_equals_one_query_at_a_time_and_skips_nothing_after_a_removal() -> None:
    index = BM25()
    index.add_many([tokens(d) for d in DOCS])
    index.remove(7)
    rng = np.random.default_rng(3)
    queries, docs = rng.integers(0, 7, 200), rng.integers(0, 7, 200)
    expected = [index.score_rows(index.tokens(int(q)), np.array([int(d)]))[0] for q, d in zip(queries, docs, strict=True)]
    assert np.allclose(index.score_pairs(queries, docs), expected)
    against_all = index.score_pairs(np.full(7, 1), np.arange(7))
    assert int(np.argmax(against_all)) == 1 and against_all[4] > 0 and against_all[2] == 0
    assert index.score_pairs(np.array([6]), np.array([1]))[0] == 0.0  # the empty text shares nothing


def test_agree_is_figure_agrees_elementwise() -> None:
    figures = [numbers.Figure(1, 1), numbers.Figure(1.01, 1.01), numbers.Figure(2, 6), numbers.Figure(3, 3),
               numbers.Figure(10000, 10000), numbers.Figure(0, 0), numbers.Figure(5, 8)]
    pairs = [(x, y) for x in figures for y in figures]
    got = numbers.agree(np.array([x.low for x, _ in pairs]), np.array([x.high for x, _ in pairs]),
                        np.array([y.low for _, y in pairs]), np.array([y.high for _, y in pairs]))
    assert got.tolist() == [x.agrees(y) for x, y in pairs]
