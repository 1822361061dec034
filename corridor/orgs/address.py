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
