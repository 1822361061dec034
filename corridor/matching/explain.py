"""Why a counterpart is suggested, in words of the page's language: the engine's parts become phrases.

The figures stay in the engine's explanation (API, tests); a person reads "very close in meaning; both
mention 减速器 (reducer)" rather than "semantic 0.71". A shared concept of the bilingual lexicon is
shown in both languages, the page's first, so a Chinese reader of an English offer sees why it matched.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from corridor.matching.engine import lexicon
from corridor.matching.engine.matcher import Explanation
from corridor.orgs.search_text import fold

HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str]]:
    """Every form of every concept (folded) → the concept's (English, Chinese) names."""
    names: dict[str, tuple[str, str]] = {}
    for line in lexicon.LEXICON.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, _tab, chinese = line.partition("\t")
        en_forms = [f.strip() for f in english.split("|") if f.strip()]
        zh_forms = [f.strip() for f in chinese.split("|") if f.strip()]
        if not en_forms or not zh_forms:
            continue
        for form in en_forms + zh_forms:
            names.setdefault(fold(form), (en_forms[0], zh_forms[0]))
    return names


def shared_terms(terms: list[str], chinese_page: bool, limit: int = 6) -> list[str]:
    """The terms as a reader of the page sees them: a lexicon concept in both languages, once."""
    shown: list[str] = []
    seen: set[str] = set()
    for term in terms:
        pair = _names().get(fold(term))
        if pair:
            key = pair[0]
            text = f"{pair[1]} ({pair[0]})" if chinese_page else f"{pair[0]} ({pair[1]})"
        else:
            key = text = term
        if key in seen or (not pair and len(term) < 2):
            continue
        seen.add(key)
        shown.append(text)
    return shown[:limit]


def strength(score: float) -> str:
    if score >= 0.8:
        return _("Strong match")
    if score >= 0.5:
        return _("Good match")
    return _("Possible match")


def reasons(explanation: Explanation, segment_names: list[str], supplying_names: list[str],
            need_category: str, offer_category: str) -> list[str]:
    """Phrases, most telling first."""
    chinese_page = (get_language() or "").startswith("zh")
    out: list[str] = []
    if explanation.semantic >= 0.6:
        out.append(_("very close in meaning"))
    elif explanation.semantic >= 0.4:
        out.append(_("close in meaning"))
    elif explanation.semantic >= 0.25:
        out.append(_("related in meaning"))
    terms = shared_terms(explanation.shared_terms, chinese_page)
    if terms:
        out.append(_("both mention %(terms)s") % {"terms": "、".join(terms) if chinese_page else ", ".join(terms)})
    if explanation.figures is not None and explanation.figures >= 0.5:
        out.append(_("the figures agree"))
    if segment_names:
        out.append(_("same chain segment: %(segments)s") % {"segments": ", ".join(segment_names)})
    if supplying_names:
        out.append(_("supplies what the need is about: %(segments)s") % {"segments": ", ".join(supplying_names)})
    if explanation.shared_regions:
        out.append(_("in the same region"))
    if explanation.category < 0:
        out.append(_("filed under another category (%(offer)s, not %(need)s): check it fits")
                   % {"offer": offer_category, "need": need_category})
    elif explanation.category < 1:
        out.append(_("a related category (%(offer)s)") % {"offer": offer_category})
    else:
        out.append(_("the same category"))
    return out


def sentence(reasons_: list[str]) -> str:
    """The phrases joined as the page's language punctuates a list."""
    if (get_language() or "").startswith("zh"):
        return "；".join(reasons_)
    return "; ".join(reasons_)
