"""Chinese short names drawn from a full name: 福瑞医科 from 福瑞医疗科技, 北大 from 北京大学. Plain module.

A stock short name or a common abbreviation takes, word by word and in order, the beginning of each
word of the full name (a word may give one character or all of them). Words in the middle may be left
out only when they say nothing that tells two companies apart (an industry word: 中粮科技 from
中粮生物科技); the words after the last one used may all be left out (步步高 from 步步高商业连锁). The
first word always gives its first character, so the short name starts where the trade name starts.
A university or institute may also leave out the place it starts with (交大 from 上海交通大学), never a
word in the middle (北大 is not 北京理工大学: 理工 would be left out).
"""

from __future__ import annotations

from functools import cache, lru_cache

from corridor.resolution.lexicon import GENERIC, common_word, lexicon, place_words

MIN_COMPANY = 3  # a two-character short name is only a shared trade name (华西 of 华西证券 and 华西村)
MIN_INSTITUTION = 2  # 北大, 清华: an institution's two-character abbreviation is the usual one
_SUFFIXES = ("股份", "集团", "控股")
_LAST_CHARACTER = frozenset({"研究所", "研究院", "科学院"})  # 潍柴动力 is also 潍柴股份; these say only "a listed company"


def _known(word: str) -> bool:
    lex = lexicon()
    return word in lex.concepts_zh or word in lex.kinds_zh or common_word(word)


@lru_cache(maxsize=100_000)
def _tile(word: str) -> tuple[str, ...]:
    """A long dictionary word cut into the most shorter words it is made of (北京理工大学 → 北京 理工 大学)."""
    if len(word) < 4:
        return (word,)
    n = len(word)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(2, n + 1):
        for start in range(0, end - 1):
            piece = word[start:end]
            prior = best[start]
            if prior is not None and piece != word and _known(piece):
                candidate = (*prior, piece)
                current = best[end]
                if current is None or len(candidate) > len(current):
                    best[end] = candidate
    return best[n] or (word,)


@lru_cache(maxsize=200_000)
def words(text: str) -> tuple[str, ...]:
    """The words of a name, cut as finely as the dictionary allows (the pieces an abbreviation draws on).

    Characters the dictionary does not join (a coined trade name: 紫光国芯 → 紫光 国 芯) are kept together:
    a coined name is one word."""
    import jieba

    common_word("")  # jieba initialised, quietly
    out: list[str] = []
    loose = ""
    for token in jieba.lcut(text, HMM=False):
        if len(token) == 1:
            loose += token
            continue
        if loose:
            out.append(loose)
            loose = ""
        out.extend(_tile(token))
    if loose:
        out.append(loose)
    return tuple(out)


def _skippable_inside(word: str, institution: bool) -> bool:
    concept = lexicon().concepts_zh.get(word)
    if institution:
        # 中科大 from 中国科学技术大学 leaves out 技术, 上海有机所 from 上海有机化学研究所 the subject's 化学;
        # never a kind word (北大 is not 北京理工大学) nor a word the lexicon does not know (海事)
        return concept is not None
    return concept is not None


def _droppable_tail(word: str) -> bool:
    lex = lexicon()
    return (word in lex.kinds_zh or _is_place(word) or word in ("大学", "学院", "学校", "研究院", "研究所")
            or lex.concepts_zh.get(word) == GENERIC)  # 杭电: 科技 of 电子科技大学 goes with its kind


def _is_place(word: str) -> bool:
    return word in place_words()[0]


def draws_on(short: str, full: str, institution: bool = False, skipping: bool = True) -> bool:
    """Is `short` the beginnings of the words of `full`, in order (see the module docstring)? Without
    `skipping`, no word in the middle is left out."""
    if not short or len(short) >= len(full) or short[0] not in full:
        return False
    tokens = words(full)
    if institution and len(tokens) > 1 and _is_place(tokens[0]) and short[0] != full[0]:
        tokens = tokens[1:]
    if not tokens or short[0] != tokens[0][0]:
        return False
    n, m = len(short), len(tokens)

    @cache
    def fits(i: int, j: int) -> bool:
        if i == n:
            # The words left over are the tail a short name drops; an institution's abbreviation drops
            # only its kind and places (中科院 is not 中科院合肥物质院).
            # A company's short name never drops a place inside its name (中科院 is not 中科院合肥物质院).
            if institution:
                return all(_droppable_tail(t) for t in tokens[j:])
            return not any(_is_place(t) for t in tokens[j:])
        if j == m:
            return False
        word = tokens[j]
        for size in range(min(len(word), n - i), 0, -1):
            if short[i : i + size] == word[:size] and fits(i + size, j + 1):
                return True
        if institution and word in _LAST_CHARACTER and i > 0:
            # 所 for 研究所, 院 for 研究院, 科…院 for 科学院: an institute's kind said by its last character
            if short[i] == word[-1] and fits(i + 1, j + 1):
                return True
            if short[i : i + 2] == word[0] + word[-1] and fits(i + 2, j + 1):
                return True
        return skipping and i > 0 and _skippable_inside(word, institution) and fits(i, j + 1)

    return fits(0, 0)


def short_forms(short: str) -> list[str]:
    """The short name as written and without a listed company's suffix (潍柴股份 → 潍柴)."""
    out = [short]
    for suffix in _SUFFIXES:
        if short.endswith(suffix) and len(short) > len(suffix):
            out.append(short[: -len(suffix)])
    return out


def abbreviates(short: str, full: str, institution: bool = False, skipping: bool = True) -> bool:
    """A company's short name (three characters at least) or an institution's abbreviation of its name."""
    least = MIN_INSTITUTION if institution else MIN_COMPANY
    if _is_place(short):
        return False  # 北京 is where 北京大学 is, not its name
    return any(len(form) >= least and draws_on(form, full, institution, skipping) for form in short_forms(short))


def _names_something(short: str) -> bool:
    """Some word of the short name is not an industry, kind or place word (联合精密: 联合; not 模塑科技)."""
    lex = lexicon()
    return any(w not in lex.concepts_zh and w not in lex.kinds_zh and not _is_place(w) for w in words(short))


TAIL_FROM = (2, 3, 4)  # the first two to four characters of the full name left out


def drawn_from_tail(short: str, full: str) -> bool:
    """A short name that leaves out the first word or two of the full name and is drawn from the rest:
    a county town or a group's name in front (泰弘轴承 from 宁国泰弘轴承, 惠博普 from 华油惠博普科技).

    Weaker than `abbreviates`: the first words are what tells a company from its namesakes, so the rest
    must still name something (not only industry words) and be three characters at least."""
    if len(short) < 3 or _is_place(short):
        return False
    for k in TAIL_FROM:  # characters, not words: a coined name is cut badly (宁国泰弘 → 宁 国泰 弘)
        tail = full[k:]
        if len(tail) < 3:
            continue
        for form in short_forms(short):
            if len(form) >= 3 and form[:2] == tail[:2] and (form == tail or draws_on(form, tail)) and _names_something(form):
                return True
    return False
