import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages(settings):
    """Service messages are asserted in English; a request without Accept-Language is in English too
    (a request leaves its language active in the thread)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_index():
    """Each test's database starts empty: the engine's in-process corpus starts again too (it would skip
    stale rows by their keys anyway; this keeps a test from paying for earlier tests' projects)."""
    from corridor.rnd.services import INDEX

    INDEX.reset()
    yield
