"""Ballot arithmetic (no Django): who counts, and whether a ballot passes.

Positions: yes, yes with comments, no (with reasons), abstain. Seats held by drafting organisations do not
vote on the technical review. A ballot passes when the yes positions are at least `share` of those voting
(yes + yes with comments + no; abstentions and seats that did not vote are not "voting"), and at least
one seat voted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

YES = "yes"
YES_COMMENTS = "yes_comments"
NO = "no"
ABSTAIN = "abstain"
POSITIONS = (YES, YES_COMMENTS, NO, ABSTAIN)


@dataclass(frozen=True)
class Tally:
    eligible: int
    yes: int
    yes_comments: int
    no: int
    abstain: int
    not_voted: int
    share: Fraction

    @property
    def voting(self) -> int:
        return self.yes + self.yes_comments + self.no

    @property
    def in_favour(self) -> int:
        return self.yes + self.yes_comments

    @property
    def passes(self) -> bool:
        return self.voting > 0 and Fraction(self.in_favour, self.voting) >= self.share

    @property
    def percent_in_favour(self) -> int:
        return round(100 * self.in_favour / self.voting) if self.voting else 0


def as_share(value: Decimal | float | str | Fraction) -> Fraction:
    share = Fraction(str(value)) if not isinstance(value, Fraction) else value
    if not 0 < share <= 1:
        raise ValueError("a share is above 0 and at most 1")
    return share


def tally(positions: dict[int, str], seats: Iterable[tuple[int, int | None]], excluded_orgs: Iterable[int] = (),
          share: Decimal | float | str | Fraction = Fraction(3, 4)) -> Tally:
    """`positions`: seat id → position; `seats`: (seat id, organisation id) of the committee;
    seats of `excluded_orgs` (the drafters) are neither eligible nor counted."""
    excluded = set(excluded_orgs)
    eligible = [seat for seat, org in seats if org is None or org not in excluded]
    counts = dict.fromkeys(POSITIONS, 0)
    for seat in eligible:
        position = positions.get(seat)
        if position in counts:
            counts[position] += 1
    cast = sum(counts.values())
    return Tally(len(eligible), counts[YES], counts[YES_COMMENTS], counts[NO], counts[ABSTAIN], len(eligible) - cast,
                 as_share(share))
