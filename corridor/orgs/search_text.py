"""What the organisation search matches against: names in every spelling people type.

Chinese names add their pinyin (full and initials), so "Guozi" or "gzjqr" finds 国自机器人.
Traditional characters and full-width letters are folded, so 機器人 finds 机器人.
Plain module, no Django.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pypinyin import Style, lazy_pinyin
from pypinyin.core import Pinyin
from zhconv import convert, zhconv

_segmenter = Pinyin()
_HAN = re.compile("[\u4e00-\u9fff]")
zhconv.getdict("zh-hans")
# Characters a traditional → simplified conversion can start at: text with none of them converts to itself,
# which is most text, and checking is far cheaper than converting.
_CONVERTIBLE = frozenset(prefix for prefix in zhconv.pfsdict["zh-hans"] if len(prefix) == 1)


def fold(text: str) -> str:
    """NFKC (full-width → half-width), traditional → simplified, lower case."""
    if not text or text.isascii():
        return (text or "").lower()
    text = unicodedata.normalize("NFKC", text)
    if not _CONVERTIBLE.isdisjoint(text):
        text = convert(text, "zh-hans")
    return text.lower()


def _has_han(text: str) -> bool:
    return _HAN.search(text) is not None


@lru_cache(maxsize=200_000)
def _word_forms(word: str) -> tuple[str, str]:
    """A word's pinyin and its initials, each joined."""
    normal = lazy_pinyin([word], errors="ignore")
    first = lazy_pinyin([word], style=Style.FIRST_LETTER, errors="ignore")
    return "".join(s for s in normal if s.strip()), "".join(s[0] for s in first if s.strip())


def pinyin_forms(text: str) -> list[str]:
    if not _has_han(text):
        return []
    # pypinyin's own segmentation, then each word's pinyin from a cache: the same result as lazy_pinyin on
    # the whole text (names repeat their words: 有限公司, 科技, 苏州), several times faster on imports.
    forms = [_word_forms(word) for word in _segmenter.seg(text)]
    return ["".join(f[0] for f in forms), "".join(f[1] for f in forms)]


def build(names: Iterable[str]) -> str:
    """One lower-case haystack: each name folded, plus pinyin forms of the Chinese ones.

    A name found inside a longer one adds nothing (a short name is usually part of the full name, and so
    are its pinyin forms): searches match substrings, and a shorter haystack is a smaller index.
    """
    parts: list[str] = []
    kept: list[str] = []
    folded_names = {f: None for f in (fold(name).strip() for name in names) if f}
    for folded in sorted(folded_names, key=len, reverse=True):
        if any(folded in longer for longer in kept):
            continue
        kept.append(folded)
        parts.append(folded)
        if " " in folded:
            parts.append(folded.replace(" ", ""))
        parts.extend(pinyin_forms(folded))
    seen: dict[str, None] = dict.fromkeys(parts)
    return " | ".join(seen)


def query_terms(query: str) -> list[str]:
    """The terms that must all appear. Latin words are kept whole; spaces inside pinyin don't matter."""
    return [t for t in fold(query).split() if t]
