"""Region from a Chinese address, using cpca's GB/T 2260 data. Plain module, no Django."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def region_code_from_address(address: str) -> str | None:
    """The most specific 6-digit administrative code found in the address, or None."""
    text = (address or "").strip()
    if not text:
        return None
    import cpca  # imported late: it loads pandas and its tables (~0.5 s)

    frame = cpca.transform([text])
    code = frame.iloc[0]["adcode"]
    if code is None or (isinstance(code, float)) or not str(code).strip():
        return None
    return str(code)[:6]


def region_codes_from_addresses(addresses: list[str]) -> list[str | None]:
    """`region_code_from_address` for many addresses: one cpca call for those not seen yet (imports)."""
    texts = [(a or "").strip() for a in addresses]
    unseen = [t for t in dict.fromkeys(texts) if t and t not in _batch_cache]
    if unseen:
        import cpca

        frame = cpca.transform(unseen)
        for text, code in zip(unseen, frame["adcode"], strict=True):
            _batch_cache[text] = None if code is None or isinstance(code, float) or not str(code).strip() else str(code)[:6]
        if len(_batch_cache) > 200_000:  # addresses rarely repeat across a file: keep memory bounded
            _batch_cache.clear()
    return [_batch_cache.get(t) if t else None for t in texts]


_batch_cache: dict[str, str | None] = {}
