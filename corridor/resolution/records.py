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
