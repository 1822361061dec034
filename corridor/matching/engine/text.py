"""Tokens for lexical evidence: jieba words for Chinese, whole model numbers and words for Latin text.

Model numbers such as "RV-40E" or "IATF16949" are kept whole (jieba would split them), and their
alphanumeric parts are added as well, so "RV40E" written without the hyphen still meets "RV-40E".
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba

from corridor.orgs.search_text import fold

jieba.setLogLevel(logging.WARNING)

_LATIN = re.compile(r"[a-z0-9]+(?:[\-./+][a-z0-9]+)*")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")

# Words that occur in nearly every listing carry no evidence; BM25's IDF would shrink them anyway,
# but dropping them keeps the "shared terms" of an explanation readable.
STOPWORDS = frozenset(
    """
    a an and are as at be by for from in into is it of on or our the to we with will can per our your
    need needs seek seeking looking offer offers provide provides providing require required supply
    的 了 和 与 及 或 等 在 为 对 有 是 我们 我司 公司 需要 需求 寻求 寻找 提供 可 可以 能 能够 一批 一家 进行 相关 用于 以及
    """.split()
)


@lru_cache(maxsize=1)
def _ready() -> bool:
    jieba.initialize()
    return True


def is_chinese(text: str) -> bool:
    """A text counts as Chinese when at least a fifth of its letters are Han characters."""
    han = len(_HAN.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return han > 0 and han * 5 >= latin


def language(text: str) -> str:
    return "zh" if is_chinese(text) else "en"


def _stem(word: str) -> str:
    # Plural "s" only: enough for "sensors"/"sensor", harmless for model numbers.
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss") and word.isalpha():
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Lower-case, folded tokens without stopwords, in order of appearance (repeats kept for BM25)."""
    _ready()
    folded = fold(text)
    out: list[str] = []
    for match in _LATIN.finditer(folded):
        word = match.group()
        out.append(_stem(word))
        parts = re.split(r"[\-./+]", word)
        if len(parts) > 1:
            out.append("".join(parts))
    for run in _HAN_RUN.findall(folded):
        out.extend(w for w in jieba.lcut(run) if w.strip())
    return [t for t in out if t not in STOPWORDS and (len(t) > 1 or _HAN.match(t))]


_SPECIFIC = re.compile(r"[A-Za-z0-9]+(?:[\-./+][A-Za-z0-9]+)*")


def specific_tokens(text: str) -> list[str]:
    """Model numbers, standards and acronyms: tokens with a digit or two capitals (RV-40E, SiC, AEC-Q101).

    These are written the same way in Chinese and English listings, so unlike ordinary words they are
    evidence across languages, and they tell a 20 kg robot from a 180 kg one.
    """
    import unicodedata

    out: list[str] = []
    for match in _SPECIFIC.finditer(unicodedata.normalize("NFKC", text or "")):
        word = match.group()
        if any(ch.isdigit() for ch in word) or sum(ch.isupper() for ch in word) >= 2:
            lowered = word.lower()
            out.append(lowered)
            parts = re.split(r"[\-./+]", lowered)
            if len(parts) > 1:
                out.append("".join(parts))
    return out
