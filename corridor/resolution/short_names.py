"""Candidate pairs for short names: drawn from a full name (福瑞医科), or a two-character trade name that
only one organisation in the records has (良信股份). Blocking for the abbreviation rule in `compare`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from corridor.resolution.abbrev import TAIL_FROM
from corridor.resolution.lexicon import ABROAD, GENERIC, lexicon
from corridor.resolution.names import fold
from corridor.resolution.records import ORGANISATIONAL, Evidence, Prepared

INSTITUTIONS = ("institute", "university", "association", "government")


def unique_trade_pairs(prepared: Sequence[Prepared]) -> list[tuple[int, int, Evidence]]:
    """良信股份 and 上海良信电器: a two-character short name and the one full name with that trade name.

    Two characters alone never decide (华西股份 could be 华西证券 or 江苏华西村), but when the records
    hold exactly one organisation with that trade name (one industry signature among its full names), the
    short name most likely means it. The same for a registered English name spelling that trade name in
    pinyin (Zhejiang Lanyu Digital Technology and 蓝宇股份) when it is the only one with that spelling and
    no other Chinese name has it. Weaker evidence than a shared longer name."""
    signatures: dict[str, set[tuple[frozenset[str], frozenset[str]]]] = {}  # zh trade → signatures
    by_sound: dict[str, set[str]] = {}  # pinyin key → zh trades of full names
    fulls: dict[str, list[int]] = {}
    latin: dict[str, set[tuple[frozenset[str], frozenset[str]]]] = {}
    latin_fulls: dict[str, list[int]] = {}
    shorts: dict[str, list[int]] = {}
    for idx, item in enumerate(prepared):
        for p in item.parses:
            if p.script == "latin" and p.kind == "company" and not p.key.startswith("#"):
                latin.setdefault(p.key, set()).add((p.concepts, p.extras))
                latin_fulls.setdefault(p.key, []).append(idx)
            if p.script != "zh" or len(p.trade) != 2:
                continue
            # 因赛集团 says "group" only: a short name still, like 良信股份
            short = p.kind is None and not (p.concepts - ORGANISATIONAL) and not p.extras and p.core in (
                p.trade, *(p.trade + s for s in _SHORT_SUFFIXES))
            if short:
                # 良信股份, 吉峰科技, and with its place 宁波华翔: the trade name and nothing that says more
                shorts.setdefault(p.trade, []).append(idx)
            elif p.kind == "company" or p.place is not None:
                signatures.setdefault(p.trade, set()).add((p.concepts, p.extras))
                by_sound.setdefault(p.key, set()).add(p.trade)
                fulls.setdefault(p.trade, []).append(idx)
    out: list[tuple[int, int, Evidence]] = []
    for trade, members in shorts.items():
        partners: set[int] = set()
        if len(signatures.get(trade, ())) == 1:
            partners.update(fulls[trade])
        key = prepared[members[0]].parses[0].key if prepared[members[0]].parses else ""
        same_sound = by_sound.get(key, set())
        if len(latin.get(key, ())) == 1 and same_sound <= {trade} and len(signatures.get(trade, ())) <= 1:
            english = next(iter(latin[key]))
            chinese = next(iter(signatures.get(trade, {(english[0], frozenset())})))
            if not english[0] or not chinese[0] or english[0] & chinese[0]:
                partners.update(latin_fulls[key])
        for i in members:
            for j in partners:
                if (i != j and not (prepared[i].uscc and prepared[j].uscc) and not _places_conflict(prepared[i], prepared[j])
                        and _word_in_full(prepared[i], prepared[j], trade)):
                    out.append((min(i, j), max(i, j), Evidence(UNIQUE_TRADE, "unique-trade")))
    out.extend(_english_saying_only_company(prepared))
    return out


def _english_saying_only_company(prepared: Sequence[Prepared]) -> list[tuple[int, int, Evidence]]:
    """Beijing Hanbang Technology and 北京汉邦高科数字技术: an English name that says nothing after its trade
    name but "a company" (technology, group), and the one Chinese organisation of that two-character trade
    name in its city. `compare` keeps them apart (two characters are not a name); the city and there being
    one such organisation are what is added here: with two (广州珠江啤酒 and 广州珠江钢琴) it joins neither."""
    wanted: dict[tuple[str, str], list[int]] = {}  # (trade name in pinyin, city) → such English names
    for idx, item in enumerate(prepared):
        for p in item.parses:
            place = p.place or item.address_place
            if (p.script == "latin" and p.kind == "company" and not p.extras and not p.concepts - ORGANISATIONAL
                    and not p.key.startswith("#") and place is not None and place != ABROAD):
                wanted.setdefault((p.key, place.city or place.province or ""), []).append(idx)
    if not wanted:
        return []
    signatures: dict[tuple[str, str], set[tuple[str, frozenset[str], frozenset[str]]]] = {}
    chinese: dict[tuple[str, str], list[int]] = {}
    for idx, item in enumerate(prepared):
        for p in item.parses:
            place = p.place or item.address_place
            if p.script != "zh" or len(p.trade) != 2 or place is None:
                continue
            for key in dict.fromkeys((p.key, *p.readings)):
                at = (key, place.city or place.province or "")
                if at in wanted:
                    if p.kind is not None or p.concepts - ORGANISATIONAL or p.extras:  # 北京汉邦 says no more
                        signatures.setdefault(at, set()).add((p.trade, p.concepts, p.extras))
                    chinese.setdefault(at, []).append(idx)
    out: list[tuple[int, int, Evidence]] = []
    for at, names in wanted.items():
        if len(signatures.get(at, ())) != 1:
            continue  # none, or two organisations (or two spellings) of that trade name in the city
        for i in names:
            for j in chinese[at]:
                if i != j and not (prepared[i].uscc and prepared[j].uscc):
                    out.append((min(i, j), max(i, j), Evidence(UNIQUE_TRADE, "unique-trade")))
    return out


UNIQUE_TRADE = 0.75
_SHORT_SUFFIXES = ("股份", "集团", "控股", "科技", "技术", "实业", "发展")  # words that say only "a company"


def _word_in_full(short: Prepared, full: Prepared, trade: str) -> bool:
    """吉峰科技 may be 吉峰三农科技服务 (科技 is in it), not 吉峰科工: a word other than 股份 / 集团 / 控股
    after the trade name must be in the full name too."""
    words = {p.core[len(trade):] for p in short.parses if p.script == "zh" and p.core.startswith(trade)}
    words -= {"", "股份", "集团", "控股"}
    if not any(p.script == "zh" for p in full.parses):
        # An English full name: the word must be there in translation (绿通科技 / Lvtong … Technology,
        # 双汇发展 / Shuanghui … Development), as one of the lexicon's words for its concept.
        return all(_translated_in(w, full) for w in words)
    return all(any(w in p.core for p in full.parses if p.script == "zh") for w in words)


def _translated_in(word: str, full: Prepared) -> bool:
    lex = lexicon()
    concept = lex.concepts_zh.get(word)
    if concept is None:
        return False
    if concept != GENERIC:
        return any(concept in p.concepts for p in full.parses)
    # 科技, 发展, 实业 are one concept that says "a company": any word of it will do
    names = (full.record.name, *full.record.other_names)
    return any(lex.concepts_latin.get(t) == GENERIC for name in names for t in re.findall(r"[a-z]+", fold(name)))


def _places_conflict(a: Prepared, b: Prepared) -> bool:
    for p in a.parses:
        for q in b.parses:
            if p.place is not None and q.place is not None and p.place.conflicts(q.place):
                return True
    return False
SHORT_BLOCK = 200  # short names sharing their first two characters: more than this and the block is noise
_INSTITUTION_ENDINGS = frozenset("大院所校")


def abbreviation_candidates(prepared: Sequence[Prepared]) -> Iterable[tuple[int, int]]:
    """Short names against the full names they may be drawn from: same first character(s), short × full only.

    A company's short name meets a full name only when its third character is in the rest of the full
    name too (福瑞医科: 医 in 福瑞医疗科技): a cheap test that keeps blocks of common first characters small."""
    shorts: dict[str, list[tuple[int, str]]] = {}
    fulls: list[tuple[int, str, str]] = []
    for idx, item in enumerate(prepared):
        for p in item.parses:
            if p.script != "zh" or len(p.core) < 2:
                continue
            if p.kind is None and len(p.core) <= 8:
                if len(p.core) >= 3:
                    shorts.setdefault("c" + p.core[:2], []).append((idx, p.core))
                if len(p.core) <= 4 and p.core[-1] in _INSTITUTION_ENDINGS:
                    shorts.setdefault("i" + p.core[0], []).append((idx, ""))
            if len(p.exact) in (2, 3) and (p.kind is None or p.kind in INSTITUTIONS):
                # 杭电, 上理工: the place's first character and the rest's (drawn._place_initial_institution)
                shorts.setdefault("i" + p.exact[0], []).append((idx, ""))
            if len(p.core) >= 4:
                fulls.append((idx, "c" + p.core[:2], p.core))
                if p.kind not in INSTITUTIONS and (p.kind is not None or len(p.core) >= 6):
                    # 泰弘轴承 meets 宁国泰弘轴承: a short name drawn from the rest (abbrev.drawn_from_tail)
                    fulls.extend((idx, "c" + p.core[k : k + 2], p.core[k:]) for k in TAIL_FROM if len(p.core) - k >= 3)
                if p.place is not None and p.exact[0] != p.core[0]:
                    # 哈三联 meets 哈尔滨三联药业: the place's first character, then the rest's
                    fulls.append((idx, "c" + p.exact[0] + p.core[0], p.exact[0] + p.core))
            if p.kind in INSTITUTIONS:
                fulls.extend((idx, "i" + text[0], "") for text in {p.core, p.exact})
    for idx, key, full in fulls:
        found = shorts.get(key)
        if not found or len(found) > SHORT_BLOCK:
            continue
        for other, short in found:
            if other != idx and (not short or not full or short[2] in full[2:]):
                yield idx, other


def part_candidates(prepared: Sequence[Prepared]) -> Iterable[tuple[int, int]]:
    """English names against the Chinese trade names cut short (国华网安 → guohua) that spell like them."""
    latin: dict[str, list[int]] = {}
    for idx, item in enumerate(prepared):
        for p in item.parses:
            if p.script == "latin":
                latin.setdefault(p.key, []).append(idx)
    for idx, item in enumerate(prepared):
        for p in item.parses:
            if p.script == "part":
                for key in (p.key, *p.readings):
                    found = latin.get(key, ())
                    if len(found) <= SHORT_BLOCK:
                        yield from ((idx, other) for other in found if other != idx)
