"""Concepts shared across languages: a bilingual industry vocabulary shipped as data (data/lexicon.tsv).

A Chinese need and an English offer share no jieba token, so BM25 sees no evidence between them, and
the embedding alone must carry the match. Each lexicon line names one concept in both languages
("reducer|gearbox <TAB> 减速器|减速机"); a text yields the concept tokens of every form it contains,
so "减速器" and "reducers" both give `~reducer`, and BM25 over those tokens weighs a rare shared
concept (弧分/arcmin) above a common one (测试/testing), whatever the languages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from corridor.orgs.search_text import fold

LEXICON = Path(__file__).parent / "data" / "lexicon.tsv"


@lru_cache(maxsize=4)
def _compiled(paths: tuple[Path, ...] = (LEXICON,)) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    concept_of: dict[str, str] = {}
    latin: set[str] = set()
    han: set[str] = set()
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        english, _, chinese = line.partition("\t")
        forms = [f.strip() for f in english.split("|") + chinese.split("|") if f.strip()]
        concept = "~" + fold(forms[0])
        for form in forms:
            folded = fold(form)
            concept_of.setdefault(folded, concept)
            (han if re.search(r"[\u4e00-\u9fff]", folded) else latin).add(folded)

    def alternation(forms: set[str]) -> str:
        # Longest first, so that at one position "industrial robot" wins over "industrial".
        return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))

    # Lookaheads find overlapping occurrences: "industrial robot" and, one word on, "robot".
    latin_re = re.compile(rf"(?<![a-z0-9])(?=({alternation(latin)})(?:s|es)?(?![a-z0-9]))")
    han_re = re.compile(rf"(?=({alternation(han)}))")
    return latin_re, han_re, concept_of


def concepts(text: str, lexicons: tuple[Path, ...] = (LEXICON,)) -> list[str]:
    """Concept tokens of a text in order of appearance (repeats kept, as BM25 counts them).

    `lexicons`: more vocabulary files after matching's own (the R&D engine adds one); a form already
    named by an earlier file keeps that file's concept.
    """
    latin_re, han_re, concept_of = _compiled(lexicons)
    folded = fold(text)
    found = [(m.start(), concept_of[m.group(1)]) for m in latin_re.finditer(folded)]
    found += [(m.start(), concept_of[m.group(1)]) for m in han_re.finditer(folded)]
    return [concept for _, concept in sorted(found)]
