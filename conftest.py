import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run there
# unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def world(db):
    from corridor.core.testing import build_world

    return build_world()
