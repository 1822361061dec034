"""Plain text rules of search, no Django: tokens of a document, terms of a query, plural folding, typos.

A document's tokens and a query's keys are made by the same functions, so whatever one side folds
(traditional characters, full-width letters, case, English plurals) the other folds the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from corridor.orgs.search_text import _segmenter, _word_forms, fold

_CJK_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile("[a-z0-9]+")
_PIECE = re.compile("[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
# Longer pinyin suffixes are cut: a query term longer than this is cut the same way before matching.
MAX_TOKEN = 24
# Pinyin suffixes start at the first few syllables only (place and trade name: "guozi…", "jiqiren…" after a
# two-syllable place); each one more is two more index entries per organisation, which bulk imports pay for.
PINYIN_STARTS = 6
# English words too common in descriptions to narrow anything; each is an index entry per organisation.
_STOPWORDS = frozenset("""a an and are as at be by for from has have in is it its of on or the to was were with
which that this we our co ltd inc""".split())
# Characters a token may hold: anything else would need quoting in tsquery / FTS5 syntax.
_SAFE = re.compile("^[a-z0-9\u3400-\u9fff\uf900-\ufaff]+$")


def stem(word: str) -> str:
    """English plural → singular, the few rules that matter for names: robots, industries, batteries, glasses."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def word_variants(word: str) -> list[str]:
    """What a query word is looked for as in plain text (a substring match, case-insensitive): the word as typed,
    folded (traditional → simplified, full-width → half-width), and an English plural's singular, which also
    finds the plural ("robots" → "robot"); a singular in -y also as its plural in -ies ("industry" →
    "industries"). A form containing another is dropped: the shorter already finds it."""
    folded = fold(word)
    forms = [word.lower(), folded]
    if _LATIN_WORD.fullmatch(folded):
        singular = stem(folded)
        forms.append(singular)
        if len(singular) > 3 and singular.endswith("y") and singular[-2] not in "aeiou":
            forms.append(singular[:-1] + "ies")
    unique = list(dict.fromkeys(f for f in forms if f))
    return [f for f in unique if not any(other != f and other in f for other in unique)]


def cjk_keys(run: str) -> list[str]:
    """A Chinese run as overlapping bigrams (one character alone stays itself)."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _pinyin_suffixes(text: str) -> list[str]:
    """Pinyin and initials of a Chinese name, from each word to the end: 'guozijiqiren', 'jiqiren', 'gzjqr', 'jqr'."""
    words = [w for w in _segmenter.seg(text) if w.strip()]
    forms = [_word_forms(w) for w in words]
    out: list[str] = []
    for i in range(min(len(forms), PINYIN_STARTS)):
        full = "".join(f[0] for f in forms[i:])[:MAX_TOKEN]
        initials = "".join(f[1] for f in forms[i:])[:MAX_TOKEN]
        if full:
            out.append(full)
        if len(initials) >= 2:
            out.append(initials)
    return out


def document_tokens(names: Iterable[str], texts: Iterable[str] = ()) -> str:
    """The `search_tokens` of an organisation: names (with pinyin) and longer texts (descriptions)."""
    names = list(names)
    tokens: dict[str, None] = {}
    for raw in [*names, *texts]:
        folded = fold(raw or "")
        for run in _CJK_RUN.findall(folded):
            tokens.update(dict.fromkeys(cjk_keys(run)))
        for word in _LATIN_WORD.findall(folded):
            if word not in _STOPWORDS:
                tokens[stem(word)[:MAX_TOKEN]] = None
    for raw in names:
        folded = fold(raw or "")
        if _CJK_RUN.search(folded):
            tokens.update(dict.fromkeys(_pinyin_suffixes(folded)))
    return " ".join(t for t in tokens if _SAFE.match(t))


@dataclass
class Term:
    """One word of a query: the index keys that must all be present, and whether they are prefixes."""

    text: str  # folded; Latin words stemmed
    exact_keys: list[str] = field(default_factory=list)
    prefix_keys: list[str] = field(default_factory=list)

    @property
    def is_cjk(self) -> bool:
        return bool(_CJK_RUN.search(self.text))


def parse(query: str) -> list[Term]:
    """Terms of a query; all must match. Empty when the query has nothing searchable."""
    terms = []
    words = fold(query).split()
    # Stopwords are not indexed (see _STOPWORDS): "Guozi Co., Ltd." asks for guozi; "co" alone still searches.
    pieces = _PIECE.findall(" ".join(words))
    skip = _STOPWORDS if any(p not in _STOPWORDS for p in pieces) else frozenset()
    for word in words:
        term = Term(text="")
        parts = []
        for piece in _PIECE.findall(word):
            if _CJK_RUN.fullmatch(piece):
                if len(piece) == 1:
                    term.prefix_keys.append(piece)
                else:
                    term.exact_keys.extend(cjk_keys(piece))
                parts.append(piece)
            elif piece in skip:
                continue
            else:
                stemmed = stem(piece)
                term.prefix_keys.append(stemmed[:MAX_TOKEN])
                parts.append(stemmed)
        if parts:
            term.text = "".join(parts)
            terms.append(term)
    return terms


def tsquery(terms: list[Term]) -> str:
    """PostgreSQL tsquery text, lexemes quoted literally (cast with ::tsquery, no parser)."""
    keys = [f"'{k}'" for t in terms for k in dict.fromkeys(t.exact_keys)]
    keys += [f"'{k}':*" for t in terms for k in dict.fromkeys(t.prefix_keys)]
    return " & ".join(keys)


def fts5_query(terms: list[Term]) -> str:
    """SQLite FTS5 MATCH text: quoted tokens, prefixes with *."""
    keys = [f'"{k}"' for t in terms for k in dict.fromkeys(t.exact_keys)]
    keys += [f'"{k}"*' for t in terms for k in dict.fromkeys(t.prefix_keys)]
    return " AND ".join(keys)


def one_wrong_character_variants(run: str) -> list[list[str]]:
    """For a Chinese run of 3+ characters: per position, the bigrams that do not touch it (for typo search)."""
    if len(run) < 3:
        return []
    out = []
    for i in range(len(run)):
        keys = [run[j : j + 2] for j in range(len(run) - 1) if j + 1 < i or j > i]
        if keys:
            out.append(keys)
    return out


def hamming_match(term: str, text: str) -> str | None:
    """The substring of `text` that differs from `term` in exactly one character, if any."""
    n = len(term)
    for start in range(len(text) - n + 1):
        window = text[start : start + n]
        if sum(a != b for a, b in zip(window, term, strict=True)) == 1:
            return window
    return None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein with adjacent transpositions, giving up (limit + 1) once past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def closest_word(word: str, haystack_words: Iterable[str], prefix: str = "") -> str | None:
    """The closest word, or piece of a joined pinyin word, within the typo limit; a piece starts with `prefix`
    (default: the word's first letter).

    Each distinct piece is measured once: the candidates' joined pinyin repeat the same syllables
    (…youxiangongsi), and measuring every occurrence was most of a typo search's time.
    """
    limit = allowed_typos(word)
    start = prefix or word[0]
    lengths = range(max(3, len(word) - limit), len(word) + limit + 1)
    pieces: dict[str, int] = {}  # piece → 0 when it is a whole word somewhere, else 1
    for candidate in haystack_words:
        k = candidate.find(start)
        while k != -1:
            for length in lengths:
                piece = candidate[k : k + length]
                if len(piece) < length:
                    break
                if piece != word:
                    whole = 0 if piece == candidate else 1
                    if pieces.get(piece, 2) > whole:
                        pieces[piece] = whole
            k = candidate.find(start, k + 1)
    best: tuple[int, int, int, str] | None = None
    for piece, whole in pieces.items():
        d = edit_distance(word, piece, limit)
        # Fewest edits, then a whole word over a piece of one, then the closest length.
        score = (d, whole, abs(len(piece) - len(word)), piece)
        if d <= limit and (best is None or score < best):
            best = score
    return best[3] if best else None


def latin_words(text: str) -> list[str]:
    return _LATIN_WORD.findall(text)
