"""The plain modules: clause splitting, the clause-by-clause diff, ballot arithmetic."""

from __future__ import annotations

from fractions import Fraction

import pytest

from corridor.standards.ballots import tally
from corridor.standards.clauses import diff_texts, inline_diff, split_clauses
from corridor.standards.models import publication_number


def test_clauses_are_split_at_numbered_lines():
    clauses = split_clauses("前言\n本文件起草。\n1 范围\n适用于关节模组。\n4.2　重复定位精度±0.02 mm\n第二段\nA.1 附录条款\n4.2 再次出现\n")
    assert [c.number for c in clauses] == ["0", "1", "4.2", "A.1", "4.2 (2)"]
    assert clauses[1].text == "范围\n适用于关节模组。"  # the heading is the first line of its clause
    assert clauses[2].text == "重复定位精度±0.02 mm\n第二段"


def test_numbers_inside_text_are_not_clauses():
    assert [c.number for c in split_clauses("1 范围\n2024年发布\n12642 号标准")] == ["1"]
    # "2024年发布" starts with digits but no separator follows: it continues clause 1.


def test_diff_marks_changed_added_removed_in_new_order():
    rows = diff_texts("1 范围\n甲\n2 要求\n乙\n3 方法\n丙\n", "1 范围\n甲\n2 要求\n乙改\n2.1 新增\n丁\n")
    assert [(r.number, r.change) for r in rows] == [("1", "same"), ("2", "changed"), ("2.1", "added"), ("3", "removed")]
    assert rows[1].html == "要求\n乙<ins>改</ins>"
    assert rows[3].html == "<del>方法\n丙</del>"


def test_inline_diff_escapes_and_keeps_words_whole():
    assert inline_diff("torque <b>10</b> Nm", "torque <b>12</b> Nm") == "torque &lt;b&gt;<del>10</del><ins>12</ins>&lt;/b&gt; Nm"


def test_ballot_excludes_drafters_and_abstentions():
    seats = [(1, 10), (2, 20), (3, 30), (4, 40), (5, None)]
    count = tally({1: "yes", 2: "yes_comments", 3: "no", 4: "yes", 5: "abstain"}, seats, excluded_orgs=[40])
    assert (count.eligible, count.yes, count.yes_comments, count.no, count.abstain, count.not_voted) == (4, 1, 1, 1, 1, 0)
    assert count.voting == 3 and not count.passes  # 2 of 3 < 3/4
    assert tally({1: "yes", 2: "yes", 3: "yes", 4: "no"}, seats).passes  # exactly 3/4
    assert not tally({1: "yes", 2: "yes", 3: "no"}, seats).passes
    assert tally({1: "yes", 2: "yes", 3: "no"}, seats, share="0.66").passes
    assert not tally({5: "abstain"}, seats).passes  # nobody voting: no decision
    assert tally({}, seats).not_voted == 5


def test_share_must_be_a_fraction_of_one():
    with pytest.raises(ValueError):
        tally({}, [], share=Fraction(3, 2))


def test_publication_number_format():
    assert publication_number("G60JQR", 7, 2025) == "T/G60JQR 007—2025"
