"""Organisation search: the one entry point the list page, the API and autocomplete call.

    result = search_organisations(Organisation.objects.visible_to(user), q)
    result.queryset     # ranked: exact name/alias, name prefix, name contains, then descriptions/segments/industries
    result.suggestion   # "did you mean": set when nothing matched and a near spelling does (then `queryset`
                        # holds that spelling's results, `corrected` is True)

The caller's queryset decides what may be seen: every query here filters it, never widens it, so a
suggestion or an autocomplete entry can only come from organisations the viewer may see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from corridor.orgs.models import Organisation
from corridor.orgs.search_text import fold
from corridor.search import segments, text
from corridor.search.paging import CAP, first_ids, rows_by_ids
from corridor.search.text import Term

# How many candidate organisations a typo suggestion looks at (each is checked in Python).
SUGGESTION_CANDIDATES = 200
# At most this many matches of each kind (tokens; segments and industries) are ranked. A broad term (智能)
# matches a large share of the table, and ranking all of it costs a read of every matching row on each
# request; past this the list says "more than 1,000" anyway (corridor.search.paging.CAP). CAP + 1 is the least
# that keeps counts up to the cap exact (each source is complete whenever it has no more than CAP matches).
# The price: for such broad terms the ranking is among the first RANKED matches of each source in index order
# (oldest profiles first), not all of them. 2,000 before: the rows read per broad search halve.
RANKED = CAP + 1
# PostgreSQL's work_mem for a search's statements (see index_scans).
SEARCH_WORK_MEM = "64MB"


@dataclass
class SearchResult:
    queryset: QuerySet[Organisation]
    query: str
    suggestion: str | None = None
    corrected: bool = False
    _ids: list[int] | None = field(default=None, repr=False)
    # The caller's queryset before the search narrowed it (what may be seen, with the list's filters): a page
    # whose keys are known loads its rows from this, by key, without matching and ranking again.
    base: QuerySet[Organisation] | None = field(default=None, repr=False)

    @property
    def searched(self) -> bool:
        """Whether the query had anything to search for (otherwise `queryset` is the caller's, in its order)."""
        return self.queryset is not self.base

    @property
    def ids(self) -> list[int]:
        """Keys of the first CAP + 1 results in rank order (one query, read once): the count up to the cap, the
        "did anything match", and the keys a page loads (corridor.search.paging)."""
        if self._ids is None:
            self._ids = first_ids(self.queryset)
        return self._ids


def _token_match_sql(expression: str, limit: int = RANKED) -> tuple[str, list[str]]:
    """SQL selecting ids of organisations whose tokens satisfy a tsquery / FTS5 expression (an index lookup)."""
    if connection.vendor == "postgresql":
        # Must be the indexed expression of migration orgs 0004, verbatim, for the GIN index to serve it.
        return (
            "SELECT * FROM (SELECT id FROM orgs_organisation WHERE "
            f"array_to_tsvector(string_to_array(search_tokens, ' ')) @@ CAST(%s AS tsquery) LIMIT {int(limit)}) t",
            [expression],
        )
    return (
        "SELECT * FROM (SELECT rowid FROM orgs_organisation_fts WHERE orgs_organisation_fts MATCH %s "
        f"LIMIT {int(limit)})",
        [expression],
    )


def _query_expression(groups: list[list[Term]]) -> str:
    """OR of groups, each an AND of its terms' keys, in the vendor's syntax."""
    if connection.vendor == "postgresql":
        parts = [text.tsquery(g) for g in groups if text.tsquery(g)]
        return " | ".join(f"({p})" for p in parts)
    parts = [text.fts5_query(g) for g in groups if text.fts5_query(g)]
    return " OR ".join(f"({p})" for p in parts)


def _related_ids_sql(query: str) -> tuple[tuple[str, list[object]], tuple[str, list[object]]]:
    """Ids of organisations tagged with a chain segment the query names (its name or a keyword:
    corridor.search.segments); then of those tagged in a segment under one it names, or in an industry whose
    name holds the whole query. Each part is ("", []) when empty."""
    from corridor.chains.models import SegmentTag
    from corridor.orgs.models import Industry

    folded = fold(query).strip()
    singular = " ".join(text.stem(w) for w in folded.split())
    if len(folded) < 2:
        return ("", []), ("", [])
    # Looked up first, as literals: inside the search statement the tiny segment and industry tables have only
    # sequential scans, which index_scans() would price out of reach and so distort the whole plan.
    named, below = segments.named_segments(segments.segment_rows(), query)
    industry_ids = list(Industry.objects.filter(Q(name_zh__contains=folded) | Q(name_en__icontains=singular))
                        .values_list("pk", flat=True)[:50])

    def tagged(segment_ids: list[int], alias: str) -> tuple[str, list[object]]:
        marks = ", ".join(["%s"] * len(segment_ids))
        return (f"SELECT * FROM (SELECT organisation_id FROM chains_segmenttag WHERE segment_id IN ({marks}) "
                f"AND status <> %s LIMIT {RANKED}) {alias}", [*segment_ids, SegmentTag.Status.REJECTED])

    direct = tagged(named, "s") if named else ("", [])
    other: list[tuple[str, list[object]]] = [tagged(below, "b")] if below else []
    if industry_ids:
        marks = ", ".join(["%s"] * len(industry_ids))
        other.append((f"SELECT * FROM (SELECT organisation_id FROM orgs_organisation_industries "
                      f"WHERE industry_id IN ({marks}) LIMIT {RANKED}) i", list(industry_ids)))
    return direct, (" UNION ".join(sql for sql, _ in other), [p for _, params in other for p in params])


Part = tuple[str, list[object]]


def _keys(ids: list[int]) -> list[int] | RawSQL:
    """Keys for an IN: on PostgreSQL one array parameter, not up to 3,003 literals (each a parameter to send and
    plan, three times over in a search statement); SQLite takes the list."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return ids


def _rank(query: str, terms: list[Term], tokens: list[int] | None = None, direct: list[int] | None = None) -> Case:
    """0 exact name or alias, 1 a name starts with the query, 2 the names (or their pinyin) hold it, 3 elsewhere
    in the indexed text (descriptions); when segments or industries matched too: 4 tagged in a segment the
    query names, 5 the rest (a segment under it, an industry). `tokens` and `direct` are those sets' keys."""
    folded = fold(query).strip()
    names_hold = Q()
    for term in terms:
        names_hold &= Q(search_text__contains=term.text)
    whens = [
        # search_text is "name | other name | pinyin ...": a whole part equal to the query is an exact alias.
        When(Q(name_zh=folded) | Q(name_en__iexact=query.strip()) | Q(short_name__iexact=query.strip())
             | Q(search_text__contains=f" | {folded} | "), then=Value(0)),
        When(Q(name_zh__startswith=folded) | Q(name_en__istartswith=query.strip())
             | Q(short_name__istartswith=query.strip()) | Q(search_text__startswith=folded), then=Value(1)),
        When(names_hold, then=Value(2)),
    ]
    if tokens is None:
        return Case(*whens, default=Value(3), output_field=IntegerField())
    # Only asked when segments or industries matched, so that a description match outranks a tag.
    whens.append(When(pk__in=_keys(tokens), then=Value(3)))
    if direct is not None:
        whens.append(When(pk__in=_keys(direct), then=Value(4)))
    return Case(*whens, default=Value(5), output_field=IntegerField())


def _matching(qs: QuerySet[Organisation], query: str, terms: list[Term]) -> QuerySet[Organisation]:
    token_sql, token_params = _token_match_sql(_query_expression([terms]))
    tokens: Part = (token_sql, list(token_params))
    direct, other = _related_ids_sql(query)
    order = ("search_rank", "is_synthetic", "-is_head_enterprise", "name_zh", "id")
    if not (direct[0] or other[0]):
        # Real profiles before generated demo data (`is_synthetic`), then the list's own order.
        return qs.filter(pk__in=RawSQL(*tokens)).annotate(search_rank=_rank(query, terms)).order_by(*order)
    # Segments or industries matched too: the ranking asks which source each row came from, and as subqueries
    # in its CASE PostgreSQL would run the token look-up a second time (its GIN bitmap is most of a broad
    # search: ~35 ms of 88 for 机器人 at 1M organisations). So each source's keys (at most RANKED each) are read
    # once, in one statement, and the ranking tests rows against those keys.
    parts = [(tokens, 0), (direct, 1), (other, 2)]
    sql = " UNION ALL ".join(f"SELECT x.*, {source} FROM ({part_sql}) x" for (part_sql, _), source in parts if part_sql)
    params: list[Any] = [p for (part_sql, part_params), _ in parts if part_sql for p in part_params]
    found: tuple[set[int], set[int], set[int]] = (set(), set(), set())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for pk, source in cursor.fetchall():
            found[source].add(pk)
    rank = _rank(query, terms, sorted(found[0]), sorted(found[1]) if direct[0] and other[0] else None)
    return qs.filter(pk__in=_keys(sorted(found[0] | found[1] | found[2]))).annotate(search_rank=rank).order_by(*order)


def search_organisations(qs: QuerySet[Organisation], query: str | None, *, suggest: bool = True) -> SearchResult:
    """Ranked matches of `query` within `qs`; when none, the results of the closest spelling that has some."""
    query = (query or "").strip()
    terms = text.parse(query)
    if not terms:
        return SearchResult(qs, query, base=qs)
    with index_scans():
        result = SearchResult(_matching(qs, query, terms), query, base=qs)
        if suggest and not result.ids:
            # Not verified on its own: the corrected search below says whether the spelling finds anything.
            suggestion = suggest_spelling(qs, query, terms, verify=False)
            if suggestion:
                corrected = SearchResult(_matching(qs, suggestion, text.parse(suggestion)), query,
                                         suggestion=suggestion, corrected=True, base=qs)
                if corrected.ids:
                    result = corrected
        result.ids  # noqa: B018  # read here, under index_scans: the ranked keys every caller needs
    return result


@contextmanager
def index_scans() -> Iterator[None]:
    """PostgreSQL: the statements inside plan without sequential scans.

    With statistics, PostgreSQL knows a broad token (智能) matches ~18 % of the table and, asked for the first
    1,001 of them (LIMIT), prefers reading the table in order and testing each row's tokens: it costs that test
    as one operator, but building the row's tsvector takes ~0.1 ms, so 5,000 rows take 0.5 s. The GIN index
    answers the same in ~20 ms. SET LOCAL lasts to the end of the enclosing (sub)transaction only.

    work_mem: the GIN index answers with a bitmap of every matching row, and a broad term at 1M organisations
    (智能, or a pinyin prefix such as jiaxing* that expands to a hundred thousand distinct tokens) marks a few
    hundred thousand rows on most of the table's pages. Past the default 4 MB the bitmap turns lossy (whole
    pages) and every row of those pages is tested again by building its tsvector (~0.05 ms a row) until the
    LIMIT is met: hundreds of ms. SEARCH_WORK_MEM keeps such a bitmap exact; it is memory per statement of a
    search only, released at its end.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '{SEARCH_WORK_MEM}'")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL work_mem TO DEFAULT")


def suggest_spelling(qs: QuerySet[Organisation], query: str, terms: list[Term], *, verify: bool = True) -> str | None:
    """The query with each unknown term replaced by the nearest spelling found in visible names, or None
    (`verify`: only a spelling that matches something; the caller may check that itself).

    Chinese: one character may be wrong (found by the bigrams that do not touch it); English and pinyin:
    one letter in short words, two in longer ones (candidates share the first three, then two letters).
    Called when the whole query matched nothing, so a query of one term needs no look whether it matches.
    """
    corrected = []
    changed = False
    for term in terms:
        if len(terms) > 1 and _matching_ids(qs, [term]):
            corrected.append(term.text)
            continue
        replacement = _cjk_suggestion(qs, term) if term.is_cjk else _latin_suggestion(qs, term)
        if replacement is None:
            return None
        corrected.append(replacement)
        changed = True
    if not changed:
        return None
    suggestion = " ".join(corrected)
    return suggestion if not verify or _matching_ids(qs, text.parse(suggestion)) else None


def _matching_ids(qs: QuerySet[Organisation], terms: list[Term], limit: int = 1) -> list[int]:
    sql, params = _token_match_sql(_query_expression([terms]))
    return list(qs.filter(pk__in=RawSQL(sql, params)).order_by().values_list("pk", flat=True)[:limit])


def _candidates(qs: QuerySet[Organisation], groups: list[list[Term]]) -> list[str]:
    expression = _query_expression(groups)
    if not expression:
        return []
    sql, params = _token_match_sql(expression)
    return list(qs.filter(pk__in=RawSQL(sql, params)).order_by().values_list("search_text", flat=True)
                [:SUGGESTION_CANDIDATES])


def _cjk_suggestion(qs: QuerySet[Organisation], term: Term) -> str | None:
    run = max(re.findall("[\u3400-\u9fff\uf900-\ufaff]+", term.text), key=len)
    variants = text.one_wrong_character_variants(run)
    groups = [[Term(text=run, exact_keys=keys)] for keys in variants]
    for haystack in _candidates(qs, groups):
        found = text.hamming_match(run, haystack)
        if found:
            return term.text.replace(run, found)
    return None


def _latin_suggestion(qs: QuerySet[Organisation], term: Term) -> str | None:
    word = term.text
    if len(word) < 4 or not word.isalnum():
        return None
    for size in (3, 2):
        haystacks = _candidates(qs, [[Term(text=word[:size], prefix_keys=[word[:size]])]])
        words = {w for h in haystacks for w in text.latin_words(h)}
        # The candidates were found by these letters starting a token: so does the piece that fixes the word.
        found = text.closest_word(word, words, prefix=word[:size])
        if found:
            return found
    return None


AUTOCOMPLETE_SIZE = 10


def autocomplete_organisations(qs: QuerySet[Organisation], query: str | None) -> list[Organisation]:
    """Up to ten organisations for a name being typed (a form's organisation picker): name matches first."""
    if len(fold(query or "").strip()) < 1:
        return []
    result = search_organisations(qs, query, suggest=False)
    return rows_by_ids(qs.only("id", "name_zh", "name_en", "short_name"), result.ids[:AUTOCOMPLETE_SIZE])
