"""Chinese and English names of one university or institute (合肥工业大学 / Hefei University of Technology).

Plain module. An institution's name is its place, a few words that say what it teaches or studies, and
its kind; the words are few and translated the same way from one institution to the next (工业大学 is a
University of Technology, 师范大学 a Normal University, 科学院 an Academy of Sciences). Both names are
reduced to (place, kind, the ids of those words); they are one institution when all three are equal and
every word was understood. A name with a word outside this vocabulary is left to the other rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corridor.resolution.lexicon import Place, place_words

# (id, Chinese words, English phrases); pinyin the English names keep (Jiao Tong, Dianzi) included.
WORDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("china", ("中国", "中华"), ("china", "chinese")),
    ("scitech", ("科学技术", "科技"), ("science and technology",)),
    ("tech", ("理工", "工业", "技术"), ("technology",)),
    ("engsci", ("工程技术",), ("engineering science",)),
    ("engineering", ("工程",), ("engineering",)),
    ("normal", ("师范",), ("normal",)),
    ("transport", ("交通",), ("jiao tong", "jiaotong", "transportation")),
    ("electronic", ("电子",), ("electronic", "dianzi")),
    ("medical", ("医科", "医学"), ("medical", "medicine")),
    ("tcm", ("中医药", "中医"), ("chinese medicine", "traditional chinese medicine")),
    ("agri", ("农业",), ("agricultural", "agriculture")),
    ("forestry", ("林业",), ("forestry",)),
    ("maritime", ("海事",), ("maritime",)),
    ("ocean", ("海洋",), ("ocean",)),
    ("fin_econ", ("财经",), ("finance and economics",)),
    ("economics", ("经济",), ("economics",)),
    ("foreign", ("外国语",), ("foreign studies", "international studies")),
    ("aero", ("航空航天",), ("aeronautics and astronautics",)),
    ("aeronautics", ("航空",), ("aeronautics", "aeronautical")),
    ("posts", ("邮电",), ("posts and telecommunications",)),
    ("petroleum", ("石油",), ("petroleum",)),
    ("mining", ("矿业",), ("mining",)),
    ("chemtech", ("化工",), ("chemical technology",)),
    ("architecture", ("建筑",), ("architecture",)),
    ("law", ("政法",), ("political science and law",)),
    ("media", ("传媒",), ("communication",)),
    ("sport", ("体育",), ("sport",)),
    ("arts", ("艺术",), ("arts",)),
    ("physical", ("物质科学",), ("physical science",)),
    ("organic", ("有机化学",), ("organic chemistry",)),
    ("sciences", ("科学",), ("sciences", "science")),
    ("information", ("信息",), ("information",)),
)
KINDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("university", ("大学",), ("university",)),
    ("college", ("学院",), ("college",)),
    ("academy", ("科学院",), ("academy of sciences",)),
    ("institute", ("研究院", "研究所"), ("institute", "institutes", "research institute")),
    ("laboratory", ("实验室",), ("laboratory", "laboratories")),
)
_STOP = {"of", "the", "for", "and", "at", "in"}
_PARENTS_EN = ("of the chinese academy of sciences", "of chinese academy of sciences", "chinese academy of sciences",
               "cas")


@lru_cache(maxsize=1)
def _tables() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
    zh_words = sorted(((w, i) for i, zh, _en in WORDS for w in zh), key=lambda p: -len(p[0]))
    en_words = sorted(((w, i) for i, _zh, en in WORDS for w in en), key=lambda p: -len(p[0]))
    zh_kinds = sorted(((w, k) for k, zh, _en in KINDS for w in zh), key=lambda p: -len(p[0]))
    en_kinds = sorted(((w, k) for k, _zh, en in KINDS for w in en), key=lambda p: -len(p[0]))
    return zh_words, en_words, zh_kinds, en_kinds


Signature = tuple[Place | None, str, frozenset[str]]


@lru_cache(maxsize=100_000)
def signature_zh(name: str) -> Signature | None:
    """(place, kind, words) of a Chinese institution name, or None when a part is not understood."""
    zh_words, _en, zh_kinds, _ek = _tables()
    from corridor.resolution.names import without_parent

    text = without_parent(re.sub(r"[\s()（）,，、]", "", name))
    kind = next((k for w, k in zh_kinds if text.endswith(w)), None)
    if kind is None:
        return None
    text = text[: -len(next(w for w, k in zh_kinds if text.endswith(w) and k == kind))]
    places, _latin = place_words()
    place: Place | None = None
    ids: set[str] = set()
    i = 0
    while i < len(text):
        for size in range(min(7, len(text) - i), 1, -1):
            piece = text[i : i + size]
            if piece in places and (place is None or not place.conflicts(places[piece].place)):
                found = places[piece].place
                place = Place(place.province if place else found.province, found.city or (place.city if place else None))
                i += size
                break
        else:
            word = next(((w, wid) for w, wid in zh_words if text.startswith(w, i)), None)
            if word is None:
                return None
            ids.add(word[1])
            i += len(word[0])
    return place, kind, frozenset(ids)


@lru_cache(maxsize=100_000)
def signature_en(name: str) -> Signature | None:
    """(place, kind, words) of an English institution name, or None when a part is not understood."""
    _zw, en_words, _zk, en_kinds = _tables()
    _zh, places = place_words()
    text = " " + re.sub(r"[^a-z]+", " ", name.lower()).strip() + " "
    for parent in _PARENTS_EN:  # "…, CAS": the academy the institute belongs to, not part of its name
        rest = text.replace(f" {parent} ", " ")
        if rest != text and any(f" {w} " in rest for w, _k in en_kinds):
            text = rest
            break
    kind = None
    for w, k in en_kinds:
        if f" {w} " in text:
            kind = k
            text = text.replace(f" {w} ", " ", 1)
            break
    if kind is None:
        return None
    for w, wid in en_words:  # phrases first (longest first), as ids
        text = text.replace(f" {w} ", f" #{wid} ")
    place: Place | None = None
    ids: set[str] = set()
    for token in text.split():
        if token.startswith("#"):
            ids.add(token[1:])
        elif token in _STOP:
            continue
        elif token in places:
            found = places[token].place
            if place is not None and place.conflicts(found):
                return None
            place = Place(place.province if place else found.province, found.city or (place.city if place else None))
        else:
            return None
    return place, kind, frozenset(ids)


def same_institution(zh_name: str, en_name: str) -> bool:
    a, b = signature_zh(zh_name), signature_en(en_name)
    if a is None or b is None:
        return False
    place_a, kind_a, ids_a = a
    place_b, kind_b, ids_b = b
    if kind_a != kind_b or ids_a != ids_b:
        return False
    if place_a is None or place_b is None:
        return place_a is place_b
    return not place_a.conflicts(place_b) and (place_a.city or place_a.province) == (place_b.city or place_b.province)


_ACRONYM = re.compile(r"^[a-z]{3,6}$")


def acronym_of(name: str) -> str | None:
    """The name itself when it is an acronym (USTC, SJTU): one word of three to six letters."""
    token = re.sub(r"[^a-z]", "", name.lower()) if len(name.split()) == 1 else ""
    return token if _ACRONYM.match(token) else None


@lru_cache(maxsize=100_000)
def acronyms(name: str) -> frozenset[str]:
    """The acronyms an English institution name is known by: first letters of its words (of, and, for
    left out), a pinyin place word giving one letter or one per syllable (Hefei: H or HF)."""
    from corridor.resolution.lexicon import is_pinyin, pinyin_syllables

    words = [w for w in re.sub(r"[^a-z]+", " ", name.lower()).split() if w not in _STOP]
    if len(words) < 2 or len(words) > 8:
        return frozenset()
    syllables = pinyin_syllables()
    options: list[tuple[str, ...]] = []
    _zh, places = place_words()
    for w in words:
        letters = {w[0]}
        if w in places and is_pinyin(w):
            split = _syllables(w, syllables)
            if split:
                letters.add("".join(s[0] for s in split))
        options.append(tuple(letters))
    out = {""}
    for choice in options:
        out = {a + c for a in out for c in choice}
    return frozenset(a for a in out if 3 <= len(a) <= 6)


def _syllables(word: str, syllables: frozenset[str]) -> list[str] | None:
    for cut in range(len(word) - 1, 0, -1):  # longest first syllable: hefei → he fei
        head, tail = word[:cut], word[cut:]
        if head in syllables and tail in syllables:
            return [head, tail]
    return None
