import pytest


@pytest.fixture(autouse=True)
def fresh_figures():
    """Kept figures are keyed by role grants and ids, which repeat from one test's database to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
