"""English brands coined from the sound of a Chinese trade name (立讯 / Luxshare, 万孚 / Wondfo, 路通 /
Lootom, 美联 / Malion). Plain module.

A second pass, after the clustering, like `translated`: an English name whose cluster holds no Chinese
name is compared with the Chinese trade names whose cluster holds no latin name. Both are folded to a
coarse sound skeleton (consonant classes, vowels as one mark: 万孚 wanfu and Wondfo both become
`WVNFV`-like strings); records meet only when their skeletons start with the same two consonant classes,
and a pair counts only when the skeletons are close, nothing in the names disagrees (place, kind,
industries), and the best Chinese candidate clearly stands out from the next one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby

from rapidfuzz.distance import Levenshtein

from corridor.resolution.names import ParsedName
from corridor.resolution.records import Evidence, Prepared, _compatible_concepts

CLOSE = 0.85  # normalised similarity of the two skeletons
MARGIN = 0.15  # over the next candidate of another cluster
MAX_CANDIDATES = 40  # more Chinese names in one block and a sound alone cannot pick one
TRANSLITERATED = 0.78

_VOWELS = "aeiouy"
# Pinyin: the initials and the nasal finals; the affricates and sibilants are one class.
_PINYIN = [
    ("zh", "S"),
    ("ch", "S"),
    ("sh", "S"),
    ("ng", "N"),
    ("j", "S"),
    ("q", "S"),
    ("x", "S"),
    ("z", "S"),
    ("c", "S"),
    ("s", "S"),
    ("g", "K"),
    ("k", "K"),
    ("h", "H"),
]
# English spelling of the same sounds (Gifore 吉峰, Echom 毅昌, Luxshare 立讯).
_ENGLISH = [
    ("sch", "S"),
    ("ch", "S"),
    ("sh", "S"),
    ("ph", "F"),
    ("th", "D"),
    ("ck", "K"),
    ("ng", "N"),
    ("gh", "K"),
    ("x", "S"),
    ("j", "S"),
    ("z", "S"),
    ("s", "S"),
    ("q", "K"),
    ("k", "K"),
    ("h", "H"),
]
_COMMON = {"b": "B", "p": "B", "d": "D", "t": "D", "f": "F", "v": "F", "w": "W", "l": "L", "r": "L", "m": "M", "n": "N"}


_SINGLE = {**dict.fromkeys(_VOWELS, "V"), **_COMMON, "g": "K", "c": "K"}


def _tokens(table: list[tuple[str, str]]) -> re.Pattern[str]:
    """The table's letter groups in its order of preference, else one letter: one regex pass per name
    instead of a test of every group at every letter (a million names' sounds are folded)."""
    return re.compile("|".join(re.escape(src) for src, _dst in table) + "|.", re.S)


_PINYIN_TOKENS, _ENGLISH_TOKENS = _tokens(_PINYIN), _tokens(_ENGLISH)
_PINYIN_MARKS, _ENGLISH_MARKS = dict(_PINYIN), dict(_ENGLISH)


def _fold(text: str, english: bool) -> str:
    marks = _ENGLISH_MARKS if english else _PINYIN_MARKS
    out: list[str] = []
    for found in (_ENGLISH_TOKENS if english else _PINYIN_TOKENS).finditer(text):
        token = found.group()
        mark = marks.get(token)
        if mark is None:
            if english and token in ("c", "g"):
                end = found.end()
                mark = "S" if end < len(text) and text[end] in "eiy" else "K"  # soft before e, i, y
            else:
                mark = _SINGLE.get(token)
        if mark:
            out.append(mark)
    folded = "".join(mark for mark, _run in groupby(out)).replace("NK", "N")  # henggong / Hengong
    if english and folded.endswith("V") and text.endswith("e"):
        folded = folded[:-1]  # a silent final e (Eastone)
    return folded


@lru_cache(maxsize=200_000)  # trade names repeat across a million rows; their sounds need folding once
def skeleton_pinyin(key: str) -> str:
    return _fold(key, english=False)


@lru_cache(maxsize=200_000)
def skeleton_english(word: str) -> str:
    return _fold(re.sub(r"[^a-z]", "", word.lower()), english=True)


def _block(skeleton: str) -> str | None:
    consonants = skeleton.replace("V", "")
    return consonants[:2] if len(consonants) >= 2 else None


def similar(a: str, b: str) -> float:
    return float(Levenshtein.normalized_similarity(a, b))


def _fits(zh: ParsedName, la: ParsedName, zh_item: Prepared, la_item: Prepared) -> bool:
    zh_place, la_place = zh.place or zh_item.address_place, la.place or la_item.address_place
    if zh_place is not None and la_place is not None and zh_place.conflicts(la_place):
        return False
    if zh.kind != la.kind and None not in (zh.kind, la.kind) and {zh.kind, la.kind} != {"company", "branch"}:
        return False
    return _compatible_concepts(zh.concepts, la.concepts, across_languages=True)


def _contexts(p: ParsedName, item: Prepared) -> list[str]:
    """What a sound must share besides itself: an industry, or the city."""
    place = p.place or item.address_place
    city = place.city if place is not None else None
    return [f"c:{c}" for c in p.concepts] + ([f"p:{city}"] if city else [])


def transliterated_pairs(prepared: Sequence[Prepared], roots: Sequence[int]) -> list[tuple[int, int, Evidence]]:
    scripts: dict[int, set[str]] = {}
    for idx, item in enumerate(prepared):
        scripts.setdefault(roots[idx], set()).update(p.script for p in item.parses)
    index: dict[tuple[str, str], list[tuple[int, str, ParsedName]]] = {}
    spelled: set[str] = set()
    for idx, item in enumerate(prepared):
        if "latin" in scripts[roots[idx]] or item.institution:
            continue
        for p in item.parses:
            if p.script not in ("zh", "part") or len(p.trade) < 2 or len(p.trade) > 4 or p.key.startswith("#"):
                continue
            spelled.update((p.key, *p.readings))
            for reading in (p.key, *p.readings):
                if not reading.isalpha() or len(reading) <= len(p.trade):  # not the initials (ypl)
                    continue
                sk = skeleton_pinyin(reading)
                block = _block(sk)
                if block:
                    for context in _contexts(p, item):
                        index.setdefault((block, context), []).append((idx, sk, p))
    out: list[tuple[int, int, Evidence]] = []
    for idx, item in enumerate(prepared):
        if "zh" in scripts[roots[idx]] or item.institution:
            continue
        for la in item.parses:
            if la.script != "latin" or not la.head or la.key.startswith("#"):
                continue
            word = la.trade if la.trade.isalpha() else re.sub(r"[^a-z]", "", la.head.split()[0].lower())
            if len(word) < 4 or word in spelled:
                continue  # the pinyin of a Chinese name here: the rules compared them already
            sk = skeleton_english(word)
            if len(sk) < 4 or (len(sk) == 4 and sk[0] == "V"):
                continue  # too short a sound to tell one name from another
            close = CLOSE if len(sk) >= 5 else 1.0  # four marks (Bojay 博杰): all of them
            block = _block(sk)
            if not block:
                continue
            found = []
            for context in _contexts(la, item):
                some = index.get((block, context), [])
                if len(some) <= MAX_CANDIDATES:
                    found.extend(some)
            if not found:
                continue
            best: dict[int, tuple[float, int]] = {}  # cluster → best score, its record
            for other, other_sk, zh in found:
                if not _fits(zh, la, prepared[other], item):
                    continue
                score = similar(sk, other_sk)
                if score > best.get(roots[other], (-1.0, 0))[0]:
                    best[roots[other]] = (score, other)
            ranked = sorted(best.values(), reverse=True)
            if not ranked:
                continue
            top, other = ranked[0]
            runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
            if top >= close and top - runner_up >= MARGIN:
                out.append((min(idx, other), max(idx, other), Evidence(TRANSLITERATED, "transliterated")))
                break
    return out
