"""The demo's synthetic docking market: 300+ listings in both languages on the six chains, flagged, idempotent."""

from __future__ import annotations

import re
from collections import Counter

from corridor.chains.testing import load_chains
from corridor.matching.market import load_market
from corridor.matching.models import Listing


def test_the_market_covers_six_chains_in_both_languages_and_loads_once(world) -> None:  # type: ignore[no-untyped-def]
    load_chains()
    created = load_market()
    listings = list(Listing.objects.filter(synthetic=True))
    assert created == len(listings) >= 300
    chains = Counter(seg.split("/")[0] for listing in listings for seg in listing.segments)
    assert len(chains) == 6 and min(chains.values()) >= 40, chains
    chinese = [x for x in listings if re.search(r"[\u4e00-\u9fff]", x.text)]
    assert 0.3 < len(chinese) / len(listings) < 0.7
    assert {x.side for x in listings} == {"need", "offer"}
    assert {x.category for x in listings} == set(Listing.Category.values)
    assert load_market() == 0 and Listing.objects.filter(synthetic=True).count() == len(listings)
