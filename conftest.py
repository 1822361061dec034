import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run there
# unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def world(db):
    from corridor.core.testing import build_world

    return build_world()


@pytest.fixture(autouse=True)
def fresh_rnd_index():
    """Each test's database starts empty (rolled back; SQLite then reuses the ids): the R&D engine's
    in-process corpus starts again too, or an earlier test's projects answer under a later test's ids."""
    from corridor.rnd.services import INDEX

    INDEX.reset()
    yield
