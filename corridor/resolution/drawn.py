"""Chinese names drawn from other Chinese names: a stock short name from the full name, an institution's
abbreviation, a short name that leaves out the first words. Plain module, no Django; the string rules are
in `abbrev`, here they are applied to parsed names (which is the short one, which the full one)."""

from __future__ import annotations

from corridor.resolution.abbrev import abbreviates, drawn_from_tail, draws_on
from corridor.resolution.lexicon import place_words
from corridor.resolution.names import ParsedName
from corridor.resolution.short_names import INSTITUTIONS


def drawn_from_the_start(p: ParsedName, q: ParsedName) -> bool:
    """One Chinese name is a short name drawn from the other (福瑞医科 ← 福瑞医疗科技, 北大 ← 北京大学)."""
    if p.script != "zh" or q.script != "zh" or not p.core or not q.core:
        return False
    for short, full in ((p, q), (q, p)):
        if len(short.core) >= len(full.core) + (2 if full.kind in INSTITUTIONS else 0):
            continue
        if short.kind is not None and not (short.kind == full.kind in INSTITUTIONS and len(short.exact) <= 3):
            continue  # 上理工 says its kind in short; a longer name with a kind is a name of its own
        if full.kind in INSTITUTIONS:
            if abbreviates(short.core, full.exact, institution=True) or _place_initial_institution(short.exact, full):
                return True
        elif abbreviates(short.core, full.core) or _place_initial_abbreviation(short.core, full):
            return True
    return False


def every_word_drawn(p: ParsedName, q: ParsedName) -> bool:
    """An institution's abbreviation that leaves out no word in the middle: 上大 is 上海大学 before
    上海工程技术大学, which it could be drawn from too (工程技术 say nothing) but less plainly."""
    for short, full in ((p, q), (q, p)):
        if full.kind in INSTITUTIONS and short.kind is None and abbreviates(short.core, full.exact, True, skipping=False):
            return True
    return False


def _place_initial_institution(short: str, full: ParsedName) -> bool:
    """杭电 from 杭州电子科技大学, 上理工 from 上海理工大学: the place's first character, then the rest's."""
    if len(short) < 2 or len(short) > 4 or not full.exact.startswith(short[0]):
        return False
    zh, _latin = place_words()
    size = next((n for n in range(7, 1, -1) if full.exact[:n] in zh), 0)
    return bool(size) and draws_on(short[1:], full.exact[size:], institution=True)


def drawn_from_the_rest(p: ParsedName, q: ParsedName) -> bool:
    """A company's short name drawn from its full name after the first characters (泰弘轴承 from 宁国泰弘轴承)."""
    if p.script != "zh" or q.script != "zh" or not p.core or not q.core:
        return False
    for short, full in ((p, q), (q, p)):
        if (short.kind is None and short.place is None and full.kind not in INSTITUTIONS
                and len(short.core) < len(full.core) and drawn_from_tail(short.core, full.core)):
            return True
    return False


def _place_initial_abbreviation(short: str, full: ParsedName) -> bool:
    """哈三联 from 哈尔滨三联药业, 深赛格 from 深圳赛格: the first character of the place the full name starts
    with, then a short name drawn from the rest (the place keeps a two-character rest apart from namesakes)."""
    if len(short) < 3 or not full.core or short[0] == full.core[0] or not full.exact.startswith(short[0]):
        return False
    zh, _latin = place_words()
    if not any(full.exact[:size] in zh for size in range(2, 8)):
        return False
    return draws_on(short[1:], full.core)
