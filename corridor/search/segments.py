"""Which chain segments a query names: by a segment's name or one of its keywords, in Chinese or English.

A segment is named when the whole query is part of its name or of one of its keywords (the words the chain
template gives for what the segment makes: 减速机 and "gearbox" for precision reducers). Chinese compares folded
characters; English compares words with plurals folded, from a word's start ("servo motors" is in "Servo
motors and drives", "reduc" in "reducer", "ai" not in "chain"). A segment named this way brings its
sub-segments: asking for 核心零部件 means the reducers, servos and controllers under it too.

The segments table is small (a few hundred rows over all chains), so it is read whole and matched here; the
organisations are then found through the tag table's segment index (corridor.search.orgs). Nothing is copied
into the organisation index, so tagging, confirming or rejecting a tag, and editing a template are seen by
the next search without re-indexing any organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from corridor.orgs.search_text import fold
from corridor.search import text

# Shorter queries name too much by accident (one Chinese character, "ai" inside "chain" is guarded anyway).
MIN_CJK = 2
MIN_LATIN = 3
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class SegmentRow:
    pk: int
    parent_id: int | None
    phrases: tuple[str, ...]  # names and keywords, zh and en


@lru_cache(maxsize=8192)
def _english(phrase: str) -> str:
    """Lower case, words split on anything not a letter or digit, plurals folded: 'Servo motors' → 'servo motor'."""
    return " ".join(text.stem(w) for w in text.latin_words(fold(phrase)))


def query_forms(query: str) -> tuple[str, str] | None:
    """The query as compared with Chinese phrases and with English ones, or None when it is too short to name
    a segment."""
    folded = " ".join(fold(query).split())
    if _CJK.search(folded):
        return (folded, "") if len(folded.replace(" ", "")) >= MIN_CJK else None
    english = _english(folded)
    return ("", english) if len(english) >= MIN_LATIN else None


@lru_cache(maxsize=8192)
def _folded(phrase: str) -> str:
    return fold(phrase)


def phrase_holds(phrase: str, forms: tuple[str, str]) -> bool:
    # The phrases' forms are cached (pure functions of the text): a search compares the query with every
    # segment's names and keywords, a thousand phrases, and folding them anew was most of a cheap search's time.
    chinese, english = forms
    if chinese:
        return chinese in _folded(phrase)
    haystack = _english(phrase)
    if english not in haystack:
        return False
    return re.search(rf"(?<![a-z0-9]){re.escape(english)}", haystack) is not None


def named_segments(rows: Sequence[SegmentRow], query: str) -> tuple[list[int], list[int]]:
    """Keys of the segments `query` names, and of the segments under them that it does not name itself."""
    forms = query_forms(query)
    if forms is None:
        return [], []
    named = [row.pk for row in rows if any(phrase_holds(p, forms) for p in row.phrases)]
    below = [pk for pk in with_descendants(named, ((row.pk, row.parent_id) for row in rows)) if pk not in named]
    return named, below


def with_descendants(keys: Iterable[int], parents: Iterable[tuple[int, int | None]]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pk, parent in parents:
        if parent is not None:
            children.setdefault(parent, []).append(pk)
    out: dict[int, None] = {}
    stack = list(keys)
    while stack:
        pk = stack.pop()
        if pk not in out:
            out[pk] = None
            stack.extend(children.get(pk, ()))
    return sorted(out)


def segment_rows() -> list[SegmentRow]:
    """Every active segment with its names and keywords (one small query)."""
    from corridor.chains.models import Segment

    rows = Segment.objects.filter(active=True).values_list(
        "pk", "parent_id", "name_zh", "name_en", "keywords_zh", "keywords_en"
    )
    return [
        SegmentRow(pk, parent, tuple(p for p in (name_zh, name_en, *(kw_zh or []), *(kw_en or [])) if p))
        for pk, parent, name_zh, name_en, kw_zh, kw_en in rows
    ]
