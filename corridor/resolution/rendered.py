"""English names that render a whole Chinese name in words (三角防务 / Triangle Defense, 公用发展 / Public
Utilities Development, 园林设计院 / Landscape Architecture Design Institute). Plain module.

A last pass, after `translated` and `transliterated`: those compare the trade name alone; here an English
record whose cluster still holds no Chinese name is compared, whole name against whole name (places and
legal forms dropped), with the Chinese names of clusters that hold no latin name and that share its city
or one of its industries, by the multilingual embedding. The industry words alone make many names of one
trade look alike, so only a clear best counts: similar enough, and clearly more similar than the best
Chinese name of any other cluster in the same blocks. Blocks larger than MAX_CANDIDATES say nothing, so
a registry of a million names spends no more here than the embedding budget allows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corridor.resolution import translate
from corridor.resolution.lexicon import STOPWORDS_LATIN, is_pinyin, lexicon, place_words
from corridor.resolution.names import ParsedName, fold
from corridor.resolution.records import Evidence, Prepared
from corridor.resolution.transliterated import _contexts, _fits, skeleton_english, skeleton_pinyin

SIMILAR = 0.55  # a name and its rendering: 0.55–0.85; names of one industry with other trade names ~0.3–0.5
MARGIN = 0.15  # over the best name of another cluster
MAX_CANDIDATES = 30
RENDERED = 0.78
OWN_BUDGET = 600  # texts embedded by this pass (~2 ms each): 400 on the 2,753 real names
TRADE_MEANS = 0.6  # the trade name against the English words before the industry's (三角 / triangle 0.85)
TRADE_ADDS = 0.2  # or the words besides the industry's bring the whole names this much closer

_TOKEN = re.compile(r"[a-z0-9]+")


def english_words(name: str) -> str:
    """The English name without legal forms, places and stop words: the words that say what it is."""
    lex = lexicon()
    _, places = place_words()
    tokens = [t for t in _TOKEN.findall(fold(name).replace("'s", "")) if t not in STOPWORDS_LATIN]
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        for size in (3, 2, 1):
            window = tokens[i : i + size]
            if len(window) == size and (" ".join(window) in lex.legal_latin or "".join(window) in places):
                i += size
                break
        else:
            kept.append(tokens[i])
            i += 1
    return " ".join(kept)


def industry_words(words: str) -> str:
    """The words of an English name the lexicon knows as industry or generic words."""
    concepts = lexicon().concepts_latin
    return " ".join(w for w in words.split() if w in concepts)


def _trade_agrees(zh: ParsedName, la: ParsedName, words: str, whole: float) -> bool:
    """The names of one industry look alike whole: the trade names must agree too, by sound (the first
    consonant, as coined brands keep it: 豪迈 / Himile, 立讯 / Luxshare), by meaning (丝路 / Silkroad), or
    by what the words besides the industry's add (not "Tangel Publishing" for every publisher)."""
    word = words.split()[0]
    if len(word) >= 5 and is_pinyin(word) and word not in lexicon().concepts_latin:
        return False  # "Tongda Smart Tech" spells its own trade name, 通达, not another one in its city
    first = skeleton_english(word)
    sounds = [skeleton_pinyin(k) for k in (zh.key, *zh.readings) if k.isalpha() and len(k) > len(zh.trade)]
    if first and any(s[:1] == first[:1] for s in sounds):
        return True
    if translate.similarity(zh.trade, la.head or words.split()[0]) >= TRADE_MEANS:
        return True
    industry = industry_words(words)
    return bool(industry) and whole - translate.similarity(_chinese(zh), industry) >= TRADE_ADDS


def _chinese(p: ParsedName) -> str:
    return p.core if p.script == "zh" and p.core and not p.key.startswith("#") else ""


def rendered_pairs(prepared: Sequence[Prepared], roots: Sequence[int]) -> list[tuple[int, int, Evidence]]:
    scripts: dict[int, set[str]] = {}
    for idx, item in enumerate(prepared):
        scripts.setdefault(roots[idx], set()).update(p.script for p in item.parses)
    index: dict[str, list[tuple[int, ParsedName]]] = {}
    for idx, item in enumerate(prepared):
        if "latin" in scripts[roots[idx]] or item.institution:
            continue
        for p in item.parses:
            if len(_chinese(p)) >= 3:
                for context in _contexts(p, item):
                    index.setdefault(context, []).append((idx, p))
    out: list[tuple[int, int, Evidence]] = []
    stop = min(translate.spent() + OWN_BUDGET, translate.BUDGET * 3 // 4)
    for idx, item in enumerate(prepared):
        if "zh" in scripts[roots[idx]] or item.institution:
            continue
        if translate.spent() >= stop:
            break  # seconds at most; a quarter of the embedding budget stays for the rules' own checks
        la = next((p for p in item.parses if p.script == "latin" and not p.key.startswith("#")), None)
        if la is None:
            continue
        words = english_words(item.record.name)
        if len(words.split()) < 2:
            continue  # one word is a brand or an acronym: nothing to render
        found: dict[int, ParsedName] = {}
        for context in _contexts(la, item):
            some = index.get(context, [])
            if len(some) <= MAX_CANDIDATES:
                for other, zh in some:
                    if _fits(zh, la, prepared[other], item):
                        found.setdefault(other, zh)
        if not found:
            continue
        best: dict[int, tuple[float, int]] = {}  # cluster → best score, its record
        for other, zh in found.items():
            score = translate.similarity(_chinese(zh), words)
            if score > best.get(roots[other], (-1.0, 0))[0]:
                best[roots[other]] = (score, other)
        ranked = sorted(best.values(), reverse=True)
        top, other = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if top < SIMILAR or top - runner_up < MARGIN:
            continue
        if _trade_agrees(found[other], la, words, top):
            out.append((min(idx, other), max(idx, other), Evidence(RENDERED, "rendered")))
    return out
