"""What the organisation search matches against: names in every spelling people type.

Chinese names add their pinyin (full and initials), so "Guozi" or "gzjqr" finds 国自机器人.
Traditional characters and full-width letters are folded, so 機器人 finds 机器人.
Plain module, no Django.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.core import Pinyin
from zhconv import convert

_segmenter = Pinyin()


def fold(text: str) -> str:
    """NFKC (full-width → half-width), traditional → simplified, lower case."""
    return convert(unicodedata.normalize("NFKC", text or ""), "zh-hans").lower()


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@lru_cache(maxsize=200_000)
def _word_pinyin(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(lazy_pinyin([word], errors="ignore")),
            tuple(lazy_pinyin([word], style=Style.FIRST_LETTER, errors="ignore")))


def pinyin_forms(text: str) -> list[str]:
    if not _has_han(text):
        return []
    # pypinyin's own segmentation, then each word's pinyin from a cache: the same result as lazy_pinyin on
    # the whole text (names repeat their words: 有限公司, 科技, 苏州), several times faster on imports.
    syllables: list[str] = []
    initials: list[str] = []
    for word in _segmenter.seg(text):
        normal, first = _word_pinyin(word)
        syllables.extend(s for s in normal if s.strip())
        initials.extend(s[0] for s in first if s.strip())
    return ["".join(syllables), "".join(initials)]


def build(names: Iterable[str]) -> str:
    """One lower-case haystack: each name folded, plus pinyin forms of the Chinese ones."""
    parts: list[str] = []
    for name in names:
        folded = fold(name).strip()
        if not folded:
            continue
        parts.append(folded)
        if " " in folded:
            parts.append(folded.replace(" ", ""))
        parts.extend(pinyin_forms(folded))
    seen: dict[str, None] = dict.fromkeys(parts)
    return " | ".join(seen)


def query_terms(query: str) -> list[str]:
    """The terms that must all appear. Latin words are kept whole; spaces inside pinyin don't matter."""
    return [t for t in fold(query).split() if t]
