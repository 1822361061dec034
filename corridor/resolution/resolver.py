"""Cluster organisation records that name one organisation. Plain module, no Django.

1. Parse every name (`names.parse`): trade name key, concepts, kind, place.
2. Learn bilingual brand aliases (Hikrobot → 海康机器人, BOE → 京东方) from records that carry a
   Chinese and an English name, from records sharing a credit code, and from confirmed pairs passed in.
3. Block: records meet only when they share a key (trade name key, one-typo neighbourhoods, credit
   code); blocks are found by sorting 64-bit hashes, so a million rows need no all-pairs pass.
4. Compare within blocks: an identical valid credit code decides yes, two different ones decide no;
   otherwise place, kind and industry must agree and the trade names must be the same (in any script).
5. Cluster with a union-find that refuses a merge putting two incompatible records in one cluster, so
   a short name ("海康") never chains two subsidiaries of one group together.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain

from rapidfuzz.distance import DamerauLevenshtein

from corridor.orgs import uscc as uscc_codes
from corridor.resolution.blocking import block_pairs
from corridor.resolution.clustering import MERGE_AT, REVIEW_FROM, cluster
from corridor.resolution.drawn import drawn_from_the_rest, drawn_from_the_start, every_word_drawn
from corridor.resolution.forks import in_forks
from corridor.resolution.institutions import acronym_of, acronyms, same_institution, signature_en, signature_zh
from corridor.resolution.lexicon import Place, is_pinyin, place_words
from corridor.resolution.names import ParsedName, initials_of, parse
from corridor.resolution.records import (
    Alias,
    Evidence,
    Prepared,
    Record,
    _compatible_concepts,
    _registered,
)
from corridor.resolution.rendered import rendered_pairs
from corridor.resolution.short_names import abbreviation_candidates, part_candidates, unique_trade_pairs
from corridor.resolution.spelled import same_rest, spelled_out
from corridor.resolution.teaching import apply_aliases, drop_rejected, learn_aliases, taught_pairs
from corridor.resolution.translate import meaningful_rest_latin, meaningful_rest_zh, same_meaning
from corridor.resolution.translated import translated_pairs
from corridor.resolution.transliterated import transliterated_pairs

Progress = Callable[[str, int, int], None]



def valid_uscc(raw: str) -> str | None:
    if not raw or not raw.strip():
        return None
    try:
        return uscc_codes.validate(raw)
    except uscc_codes.USCCError:
        return None


def place_from_address(address: str) -> Place | None:
    """The city an address starts with (浙江省杭州市…), by the same place words as names; fast, no cpca."""
    from corridor.resolution.names import fold

    text = fold(address[:32]).replace(" ", "")[:16]  # only its start is read: fold no more of it
    if not text:
        return None
    zh, _latin = place_words()
    place: Place | None = None
    i = 0
    while i < len(text):
        for size in range(min(8, len(text) - i), 1, -1):
            word = zh.get(text[i : i + size])
            if word is not None:
                new = word.place
                if place is not None and place.conflicts(new):
                    return place
                place = Place(place.province if place else new.province, new.city or (place.city if place else None))
                i += size
                break
        else:
            if place is not None:
                return place
            i += 1
    return place


def prepare(records: Sequence[Record], progress: Progress | None = None, workers: int = 1) -> list[Prepared]:
    """Every record's names parsed; with `workers` > 1 the later parts of the records in forked processes
    (what they send back costs about half of what they save, so it pays from a hundred thousand rows)."""
    if workers > 1 and len(records) >= PREPARE_IN_FORKS_FROM:
        return _prepared_in_parallel(records, progress, workers)
    out = []
    total = len(records)
    for n, rec in enumerate(records):
        parses: list[ParsedName] = []
        for name in (rec.name, *rec.other_names):
            for p in parse(name):
                if p not in parses:
                    parses.append(p)
        out.append(Prepared(rec, valid_uscc(rec.uscc), parses, place_from_address(rec.address) if rec.address else None,
                            address_key(rec.address), acronym_of(rec.name), any(_institution(p) for p in parses)))
        if progress and (n % 20000 == 0 or n == total - 1):
            progress("parse", n + 1, total)
    return out


def _prepared_in_parallel(records: Sequence[Record], progress: Progress | None, workers: int) -> list[Prepared]:
    size = -(-len(records) // workers)

    def part(start: int) -> Callable[[], list[Prepared]]:
        def run() -> list[Prepared]:
            out = prepare(records[start : start + size])
            for item in out:
                item.record = _SENT  # the parent has the records: send back only what was found
            return out
        return run

    parts = in_forks(lambda: prepare(records[:size], progress), [part(start) for start in range(size, len(records), size)])
    out = [item for prepared in parts for item in prepared]
    for item, record in zip(out, records, strict=True):
        item.record = record
    return out


_SENT = Record("", "")
PREPARE_IN_FORKS_FROM = 100_000


def _across(p: ParsedName, q: ParsedName) -> bool:
    return (p.script == "latin") != (q.script == "latin")


from corridor.resolution.short_names import INSTITUTIONS  # noqa: E402  (one list of kinds)


def _names_an_industry_the_institution_lacks(p: ParsedName, q: ParsedName) -> bool:
    if p.kind not in INSTITUTIONS or q.kind is not None:
        return False
    if not q.concepts <= p.concepts:
        return True
    if not q.extras:
        return False
    if p.script == q.script:
        return not q.extras <= p.extras
    return not (p.extras or p.concepts)  # another language: unknown words cannot be compared, only counted


def _only_unknown_words(p: ParsedName, q: ParsedName) -> bool:
    return bool(p.extras and not p.concepts and q.concepts and not q.extras)


_INSTITUTION_WORDS = ("university", "institute", "college", "academy", "school")


def _institution(p: ParsedName) -> bool:
    return p.kind in INSTITUTIONS or (p.script == "latin" and any(w in p.exact for w in _INSTITUTION_WORDS))


def _meaningful_rest(p: ParsedName) -> str:
    return meaningful_rest_latin(p.rest) if p.script == "latin" else meaningful_rest_zh(p.rest)


def _rests(p: ParsedName, q: ParsedName) -> tuple[str, str]:
    """What follows the trade names, Chinese first, without the words that say nothing."""
    chinese, english = (p, q) if q.script == "latin" else (q, p)
    return meaningful_rest_zh(chinese.rest), meaningful_rest_latin(english.rest)


def _trade_chars(p: ParsedName) -> int:
    return len(p.trade) if p.script != "latin" else 0


def _only_a_short_trade_name(p: ParsedName, q: ParsedName) -> bool:
    """The names share a trade name of two characters, and what follows it differs.

    Two characters are too few to name a company alone: 华西, 启明, 珠江 are each the trade name of
    several listed companies. Such a pair is one organisation only when the rest of the names agree too
    (the same industry words; 融捷股份 and 融捷（广州）股份有限公司 have nothing else either side)."""
    chars = [n for n in (_trade_chars(p), _trade_chars(q)) if n]
    if not chars or max(chars) > 2:
        return False
    if p.script == q.script or "latin" not in (p.script, q.script):
        return p.concepts != q.concepts or p.extras != q.extras
    # Chinese and English: the lexicon maps words only roughly (机电 is machinery, "mechanical and
    # electrical" two concepts), so the industries must overlap, and what follows the trade name must
    # say the same in both languages (锂业集团 / lithium group; not 股份 / digital technology).
    if not _compatible_concepts(p.concepts, q.concepts, across_languages=True):
        return True
    if p.concepts and p.concepts == q.concepts and not p.extras and not q.extras:
        return False  # the same industries, said in words the lexicon knows in both languages
    return not same_meaning(*_rests(p, q))


def _kind_conflict(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def compare_names(p: ParsedName, q: ParsedName, place_p: Place | None, place_q: Place | None) -> Evidence | None:
    """Do two parsed names mean one organisation? The rules a careful secretary applies, in order."""
    if "part" in (p.script, q.script) and not _across(p, q):
        return None  # a Chinese trade name cut short is offered to English names only
    if place_p is not None and place_q is not None and place_p.conflicts(place_q):
        return None
    if _kind_conflict(p.kind, q.kind) or not _compatible_concepts(p.concepts, q.concepts, _across(p, q)):
        return None
    if drawn_from_the_start(p, q):
        # The short name's words are the beginnings of the full name's: its unknown words (医科, 科大) are
        # the full name's words cut short, not another industry.
        plain = 0.01 if every_word_drawn(p, q) else 0.0
        return Evidence(0.82 + plain + (0.03 if place_p is not None and place_p == place_q else 0.0), "abbreviation")
    if _names_an_industry_the_institution_lacks(p, q) or _names_an_industry_the_institution_lacks(q, p):
        return None  # "天永泽印刷" is the printing company, not 天永泽研究院
    if drawn_from_the_rest(p, q):
        # Weaker than a short name drawn from the start: the words left out may be what tells namesakes
        # apart, so a short name that fits two full names this way joins neither (clustering).
        return Evidence(TAIL_SHORT + (0.03 if place_p is not None and place_p == place_q else 0.0), "short-name-tail")
    if p.script == q.script and _institution(p) and _institution(q) and p.exact != q.exact:
        # 大连大学 and 大连理工大学, Nanjing University and Nanjing Normal University: an institution's
        # name is its identity; two different full names in one language are two institutions.
        return None
    if p.script == q.script:
        if p.extras and q.extras and not (p.extras & q.extras):
            return None  # 恒达纸业 and 恒达玻璃: words the lexicon lacks, but plainly different trades
        if _registered(p) and _registered(q) and (p.concepts != q.concepts or (p.extras and q.extras and p.extras != q.extras)):
            return None  # two registered names in one language that differ in their industry are two companies
        if _registered(p) and _registered(q) and p.trade == q.trade and not same_rest(p, q, _meaningful_rest(p), _meaningful_rest(q)):
            return None  # 科特斯汽车技术 and 科特斯汽车电子: the lexicon calls both "vehicle"; their words differ
    if (_only_unknown_words(p, q) or _only_unknown_words(q, p)) and not (
        _across(p, q) and same_meaning(*_rests(p, q))
    ):
        return None  # "Youjingce Hardware" is not 优晶策芯片: an industry the other name does not have
    bonus = 0.0
    if p.concepts and p.concepts == q.concepts and (p.extras == q.extras if not _across(p, q) else bool(p.extras) == bool(q.extras)):
        bonus += 0.04  # the same industry, and no word on one side the other lacks (医药销售 is not 制药)
    if place_p is not None and place_q is not None and place_p == place_q:
        bonus += 0.03
    spelled = 0.97 if p.exact == q.exact else spelled_out(p, q) if _across(p, q) else 0.0
    if spelled:
        return Evidence(spelled, "same-name")
    both_zh = p.script != "latin" and q.script != "latin"
    same_key = p.key == q.key or (p.script != q.script and (q.key in p.readings or p.key in q.readings))
    if same_key and _only_a_short_trade_name(p, q):
        return None  # 华西证券 and 华西股份, 启明信息 and 启明星辰: two characters in common and nothing else
    if same_key and _across(p, q) and (p.key if p.script == "latin" else q.key) == initials_of(q if p.script == "latin" else p):
        # XFH for 翔丰华: three letters name many companies; just enough to merge, less than any other evidence
        return Evidence(INITIALS, "initials")
    if same_key and p.script == "zh" == q.script and p.core and p.core == q.core:
        bonus += 0.05  # the same words once place and legal form are dropped: more than the trade name
    if same_key:
        if p.key.startswith("#") and (place_p is None or place_q is None or place_p != place_q):
            return None  # "上海电气" needs its place: an industry word alone names nobody
        if both_zh and p.trade != q.trade:
            # Same sound, other characters: a typing slip (拼音输入法) only when everything else agrees.
            if (p.concepts and p.concepts == q.concepts) or (p.extras and p.extras == q.extras):
                return Evidence(0.74 + bonus, "homophone")
            return None
        if "alias" in (p.script, q.script):
            return Evidence(0.84 + bonus, "alias")
        reason = "trade-name" if p.script == q.script else "cross-script"
        if "part" in (p.script, q.script):
            # A trade name cut short (弘泰 of 弘泰翔药业) is less than the whole one (弘泰药业): the English
            # name of one goes to the company whose whole trade name it spells, not to neither.
            bonus -= 0.02
        return Evidence(0.86 + bonus, reason)
    # One slip of the keyboard, with the industry, the kind or the city confirming it.
    confirmed_by = (
        (p.concepts and q.concepts)
        or (p.script == q.script and p.extras and p.extras == q.extras)
        or (p.kind == q.kind and p.kind in ("institute", "university", "association"))
        or (place_p is not None and place_p == place_q and place_p.city)
    )
    if not confirmed_by:
        return None
    if both_zh:
        # Chinese is typed by sound: a slip gives a homophone (above), rarely another character; 威腾展 and
        # 耀腾展 in one city are two companies.
        return None
    shortest = min(len(p.key), len(q.key))
    if shortest >= 4 and DamerauLevenshtein.distance(p.key, q.key, score_cutoff=1) <= 1:
        if is_pinyin(p.key) and is_pinyin(q.key):
            # Two pinyin names one letter apart are as often two companies (Tongyu, Hongyu): ask.
            return Evidence(0.6, "typo")
        if shortest >= 6 or (p.concepts and p.concepts == q.concepts):
            return Evidence(0.7 + bonus, "typo")
    return None


def compare(a: Prepared, b: Prepared) -> Evidence | None:
    if a.uscc and b.uscc:
        return Evidence(1.0, "uscc") if a.uscc == b.uscc else None
    best: Evidence | None = None
    for p in a.parses:
        for q in b.parses:
            ev = compare_names(p, q, p.place or a.address_place, q.place or b.address_place)
            if ev is not None and (best is None or ev.score > best.score):
                best = ev
    if (best is None or best.score < INSTITUTION) and _one_institution(a, b):
        best = Evidence(INSTITUTION, "institution")
    if (best is None or best.score < ACRONYM) and _acronym_of_institution(a, b):
        best = Evidence(ACRONYM, "acronym")
    if a.address_key and a.address_key == b.address_key and (best is None or best.score < SAME_ADDRESS):
        if _names_fit_one_address(a, b):
            return Evidence(SAME_ADDRESS, "same-address")
    return best


SAME_ADDRESS = 0.8
TAIL_SHORT = 0.76
INITIALS = 0.71


INSTITUTION = 0.9


def _one_institution(a: Prepared, b: Prepared) -> bool:
    """A Chinese and an English name of one university or institute (institutions.py)."""
    if not a.institution or not b.institution:
        return False
    names_a = (a.record.name, *a.record.other_names)
    names_b = (b.record.name, *b.record.other_names)
    for x in names_a:
        for y in names_b:
            zh, en = (x, y) if _HAN.search(x) else (y, x)
            if _HAN.search(zh) and not _HAN.search(en) and same_institution(zh, en):
                return True
    return False


_HAN = re.compile(r"[\u4e00-\u9fff]")
ACRONYM = 0.85


def _understood_institution(item: Prepared) -> bool:
    """An institution name in the shared vocabulary of institutions.py: only those can meet across languages."""
    for name in (item.record.name, *item.record.other_names):
        if (signature_zh(name) if _HAN.search(name) else signature_en(name)) is not None:
            return True
    return False


def _signature_keys(item: Prepared) -> set[str]:
    out = set()
    for name in (item.record.name, *item.record.other_names):
        signature = signature_zh(name) if _HAN.search(name) else signature_en(name)
        if signature is not None:
            out.add("S" + signature[1] + ":" + ",".join(sorted(signature[2])))
    return out


def _acronym_of_institution(a: Prepared, b: Prepared) -> bool:
    """USTC and University of Science and Technology of China: one record is the other's acronym."""
    for short, full in ((a, b), (b, a)):
        letters = short.acronym
        if letters and full.institution:
            if any(letters in acronyms(n) for n in (full.record.name, *full.record.other_names) if not _HAN.search(n)):
                return True
    return False


def address_key(address: str) -> str:
    from corridor.resolution.names import exact_key

    key = exact_key(address)
    return key if len(key) >= 8 else ""


def _names_fit_one_address(a: Prepared, b: Prepared) -> bool:
    """At one registered address, are these two names of one organisation rather than two neighbours?

    Some pair of their names must not contradict each other (kind, industry, place), and two Chinese names
    must have two characters in common (攀钢集团钒钛资源 and 钒钛股份; not 华通 and 宏达 of one building)."""
    for p in a.parses:
        for q in b.parses:
            if _kind_conflict(p.kind, q.kind) or not _compatible_concepts(p.concepts, q.concepts, _across(p, q)):
                continue
            if p.place is not None and q.place is not None and p.place.conflicts(q.place):
                continue
            if p.script == "zh" and q.script == "zh":
                if _registered(p) and _registered(q):
                    continue  # two registered names at one address: two companies of one group
                shorter, longer = sorted((p.core or p.exact, q.core or q.exact), key=len)
                if any(shorter[k : k + 2] in longer for k in range(len(shorter) - 1)):
                    return True
            elif p.script == "latin" or q.script == "latin":
                return True
    return False


def _blocking_keys(item: Prepared) -> set[str]:
    keys: set[str] = set()
    letters = item.acronym
    if letters:
        keys.add("A" + letters)
    if item.uscc:
        keys.add("u" + item.uscc)
    if item.address_key:
        keys.add("u@" + item.address_key)  # an exact block, like the credit code
    for p in item.parses:
        if _institution(p) and p.script == "latin":
            for name in (item.record.name, *item.record.other_names):
                keys.update("A" + letters for letters in acronyms(name))
        if _institution(p) and _understood_institution(item):
            place = p.place or item.address_place
            keys.add("I" + (place.city or place.province or "" if place else ""))  # institutions of one city meet
            # and an institution's names whatever place each gives (中国科学院 at its Beijing address and
            # "Chinese Academy of Sciences" with none): its kind and words
            keys.update(_signature_keys(item))
        if p.script == "part":
            continue  # met by English names only: part_candidates, not a block of every Chinese name
        keys.add("k" + p.key)
        # Other readings (藏 zang) and initials (XFH) are for English names to meet: a block of their own
        # ("r"), where two Chinese names are never paired (compare reads readings across scripts only).
        keys.update("r" + reading for reading in p.readings)
        if p.script == "latin":
            keys.add("r" + p.key)
        if len(p.key) >= 4 and not p.key.startswith("#") and p.script in ("zh", "latin"):
            keys.add("d" + p.key)
            keys.update("d" + p.key[:i] + p.key[i + 1 :] for i in range(len(p.key)))
    return keys


def candidate_pairs(
    prepared: Sequence[Prepared], progress: Progress | None = None, workers: int = 1
) -> list[tuple[int, int, Evidence]]:
    """Every pair that shares a block and that `compare` accepts; never all pairs. With `workers` > 1 the
    blocks are shared out to forked processes (the command line's choice: never inside the web server)."""
    n = len(prepared)
    seen: set[int] = set()
    if workers > 1:
        pairs = _compared_in_parallel(prepared, seen, progress, workers)
    else:
        pairs = _compared_blocks(prepared, seen, progress)
    pairs.extend(unique_trade_pairs(prepared))
    for i, j in chain(abbreviation_candidates(prepared), part_candidates(prepared)):
        code = i * n + j if i < j else j * n + i
        if code in seen:
            continue
        seen.add(code)
        if not any(drawn_from_the_start(p, q) or drawn_from_the_rest(p, q) or (p.script == "part") != (q.script == "part")
                   for p in prepared[i].parses for q in prepared[j].parses):
            continue  # the block only says they start alike; the full comparison is for real candidates
        ev = compare(prepared[i], prepared[j])
        if ev is not None:
            pairs.append((min(i, j), max(i, j), ev))
    return pairs


def _compared_blocks(
    prepared: Sequence[Prepared], seen: set[int], progress: Progress | None, part: int = 0, parts: int = 1
) -> list[tuple[int, int, Evidence]]:
    pairs = []
    for i, j in block_pairs(prepared, _blocking_keys, seen, progress, part, parts):
        ev = compare(prepared[i], prepared[j])
        if ev is not None:
            pairs.append((i, j, ev))
    return pairs


def _compared_in_parallel(
    prepared: Sequence[Prepared], seen: set[int], progress: Progress | None, workers: int
) -> list[tuple[int, int, Evidence]]:
    """Part 0 here, the others in forked processes; a pair in blocks of two parts is compared by both and
    kept once (compare gives both the same evidence)."""
    def part(index: int) -> Callable[[], list[tuple[int, int, Evidence]]]:
        return lambda: _compared_blocks(prepared, set(), None, index, workers)

    found = in_forks(lambda: _compared_blocks(prepared, seen, progress, 0, workers), [part(k) for k in range(1, workers)])
    n = len(prepared)
    unique: dict[int, tuple[int, int, Evidence]] = {}
    for pairs in found:
        for i, j, ev in pairs:
            unique.setdefault(i * n + j, (i, j, ev))
    seen.update(unique)
    return list(unique.values())


@dataclass
class Resolution:
    labels: list[str]  # one per record: records with the same label are one organisation
    pairs: list[tuple[int, int, Evidence]]  # every pair compared with evidence (merged or not)
    aliases: dict[str, Alias]
    review: list[tuple[int, int, Evidence]] = field(default_factory=list)  # in the review band, most uncertain first
    merge_at: float = MERGE_AT

    def merged_pairs(self) -> list[tuple[int, int, Evidence]]:
        return [(i, j, ev) for i, j, ev in self.pairs if ev.score >= self.merge_at and self.labels[i] == self.labels[j]]


def resolve(
    records: Sequence[Record],
    confirmed: Iterable[tuple[str, str]] = (),
    progress: Progress | None = None,
    rejected: Iterable[tuple[str, str]] = (),
    merge_at: float = MERGE_AT,
    review_from: float = REVIEW_FROM,
    translate: bool = True,
    workers: int = 1,
) -> Resolution:
    """Cluster the records; pairs with evidence in [review_from, merge_at) are returned for review.

    Confirmed pairs (names known to be one organisation, e.g. from merges) teach brand aliases and merge
    the records that carry them; rejected pairs (names a reviewer said are two organisations) never merge."""
    confirmed, rejected = list(confirmed), list(rejected)
    prepared = prepare(records, progress, workers)
    aliases = learn_aliases(prepared, confirmed)
    apply_aliases(prepared, aliases)
    pairs = candidate_pairs(prepared, progress, workers)
    pairs.extend(taught_pairs(prepared, confirmed))
    pairs = drop_rejected(prepared, pairs, rejected)
    roots = cluster(prepared, pairs, merge_at)
    if translate:
        extra = drop_rejected(prepared, translated_pairs(prepared, roots), rejected)
        if extra:
            pairs.extend(extra)
            roots = cluster(prepared, pairs, merge_at)
    extra = drop_rejected(prepared, transliterated_pairs(prepared, roots), rejected)
    if extra:
        pairs.extend(extra)
        roots = cluster(prepared, pairs, merge_at)
    if translate:
        extra = drop_rejected(prepared, rendered_pairs(prepared, roots), rejected)
        if extra:
            pairs.extend(extra)
            roots = cluster(prepared, pairs, merge_at)
    labels = [records[root].id for root in roots]
    review_band = [(i, j, ev) for i, j, ev in pairs if review_from <= ev.score < merge_at and roots[i] != roots[j]]
    review_band.sort(key=lambda p: (abs(p[2].score - merge_at), p[0], p[1]))
    seen: set[tuple[str, str]] = set()
    review = []
    for i, j, ev in review_band:  # one pair per two clusters is enough to ask about
        key = (labels[i], labels[j]) if labels[i] < labels[j] else (labels[j], labels[i])
        if key not in seen:
            seen.add(key)
            review.append((i, j, ev))
    return Resolution(labels, pairs, aliases, review, merge_at)


class Index:
    """Existing records, indexed by blocking key, to match one incoming record at a time (imports)."""

    def __init__(self, aliases: dict[str, Alias] | None = None) -> None:
        self.items: list[Prepared] = []
        self.idents: list[object] = []
        self.keys: dict[str, list[int]] = {}
        self.aliases = aliases or {}

    def _prepare(self, record: Record) -> Prepared:
        item = prepare([record])[0]
        apply_aliases([item], self.aliases)
        return item

    @classmethod
    def build(cls, entries: Sequence[tuple[object, Record]], confirmed: Iterable[tuple[str, str]] = ()) -> Index:
        """An index of existing records, with the brand aliases their bilingual names and codes teach."""
        prepared = prepare([record for _ident, record in entries])
        aliases = learn_aliases(prepared, confirmed)
        apply_aliases(prepared, aliases)
        index = cls(aliases)
        for (ident, _record), item in zip(entries, prepared, strict=True):
            index._add(ident, item)
        return index

    def add(self, ident: object, record: Record) -> None:
        self._add(ident, self._prepare(record))

    def _add(self, ident: object, item: Prepared) -> None:
        position = len(self.items)
        self.items.append(item)
        self.idents.append(ident)
        for key in _blocking_keys(item):
            self.keys.setdefault(key, []).append(position)

    def match(self, record: Record) -> list[tuple[object, Evidence]]:
        """The indexed records that `compare` accepts, strongest evidence first."""
        item = self._prepare(record)
        seen: set[int] = set()
        found: list[tuple[object, Evidence]] = []
        for key in _blocking_keys(item):
            for position in self.keys.get(key, ()):
                if position in seen:
                    continue
                seen.add(position)
                evidence = compare(item, self.items[position])
                if evidence is not None:
                    found.append((self.idents[position], evidence))
        found.sort(key=lambda pair: -pair[1].score)
        return found
