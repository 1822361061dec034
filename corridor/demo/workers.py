"""Work done in worker processes while the synthetic population loads.

Kept free of module-level Django model imports: a spawned worker unpickles these functions before
Django is set up.
"""

from __future__ import annotations

_setup_error: BaseException | None = None


def start() -> None:
    """Pool initializer. Never raises: a failing initializer makes a pool respawn workers forever,
    so the error is kept and raised by the first task instead, where the caller sees it."""
    global _setup_error
    try:
        import django

        django.setup()
    except BaseException as exc:
        _setup_error = exc


def haystacks(rows: list[tuple[str, str, str, str, str]]) -> list[tuple[str, str]]:
    """Search haystack and tokens for (name_zh, name_en, short_name, description_zh, description_en),
    as the organisation service builds them."""
    if _setup_error is not None:
        raise RuntimeError(f"worker could not set up Django: {_setup_error!r}")
    from corridor.orgs.models import Organisation
    from corridor.orgs.services import search_haystack, search_tokens

    orgs = [Organisation(name_zh=zh, name_en=en, short_name=short, description_zh=dzh, description_en=den)
            for zh, en, short, dzh, den in rows]
    return [(search_haystack(o), search_tokens(o)) for o in orgs]
