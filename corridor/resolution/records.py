"""The plain data entity resolution works on: records, evidence, learned aliases, prepared records."""

from __future__ import annotations

from dataclasses import dataclass

from corridor.resolution.lexicon import Place
from corridor.resolution.names import ParsedName


@dataclass(frozen=True)
class Record:
    id: str
    name: str
    address: str = ""
    uscc: str = ""
    other_names: tuple[str, ...] = ()  # English name, short name, aliases: the same organisation's other names


@dataclass(frozen=True)
class Evidence:
    score: float
    reason: str  # uscc | same-name | trade-name | cross-script | alias | homophone | typo


@dataclass(frozen=True)
class Alias:
    """A latin trade name learned to mean a Chinese one (`hikrobot` → 海康 + robot)."""

    key: str
    trade: str
    concepts: frozenset[str]


@dataclass
class Prepared:
    record: Record
    uscc: str | None
    parses: list[ParsedName]
    address_place: Place | None
    address_key: str = ""  # the address folded, without spaces and punctuation ("" when too short to tell)
    # Facts of the record alone, found once in `prepare` rather than again for every pair it is compared in.
    acronym: str | None = None  # the name itself when it is an acronym (USTC)
    institution: bool = False  # some name parses as a university or institute


def _compatible_concepts(a: frozenset[str], b: frozenset[str], across_languages: bool = False) -> bool:
    """One name's industries within the other's; across languages, sharing one is enough (a translation
    names industries loosely: 泰胜风能集团 is Taisheng Wind Power Equipment)."""
    if not a or not b or a <= b or b <= a:
        return True
    if not across_languages:
        return False
    a, b = a - ORGANISATIONAL, b - ORGANISATIONAL  # "Holdings" is said in one language and not the other
    return not a or not b or bool(a & b)


ORGANISATIONAL = frozenset({"group"})


def _registered(p: ParsedName) -> bool:
    """A full company name with its legal form (not a short name, not an institute's name)."""
    return p.kind in ("company", "branch")
