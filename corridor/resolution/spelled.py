"""Chinese names written out in full pinyin (Jiaxing Kaina Gaofenzi Cailiao Youxian Gongsi). Plain module.

Registries, customs forms and foreign partners often spell a Chinese name syllable by syllable, place,
industry words and legal form included. Such a name is the Chinese one letter for letter: its pinyin says
more than a shared trade name (宇诚新材料股份有限公司 and 宇成新材料有限公司 sound alike; only the first is
"... Gufen Youxian Gongsi"). The comparison is of whole names, so two companies of one trade name in one
city (凯纳新材料科技 / 凯纳高分子材料) are told apart by the words after it.
"""

from __future__ import annotations

from corridor.resolution.lexicon import is_pinyin, lexicon, pinyin_key
from corridor.resolution.names import ParsedName

# Legal forms as they end a name run together, longest first: English ones too, so "Jiaxing Kaina
# Gaofenzi Cailiao Co., Ltd." is the pinyin of 嘉兴凯纳高分子材料有限公司 once both lose theirs.
_LEGAL_ENDINGS = tuple(sorted(
    {"gufenyouxiangongsi", "youxianzerengongsi", "youxiangongsi", "gufengongsi", "gongsi", "coltd", "colimited",
     "companylimited", "limitedcompany", "limited", "ltd", "company", "co", "corporation", "corp", "incorporated",
     "inc", "llc"}, key=len, reverse=True))

SPELLED = 0.97  # the whole name, legal form included: as strong as an identical name
SPELLED_BUT_LEGAL = 0.95  # the name without its legal form (宇诚新材料 of 股份有限公司 or of 有限公司)


def _without_legal(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for ending in _LEGAL_ENDINGS:
            if text.endswith(ending) and len(text) - len(ending) >= 6:
                text = text[: -len(ending)]
                changed = True
                break
    return text


def spelled_out(p: ParsedName, q: ParsedName) -> float:
    """How strongly a latin name is the Chinese name spelled in pinyin: SPELLED, SPELLED_BUT_LEGAL or 0."""
    zh, la = (p, q) if q.script == "latin" else (q, p)
    if zh.script != "zh" or la.script != "latin" or (la.key != zh.key and la.key not in zh.readings):
        return 0.0
    if not la.rest or not all(is_pinyin(w) for w in la.rest.split()):
        return 0.0  # the words after the trade name are English (or none): a translation, compared elsewhere
    spelled = pinyin_key(zh.exact)
    if spelled == la.exact:
        return SPELLED
    if _without_legal(spelled) == _without_legal(la.exact):
        return SPELLED_BUT_LEGAL
    return 0.0


def same_rest(p: ParsedName, q: ParsedName, rest_p: str, rest_q: str) -> bool:
    """Do two latin names of one trade name say the same after it? "Xincailiao" is 新材料 in pinyin and
    "New Material" in English: when one spells its industry words in pinyin and the other translates
    them, their concepts (equal by the time this is asked) are all there is to compare."""
    if rest_p == rest_q:
        return True
    if p.script != "latin" or q.script != "latin":
        return False
    return _spelled_in_pinyin(rest_p) != _spelled_in_pinyin(rest_q)


def _spelled_in_pinyin(rest: str) -> bool:
    pinyin_words = lexicon().pinyin_only
    words = rest.split()
    return bool(words) and all(w in pinyin_words or (is_pinyin(w) and len(w) >= 4) for w in words)

