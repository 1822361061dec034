"""Which chain segments an organisation is on, read from its names and descriptions. No Django.

Bilingual keyword evidence, clause by clause:
- a clause naming customers ("产品主要应用于汽车焊装", "mainly for automotive welding") says who buys,
  not what the organisation makes, and is skipped;
- a clause saying what it buys or uses ("采购伺服电机", "uses industrial robots") gives the role `uses`;
- anything else gives the role `produces`.

Each kind of evidence has a weight (the organisation's name is the strongest); the confidence of a
segment is 1 − Π(1 − weight) over the kinds that hit, so agreeing Chinese and English descriptions
count more than one of them alone. Matching folds width and case; ASCII keywords ("AGV", "IGBT")
match whole words only, Chinese keywords match anywhere (Chinese has no spaces).

Text similarity backs the keywords up: when every word of the segment's own name (or of one part of
it, "伺服电机与驱动器" → 伺服电机 | 驱动器) occurs in a clause — Chinese cut into words by jieba, English
by spaces, plurals folded — that is weaker evidence (alone, in one language, below the threshold).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import jieba

jieba.setLogLevel(logging.WARNING)

PRODUCES, USES = "produces", "uses"
WEIGHTS = {"name": 0.7, "description_zh": 0.5, "description_en": 0.5, "similar_zh": 0.35, "similar_en": 0.35}
MIN_CONFIDENCE = 0.5

# Applied after folding, which turns full-width ，；！？ into their ASCII forms.
_CLAUSE_SPLIT = re.compile(r"[,;!?。\n]|\.(?:\s|$)")
_CUSTOMER_MARKERS = ("应用于", "用于", "服务于", "面向", "mainly for", "used in", "used for", "for use in", "applied in",
                     "applied to", "serving ", "customers in")
_USE_MARKERS = ("采购", "采用", "使用", "引进", "buys", "purchases", "sources", "uses ", "deploys", "operates ")


@dataclass(frozen=True)
class SegmentWords:
    chain: str
    segment: str
    keywords_zh: tuple[str, ...]
    keywords_en: tuple[str, ...]
    name_zh: str = ""  # matched by similarity too (left empty for a parent segment that only groups others)
    name_en: str = ""


@dataclass(frozen=True)
class OrgText:
    name_zh: str = ""
    name_en: str = ""
    description_zh: str = ""
    description_en: str = ""


@dataclass(frozen=True)
class Inferred:
    chain: str
    segment: str
    role: str
    confidence: float
    evidence: tuple[str, ...]  # the keywords that hit


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def _pattern(word: str, english: bool) -> re.Pattern[str]:
    folded = re.escape(fold(word))
    if word.isascii():
        # Whole words, allowing a plural: "servo motor" finds "servo motors", "AGV" not "AGVX".
        return re.compile(rf"(?<![a-z0-9]){folded}(?:s|es)?(?![a-z0-9])" if english else
                          rf"(?<![a-z0-9]){folded}(?![a-z0-9])")
    return re.compile(folded)


_NAME_PARTS = re.compile(r"与|和|及|、|/|,|\band\b")
_EN_STOP = frozenset({"and", "of", "the", "for", "with", "in", "on", "a", "an", "to"})


def _en_words(text: str) -> set[str]:
    words = set()
    for w in re.findall(r"[a-z0-9][a-z0-9-]*", text):
        if w in _EN_STOP:
            continue
        words.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return words


def _zh_words(text: str) -> set[str]:
    return {w for w in jieba.lcut(text) if w.strip() and not w.isascii()}


def _name_parts(name: str, english: bool) -> list[frozenset[str]]:
    """The parts of a segment name as word sets; a part too vague to stand alone is dropped."""
    parts = []
    for part in _NAME_PARTS.split(fold(name)):
        words = _en_words(part) if english else _zh_words(part)
        if (english and len(words) >= 2) or (not english and (len(words) >= 2 or any(len(w) >= 3 for w in words))):
            parts.append(frozenset(words))
    return parts


class Matcher:
    """Compiled keywords of many segments (build once, match many organisations)."""

    def __init__(self, segments: Iterable[SegmentWords]) -> None:
        self.entries: list[tuple[SegmentWords, list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]] = []
        self.names: list[tuple[list[frozenset[str]], list[frozenset[str]]]] = []
        for s in segments:
            zh = [(w, _pattern(w, english=False)) for w in s.keywords_zh]
            en = [(w, _pattern(w, english=True)) for w in s.keywords_en]
            self.entries.append((s, zh, en))
            self.names.append((_name_parts(s.name_zh, False), _name_parts(s.name_en, True)))

    def infer(self, org: OrgText, *, min_confidence: float = MIN_CONFIDENCE) -> list[Inferred]:
        fields = {
            "name": [(fold(f"{org.name_zh} {org.name_en}"), PRODUCES)],
            "description_zh": _clauses(org.description_zh),
            "description_en": _clauses(org.description_en),
        }
        cut = {
            "similar_zh": [(_zh_words(text), role) for text, role in fields["description_zh"]],
            "similar_en": [(_en_words(text), role) for text, role in fields["description_en"]],
        }
        out: list[Inferred] = []
        for (s, zh, en), (parts_zh, parts_en) in zip(self.entries, self.names, strict=True):
            hits: dict[str, dict[str, set[str]]] = {PRODUCES: {}, USES: {}}
            for field, clauses in fields.items():
                patterns = zh + en if field == "name" else (zh if field == "description_zh" else en + zh)
                for text, role in clauses:
                    for word, pattern in patterns:
                        if pattern.search(text):
                            hits[role].setdefault(field, set()).add(word)
            for field, parts, name in (("similar_zh", parts_zh, s.name_zh), ("similar_en", parts_en, s.name_en)):
                for clause_words, role in cut[field]:
                    if any(part <= clause_words for part in parts):
                        hits[role].setdefault(field, set()).add(name)
            for role, by_field in hits.items():
                if not by_field:
                    continue
                miss = 1.0
                for field in by_field:
                    miss *= 1.0 - WEIGHTS[field]
                confidence = round(1.0 - miss, 3)
                if confidence >= min_confidence:
                    words = sorted({w for ws in by_field.values() for w in ws})
                    out.append(Inferred(s.chain, s.segment, role, confidence, tuple(words)))
        return out


def _clauses(text: str) -> list[tuple[str, str]]:
    """(folded clause, role) for the clauses that say what the organisation makes or uses."""
    out = []
    for clause in _CLAUSE_SPLIT.split(fold(text)):
        clause = clause.strip()
        if not clause or any(m in clause for m in _CUSTOMER_MARKERS):
            continue
        out.append((clause, USES if any(m in clause for m in _USE_MARKERS) else PRODUCES))
    return out


def infer(segments: Sequence[SegmentWords], org: OrgText, *, min_confidence: float = MIN_CONFIDENCE) -> list[Inferred]:
    """One-off inference (build a Matcher to run many organisations)."""
    return Matcher(segments).infer(org, min_confidence=min_confidence)
