import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages(settings):
    """Service messages are asserted in English; a request without Accept-Language is in English too
    (a request leaves its language active in the thread)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
