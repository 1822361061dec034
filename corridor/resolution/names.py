"""Parse an organisation name into the parts that decide whether two names mean one organisation.

Plain module, no Django. `parse("蘇州融威智能裝備製造有限公司")` and
`parse("Rongwei Intelligent Equipment (Suzhou) Co., Ltd.")` both give the trade name key `rongwei`,
the place Suzhou, the concepts {intelligent, equipment, manufacturing} and the kind "company".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, pinyin
from zhconv import convert
from zhconv.zhconv import getdict as zhconv_table

from corridor.resolution.lexicon import (
    ABROAD,
    FOREIGN_LEGAL,
    GENERIC,
    STOPWORDS_LATIN,
    Place,
    PlaceWord,
    common_word,
    is_pinyin,
    lexicon,
    pinyin_key,
    pinyin_syllables,
    place_words,
)

_BRACKETS = re.compile(r"[(\[【〔]([^()\[\]【】〔〕]*)[)\]】〕]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORDS = re.compile(r"[a-z][a-z0-9&'.\-]*(?:[ ,.]+[a-z0-9&'.\-]+){1,}")
_NOT_ALNUM = re.compile(r"[^0-9a-z\u4e00-\u9fff]+")
_LATIN_TOKEN = re.compile(r"[0-9a-z]+|&")  # "Sci&Tech" is three tokens
_MARKET_FLAG = re.compile(r"^[a-z*]{1,3}(?=[\u4e00-\u9fff])")


@dataclass(frozen=True, slots=True)
class ParsedName:
    script: str  # "zh" or "latin"
    trade: str  # the trade name (字号): Chinese characters, or latin words run together
    key: str  # the trade name in latin letters (pinyin for Chinese): the blocking and comparison key
    concepts: frozenset[str]  # what the organisation does, language-independent (generic words left out)
    kind: str | None  # company, institute, university, association, government, branch
    place: Place | None
    exact: str  # the whole name folded, for exact-name equality
    extras: frozenset[str] = frozenset()  # industry words the lexicon does not know (纸业, plastics), same language only
    core: str = ""  # Chinese: the name without its places and legal form (kind words kept), for abbreviations
    readings: tuple[str, ...] = ()  # Chinese: other pinyin readings of the trade name (藏格: cangge, zangge)
    rest: str = ""  # what follows the trade name (places and legal form dropped): 锂业集团, "lithium group"
    head: str = ""  # English: the words before the first industry or kind word ("gold mantis"), for translation


# Characters zhconv "simplifies" although they are simplified already and common in trade names (乾 → 干).
_KEEP = {"乾": "\ue000"}
_RESTORE = {v: k for k, v in _KEEP.items()}


def fold(text: str) -> str:
    """NFKC (full-width → half-width, （）→ ()), traditional → simplified, lower case."""
    text = unicodedata.normalize("NFKC", text or "")
    for ch, mark in _KEEP.items():
        text = text.replace(ch, mark)
    # Most names have nothing to simplify, and zhconv's scan was a fifth of a parse's time.
    text = (convert(text, "zh-hans") if _may_convert(text) else text).lower()
    for mark, ch in _RESTORE.items():
        text = text.replace(mark, ch)
    return text


@lru_cache(maxsize=1)
def _witnesses() -> frozenset[str]:
    """One character of every word zhconv changes, a rare one where it can (麴 of 大麴, not 大): a text
    with none of them contains no such word, so converting it would give it back unchanged."""
    def rare(ch: str) -> bool:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            return True
        return False

    table = zhconv_table("zh-hans")
    out = set()
    for word, simplified in table.items():
        if word != simplified:
            chosen = [c for c in word if rare(c)] or [c for c in word if table.get(c, c) != c] or [word[-1]]
            out.add(chosen[0])
    return frozenset(out)


def _may_convert(text: str) -> bool:
    return not _witnesses().isdisjoint(text)


def exact_key(name: str) -> str:
    """The whole name folded with spaces and punctuation removed: the baseline's notion of equality."""
    return _NOT_ALNUM.sub("", fold(name))


def _place_of(word: str) -> Place | None:
    zh, latin = place_words()
    found = zh.get(word) or latin.get(word.replace(" ", ""))
    return found.place if found else None


def _merge_place(current: Place | None, new: Place | None) -> Place | None:
    if new is None:
        return current
    if current is None:
        return new
    return Place(current.province or new.province, new.city or current.city)


PARENTS_ZH = ("中国科学院", "中科院")
"""An academy that names its institutes after itself (中国科学院上海有机化学研究所 is 上海有机化学研究所)."""


def without_parent(text: str) -> str:
    """An institute's name without the academy it belongs to in front, when an institute's name follows."""
    for parent in PARENTS_ZH:
        rest = text[len(parent):]
        if text.startswith(parent) and len(rest) >= 4 and rest.endswith(("研究所", "研究院", "所", "院", "实验室")):
            return rest
    return text


def parse(name: str) -> list[ParsedName]:
    """One parse per language the name is written in (a name may carry both a Chinese and an English form)."""
    return list(_parse_cached(name))


@lru_cache(maxsize=200_000)
def _parse_cached(name: str) -> tuple[ParsedName, ...]:
    text = without_parent(fold(name).strip())
    if not text:
        return ()
    place: Place | None = None
    bracket_words: list[str] = []

    def take_bracket(match: re.Match[str]) -> str:
        nonlocal place
        inner = match.group(1).strip()
        found = _place_of(inner) if inner else None
        if found is None and not _HAN.search(inner) and len(inner.split()) >= 2:
            return " " + inner + " "  # an English name in brackets after the Chinese one
        if found is not None:
            place = _merge_place(place, found)
        elif inner:
            bracket_words.append(inner)
        return " "

    text = _BRACKETS.sub(take_bracket, text)
    out: list[ParsedName] = []
    latin_part = ""
    if _HAN.search(text):
        latin_match = _LATIN_WORDS.search(text)
        if latin_match and len(latin_match.group(0).split()) >= 2:
            latin_part = latin_match.group(0)
            text = text.replace(latin_part, " ")
        zh = _parse_zh(text, bracket_words, place)
        if zh is not None:
            out.append(zh)
            if 3 <= len(zh.trade) <= 8 and not zh.key.startswith("#"):
                # 国华网安科技 is Guohua Network Security: the trade name may end before the word the lexicon
                # lacks. Offered to English names only ("part"), with what follows as its rest; a long one
                # (金发拉比妇婴童) by its first four characters too (Jinfa Labi).
                for size in (2, 4) if len(zh.trade) > 4 else (2,):
                    head = zh.trade[:size]
                    out.append(ParsedName("part", head, pinyin_key(head), zh.concepts, zh.kind, zh.place, zh.exact,
                                          frozenset(), zh.core, _readings(head, pinyin_key(head)), zh.core[size:]))
            for word in sorted(zh.extras):
                # Pinyin spelled in syllables runs the unknown word into the trade name: Yi Xiang Wu Jin.
                whole = zh.trade + word
                out.append(ParsedName("alias", whole, pinyin_key(whole), zh.concepts, zh.kind, zh.place, zh.exact))
    else:
        latin_part = text
    if latin_part.strip():
        out.extend(_parse_latin(latin_part, bracket_words if not out else [], place))
    return tuple(out)


def _parse_zh(text: str, extra: list[str], place: Place | None) -> ParsedName | None:
    lex = lexicon()
    core = _NOT_ALNUM.sub("", text)
    if not core:
        return None
    exact = core
    # A listing prefix (C 天溯计量, N 新股, XD 除息) is a market flag, not part of the name.
    core = _MARKET_FLAG.sub("", core) or core
    kind: str | None = None
    peeled = ""  # kind words peeled off the end (研究院, 大学): kept in the core
    concepts: set[str] = set()
    # Legal forms and kind markers come last: peel them off the end.
    changed = True
    while changed and core:
        changed = False
        for legal in lex.legal_zh:
            if core.endswith(legal) and len(core) > len(legal):
                core = core[: -len(legal)]
                kind = kind or ("branch" if legal == "分公司" else "company")
                changed = True
                break
        for size in range(min(lex.max_zh, len(core) - 1), 1, -1):
            tail = core[-size:]
            if tail in lex.kinds_zh:
                kind = lex.kinds_zh[tail] if kind in (None, "company") else kind
                core = core[:-size]
                peeled = tail + peeled
                changed = True
                break
    # Places come first: 浙江省杭州市滨江区… (a district only after its city or province).
    zh_places, _ = place_words()
    stripped_any = False
    while True:
        hit = None
        for size in range(min(7, len(core) - 2), 1, -1):
            found = zh_places.get(core[:size])
            if found is not None and _may_strip(found, place, stripped_any):
                hit = (size, found)
                break
        if hit is None:
            break
        if not kind and _only_generic(core[hit[0]:]):
            # 朝阳科技 is a short name whose trade name is a place word, not "科技" in 朝阳: nothing after
            # the place word would name anyone (上海电气 keeps its place: 电气 is an industry).
            break
        place = _merge_place(place, hit[1].place)
        core = core[hit[0]:]
        stripped_any = True
    place_free = core
    # The trade name runs until the first industry word (a trade name has at least two characters).
    trade_end = len(core)
    i = 2
    while i < len(core):
        word = _longest(core, i, lex.concepts_zh, lex.kinds_zh, lex.max_zh)
        if word:
            trade_end = i
            break
        i += 1
    trade = core[:trade_end]
    extras: set[str] = set()
    while len(trade) >= 4 and common_word(trade[-2:]):
        # 融威纸业: a coined trade name followed by an ordinary word the lexicon lacks; every such word
        # (博士眼镜连锁: 眼镜 and 连锁), so the short name 博士眼镜 shares its words rather than clashing.
        extras.add(trade[-2:])
        trade = trade[:-2]
    i = trade_end
    while i < len(core):
        word = _longest(core, i, lex.concepts_zh, lex.kinds_zh, lex.max_zh)
        if word:
            if word in lex.concepts_zh:
                concepts.add(lex.concepts_zh[word])
            elif kind in (None, "company"):
                kind = lex.kinds_zh[word]
            i += len(word)
        else:
            i += 1
    for word in extra:
        concepts.update(lex.concepts_zh[w] for w in lex.concepts_zh if w in word)
    if not trade:
        trade = core or exact
    key = pinyin_key(trade)
    if trade in lex.concepts_zh and lex.concepts_zh[trade] != GENERIC:
        # Place + industry only (上海电气): the industry is the name, in any language.
        concepts.add(lex.concepts_zh[trade])
        key = "#" + lex.concepts_zh[trade]
    concepts.discard(GENERIC)
    core_text = place_free + peeled
    rest = core_text[len(trade):] if core_text.startswith(trade) else ""
    return ParsedName("zh", trade, key, frozenset(concepts), kind, place, exact, frozenset(extras), core_text,
                      _readings(trade, key), rest)


def _only_generic(text: str) -> bool:
    """Only words that say nothing of a company (科技, 股份, 实业): what is left of a short name that
    starts with a place word when that place word is its trade name."""
    lex = lexicon()
    i = 0
    while i < len(text):
        word = _longest(text, i, lex.concepts_zh, {}, lex.max_zh)
        if word is None or lex.concepts_zh[word] != GENERIC:
            return False
        i += len(word)
    return bool(text)


@lru_cache(maxsize=200_000)  # trade names repeat across a million rows
def _readings(trade: str, key: str) -> tuple[str, ...]:
    """The trade name's other readings (多音字: 藏 cang/zang, 长 chang/zhang), as an English name may use one."""
    if len(trade) > 4 or not _HAN.search(trade):
        return ()
    variants = [""]
    for ch in trade:
        letters = _char_readings(ch)
        variants = [v + c for v in variants for c in letters[:3]]
        if len(variants) > 8:
            return ()
    if 3 <= len(trade) <= 4:
        variants.append(initials(trade))  # 翔丰华 → XFH, as English names abbreviate a trade name
    return tuple(v for v in dict.fromkeys(variants) if v != key)


def initials(trade: str) -> str:
    return "".join(_char_readings(ch)[0][0] for ch in trade)


def initials_of(p: ParsedName) -> str:
    """XFH for 翔丰华: a Chinese trade name of three or four characters by its initials."""
    return initials(p.trade) if p.script != "latin" and 3 <= len(p.trade) <= 4 else ""


@lru_cache(maxsize=50_000)
def _char_readings(ch: str) -> tuple[str, ...]:
    choices = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
    letters = dict.fromkeys("".join(c for c in o.lower() if c.isascii() and c.isalnum()) for o in choices)
    return tuple(c for c in letters if c) or (ch,)


def _may_strip(word: PlaceWord, place: Place | None, stripped_any: bool) -> bool:
    """A district is a place only right after its own city (深圳市汇川… is not 遵义's 汇川区); a place in
    another province than the one just named is a trade name (Hubei Heyuan Gas is not in 河源)."""
    if place is not None and place.conflicts(word.place):
        return False
    if word.level != "district":
        return True
    if not stripped_any or place is None:
        return False
    return word.place.city == (place.city or place.province)


def _longest(core: str, i: int, first: dict[str, str], second: dict[str, str], longest: int) -> str | None:
    for size in range(min(longest, len(core) - i), 1, -1):
        piece = core[i : i + size]
        if piece in first or piece in second:
            return piece
    return None


def _singular(word: str) -> str:
    """utilities → utility, plastics → plastic; wireless and glass stay."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


_NUMERALS = "零一二三四五六七八九"


def _trailing_place(tokens: list[str], place: Place | None) -> tuple[list[str], Place | None]:
    """"Veltra Suzhou", "…, Nanjing": a city or province after the name says what a bracket would. A
    district is left (it is as often a trade name), and so is a place after words that say nothing
    (China Merchants Shenzhen: the place is what names it)."""
    lex = lexicon()
    _, latin_places = place_words()
    while len(tokens) > 1:
        for size in (2, 1):
            found = latin_places.get("".join(tokens[-size:])) if len(tokens) > size else None
            if found is not None and found.level != "district" and not (place and place.conflicts(found.place)):
                break
        else:
            return tokens, place
        kept = tokens[:-size]
        if all(lex.concepts_latin.get(t) == GENERIC or t in STOPWORDS_LATIN or t in lex.kinds_latin for t in kept):
            return tokens, place
        tokens, place = kept, _merge_place(place, found.place)
    return tokens, place


def _parse_latin(text: str, extra: list[str], place: Place | None) -> list[ParsedName]:
    lex = lexicon()
    tokens = _LATIN_TOKEN.findall(text.replace("'s", ""))
    tokens += [t for word in extra for t in _LATIN_TOKEN.findall(word)]
    if not tokens:
        return []
    exact = "".join(tokens)
    kind: str | None = None
    foreign = len(tokens) > 1 and tokens[-1] in FOREIGN_LEGAL
    if foreign:
        tokens, kind = tokens[:-1], "company"
    # Legal forms anywhere ("Co., Ltd.", "youxian gongsi").
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        for size in (6, 5, 4, 3, 2, 1):
            window = tokens[i : i + size]
            if len(window) == size and (" ".join(window) in lex.legal_latin or "".join(window) in lex.legal_latin):
                kind = kind or "company"
                i += size
                break
        else:
            kept.append(tokens[i])
            i += 1
    tokens = kept
    _, latin_places = place_words()
    stripped_any = False
    while len(tokens) > 1:
        hit = None
        for size in (2, 1):
            if len(tokens) - size < 1:
                continue
            found = latin_places.get("".join(tokens[:size]))
            if found is not None and _may_strip(found, place, stripped_any):
                hit = (size, found)
                break
        if hit is None:
            break
        if all(lex.concepts_latin.get(t) == GENERIC or t in STOPWORDS_LATIN for t in tokens[hit[0]:]):
            break  # Xinjiang International Industry: the place is the trade name (as 新疆国际实业)
        place = _merge_place(place, hit[1].place)
        tokens = tokens[hit[0]:]
        stripped_any = True
    tokens, place = _trailing_place(tokens, place)
    if tokens and tokens[0].isdigit() and len(tokens[0]) <= 4:
        tokens = [pinyin_key("".join(_NUMERALS[int(d)] for d in tokens[0])), *tokens[1:]]  # 37 Interactive: 三七
    if foreign and place is None:
        place = ABROAD  # Nordtek Automation GmbH is the parent abroad, not 诺德泰克（上海）
    trade_tokens: list[str] = []
    shorter: list[ParsedName] = []
    concepts: set[str] = set()
    extras: set[str] = set()
    first_concept: str | None = None
    head_end: int | None = None
    i = 0
    in_trade = True
    syllables = pinyin_syllables()
    spaced = len(tokens) > 1 and tokens[0] in syllables  # "Rong Wei Zhi Neng": pinyin one syllable a word
    while i < len(tokens):
        matched = 0
        # A spaced pinyin trade name has at least two syllables ("Guang Li Dian Zi" is 光利, not 光 + 锂电).
        if spaced and in_trade and len(trade_tokens) < 2 and tokens[i] in syllables:
            trade_tokens.append(tokens[i])
            i += 1
            continue
        for size in (4, 3, 2, 1):
            if i + size > len(tokens):
                continue
            pieces = tokens[i : i + size]
            for joined in (" ".join(pieces), "".join(pieces)):
                if joined in lex.kinds_latin and (in_trade is False or i > 0):
                    kind = lex.kinds_latin[joined] if kind in (None, "company") else kind
                    matched = size
                    break
                # A name's first word is its trade name when it could be one: Tongxin is 通新 before 通信.
                first_word_pinyin = i == 0 and joined in lex.pinyin_only
                if joined in lex.concepts_latin and (i > 0 or len(tokens) > 1) and not first_word_pinyin:
                    concepts.add(lex.concepts_latin[joined])
                    if first_concept is None and lex.concepts_latin[joined] != GENERIC:
                        first_concept = lex.concepts_latin[joined]
                    matched = size
                    break
            if matched:
                break
        if matched:
            in_trade = False
            if head_end is None:
                head_end = i
            i += matched
            continue
        token = tokens[i]
        if token in ("and", "of", "the", "&", "for"):
            in_trade = False
        elif in_trade and (not trade_tokens or (is_pinyin(token) and is_pinyin(trade_tokens[0]))):
            trade_tokens.append(token)  # a trade name in pinyin may be spelled in syllables: Rong Wei
        else:
            in_trade = False
            extras.add(_singular(token))
        i += 1
    concepts.discard(GENERIC)
    if spaced and len(trade_tokens) >= 3 and all(t in syllables for t in trade_tokens):
        # "Zhong Ke Zhou Cheng": where the trade name ends is unknown; its first two and three syllables
        # are offered too (the Chinese record, when there is one, says which).
        for n in range(2, len(trade_tokens)):
            head = "".join(trade_tokens[:n])
            shorter.append(ParsedName("alias", head, head, frozenset(concepts - {GENERIC}), kind, place, exact))
    trade = "".join(trade_tokens) or "".join(tokens) or exact
    key = "".join(ch for ch in trade if ch.isalnum())
    if not trade_tokens and first_concept is not None:
        key = "#" + first_concept  # place + industry only (Shanghai Electric)
    if len(trade_tokens) > 1 and not spaced and is_pinyin(trade_tokens[0]) and len(trade_tokens[0]) >= 4:
        # "Zangge Mining": English words can read as pinyin (mining); the first word alone is offered too,
        # the others kept as its industry words.
        head = trade_tokens[0]
        rest = frozenset(extras | set(trade_tokens[1:]))
        shorter.append(ParsedName("latin", head, head, frozenset(concepts), kind, place, exact, rest,
                                  rest=" ".join(tokens[1:])))
    after = " ".join(tokens[len(trade_tokens):]) if trade_tokens and tokens[: len(trade_tokens)] == trade_tokens else ""
    head = " ".join(t for t in tokens[:head_end] if t not in STOPWORDS_LATIN)
    return [ParsedName("latin", trade, key, frozenset(concepts), kind, place, exact, frozenset(extras), rest=after,
                       head=head), *shorter]
