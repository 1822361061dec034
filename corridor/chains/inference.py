"""Which chain segments an organisation is on, read from its names and descriptions. No Django.

The question is not "does the text mention the chain" but "does the organisation make something of
the chain": a car maker mentions robots because it buys them, a robot maker mentions cars because it
sells to them. So the text is read in spans:

- a description is cut into clauses (。，；…) and list items (、); product lists are lists of items;
- markers set what the following words are: a customer span ("产品主要应用于汽车焊装", "mainly for
  automotive welding") names who buys and is skipped; a use span ("采购伺服电机", "uses industrial
  robots") gives the role `uses`; a production verb ("生产", "makes") or "的" ("用于汽车的减速器")
  returns to what the organisation makes. A marker opening a list item carries over the following
  items ("主要用于汽车、家电、3C"); one inside a product's name ("授权使用费") does not;
- goods named before a service word ("乘用车运输业务", "药品包装印刷", "汽车租赁") are what is carried,
  packed or leased: a customer span too, unless the whole phrase is a chain's own word ("医药物流");
- an item that names an industry ("药业", "汽车制造业", "医疗健康业分部": the segment report of a
  diversified group) is a line of business, not a product: its keywords count as generic words;
- some segments of a template are where the chain's products are *used* (robots in car plants, new
  materials in aircraft): an organisation found there is a customer, so its role is `uses` (segment
  `role: uses` in the template), never `produces`.

Words per chain, all in the template YAML, bilingual:
- keywords: specific products of a segment ("谐波减速器", "IGBT") — one is good evidence;
- hints: generic words ("生物", "新材料", "锂") — weak alone, they count with other evidence;
- exclusions: phrases that contain a word but mean something else ("生物质", "汽车客运"); the longest
  match wins, so an exclusion swallows the word inside it;
- counter-words ("饲料", "银行"): evidence the organisation is in another trade, lowering confidence;
- a word one chain has as a keyword and another as a generic word ("前驱体", "碳纳米管") goes to the
  chain the organisation's other keywords name (a cathode maker's precursor is a battery material); a
  keyword of both chains (electronic chemicals) names both.

Confidence is a logistic function of the evidence (name keyword, name hint, description items with
keywords or hints, whether a keyword is among the first items — product lists come biggest first —,
other segments of the chain hit, counter-words, words of other chains) whose
weights were fitted on half of a development set of real listed companies (bench/chain_tagging.py
--fit) and checked on the other half (its reliability table: a tag of confidence p is right roughly p
of the time, a little more often at the top).
Matching folds width and case; ASCII ends of a word match at word boundaries only ("AGV" not in
"AGVX"), Chinese matches anywhere (no spaces).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

PRODUCES, USES = "produces", "uses"
_CUSTOMER = "customer"  # a span naming who buys: no evidence of what the organisation makes
MIN_CONFIDENCE = 0.6  # chosen on the tune half (bench/chain_tagging.py): the best precision/recall there

# Logistic weights of the evidence (see the module docstring); fitted by bench/chain_tagging.py --fit.
WEIGHTS: dict[str, float] = {
    "bias": 0.17, "name_keyword": 1.64, "name_hint": 0.33, "items_keyword": 0.21, "items_hint": 0.0,
    "lead_keyword": 1.08, "chain_support": 0.18, "against": -1.59, "share": 0.35, "elsewhere": -0.82,
    "lead_against": -0.93,
}

# Applied after folding, which turns full-width ，；：！？ into their ASCII forms.
_CLAUSE_SPLIT = re.compile(r"[,;:!?。\n()\[\]（）]|\.(?:\s|$)")
_ITEM_SPLIT = re.compile(r"、")
_MARKERS: dict[str, str] = {}
for _word in ("应用于", "用于", "适用于", "服务于", "面向", "供应给", "销往", "客户包括", "客户为", "主要客户",
              "下游客户", "下游应用", "广泛应用", "mainly for", "used in", "used for", "for use in", "applied in",
              "applied to", "serving", "customers in", "customers include", "sold to", "for customers"):
    _MARKERS[_word] = _CUSTOMER
for _word in ("采购", "使用", "采用", "引进", "购置", "购买", "部署", "租用", "buys", "buy", "buying", "purchases",
              "purchase", "sources", "uses", "use", "using", "deploys", "deploy", "operates", "relies on"):
    _MARKERS[_word] = USES
for _word in ("生产", "制造", "研发", "研制", "从事", "主营", "开发", "销售", "提供", "专注于", "经营", "出品",
              "makes", "make", "manufactures", "manufacture", "produces", "produce", "develops", "develop",
              "designs", "design", "sells", "sell", "supplies", "supply", "provides", "provide", "offers", "builds",
              "build"):
    _MARKERS[_word] = PRODUCES
# "为整车厂提供焊装线": "为" names the customer when a supplying verb follows in the same clause.
_MARKERS["为"] = _CUSTOMER
_MARKERS["for"] = _CUSTOMER  # "batteries for electric vehicles"
_MARKER_RE = re.compile(
    "|".join(
        (rf"(?<![a-z]){re.escape(w)}(?![a-z])" if w.isascii() else re.escape(w))
        for w in sorted(_MARKERS, key=len, reverse=True) if w != "为"
    ) + "|为(?=[^,;:!?。]{1,16}?(?:提供|供应|供货|配套|服务))|的"
)
_CARRY_WITHIN = 4  # a marker this close to an item's start opens a list ("主要用于汽车、家电")
# A service done on goods: "乘用车运输业务", "医药包装", "汽车租赁". The goods named before the service
# are what is carried, packed or leased (the chain is the customer), not what the organisation makes.
_SERVICE_RE = re.compile(r"运输|物流|仓储|包装(?!膜)|印刷|租赁|广告|transport|logistics|warehousing|packaging|"
                         r"printing|leasing|rental|advertising")
# A list item that names an industry rather than a product: "药业", "汽车制造业", "医疗健康业", "医药制造业
# 分部" (segment reports of diversified groups). Its chain words count as generic words only. A division
# named by a product ("原料药分部", "血液制品分部") is a product line and keeps its keywords.
_LINE_OF_BUSINESS_RE = re.compile(r"(?:业|industry|sector)(?:分部|板块|segment|division)?$")

KEYWORD, HINT, EXCLUDED = "keyword", "hint", "excluded"


@dataclass(frozen=True)
class SegmentWords:
    chain: str
    segment: str
    keywords_zh: tuple[str, ...]
    keywords_en: tuple[str, ...]
    role: str = PRODUCES  # USES: organisations found here are the chain's customers
    hints_zh: tuple[str, ...] = ()
    hints_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChainWords:
    """Chain-wide words: phrases that are not the chain's words, and words of other trades."""

    chain: str
    exclude_zh: tuple[str, ...] = ()
    exclude_en: tuple[str, ...] = ()
    against_zh: tuple[str, ...] = ()
    against_en: tuple[str, ...] = ()


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
    evidence: tuple[str, ...]  # the words that hit


@dataclass
class _Evidence:
    name_keyword: bool = False
    name_hints: set[tuple[str, str]] = field(default_factory=set)  # (language of the name, word)
    keyword_items: set[int] = field(default_factory=set)
    hint_items: set[int] = field(default_factory=set)
    words: set[str] = field(default_factory=set)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold()


def _ending(last: str) -> str:
    # An ASCII word ends at a word boundary and may take a plural ("servo motor" finds "servo motors").
    return r"(?:s|es)?(?![a-z0-9])" if last.isascii() and last.isalnum() else ""


def _plural_y(word: str) -> str | None:
    """battery → batteries (the regular -s/-es plurals are in the pattern's ending)."""
    if word.isascii() and word.endswith("y") and len(word) > 3 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return None


def _trie(words: Iterable[str]) -> str:
    """One regex for many words, as a trie: Python's re tries the alternatives of a flat alternation one
    by one at every position; a trie shares their prefixes. Longer words are preferred (a node's
    children come before its end), so an exclusion swallows the keyword it contains."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any], last: str, depth: int) -> str:
        alternatives = []
        for ch in sorted(k for k in node if k):
            left = r"(?<![a-z0-9])" if depth == 0 and ch.isascii() and ch.isalnum() else ""
            alternatives.append(left + re.escape(ch) + build(node[ch], ch, depth + 1))
        if "" in node:
            alternatives.append(_ending(last))
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    return build(root, "", 0) if root else ""


# -- text into spans ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    text: str
    role: str  # PRODUCES, USES or the internal customer mode
    item: int  # position of the list item or clause it comes from (0 = first)
    line_of_business: bool = False  # the item names an industry, not a product: keywords count as hints


# The goods a service word is done on: the few Chinese characters right before it (not across 及/和/与/的/并),
# or the one or two English words before it. The rest of the item is read as usual.
_GOODS_BEFORE = re.compile(r"(?:(?:(?![及和与的并])[\u3400-\u9fff]){1,6}|(?:[a-z0-9-]+\s+){1,2})$")


def _goods_of_service(item: str, keep: re.Pattern[str] | None) -> tuple[int, int] | None:
    """(start, end) of the goods before a service word in the item, unless the whole phrase is a chain's
    own word: "医药物流" (pharmaceutical distribution) or "chip packaging" are what the chain makes."""
    for service in _SERVICE_RE.finditer(item):
        if service.start() == 0:
            return None
        if keep is not None and any(k.start() <= service.start() < k.end() for k in keep.finditer(item)):
            continue
        goods = _GOODS_BEFORE.search(item, 0, service.start())
        return (goods.start(), service.start()) if goods else None
    return None


def spans(text: str, keep: re.Pattern[str] | None = None) -> list[Span]:
    """The description cut into items, each part labelled with what it says about the organisation.
    `keep`: the chains' own words that contain a service word (never split)."""
    out: list[Span] = []
    index = 0
    for clause in _CLAUSE_SPLIT.split(fold(text)):
        carry = PRODUCES
        for item in _ITEM_SPLIT.split(clause):
            item = item.strip()
            if not item:
                continue
            spans_before = len(out)
            goods = _goods_of_service(item, keep)
            if goods is not None:
                out.append(Span(item[goods[0]:goods[1]], _CUSTOMER, index))
                item = item[:goods[0]] + " " + item[goods[1]:]
            mode, start, opened = carry, 0, None
            for m in _MARKER_RE.finditer(item):
                word = m.group()
                new = PRODUCES if word == "的" else _MARKERS[word]
                if new == PRODUCES and mode == PRODUCES:
                    continue  # nothing changes, and "芯片制造" stays one phrase
                if m.start() > start:
                    out.append(Span(item[start:m.start()], mode, index))
                mode, start = new, m.end()
                # The marker opens a list when it starts the item and has an object after it.
                opened = new if m.start() <= _CARRY_WITHIN and len(item) - m.end() >= 2 and word != "的" else None
            if start < len(item):
                out.append(Span(item[start:], mode, index))
            if _LINE_OF_BUSINESS_RE.search(item):
                out[spans_before:] = [Span(p.text, p.role, p.item, True) for p in out[spans_before:]]
            if opened is not None:
                carry = opened
            index += 1
    return out


# -- matching -------------------------------------------------------------------------------------


class _ChainPatterns:
    """One alternation per chain, longest words first: an exclusion swallows the keyword inside it."""

    def __init__(self, words: dict[str, list[tuple[int, str]]], against: Sequence[str]) -> None:
        self.words = dict(words)  # folded word → [(segment index or -1 for an exclusion, tier)]
        for w, entries in words.items():
            plural = _plural_y(w)
            if plural and plural not in self.words:
                self.words[plural] = entries
        self.pattern = re.compile(_trie(self.words)) if self.words else None
        folded_against = {fold(w) for w in against if w}
        self.against = re.compile(_trie(folded_against)) if folded_against else None

    def hits(self, text: str) -> Iterable[tuple[str, list[tuple[int, str]]]]:
        if self.pattern is None:
            return
        for m in self.pattern.finditer(text):
            found = m.group()
            entries = self.words.get(found)
            if entries is None:  # an English plural
                for suffix in ("es", "s"):
                    if found.endswith(suffix) and found[: -len(suffix)] in self.words:
                        found = found[: -len(suffix)]
                        entries = self.words[found]
                        break
            if entries:
                yield found, entries


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def features(ev: _Evidence, chain_segments_hit: int, against: int, share: float, chain_units: int,
             elsewhere: int, lead_against: bool) -> dict[str, float]:
    """The evidence of one (segment, role) as the numbers the confidence weighs.

    Counter-words count by how far they outnumber the parts of the text that name the chain (a drug
    maker with a hotel on the side stays a drug maker); `elsewhere` counts the parts of the text that
    name another chain's products where this one has no keyword (a "材料" name whose products are all
    implants); `lead_against` is a counter-word in the first two items while no keyword of the chain is
    there (the main business is another trade)."""
    return {
        "name_keyword": float(ev.name_keyword),
        # Distinct generic words in one of the names (the English name repeats the Chinese one).
        "name_hint": 0.0 if ev.name_keyword else math.log1p(min(max(
            sum(1 for lang, _ in ev.name_hints if lang == "zh"), sum(1 for lang, _ in ev.name_hints if lang == "en")
        ), 3)) / math.log(2),
        "items_keyword": math.log1p(min(len(ev.keyword_items), 4)),
        "items_hint": math.log1p(min(len(ev.hint_items - ev.keyword_items), 4)),
        "lead_keyword": float(any(i < 3 for i in ev.keyword_items)),
        "chain_support": float(min(chain_segments_hit, 2)),
        "against": max(0.0, math.log1p(min(against, 4)) - math.log1p(chain_units)),
        "elsewhere": math.log1p(min(elsewhere, 4)),
        "lead_against": float(lead_against),
        "share": share,
    }


def confidence(feats: dict[str, float], weights: dict[str, float] | None = None) -> float:
    w = WEIGHTS if weights is None else weights
    return _sigmoid(w["bias"] + sum(w.get(k, 0.0) * v for k, v in feats.items()))


class Matcher:
    """Compiled words of many segments (build once, match many organisations)."""

    def __init__(self, segments: Iterable[SegmentWords], chains: Iterable[ChainWords] = ()) -> None:
        self.segments: list[SegmentWords] = list(segments)
        chain_words = {c.chain: c for c in chains}
        by_chain: dict[str, dict[str, list[tuple[int, str]]]] = {}
        for i, s in enumerate(self.segments):
            words = by_chain.setdefault(s.chain, {})
            for tier, group in ((KEYWORD, s.keywords_zh + s.keywords_en), (HINT, s.hints_zh + s.hints_en)):
                for w in group:
                    if w.strip():
                        words.setdefault(fold(w), []).append((i, tier))
        self.chains: dict[str, _ChainPatterns] = {}
        for slug, words in by_chain.items():
            extra = chain_words.get(slug, ChainWords(slug))
            for w in extra.exclude_zh + extra.exclude_en:
                if w.strip() and fold(w) not in words:
                    words[fold(w)] = [(-1, EXCLUDED)]
            self.chains[slug] = _ChainPatterns(words, extra.against_zh + extra.against_en)
        # A word one chain takes as a keyword and another as a generic word ("前驱体": a ceramic's or a
        # cathode's; "碳纳米管"): which chain it names is read from the organisation's other words (see
        # explain). A keyword of both (electronic chemicals, a segment of both) names both.
        tiers: dict[str, dict[str, set[str]]] = {}
        for slug, words in by_chain.items():
            for w, entries in words.items():
                for i, tier in entries:
                    if i >= 0:
                        tiers.setdefault(w, {}).setdefault(slug, set()).add(tier)
        service_words = {w for words in by_chain.values() for w, entries in words.items()
                         if _SERVICE_RE.search(w) and any(i >= 0 for i, _ in entries)}
        self.keep = re.compile(_trie(service_words)) if service_words else None
        self.shared: dict[str, frozenset[str]] = {
            w: frozenset(by) for w, by in tiers.items()
            if len(by) > 1 and not all(KEYWORD in t for t in by.values())
        }

    def infer(self, org: OrgText, *, min_confidence: float = MIN_CONFIDENCE) -> list[Inferred]:
        return [hit for hit, _ in self.explain(org) if hit.confidence >= min_confidence]

    def explain(self, org: OrgText) -> list[tuple[Inferred, dict[str, float]]]:
        """Every candidate (segment, role) with its confidence and the features behind it."""
        name_zh, name_en = fold(org.name_zh), fold(org.name_en)
        parts = [p for p in spans(org.description_zh, self.keep) + spans(org.description_en, self.keep)
                 if p.role != _CUSTOMER]
        items = max((p.item for p in parts), default=-1) + 1
        texts = [(-1, "zh", PRODUCES, name_zh, False), (-1, "en", PRODUCES, name_en, False)]
        texts += [(p.item, "", p.role, p.text, p.line_of_business) for p in parts]
        # Per chain: the evidence per (segment, role), and which parts of the text (-1 = the name, else
        # the item) name the chain at all / with a keyword of a segment it produces.
        found_in: dict[str, dict[tuple[int, str], _Evidence]] = {}
        any_units: dict[str, set[int]] = {}
        keyword_units: dict[str, set[int]] = {}
        own_keyword: set[str] = set()  # chains named by a keyword no other chain claims
        claimed_by: dict[str, set[str]] = {}  # chain → the other chains its shared words belong to
        for slug, patterns in self.chains.items():
            evidence: dict[tuple[int, str], _Evidence] = {}
            for unit, language, role, text, line_of_business in texts:
                for word, entries in patterns.hits(text):
                    for i, tier in entries:
                        if i < 0:
                            continue
                        # A line of business names the chain as one trade of the group: it still counts
                        # against counter-words (below), but as a product it is a generic word only.
                        named_by_keyword = tier == KEYWORD
                        if line_of_business:
                            tier = HINT
                        ev = evidence.setdefault((i, role), _Evidence())
                        ev.words.add(word)
                        if unit < 0:
                            if tier == KEYWORD:
                                ev.name_keyword = True
                            else:
                                ev.name_hints.add((language, word))
                        else:
                            (ev.keyword_items if tier == KEYWORD else ev.hint_items).add(unit)
                        # What the organisation makes of the chain (an application segment is not).
                        if role == PRODUCES and self.segments[i].role == PRODUCES:
                            any_units.setdefault(slug, set()).add(unit)
                            if named_by_keyword:
                                keyword_units.setdefault(slug, set()).add(unit)
                            if tier == KEYWORD:
                                if word in self.shared:
                                    claimed_by.setdefault(slug, set()).update(self.shared[word] - {slug})
                                else:
                                    own_keyword.add(slug)
            if evidence:
                found_in[slug] = evidence
        out: list[tuple[Inferred, dict[str, float]]] = []
        for slug, evidence in found_in.items():
            # Its only keywords are another chain's words too, and that chain has keywords of its own here:
            # the shared words are that chain's (a cathode maker's "前驱体"); what it uses still counts.
            claimed = slug not in own_keyword and bool(claimed_by.get(slug, set()) & own_keyword)
            patterns = self.chains[slug]
            against_units: set[int] = set()
            if patterns.against is not None:
                against_units = {unit for unit, _, _, text, _ in texts if text and patterns.against.search(text)}
            mine = keyword_units.get(slug, set())
            share = len(any_units.get(slug, set()) - {-1}) / items if items else 0.0
            elsewhere = len({u for other, units in keyword_units.items() if other != slug for u in units} - mine)
            lead_against = bool(against_units & {0, 1}) and not mine & {0, 1}
            with_keywords = {i for (i, role), ev in evidence.items() if role == PRODUCES
                             and self.segments[i].role == PRODUCES and (ev.name_keyword or ev.keyword_items)}
            for (i, role), ev in evidence.items():
                s = self.segments[i]
                # Counter-words weigh against a chain unless its own keywords outnumber them.
                feats = features(ev, len(with_keywords - {i}), len(against_units), share, len(mine), elsewhere,
                                 lead_against)
                final_role = USES if s.role == USES else role
                if claimed and final_role == PRODUCES:
                    continue
                hit = Inferred(s.chain, s.segment, final_role, round(confidence(feats), 3), tuple(sorted(ev.words)))
                out.append((hit, feats))
        return _best_per_role(out)


def _best_per_role(found: list[tuple[Inferred, dict[str, float]]]) -> list[tuple[Inferred, dict[str, float]]]:
    """One result per (chain, segment, role): an application segment's produce and use evidence merge."""
    best: dict[tuple[str, str, str], tuple[Inferred, dict[str, float]]] = {}
    for hit, feats in found:
        key = (hit.chain, hit.segment, hit.role)
        if key not in best or hit.confidence > best[key][0].confidence:
            best[key] = (hit, feats)
    return list(best.values())


def infer(segments: Sequence[SegmentWords], org: OrgText, *, min_confidence: float = MIN_CONFIDENCE,
          chains: Iterable[ChainWords] = ()) -> list[Inferred]:
    """One-off inference (build a Matcher to run many organisations)."""
    return Matcher(segments, chains).infer(org, min_confidence=min_confidence)
