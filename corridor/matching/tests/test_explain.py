"""Suggestions are explained in words of the page's language, shared concepts in both languages."""

from __future__ import annotations

import re

from django.utils import translation

from corridor.matching import explain
from corridor.matching.engine.matcher import Explanation


def _explanation(**changes: object) -> Explanation:
    values: dict = dict(semantic=0.71, lexical=0.0, specific=0.0, concept=0.59, figures=1.0, category=-1.0, chain=None,
                        region=1.0, contributions={}, shared_terms=["减速器", "reducer", "协作", "collaborative robot"],
                        shared_regions=["330100"])
    values.update(changes)
    return Explanation(**values)


def test_reasons_in_chinese_name_shared_concepts_in_both_languages_and_show_no_figures() -> None:
    with translation.override("zh-hans"):
        text = explain.sentence(explain.reasons(_explanation(), ["精密减速器"], [], "技术", "产品或零部件"))
        assert explain.strength(0.9) == "高度匹配"
    assert "内容非常接近" in text and "减速器 (reducer)" in text and "协作机器人 (collaborative robot)" in text
    assert text.count("减速器 (reducer)") == 1  # the word and its concept are one term
    assert "类别不同" in text and "同属产业链环节：精密减速器" in text
    assert not re.search(r"\d\.\d", text)  # no raw scores
    assert not re.search(r"\b(?!reducer|collaborative|robot)[a-z]{3,}\b", text), text


def test_reasons_in_english() -> None:
    with translation.override("en"):
        text = explain.sentence(explain.reasons(_explanation(category=0.5), [], [], "technology", "joint R&D"))
    assert text.startswith("very close in meaning; both mention reducer (减速器)")
    assert "a related category (joint R&D)" in text and not re.search(r"\d\.\d", text)
