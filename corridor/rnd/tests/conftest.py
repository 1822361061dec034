import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are asserted in English; the pages' language comes from each request."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_index():
    """Each test's database starts empty: the engine's in-process corpus starts again too (it would skip
    stale rows by their keys anyway; this keeps a test from paying for earlier tests' projects)."""
    from corridor.rnd.services import INDEX

    INDEX.reset()
    yield
