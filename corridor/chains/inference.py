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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PRODUCES, USES = "produces", "uses"
WEIGHTS = {"name": 0.7, "description_zh": 0.5, "description_en": 0.5}
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


class Matcher:
    """Compiled keywords of many segments (build once, match many organisations)."""

    def __init__(self, segments: Iterable[SegmentWords]) -> None:
        self.entries: list[tuple[SegmentWords, list[tuple[str, re.Pattern[str]]], list[tuple[str, re.Pattern[str]]]]] = []
        for s in segments:
            zh = [(w, _pattern(w, english=False)) for w in s.keywords_zh]
            en = [(w, _pattern(w, english=True)) for w in s.keywords_en]
            self.entries.append((s, zh, en))

    def infer(self, org: OrgText, *, min_confidence: float = MIN_CONFIDENCE) -> list[Inferred]:
        fields = {
            "name": [(fold(f"{org.name_zh} {org.name_en}"), PRODUCES)],
            "description_zh": _clauses(org.description_zh),
            "description_en": _clauses(org.description_en),
        }
        out: list[Inferred] = []
        for s, zh, en in self.entries:
            hits: dict[str, dict[str, set[str]]] = {PRODUCES: {}, USES: {}}
            for field, clauses in fields.items():
                patterns = zh + en if field == "name" else (zh if field == "description_zh" else en + zh)
                for text, role in clauses:
                    for word, pattern in patterns:
                        if pattern.search(text):
                            hits[role].setdefault(field, set()).add(word)
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
