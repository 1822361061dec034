import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are asserted in English; the pages' language comes from each request."""
    with translation.override("en"):
        yield
