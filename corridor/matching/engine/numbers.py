"""Specification agreement: do the figures of a need recur in an offer?

Two listings about the same thing in the same words differ, when they differ at all, in their figures:
a 12 kg robot is not a 36 kg one, a fund for CNY 200–500 million is not one for 14–35 billion. The
embedding hardly sees numbers and BM25 sees them only as strings ("300 million" and "3亿" share
nothing), so the figures are read here: magnitude words (万, 亿, k, million, billion) are applied,
ranges ("2–6 million", "2亿至5亿") are kept as intervals, and a need's figure agrees with an offer
when it equals one of the offer's figures or lies inside one of its ranges. Language-neutral.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

_MAGNITUDE = {"万": 1e4, "亿": 1e8, "k": 1e3, "thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6,
              "billion": 1e9, "bn": 1e9}
# A number, optionally followed by a magnitude word; "m" only counts when it cannot be metres.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万|亿|k(?![a-z])|thousand|million|mn|billion|bn)?",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|~|～|至|到|to)\s*$", re.IGNORECASE)
TOLERANCE = 0.02


@dataclass(frozen=True)
class Figure:
    low: float
    high: float

    def agrees(self, other: Figure) -> bool:
        """Equal within the tolerance, or one lies inside the other's range."""
        if self.low == self.high and other.low == other.high:
            return abs(self.low - other.low) <= TOLERANCE * max(abs(self.low), abs(other.low), 1e-9)
        return (self.low >= other.low * (1 - TOLERANCE) and self.high <= other.high * (1 + TOLERANCE)) or (
            other.low >= self.low * (1 - TOLERANCE) and other.high <= self.high * (1 + TOLERANCE)
        )


def _value(raw: str, magnitude: str | None) -> float:
    value = float(raw.replace(",", ""))
    return value * _MAGNITUDE[magnitude.lower()] if magnitude else value


def figures(text: str) -> list[Figure]:
    """The figures of a text, ranges as one interval; a magnitude after a range's end applies to both ends."""
    text = unicodedata.normalize("NFKC", text or "")
    found = list(_NUMBER.finditer(text))
    out: list[Figure] = []
    skip = False
    for position, match in enumerate(found):
        if skip:
            skip = False
            continue
        following = found[position + 1] if position + 1 < len(found) else None
        if following is not None and _RANGE_JOIN.match(text[match.end() : following.start()]):
            end_magnitude = following.group(2)
            low = _value(match.group(1), match.group(2) or end_magnitude)
            high = _value(following.group(1), end_magnitude)
            if low <= high:
                out.append(Figure(low, high))
                skip = True
                continue
        value = _value(match.group(1), match.group(2))
        out.append(Figure(value, value))
    return out


def agreement(need: list[Figure], offer: list[Figure]) -> float | None:
    """Share of the need's figures that the offer agrees with; None when either side states none."""
    if not need or not offer:
        return None
    hits = sum(1 for figure in need if any(figure.agrees(other) for other in offer))
    return hits / len(need)


def agree(low_a: np.ndarray, high_a: np.ndarray, low_b: np.ndarray, high_b: np.ndarray) -> np.ndarray:
    """`Figure(low_a, high_a).agrees(Figure(low_b, high_b))` elementwise (arrays broadcast)."""
    points = (low_a == high_a) & (low_b == high_b)
    exact = np.abs(low_a - low_b) <= TOLERANCE * np.maximum(np.maximum(np.abs(low_a), np.abs(low_b)), 1e-9)
    inside = ((low_a >= low_b * (1 - TOLERANCE)) & (high_a <= high_b * (1 + TOLERANCE))) | (
        (low_b >= low_a * (1 - TOLERANCE)) & (high_b <= high_a * (1 + TOLERANCE)))
    return np.where(points, exact, inside)


def agreements(need: list[Figure], lows: np.ndarray, highs: np.ndarray, owners: np.ndarray, count: int) -> np.ndarray:
    """`agreement(need, offer)` for `count` offers at once (0 where `need` is empty or an offer states none):
    offer `owners[j]` states the figure `lows[j]`–`highs[j]`. Same comparisons as `Figure.agrees`."""
    hits = np.zeros(count)
    if not need or not len(owners):
        return hits
    for figure in need:
        hits += np.bincount(owners[agree(np.full(len(lows), figure.low), np.full(len(lows), figure.high), lows, highs)],
                            minlength=count) > 0
    return hits / len(need)
